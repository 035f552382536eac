"""The one outbox: every e-mail is stored with its cause and sent after commit.

Feature apps call ``outbox_enqueue`` (one recipient) or ``outbox_enqueue_many`` (a
mailing). Both are idempotent per (kind, address, object key) and honour opt-outs.

- ``queueing``: storing mail (a mailing is rendered once per language);
- ``bulk``: a mailing's rows by COPY, its keyed hashes with the key derived once;
- ``merging``: the placeholders for each recipient's name and personal links;
- ``sealing``: encrypted bodies for mail that must carry a secret (login codes);
- ``mime``: the MIME bytes of a mailing, built once and filled in per message;
- ``sending``: claims, leases and batches;
- ``pruning``: retention and forgetting;
- ``preferences``: opt-outs and the unsubscribe link.
"""

from members.services.outbox.merging import PersonalLink
from members.services.outbox.mime import message_id_for
from members.services.outbox.preferences import (
    UNSUBSCRIBE_PURPOSE,
    mail_is_optional,
    mail_is_wanted,
    mail_opt_in,
    mail_opt_out,
    member_from_unsubscribe_token,
    unsubscribe_url,
)
from members.services.outbox.pruning import (
    outbox_delete_unused_contents,
    outbox_forget,
    outbox_prune,
)
from members.services.outbox.queueing import (
    Attachment,
    dedup_key_for,
    outbox_enqueue,
    outbox_enqueue_many,
    outbox_requeue_failed,
    outbox_store_rendered,
    render_message,
)
from members.services.outbox.sending import (
    MAX_ATTEMPTS,
    outbox_release_stale,
    outbox_send,
    outbox_send_ready,
)

__all__ = [
    "MAX_ATTEMPTS",
    "UNSUBSCRIBE_PURPOSE",
    "Attachment",
    "PersonalLink",
    "dedup_key_for",
    "mail_is_optional",
    "mail_is_wanted",
    "mail_opt_in",
    "mail_opt_out",
    "member_from_unsubscribe_token",
    "message_id_for",
    "outbox_delete_unused_contents",
    "outbox_enqueue",
    "outbox_enqueue_many",
    "outbox_forget",
    "outbox_prune",
    "outbox_release_stale",
    "outbox_requeue_failed",
    "outbox_send",
    "outbox_send_ready",
    "outbox_store_rendered",
    "render_message",
    "unsubscribe_url",
]
