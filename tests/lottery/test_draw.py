"""Feasibility reports, the uniform lottery, reproducibility, reserves and the legacy method."""

from __future__ import annotations

import itertools
import random

import pytest
from lottery_helpers import loose_quotas, meets_quotas, small_pool

from beraad.lottery import (
    InfeasibleQuotas,
    Person,
    Quota,
    Relaxation,
    check_feasibility,
    replacement_for,
    select_panel,
)


def _pool(n: int = 40) -> list[Person]:
    return [
        Person(f"p{i:02}", {"gender": "fm"[i % 2], "age": "yo"[(i // 2) % 2], "x": "a"})
        for i in range(n)
    ]


def _quotas() -> list[Quota]:
    return [
        Quota("gender", "f", 3, 5),
        Quota("gender", "m", 3, 5),
        Quota("age", "y", 2, 6),
        Quota("age", "o", 2, 6),
        Quota("x", "a", 0, 8),
    ]


def test_infeasible_quotas_report_the_smallest_relaxation():
    quotas = [Quota("gender", "f", 6, 8), Quota("gender", "m", 6, 8)]
    quotas += _quotas()[2:]
    # 6 + 6 seats cannot fit on 8: one minimum must drop by 4, nothing else.
    assert check_feasibility(_pool(), quotas, 8) in (
        [Relaxation("gender", "f", "min", 6, 2)],
        [Relaxation("gender", "m", "min", 6, 2)],
    )
    with pytest.raises(InfeasibleQuotas) as error:
        select_panel(_pool(), quotas, 8, "s")
    assert sum(r.current - r.needed for r in error.value.relaxations) == 4


def test_feasible_quotas_need_no_relaxation():
    assert check_feasibility(_pool(), _quotas(), 8) == []


def test_same_seed_gives_the_same_result():
    first = select_panel(_pool(), _quotas(), 8, "openbare trekking 2026", reserve_count=3)
    again = select_panel(_pool(), _quotas(), 8, "openbare trekking 2026", reserve_count=3)
    assert {**first.to_json(), "seconds": 0} == {**again.to_json(), "seconds": 0}


def test_the_drawn_panel_is_the_drawn_slot_of_the_uniform_lottery():
    selection = select_panel(_pool(), _quotas(), 8, "x", lottery_size=50)
    lottery = selection.uniform_lottery
    assert 1 <= lottery.index <= 50 and len(lottery.slots) == 50
    assert tuple(selection.panel) == selection.portfolio[lottery.slots[lottery.index - 1]][0]
    # Probabilities implied by the 50 slots differ from the exact ones by the reported loss.
    counts = {p.id: 0 for p in _pool()}
    for slot in lottery.slots:
        for person in selection.portfolio[slot][0]:
            counts[person] += 1
    loss = max(abs(counts[x] / 50 - p) for x, p in selection.probabilities.items())
    assert loss == pytest.approx(lottery.loss, abs=1e-12)


def test_reserves_keep_quotas_when_replacing_any_dropout():
    people, quotas = _pool(), _quotas()
    selection = select_panel(people, quotas, 8, "s", reserve_count=6)
    assert len(selection.reserves) == 6
    assert not set(selection.reserves) & set(selection.panel)
    for dropout in selection.panel:
        reserve = replacement_for(people, quotas, selection.panel, dropout, selection.reserves)
        assert reserve is not None
        panel = [reserve if x == dropout else x for x in selection.panel]
        assert meets_quotas(people, quotas, panel)


def test_replacement_is_none_when_no_reserve_fits():
    people, quotas = _pool(), [Quota("gender", "f", 4, 4), Quota("gender", "m", 4, 4)]
    panel = [p.id for p in people[:8]]
    men = [p.id for p in people[8:] if p.category_values["gender"] == "m"]
    assert replacement_for(people, quotas, panel, "p00", men) is None  # p00 is a woman


@pytest.mark.parametrize("seed", range(12))
def test_a_reserve_fits_a_dropout_exactly_when_the_swapped_panel_is_valid(seed):
    people = small_pool(seed, n=12, categories=3, households=3)
    quotas = loose_quotas(people, 5)
    ids = [p.id for p in people]
    panels = [s for s in itertools.combinations(ids, 5) if meets_quotas(people, quotas, s)]
    panel = list(random.Random(seed).choice(panels))
    for dropout in panel:
        for reserve in (x for x in ids if x not in panel):
            swapped = [reserve if x == dropout else x for x in panel]
            fits = replacement_for(people, quotas, panel, dropout, [reserve]) == reserve
            assert fits == meets_quotas(people, quotas, swapped), (dropout, reserve)


@pytest.mark.parametrize("seed", range(3))
def test_legacy_panels_meet_quotas(seed):
    people = small_pool(seed, n=20, categories=3)
    quotas = loose_quotas(people, 5)
    selection = select_panel(people, quotas, 5, "s", algorithm="legacy", lottery_size=30)
    assert selection.algorithm == "legacy"
    assert all(meets_quotas(people, quotas, ids) for ids, _ in selection.portfolio)
    assert sum(selection.probabilities.values()) == pytest.approx(5)


@pytest.mark.parametrize(
    ("quotas", "message"),
    [
        ([Quota("gender", "f", 5, 3), Quota("gender", "m", 0, 8)], "min <= max"),
        ([Quota("gender", "f", 0, 8)], "has no quota"),
        ([Quota("colour", "red", 0, 8)], "no value for"),
    ],
)
def test_bad_input_is_rejected_with_a_clear_message(quotas, message):
    with pytest.raises(ValueError, match=message):
        select_panel(_pool(), quotas, 8, "s")
