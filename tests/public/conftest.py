from datetime import timedelta

import pytest
from django.utils import timezone

from preferendum.models import RoundState
from tests.members.factories import BranchFactory, MemberFactory
from tests.preferendum.factories import RoundFactory
from tests.preferendum.helpers import bulk_answers


@pytest.fixture
def branch(db):
    return BranchFactory(name="Noord", slug="noord")


@pytest.fixture
def closed_round(branch):
    """A closed round: the first statement has 12 answers, the second only 4."""
    past = timezone.now() - timedelta(days=20)
    round_ = RoundFactory(
        title="Klimaat in de wijk",
        intro="Wat vinden leden van warmtenetten?",
        state=RoundState.CLOSED,
        opens_at=past,
        closes_at=past + timedelta(days=14),
        closed_at=past + timedelta(days=14),
        statements=2,
    )
    first, second = round_.statements.order_by("position")
    bulk_answers(first, 12, value=5, branch_id=branch.pk)
    bulk_answers(second, 4, value=1, branch_id=branch.pk)
    return round_


@pytest.fixture
def admin(db):
    return MemberFactory(admin=True)
