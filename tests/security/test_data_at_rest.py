"""What the database itself says, read with raw SQL as someone with a database copy would.

Issue 13: "After the retention period, no table may link a member to a round except the
opt-in for a follow-up conversation." A member answers a round with a comment, opts in,
gets the invitation, reminder and results mail; then the retention jobs run (answers
anonymised, sent mail pruned). Every row of every table is then read: none may name both
the member and the round, nor hold the member's comment next to anything of theirs.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from members.services.outbox import outbox_prune, outbox_send_ready
from preferendum import services
from preferendum.models import FollowUpOptIn, RoundState
from tests.preferendum.factories import RoundFactory

pytestmark = pytest.mark.django_db

ALLOWED = {FollowUpOptIn._meta.db_table}  # the opt-in is kept on purpose (issue 13)
MEMBER_COLUMNS = ("member", "recipient", "user", "actor", "owner")
ROUND_COLUMNS = ("round", "object_id", "process_id")


def _rows():
    """(table, {column: value}) for every row of every table."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names only
            columns = [c[0] for c in cursor.description]
            for values in cursor.fetchall():
                yield table, dict(zip(columns, values, strict=True))


def _names(row: dict, pk: int, texts: list[str], column_words) -> bool:
    for column, value in row.items():
        if value == pk and any(word in column.lower() for word in column_words):
            return True
        if isinstance(value, str) and any(text in value for text in texts):
            return True
    return False


@pytest.fixture
def after_retention(settings, member, django_capture_on_commit_callbacks):
    settings.ANSWER_ANONYMISE_AFTER_DAYS = 30
    settings.OUTBOX_RETENTION_DAYS = 30
    round_ = RoundFactory(statements=2, title="Ronde-over-windmolens-8152")
    with django_capture_on_commit_callbacks(execute=True):
        services.round_send_invitations(round_=round_)
        for statement in round_.statements.all():
            services.answer_save(statement=statement, member=member, value=2, comment="Pas-op-9")
        services.follow_up_set(round_=round_, member=member, wanted=True)
        services.round_send_reminder(round_=round_)
        services.round_close(round_=round_)
    outbox_send_ready()
    later = timezone.now() + timedelta(days=400)
    services.rounds_anonymise_due(now=later)
    outbox_prune(now=later)
    round_.refresh_from_db()
    assert round_.state == RoundState.CLOSED
    return member, round_


def test_after_retention_no_table_links_the_member_to_the_round(after_retention):
    member, round_ = after_retention
    who = [member.email, member.member_number]
    what = [round_.title]
    linked = [
        f"{table}: {row}"
        for table, row in _rows()
        if table not in ALLOWED
        and _names(row, member.pk, who, MEMBER_COLUMNS)
        and _names(row, round_.pk, what, ROUND_COLUMNS)
    ]
    assert not linked, "\n".join(linked)


def test_after_retention_the_comment_is_kept_apart_from_the_member(after_retention):
    member, _round = after_retention
    rows = [row for _table, row in _rows() if any(v == "Pas-op-9" for v in row.values())]
    assert rows, "the comment itself stays, as part of the anonymous answers"
    assert not [row for row in rows if _names(row, member.pk, [member.email], MEMBER_COLUMNS)]
