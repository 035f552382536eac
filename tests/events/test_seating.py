"""The promise of events/seating.py, attacked with random groups (no database)."""

import itertools
from collections import Counter
from datetime import date, timedelta

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.models import RegistrationStatus
from events.seating import TRAITS, Person, plan_tables

BRANCHES, BANDS, GENDERS = (
    ["utrecht", "zeist", "gast"],
    ["tot 30", "30-44", "45-64", "65+"],
    ["vrouw", "man", ""],
)


@st.composite
def groups(draw, max_people: int, max_tables: int):
    traits = st.tuples(st.sampled_from(BRANCHES), st.sampled_from(BANDS), st.sampled_from(GENDERS))
    rows = draw(st.lists(traits, max_size=max_people))
    people = [Person(i, *row) for i, row in enumerate(rows)]
    return people, draw(st.integers(2, max_tables))


def _balanced(people, tables, trait) -> bool:
    """Independent of the module: each value within floor/ceil of its share at every table."""
    by_id = {p.id: p for p in people}
    totals = Counter(getattr(p, trait) for p in people)
    for table in tables:
        here = Counter(getattr(by_id[i], trait) for i in table)
        for value, n in totals.items():
            if not n // len(tables) <= here[value] <= (n + len(tables) - 1) // len(tables):
                return False
    return True


def _some_plan_balances(people, table_count, traits) -> bool:
    """Brute force over every seating: does one balance sizes and all these traits?"""
    for seats in itertools.product(range(table_count), repeat=len(people)):
        tables = [
            [p.id for p, s in zip(people, seats, strict=True) if s == t] for t in range(table_count)
        ]
        sizes = [len(t) for t in tables]
        if max(sizes) - min(sizes) <= 1 and all(_balanced(people, tables, t) for t in traits):
            return True
    return False


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(groups(max_people=60, max_tables=10))
def test_everyone_sits_once_at_tables_within_one_of_each_other(group):
    people, table_count = group
    tables = plan_tables(people, table_count).tables
    sizes = [len(t) for t in tables]
    assert len(tables) == table_count
    assert sorted(i for t in tables for i in t) == [p.id for p in people]
    assert max(sizes) - min(sizes) <= 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(groups(max_people=60, max_tables=10))
def test_every_branch_is_balanced_and_the_plan_says_truly_what_else_is(group):
    people, table_count = group
    plan = plan_tables(people, table_count)
    assert _balanced(people, plan.tables, "branch")
    assert plan.balanced == tuple(t for t in TRAITS if _balanced(people, plan.tables, t))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(groups(max_people=7, max_tables=3))
def test_age_band_is_balanced_whenever_some_plan_balances_it_with_branch(group):
    people, table_count = group
    plan = plan_tables(people, table_count)
    if _some_plan_balances(people, table_count, ("branch", "age_band")):
        assert _balanced(people, plan.tables, "age_band")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(groups(max_people=7, max_tables=3))
def test_gender_is_balanced_whenever_some_plan_balances_all_three_traits(group):
    people, table_count = group
    plan = plan_tables(people, table_count)
    if _some_plan_balances(people, table_count, TRAITS):
        assert _balanced(people, plan.tables, "gender")


GROUP_OF_FIFTEEN = """zeist tot30 vrouw, zeist 65+ man, zeist 30-44 vrouw, zeist 45-64 man,
amersfoort 45-64 vrouw, amersfoort 45-64 man, zeist tot30 man, amersfoort tot30 man,
amersfoort 65+ vrouw, amersfoort 45-64 vrouw, utrecht 30-44 vrouw, zeist 45-64 vrouw,
amersfoort 65+ vrouw, utrecht tot30 vrouw, amersfoort 30-44 man"""


def test_fifteen_people_at_two_tables_split_every_age_band_evenly():
    # The old greedy split put all four under-thirties of this group at one table.
    rows = [row.split() for row in GROUP_OF_FIFTEEN.replace("\n", " ").split(",")]
    people = [Person(i, *row) for i, row in enumerate(rows)]
    plan = plan_tables(people, 2)
    assert all(_balanced(people, plan.tables, trait) for trait in TRAITS)


# The organiser hears when the split could not balance everything.


def _register(event, member_factory, branch, years: int, gender: str):
    birth = date.today().replace(year=date.today().year - years) - timedelta(days=40)
    member = member_factory(branch=branch, birth_date=birth, gender=gender)
    event.registrations.create(member=member, status=RegistrationStatus.CONFIRMED)


@pytest.mark.django_db
def test_organiser_is_told_when_gender_could_not_be_balanced_too(
    client, event_factory, member_factory, branch_factory
):
    event = event_factory(capacity=20)
    a, b = branch_factory(), branch_factory()
    # Five people at two tables: no plan balances branch, age band and gender at once.
    for branch, years, gender in [
        (a, 20, "vrouw"),
        (a, 20, "vrouw"),
        (a, 50, "vrouw"),
        (b, 35, "vrouw"),
        (b, 50, "man"),
    ]:
        _register(event, member_factory, branch, years, gender)
    client.force_login(member_factory(organises=event.branch))
    response = client.post(
        reverse("events:table-split", args=[event.pk]), {"table_size": 3}, follow=True
    )
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert len(warnings) == 1 and "gender" in warnings[0]


@pytest.mark.django_db
def test_organiser_gets_no_warning_when_every_trait_is_balanced(
    client, event_factory, member_factory, branch
):
    event = event_factory(capacity=20)
    for years in (20, 20, 50, 50):
        _register(event, member_factory, branch, years, "vrouw")
    client.force_login(member_factory(organises=event.branch))
    response = client.post(
        reverse("events:table-split", args=[event.pk]), {"table_size": 2}, follow=True
    )
    assert not [m for m in response.context["messages"] if m.level_tag == "warning"]
