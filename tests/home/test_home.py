from types import SimpleNamespace

import pytest

from tests.feedback.fakes import FakeObject, participant

pytestmark = pytest.mark.django_db


def _home(client, user=None):
    if user is not None:
        client.force_login(user)
    return client.get("/").content.decode()


def _round(title, answered, total):
    return SimpleNamespace(round=FakeObject(1, title), answered=answered, total=total)


def test_visitor_gets_a_welcome_with_login(client):
    content = _home(client)
    assert "Welkom bij Ledendemocratie" in content and "/accounts/login/" in content


def test_visitor_sees_public_open_events_only(client, fake_apps):
    fake_apps["event"].add(1, title="Open avond")
    fake_apps["event"].add(2, title="Besloten avond", is_public=False)
    content = _home(client)
    assert "Open avond" in content and "Besloten avond" not in content


def test_visitor_sees_public_feedback_only(client, fake_apps, feedback_factory):
    feedback_factory(published=True, title="Openbare terugkoppeling")
    feedback_factory(published=True, title="Ledenterugkoppeling", is_public=False)
    content = _home(client)
    assert "Openbare terugkoppeling" in content and "Ledenterugkoppeling" not in content


def test_member_sees_rounds_to_answer_with_progress(client, fake_apps, member):
    fake_apps["round"].home = [_round("Ronde wonen", 2, 5)]
    content = _home(client, member)
    assert "Ronde wonen" in content and "2 van 5 beantwoord" in content


def test_member_sees_panels_with_their_role(client, fake_apps, member):
    fake_apps["panel"].home = [
        SimpleNamespace(panel=FakeObject(2, "Beraad zorg"), role_label="uitgenodigd")
    ]
    content = _home(client, member)
    assert "Beraad zorg" in content and "uitgenodigd" in content


def test_member_sees_branch_events_and_their_registrations(client, fake_apps, member):
    fake_apps["event"].events = {
        "branch": [FakeObject(3, "Afdelingsavond")],
        "registered": [SimpleNamespace(event=FakeObject(4, "Dialoog klimaat"))],
    }
    content = _home(client, member)
    assert "Afdelingsavond" in content and "Dialoog klimaat" in content


def test_member_sees_feedback_on_what_they_took_part_in(
    client, fake_apps, member, member_factory, feedback_factory
):
    fake_apps["round"].add_closed(1, participants=[participant(member)])
    fake_apps["round"].add_closed(2, participants=[participant(member_factory())])
    feedback_factory(process_kind="round", process_id=1, published=True, title="Mijn ronde")
    feedback_factory(process_kind="round", process_id=2, published=True, title="Andere ronde")
    content = _home(client, member)
    assert "Mijn ronde" in content and "Andere ronde" not in content


def test_member_does_not_see_draft_feedback(client, fake_apps, member, feedback_factory):
    fake_apps["round"].add_closed(1, participants=[participant(member)])
    feedback_factory(process_kind="round", process_id=1, title="Nog een concept")
    assert "Nog een concept" not in _home(client, member)


@pytest.mark.parametrize(
    "empty_text",
    [
        "Er staat nu geen preferendumronde voor je open",
        "Je bent nu niet uitgenodigd voor een ledenberaad",
        "Je hebt je nog niet aangemeld",
        "Je afdeling heeft nog niets gepland",
        "Nog geen terugkoppeling",
    ],
)
def test_every_block_has_an_empty_state(client, fake_apps, member, empty_text):
    assert empty_text in _home(client, member)


@pytest.mark.parametrize("processes", [1, 8])
def test_home_query_count_does_not_grow_with_feedback(
    client, fake_apps, member, feedback_factory, django_assert_max_num_queries, processes
):
    for pid in range(processes):
        fake_apps["round"].add_closed(pid, participants=[participant(member)])
        feedback_factory(process_kind="round", process_id=pid, published=True)
    client.force_login(member)
    with django_assert_max_num_queries(6):
        client.get("/")


def test_home_links_each_block_entry_to_its_page(client, fake_apps, member):
    fake_apps["round"].home = [_round("Ronde wonen", 0, 3)]
    assert 'href="/terugkoppeling/1/">Ronde wonen' in _home(client, member)
