"""Stage 1 as plain Python: reproducible, stratified, one invitation per household."""

from beraad.lottery.invitations import Candidate, draw_invitations


def _pool(n=200, households=None):
    return [
        Candidate(
            id=str(i),
            category_values={
                "age": "young" if i % 3 == 0 else "old",
                "gender": "v" if i % 2 else "m",
            },
            household=households(i) if households else None,
        )
        for i in range(n)
    ]


def test_same_seed_gives_the_same_invitees():
    assert (
        draw_invitations(_pool(), 30, "42").invited == draw_invitations(_pool(), 30, "42").invited
    )


def test_another_seed_gives_other_invitees():
    assert (
        draw_invitations(_pool(), 30, "42").invited != draw_invitations(_pool(), 30, "43").invited
    )


def test_input_order_does_not_change_the_draw():
    assert (
        draw_invitations(_pool()[::-1], 30, "7").invited
        == draw_invitations(_pool(), 30, "7").invited
    )


def test_draw_invites_the_requested_number_once_each():
    invited = draw_invitations(_pool(), 30, "1").invited
    assert len(invited) == len(set(invited)) == 30


def test_every_stratum_is_reached():
    pool = _pool()
    invited = set(draw_invitations(pool, 8, "3").invited)
    strata = {c.stratum for c in pool if c.id in invited}
    assert len(strata) == 4


def test_allocation_is_proportional_to_stratum_size():
    draw = draw_invitations(_pool(), 40, "5")
    assert draw.allocation == {
        "age=old|gender=m": 13,
        "age=old|gender=v": 13,
        "age=young|gender=m": 7,
        "age=young|gender=v": 7,
    }


def test_oversampling_factor_gives_a_group_more_invitations():
    plain = draw_invitations(_pool(), 40, "5").allocation
    boosted = draw_invitations(_pool(), 40, "5", {("age", "young"): 2.0}).allocation
    assert boosted["age=young|gender=m"] > plain["age=young|gender=m"]


def test_at_most_one_invitation_per_household():
    pool = _pool(households=lambda i: f"h{i // 2}")
    invited = draw_invitations(pool, 60, "9").invited
    households = [c.household for c in pool if c.id in set(invited)]
    assert len(households) == len(set(households))


def test_households_that_run_out_leave_fewer_invitations():
    pool = _pool(n=10, households=lambda i: "same")
    assert len(draw_invitations(pool, 5, "9").invited) == 1
