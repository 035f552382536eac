import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.processes import Participant, ProcessItem, ProcessRef
from preferendum import selectors, services
from preferendum.models import FollowUpOptIn, Round, RoundState

pytestmark = pytest.mark.django_db


def test_process_list_and_get_describe_rounds(open_round, round_factory):
    closed = round_factory(state=RoundState.CLOSED)
    round_factory(state=RoundState.DRAFT)
    assert {p.id for p in selectors.process_list()} == {open_round.pk, closed.pk}
    assert [p.id for p in selectors.process_list(closed=True)] == [closed.pk]
    ref = selectors.process_get(open_round.pk)
    assert isinstance(ref, ProcessRef) and ref.kind == "round" and ref.closed_at is None


def test_process_items_are_the_statements_in_order(open_round):
    items = selectors.process_items(open_round.pk)
    assert all(isinstance(i, ProcessItem) for i in items)
    assert [i.id for i in items] == list(
        open_round.statements.order_by("position").values_list("pk", flat=True)
    )


def test_participants_of_a_round(member, member_factory, answer_all, open_round):
    member_factory()
    answer_all(member)
    participants = selectors.process_participants(open_round.pk)
    assert participants == [Participant(member.pk, member.email, member.full_name)]


def test_participation_for_member_lists_answered_rounds(member, answer_all, open_round):
    answer_all(member)
    assert [p.id for p in selectors.participation_for_member(member)] == [open_round.pk]


def test_open_rounds_for_member_has_progress_in_constant_queries(member, round_factory, answer_all):
    rounds = [round_factory() for _ in range(3)]
    answer_all(member, round_=rounds[0])
    with CaptureQueriesContext(connection) as queries:
        open_rounds = selectors.open_rounds_for_member(member)
    assert len(queries) <= 3
    progress = {o.round.pk: (o.answered, o.total) for o in open_rounds}
    assert progress[rounds[0].pk] == (4, 4) and progress[rounds[2].pk] == (0, 4)


def test_statement_draft_from_origin_adds_to_a_new_draft_round():
    statement = services.statement_draft_from_origin(
        text="Meer ledenberaden",
        origin_kind="panel",
        origin_id=7,
        origin_label="Aanbeveling ledenberaad Wonen",
    )
    assert statement.round.state == RoundState.DRAFT
    assert statement.round.title == "Nieuwe stellingen"
    assert (statement.origin_kind, statement.origin_id) == ("panel", 7)


def test_statement_draft_from_origin_uses_the_default_series_queue(series_factory, round_factory):
    series = series_factory(is_default=True)
    draft = round_factory(series=series, state=RoundState.DRAFT, statements=2)
    statement = services.statement_draft_from_origin(
        text="X", origin_kind="feedback", origin_id=1, origin_label="Terugkoppeling"
    )
    assert statement.round == draft and statement.position == 3
    assert Round.objects.count() == 1


def test_opted_in_members_can_be_filtered_by_branch(member_factory, branch_factory, open_round):
    here, there = branch_factory(), branch_factory(province="zeeland")
    local, far = member_factory(branch=here), member_factory(branch=there)
    for m in (local, far):
        FollowUpOptIn.objects.create(round=open_round, member=m)
    assert list(selectors.opted_in_members(open_round.pk, branch_ids=[here.pk])) == [local]
    assert list(selectors.opted_in_members(open_round.pk, province="zeeland")) == [far]
