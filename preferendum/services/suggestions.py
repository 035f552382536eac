"""Members suggest statements; admins merge duplicates or turn one into a statement."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from members.models import Member
from preferendum.models import Suggestion
from preferendum.services.notifications import suggestion_notify
from preferendum.services.rounds import statement_draft_from_origin

Status = Suggestion.Status


@transaction.atomic
def suggestion_create(*, member: Member, text: str, why: str = "") -> Suggestion:
    suggestion = Suggestion(member=member, text=text.strip(), why=why.strip())
    suggestion.full_clean()
    suggestion.save()
    return suggestion


def _require_new(suggestion: Suggestion) -> None:
    if suggestion.status != Status.NEW:
        raise ValidationError(_("Deze suggestie is al afgehandeld."))


@transaction.atomic
def suggestion_merge(*, suggestion: Suggestion, into: Suggestion) -> Suggestion:
    """Mark a duplicate; its author hears that it lives on in the other suggestion."""
    _require_new(suggestion)
    if into.pk == suggestion.pk or into.status == Status.MERGED:
        raise ValidationError(_("Kies een andere, niet samengevoegde suggestie."))
    suggestion.status, suggestion.merged_into = Status.MERGED, into
    suggestion.save(update_fields=["status", "merged_into"])
    suggestion_notify(suggestion=suggestion)
    return suggestion


@transaction.atomic
def suggestion_accept(*, suggestion: Suggestion, text: str = "") -> Suggestion:
    """Turn the suggestion into a draft statement; its author and its duplicates' hear it."""
    _require_new(suggestion)
    suggestion.statement = statement_draft_from_origin(
        text=text or suggestion.text,
        explanation=suggestion.why,
        origin_kind="suggestion",
        origin_id=suggestion.pk,
        origin_label=_("Voorgesteld door een lid"),
    )
    suggestion.status = Status.ACCEPTED
    suggestion.save(update_fields=["statement", "status"])
    for author_of in [suggestion, *suggestion.duplicates.select_related("member")]:
        suggestion_notify(suggestion=author_of)
    return suggestion


@transaction.atomic
def suggestion_decline(*, suggestion: Suggestion) -> Suggestion:
    _require_new(suggestion)
    suggestion.status = Status.DECLINED
    suggestion.save(update_fields=["status"])
    suggestion_notify(suggestion=suggestion)
    return suggestion
