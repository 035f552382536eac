import pytest

pytestmark = pytest.mark.django_db


def test_home_shows_an_open_round_with_the_members_progress(
    client, member, round_factory, answer_factory
):
    round_ = round_factory(title="Ronde zeggenschap")
    for statement in round_.statements.all()[:2]:
        answer_factory(statement=statement, member=member)
    client.force_login(member)
    content = client.get("/").content.decode()
    assert "Ronde zeggenschap" in content and "2 van 4 beantwoord" in content
