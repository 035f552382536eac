"""Answering: one upserted answer per member and statement, opt-ins, anonymisation."""

from datetime import datetime, timedelta
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Member
from members.services.outbox import outbox_forget
from members.traits import derived_traits, province_of
from preferendum.models import Answer, FollowUpOptIn, Round, RoundState, Statement
from preferendum.permissions import can_answer_round

UPDATED_ON_CONFLICT = [
    "value",
    "comment",
    "province",
    "branch_id",
    "age_band",
    "gender",
    "membership_band",
    "updated_at",
]


def _require_answerable(member: Member, round_: Round, province: str | None = None) -> None:
    if not can_answer_round(member, round_, province):
        raise ValidationError(_("Je kunt deze ronde (nu) niet beantwoorden."))


def answer_snapshot(member: Member, *, today, province: str | None = None) -> dict:
    """The trait columns an answer stores (members.traits codes), without a query.

    `province` (of the member's branch) saves loading the branch when the caller has it.
    """
    province = province_of(member) if province is None else province
    born, since = member.birth_date, member.member_since
    traits = derived_traits(born, member.gender, province, since, today=today)
    return {**traits, "branch_id": member.branch_id}


def answer_save(
    *,
    statement: Statement,
    member: Member,
    value: int,
    comment: str = "",
    province: str | None = None,
) -> Answer:
    """Save or change the member's answer with a snapshot of their traits.

    One INSERT … ON CONFLICT (statement, member) DO UPDATE: a double click or two tabs
    submitting at once leave exactly one answer, the last one written. That single
    statement is atomic by itself, so no transaction block is opened around it: saving
    is one round trip to the database (this is the hot path under load). `province` is
    the member's branch province when the caller already knows it.
    """
    _require_answerable(member, statement.round, province)
    now = timezone.now()
    answer = Answer(
        statement=statement,
        round_id=statement.round_id,
        member=member,
        value=value,
        comment=comment.strip(),
        created_at=now,
        updated_at=now,
        **answer_snapshot(member, today=timezone.localdate(now), province=province),
    )
    # The fields' own rules (value on the scale, comment length); the one-answer constraint
    # is the upsert's to keep, in the database.
    answer.full_clean(
        exclude=["statement", "round", "member"], validate_unique=False, validate_constraints=False
    )
    _upsert(answer)
    return answer


_FIELDS = [f for f in Answer._meta.concrete_fields if not f.primary_key]


def _upsert(answer: Answer) -> None:
    """INSERT … ON CONFLICT (statement, member) DO UPDATE, as one statement.

    bulk_create(update_conflicts=True) writes the same SQL but wraps it in a transaction
    block: BEGIN and COMMIT are two extra round trips on the hottest path there is.
    """
    params = [f.get_db_prep_save(f.pre_save(answer, True), connection) for f in _FIELDS]
    with connection.cursor() as cursor:
        cursor.execute(_upsert_sql(connection.vendor), params)


@cache
def _upsert_sql(vendor: str) -> str:
    """PostgreSQL and SQLite (3.24+) both speak this dialect."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in _FIELDS)
    updates = ", ".join(
        f"{quote(f.column)} = EXCLUDED.{quote(f.column)}"
        for f in _FIELDS
        if f.name in UPDATED_ON_CONFLICT
    )
    return (
        f"INSERT INTO {quote(Answer._meta.db_table)} ({columns}) "
        f"VALUES ({', '.join(['%s'] * len(_FIELDS))}) "
        f"ON CONFLICT ({quote('statement_id')}, {quote('member_id')}) DO UPDATE SET {updates}"
    )


@transaction.atomic
def follow_up_set(*, round_: Round, member: Member, wanted: bool) -> bool:
    """Record (or withdraw) the member's wish to talk further about this round."""
    _require_answerable(member, round_)
    if wanted:
        FollowUpOptIn.objects.get_or_create(round=round_, member=member)
    else:
        FollowUpOptIn.objects.filter(round=round_, member=member).delete()
    return wanted


@transaction.atomic
def round_anonymise(*, round_: Round, now: datetime | None = None) -> int:
    """Cut the link between this closed round's answers and members; snapshots stay.

    Opt-ins go too: the follow-up window is long over; so do the round's mail records
    (invitations, reminders, results). Returns the answers unlinked.
    """
    if not round_.is_closed:
        raise ValidationError(_("Alleen gesloten rondes worden geanonimiseerd."))
    unlinked = Answer.objects.filter(round=round_, member__isnull=False).update(member=None)
    FollowUpOptIn.objects.filter(round=round_).delete()
    outbox_forget(key=f"round:{round_.pk}")
    round_.anonymised_at = now or timezone.now()
    round_.save(update_fields=["anonymised_at"])
    return unlinked


def rounds_anonymise_due(*, now: datetime | None = None) -> int:
    """Anonymise every round closed longer than ANSWER_ANONYMISE_AFTER_DAYS ago."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.ANSWER_ANONYMISE_AFTER_DAYS)
    due = Round.objects.filter(
        state__in=(RoundState.CLOSED, RoundState.FEEDBACK_PUBLISHED),
        closed_at__lte=cutoff,
        anonymised_at__isnull=True,
    )
    return sum(1 for r in due if round_anonymise(round_=r, now=now) >= 0)


@transaction.atomic
def personal_data_erase(*, member: Member) -> int:
    """For an anonymised member: answers lose their link and comment, opt-ins go.

    The answers' values and snapshots stay, so every count and breakdown is unchanged.
    Returns the answers unlinked.
    """
    unlinked = Answer.objects.filter(member=member).update(member=None, comment="")
    FollowUpOptIn.objects.filter(member=member).delete()
    return unlinked
