"""Writes of the public side: admins' page choices and the monthly digest."""

from datetime import date

from django.conf import settings
from django.utils import timezone

from ledendemocratie.public.models import Digest, PublicPageChoice
from ledendemocratie.public.selectors import digest_content, public_url
from members.models import MailKind, Member, MemberKind, MemberStatus
from members.services.mailings import mailing_record, mailing_run
from members.services.outbox import outbox_enqueue_many

DIGEST_TEMPLATE = "public/email/monthly_digest"


def public_page_choose(*, kind: str, process_id: int, enabled: bool, by) -> PublicPageChoice:
    choice, _created = PublicPageChoice.objects.update_or_create(
        process_kind=kind,
        process_id=process_id,
        defaults={"enabled": enabled, "changed_by": by, "changed_at": timezone.now()},
    )
    return choice


def digest_record(*, month: date) -> Digest:
    """Record the digest of ``month`` (its first day) and its mailing, once."""
    digest, _created = Digest.objects.get_or_create(month=month.replace(day=1))
    mailing_record(kind=MailKind.MONTHLY_DIGEST, object_id=digest.pk)
    return digest


def digest_send(*, digest: Digest) -> int:
    """Put one digest per member and supporter in the outbox (key ``digest:YYYY-MM``)."""
    return mailing_run(
        kind=MailKind.MONTHLY_DIGEST, object_id=digest.pk, store=lambda: _store_digest(digest)
    )


def _links(refs) -> list[dict]:
    return [{"title": ref.title, "url": settings.SITE_URL + ref.url} for ref in refs]


def _store_digest(digest: Digest) -> int:
    content = digest_content(digest.month)
    shared = {
        "month": digest.month,
        "opened": _links(content.opened),
        "closed": [
            {"title": ref.title, "url": settings.SITE_URL + public_url(ref.kind, ref.id)}
            for ref in content.closed
        ],
        "decided": [
            {
                "title": feedback.title,
                "decision": feedback.decision,
                "reasoning": feedback.reasoning,
                "url": settings.SITE_URL + feedback.get_absolute_url(),
            }
            for feedback in content.decided
        ],
    }
    branch_links = {pk: _links(refs) for pk, refs in content.open_by_branch.items()}
    recipients = Member.objects.filter(
        kind__in=[MemberKind.MEMBER, MemberKind.SUPPORTER],
        status=MemberStatus.ACTIVE,
        anonymised_at=None,
    ).exclude(email=None)
    # One rendering per branch and language: the outbox's fast path for a whole membership.
    branches = recipients.order_by().values_list("branch_id", flat=True).distinct()
    return sum(
        outbox_enqueue_many(
            kind=MailKind.MONTHLY_DIGEST,
            key=f"digest:{digest.month:%Y-%m}",
            template=DIGEST_TEMPLATE,
            recipients=recipients.filter(branch_id=branch_id).order_by("pk"),
            context={**shared, "branch": branch_links.get(branch_id, [])},
        )
        for branch_id in branches
    )


def digest_due(*, today: date | None = None) -> Digest:
    """On the first of a month: the digest of the month that just ended."""
    today = today or timezone.localdate()
    last_month = date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1)
    return digest_record(month=last_month)
