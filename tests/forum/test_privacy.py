"""What the forum keeps about a member: in their data export, and gone when anonymised."""

import pytest

from forum import selectors, services
from forum.models import Contribution, StatementVote
from tests.forum.factories import ContributionFactory, StatementVoteFactory
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_members_contributions_and_votes():
    member = MemberFactory()
    ContributionFactory(author=member, text="Mijn idee")
    StatementVoteFactory(participant=member)
    data = selectors.personal_data(member)
    assert [c["text"] for c in data["contributions"]] == ["Mijn idee"]
    assert len(data["votes"]) == 1


def test_the_export_holds_nobody_elses_contributions():
    ContributionFactory(text="Van iemand anders")
    assert selectors.personal_data(MemberFactory())["contributions"] == []


def test_erasing_empties_the_text_and_removes_votes():
    member = MemberFactory()
    contribution = ContributionFactory(author=member, text="Mijn idee")
    StatementVoteFactory(participant=member)
    services.personal_data_erase(member=member)
    contribution.refresh_from_db()
    assert contribution.author_id is None and contribution.text == ""
    assert not StatementVote.objects.filter(participant=member).exists()


def test_erasing_keeps_the_replies_of_others():
    member = MemberFactory()
    contribution = ContributionFactory(author=member)
    ContributionFactory(conversation=contribution.conversation, parent=contribution)
    services.personal_data_erase(member=member)
    assert Contribution.objects.filter(parent=contribution).count() == 1


def test_a_conversation_someone_wrote_in_is_in_their_participation():
    contribution = ContributionFactory()
    refs = selectors.participation_for_member(contribution.author)
    assert [ref.id for ref in refs] == [contribution.conversation_id]
