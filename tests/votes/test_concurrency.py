"""One vote per member, also when the same ballot is submitted twice at the same moment."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from votes import box
from votes.services import ballot_cast

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL for real concurrent transactions")


def test_a_double_submit_at_the_same_moment_casts_one_ballot(vote_factory, opened):
    vote, _shares = opened(vote_factory())
    member = vote.roll.first().member
    barrier = threading.Barrier(2)
    outcomes = []

    def submit(answer):
        try:
            barrier.wait()
            ballot_cast(vote=vote, member=member, content={"1": [answer]})
            outcomes.append("cast")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(a,)) for a in ("voor", "tegen")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["cast", "refused"]
    try:
        assert box.box_count(vote.pk) == 1
        assert vote.roll.filter(has_voted=True).count() == 1
    finally:
        box.box_drop(vote.pk)  # a transactional test's flush leaves unknown tables behind
