"""Votes, the stored map and what each reader sees of it."""

import pytest
from django.urls import reverse

from forum.models import OpinionMapState, StatementVote
from forum.services.statements import opinion_map_compute, vote_cast
from tests.forum.factories import ConversationFactory, ExpertFactory, StatementFactory
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def _two_camps(conversation, per_camp=8, statements=6):
    """Two camps that vote opposite on every statement but agree on the last one."""
    items = StatementFactory.create_batch(statements, conversation=conversation)
    people = MemberFactory.create_batch(2 * per_camp)
    votes = [
        StatementVote(
            statement=item,
            participant=person,
            value=1 if i == statements - 1 or (n < per_camp) == (i % 2 == 0) else -1,
        )
        for n, person in enumerate(people)
        for i, item in enumerate(items)
    ]
    StatementVote.objects.bulk_create(votes)
    OpinionMapState.objects.update_or_create(conversation=conversation)
    return items, people


def test_a_vote_is_recorded_and_can_be_changed():
    statement, member = StatementFactory(), MemberFactory()
    vote_cast(statement=statement, participant=member, value=1)
    vote_cast(statement=statement, participant=member, value=-1)
    assert StatementVote.objects.get(participant=member).value == -1


def test_a_vote_recomputes_the_map_after_commit(django_capture_on_commit_callbacks):
    conversation = ConversationFactory()
    items, people = _two_camps(conversation)
    with django_capture_on_commit_callbacks(execute=True):
        vote_cast(statement=items[0], participant=people[0], value=-1)
    state = OpinionMapState.objects.get(conversation=conversation)
    assert not state.is_stale and state.result["shown"], state.result.get("reason")


def test_recomputing_without_new_votes_changes_nothing():
    conversation = ConversationFactory()
    _two_camps(conversation)
    first = opinion_map_compute(conversation=conversation)
    computed_at = first.computed_at
    again = opinion_map_compute(conversation=conversation)
    assert again.computed_at == computed_at


def test_two_camps_show_two_groups_and_their_shared_statement(client):
    conversation = ConversationFactory()
    items, people = _two_camps(conversation)
    opinion_map_compute(conversation=conversation)
    client.force_login(people[0])
    response = client.get(reverse("forum:opinion-map", args=[conversation.pk]))
    view = response.context["map"]
    assert sorted(g["size"] for g in view.groups) == [8, 8]
    assert [c["text"] for c in view.consensus] == [items[-1].text]


def test_each_reader_sees_only_their_own_group(client):
    conversation = ConversationFactory()
    _items, people = _two_camps(conversation)
    opinion_map_compute(conversation=conversation)
    client.force_login(people[0])
    view = client.get(reverse("forum:opinion-map", args=[conversation.pk])).context["map"]
    assert view.mine is not None
    assert sum(dot["mine"] for dot in view.dots) == 1


def test_the_page_names_no_participant(client):
    conversation = ConversationFactory()
    _items, people = _two_camps(conversation)
    opinion_map_compute(conversation=conversation)
    client.force_login(people[0])
    body = client.get(reverse("forum:opinion-map", args=[conversation.pk])).content.decode()
    assert not any(p.last_name in body or p.email in body for p in people[1:])


def test_fewer_than_seven_per_group_shows_no_map(client):
    conversation = ConversationFactory()
    _items, people = _two_camps(conversation, per_camp=3)
    opinion_map_compute(conversation=conversation)
    client.force_login(people[0])
    view = client.get(reverse("forum:opinion-map", args=[conversation.pk])).context["map"]
    assert not view.shown and not view.dots


def test_experts_are_left_out_of_the_groups():
    conversation = ConversationFactory()
    items, _people = _two_camps(conversation)
    expert = ExpertFactory()
    conversation.experts.add(expert)
    for item in items:
        StatementVote.objects.create(statement=item, participant=expert.account, value=1)
    state = opinion_map_compute(conversation=conversation)
    assert str(expert.account.pk) not in state.result["membership"]


def test_moderators_export_the_votes_in_polis_format(client):
    conversation = ConversationFactory()
    _two_camps(conversation)
    client.force_login(MemberFactory(organises=conversation.branch))
    response = client.get(reverse("forum:polis-csv", args=[conversation.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
