"""The counts behind a round's results: GROUP BY queries over the answers' trait snapshots.

Rows are named tuples whose field names are the breakdown dimensions, so a dimension picks
its column by name (`getattr(row, "age_band")`). A closed round's counts are frozen at
closing (RoundFigures, as plain lists in the same column order) and read back from there.
What is published of them, and how, is preferendum/results.py.
"""

from collections import Counter
from datetime import date, datetime
from typing import NamedTuple

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, F
from django.utils import timezone

from members.models import Branch
from members.traits import derived_trait_expressions
from preferendum.models import Answer, Round, RoundFigures, RoundState, Scope
from preferendum.selectors import eligible_members
from shared import rows

CLOSED = (RoundState.CLOSED, RoundState.FEEDBACK_PUBLISHED)
POPULATION_SECONDS = 10 * 60


class TraitCount(NamedTuple):
    """People (eligible members, or distinct respondents) with these traits."""

    province: str
    branch_id: int | None
    age_band: str
    gender: str
    membership_band: str
    n: int


class PersonCount(NamedTuple):
    """Answers of one value to one statement, by the traits of the person."""

    statement_id: int
    value: int
    province: str
    age_band: str
    gender: str
    n: int


class PlaceCount(NamedTuple):
    """Answers of one value to one statement, by branch and length of membership."""

    statement_id: int
    value: int
    province: str
    branch_id: int | None
    membership_band: str
    n: int


class TrendCount(NamedTuple):
    """Answers of one value to a statement of this family in an earlier closed round."""

    family: str
    round_id: int
    title: str
    closes_at: datetime
    value: int
    n: int


class Figures(NamedTuple):
    population: list[TraitCount]
    by_person: list[PersonCount]
    by_place: list[PlaceCount]
    respondents: list[TraitCount]


def population_rows(round_: Round, *, on: date) -> list[TraitCount]:
    """The eligible membership per (province, branch, age, gender, membership) at `on`."""
    traits = derived_trait_expressions(today=on)
    rows = (
        eligible_members(round_)
        .annotate(
            t_province=traits["province"],
            t_branch=F("branch_id"),
            t_age=traits["age_band"],
            t_gender=traits["gender"],
            t_membership=traits["membership_band"],
        )
        .values_list("t_province", "t_branch", "t_age", "t_gender", "t_membership")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [TraitCount._make(row) for row in rows]


def respondent_rows(round_: Round) -> list[TraitCount]:
    """Distinct respondents per (province, branch_id, age_band, gender, membership_band).

    Answers cleared by anonymisation no longer say whose they are: per group they count as
    the most answers to any one statement (a respondent answers a statement once).
    One query. Its people are told apart by hashing (member, traits) once, not by the
    sort per group of COUNT(DISTINCT member_id), which was most of a live results view
    at 150,000 members (bench/preferendum).
    """
    with connection.cursor() as cursor:
        cursor.execute(_RESPONDENTS_SQL, {"round": round_.pk})
        found = cursor.fetchall()
    counts, most = Counter(), Counter()
    for statement_id, *traits, n in found:
        if statement_id is None:  # known members: one row per group
            counts[tuple(traits)] += n
        else:
            most[tuple(traits)] = max(most[tuple(traits)], n)
    counts.update(most)
    return [TraitCount(*row, n) for row, n in counts.items()]


_TRAITS = ", ".join(TraitCount._fields[:-1])  # the answer's trait columns have these names
# Known members first (no statement), then anonymous answers per statement.
_RESPONDENTS_SQL = (
    f"SELECT CAST(NULL AS bigint), {_TRAITS}, count(*) FROM ("
    f" SELECT DISTINCT member_id, {_TRAITS} FROM {rows.table(Answer)}"
    " WHERE round_id = %(round)s AND member_id IS NOT NULL"
    f") AS people GROUP BY {_TRAITS}"
    f" UNION ALL SELECT statement_id, {_TRAITS}, count(*) FROM {rows.table(Answer)}"
    f" WHERE round_id = %(round)s AND member_id IS NULL GROUP BY statement_id, {_TRAITS}"
)


def live_figures(
    round_: Round, *, on: date | None = None
) -> tuple[list[TraitCount], list[PersonCount], list[PlaceCount]]:
    """(population, by_person, by_place) counted now: three GROUP BY queries."""
    by_person, by_place = _answer_counts(round_)
    return population_rows(round_, on=on or timezone.localdate()), by_person, by_place


def round_figures(round_: Round, *, live: bool) -> Figures:
    """Frozen for a closed round (one query), else the answers counted live. Respondents
    stay frozen even for a live recount: anonymisation since closing no longer tells who
    answered what."""
    frozen = None
    if round_.state in CLOSED:
        frozen = RoundFigures.objects.filter(round=round_).first()
        if frozen is not None and not live:
            return Figures(
                [TraitCount._make(row) for row in frozen.population],
                [PersonCount._make(row) for row in frozen.by_person],
                [PlaceCount._make(row) for row in frozen.by_place],
                _frozen_respondents(frozen) or respondent_rows(round_),
            )
    by_person, by_place = _answer_counts(round_)
    respondents = (frozen and _frozen_respondents(frozen)) or respondent_rows(round_)
    return Figures(_recent_population(round_), by_person, by_place, respondents)


def _frozen_respondents(frozen: RoundFigures) -> list[TraitCount]:
    return [TraitCount._make(row) for row in frozen.respondents]


def _recent_population(round_: Round) -> list[TraitCount]:
    """The eligible membership, recounted at most every ten minutes for live views.

    It changes with member imports, not with answers, and counting every member is the
    larger part of a live view; closing a round freezes a fresh count (live_figures).
    """
    today = timezone.localdate()
    scope = f"{round_.audience}:{round_.scope}:{round_.province}:{round_.branch_id}"
    key = f"preferendum:population:{round_.pk}:{today.isoformat()}:{scope}"
    rows = cache.get_or_set(key, lambda: population_rows(round_, on=today), POPULATION_SECONDS)
    return [TraitCount._make(row) for row in rows]


def _answer_counts(round_: Round) -> tuple[list[PersonCount], list[PlaceCount]]:
    """The two aggregations every results view needs: per statement and value, by traits."""
    answers = Answer.objects.filter(round=round_).order_by()
    by_person = answers.values_list(*PersonCount._fields[:-1])
    by_place = answers.values_list(*PlaceCount._fields[:-1])
    return (
        [PersonCount._make(row) for row in by_person.annotate(n=Count("pk"))],
        [PlaceCount._make(row) for row in by_place.annotate(n=Count("pk"))],
    )


def earlier_counts(round_: Round, families) -> list[TrendCount]:
    """Answers per value to these statement families in earlier closed rounds, oldest first."""
    earlier = (
        Answer.objects.filter(
            statement__family__in=families,
            round__state__in=CLOSED,
            round__closes_at__lt=round_.closes_at or timezone.now(),
        )
        .exclude(round=round_)
        .values_list("statement__family", "round_id", "round__title", "round__closes_at", "value")
        .annotate(n=Count("pk"))
        .order_by("round__closes_at")
    )
    return [TrendCount._make(row) for row in earlier]


def value_counts(round_: Round) -> dict[int, Counter]:
    """Per statement: answers per value. One query."""
    totals = {}
    rows = Answer.objects.filter(round=round_).values_list("statement_id", "value")
    for statement_id, value, n in rows.annotate(n=Count("pk")).order_by():
        totals.setdefault(statement_id, Counter())[value] = n
    return totals


def branch_names(round_: Round) -> dict[int, str]:
    """The branches in the round's scope, by name: the groups a branch breakdown lists."""
    branches = Branch.objects.order_by("name")
    if round_.scope == Scope.BRANCH:
        branches = branches.filter(pk=round_.branch_id)
    elif round_.scope == Scope.PROVINCE:
        branches = branches.filter(province=round_.province)
    return dict(branches.values_list("pk", "name"))
