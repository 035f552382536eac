import pytest

from members.models import MemberStatus, Province
from preferendum.models import Audience, RoundState, Scope
from preferendum.permissions import can_answer_round, is_eligible
from preferendum.selectors import eligible_members

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("supporter", "audience", "eligible"),
    [
        (False, Audience.MEMBERS, True),
        (True, Audience.MEMBERS, False),
        (True, Audience.MEMBERS_AND_SUPPORTERS, True),
        (False, Audience.MEMBERS_AND_SUPPORTERS, True),
    ],
)
def test_audience_decides_whether_supporters_take_part(
    member_factory, round_factory, supporter, audience, eligible
):
    member = member_factory(supporter=supporter)
    round_ = round_factory(audience=audience)
    assert is_eligible(member, round_) is eligible
    assert eligible_members(round_).filter(pk=member.pk).exists() is eligible


@pytest.mark.parametrize(
    ("scope", "province", "same_branch", "eligible"),
    [
        (Scope.NATIONAL, "", False, True),
        (Scope.PROVINCE, Province.UTRECHT, False, True),
        (Scope.PROVINCE, Province.ZEELAND, False, False),
        (Scope.BRANCH, "", True, True),
        (Scope.BRANCH, "", False, False),
    ],
)
def test_scope_limits_a_round_to_a_province_or_branch(
    member_factory, branch_factory, round_factory, scope, province, same_branch, eligible
):
    member = member_factory()
    branch = member.branch if same_branch else branch_factory()
    round_ = round_factory(scope=scope, province=province, branch=branch)
    assert is_eligible(member, round_) is eligible
    assert eligible_members(round_).filter(pk=member.pk).exists() is eligible


def test_former_members_are_not_eligible(member_factory, open_round):
    member = member_factory(status=MemberStatus.FORMER)
    assert not is_eligible(member, open_round)
    assert not eligible_members(open_round).filter(pk=member.pk).exists()


@pytest.mark.parametrize("state", [RoundState.DRAFT, RoundState.SCHEDULED, RoundState.CLOSED])
def test_only_open_rounds_can_be_answered(member, round_factory, state):
    assert not can_answer_round(member, round_factory(state=state))
