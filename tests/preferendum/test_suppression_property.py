"""No combination of published figures gives a suppressed group away (issue 13).

Random small rounds are answered through the real services and closed; then every figure
the round publishes is collected: the results page for every breakdown (its statements,
groups and "wie deden er mee"), the CSV and the results mail. An attacker who knows all of
them, the membership per group (an admin does) and the suppression rule itself bounds each
suppressed figure with two linear programmes (HiGHS): its least and greatest value over
all non-negative counts consistent with everything published.

The promise: a suppressed figure of a group smaller than 10 (its size, its count for one
answer; a hidden "wie deden er mee" group; a statement's total behind "te weinig
reacties") never has only one possible value. Exceptions that tell nothing: the value 0
(no one), and a count per answer that every answer to the statement gave (the total says
so). Figures of a group of 10 or more, hidden only to cover a smaller one, may be known.

Every constraint holds for the real counts, and the programme is a relaxation (rational
counts, each breakdown a margin of its own), so a figure it finds determined is determined
for a real attacker too: a failure is never a modelling artefact.

Rounds that (nearly) every eligible member answered are generated too: they publish no
group at all (stats rule 6), so every group of every dimension counts as suppressed. Their
overall counts, with the membership, may say that every member of a group answered: a
group's size equal to its membership is then no secret (the totals say so).
"""

import csv
import io
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import highspy
import numpy as np
import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from members.models import Branch, Member, MemberKind, Province
from members.traits import UNKNOWN
from preferendum import charts, figures, results, services, stats
from preferendum.models import AnswerValue, Round, RoundState, Scope
from tests.members.factories import MemberFactory
from tests.preferendum.factories import RoundFactory

pytestmark = pytest.mark.django_db

BRANCHES = (("Amersfoort", Province.UTRECHT), ("Zeist", Province.UTRECHT))
BRANCHES += (("Goes", Province.ZEELAND),)
AGES = (None, 20, 35, 50, 70)  # years, or no birth date
GENDERS = ("vrouw", "man", "non-binair", "")
MEMBERSHIP_YEARS = (None, 0, 3, 7, 15)
ANSWERS = (None, *AnswerValue.values)  # None: the statement was not answered

# A cohort: how many people with the same traits and the same answers. Cohorts of up to
# 14 make groups around the minimum of 10 (the edge of every rule) common.
cohort = st.tuples(
    st.integers(1, 14),
    st.integers(0, len(BRANCHES)),  # len(BRANCHES): no branch
    st.sampled_from(AGES),
    st.sampled_from(GENDERS),
    st.sampled_from(MEMBERSHIP_YEARS),
    st.lists(st.sampled_from(ANSWERS), min_size=3, max_size=3),
)
rounds = st.fixed_dictionaries(
    {
        "scope": st.sampled_from([Scope.NATIONAL, Scope.NATIONAL, Scope.PROVINCE, Scope.BRANCH]),
        "statements": st.integers(1, 3),
        "cohorts": st.lists(cohort, min_size=0, max_size=8),
        # Eligible members who stay away (in Amersfoort: in every scope's reach); fewer
        # than 10 make a near-census round.
        "absent": st.tuples(
            st.integers(0, 14),
            st.just(0),
            st.sampled_from(AGES),
            st.sampled_from(GENDERS),
            st.sampled_from(MEMBERSHIP_YEARS),
        ),
    }
)


def _years_ago(years: int | None) -> date | None:
    today = timezone.localdate()
    return None if years is None else today.replace(year=today.year - years, month=1, day=1)


def _closed_round(spec: dict) -> Round:
    """Members, their answers through answer_save, then round_close (which freezes)."""
    branches = [Branch.objects.create(name=n, slug=n.lower(), province=p) for n, p in BRANCHES]
    round_ = RoundFactory(statements=spec["statements"], scope=spec["scope"])
    round_.province, round_.branch = Province.UTRECHT, branches[0]
    round_.save()
    statements = list(round_.statements.order_by("position"))
    cohorts = spec["cohorts"] + [(*spec["absent"], [None, None, None])]
    people = [person for count, *person in cohorts for _ in range(count)]
    for i, (branch, age, gender, years, answers) in enumerate(people):
        member = Member.objects.create(
            email=f"p{i}@example.org",
            member_number=str(900000 + i),
            branch=branches[branch] if branch < len(branches) else None,
            birth_date=_years_ago(age),
            gender=gender,
            member_since=_years_ago(years),
            kind=MemberKind.MEMBER,
        )
        for statement, value in zip(statements, answers, strict=False):
            if value is not None and _eligible(round_, member):
                services.answer_save(statement=statement, member=member, value=value)
    services.round_close(round_=round_)
    return round_


def _eligible(round_: Round, member: Member) -> bool:
    if round_.scope == Scope.BRANCH:
        return member.branch_id == round_.branch_id
    if round_.scope == Scope.PROVINCE:
        return member.branch is not None and member.branch.province == round_.province
    return True


# What is published, collected from the page, the CSV and the mail.


@dataclass
class Published:
    statements: list[int]
    branch_province: dict  # branch key -> province key (public)
    keys: dict[str, list] = field(default_factory=dict)  # dimension -> every group listed
    too_few: set = field(default_factory=set)  # statements behind "te weinig reacties"
    totals: dict = field(default_factory=dict)  # (statement, value) -> count
    answers: dict = field(default_factory=dict)  # statement -> number of answers
    shown: dict = field(default_factory=dict)  # (statement, dim, group, value) -> count
    sizes: dict = field(default_factory=dict)  # (statement, dim, group) -> n
    hidden: set = field(default_factory=set)  # (statement, dim, group)
    who_took_part: bool = False  # False: only "te weinig reacties" (under 10 respondents)
    near_census: bool = False  # no group published: under 10 eligible members stayed away
    shares: dict = field(default_factory=dict)  # (dim, group) -> % of respondents, as shown
    hidden_respondents: set = field(default_factory=set)
    population: dict = field(default_factory=dict)  # (dim, group) -> members
    true_sizes: dict = field(default_factory=dict)  # not published: (s, dim, group) -> n


def _published(round_: Round, client) -> Published:
    cache.clear()
    pages = {d: results.round_results(round_, dimension=d) for d in [None, *results.DIMENSIONS]}
    counted = figures.round_figures(round_, live=False)
    published = Published(
        statements=[s.statement.pk for s in pages[None].statements],
        branch_province=dict(Branch.objects.values_list("pk", "province")),
        keys=results._keys_and_labels(round_)[0],
    )
    published.near_census = pages[None].near_census
    for dimension, page in pages.items():
        _read_page(published, dimension, page)
    _read_who_took_part(published, pages[None])
    _read_csv(published, round_, client, pages)
    for statement, distribution in results.statement_totals(round_):
        if distribution is not None:
            published.answers[statement.pk] = distribution.total
    for dimension, keys in published.keys.items():
        sizes = results._sizes(counted.population, dimension, keys)
        published.population.update({(dimension, k): n for k, n in sizes.items()})
    return published


def _read_page(published: Published, dimension, page) -> None:
    for result in page.statements:
        s = result.statement.pk
        if result.too_few:
            published.too_few.add(s)
            continue
        for value in charts.VALUES:
            published.totals[s, value] = result.raw.counts[value]
        if dimension is None:
            continue
        if published.near_census:
            assert result.groups == []
            published.hidden |= {(s, dimension, key) for key in published.keys[dimension]}
            continue
        assert [g.key for g in result.groups] == published.keys[dimension]
        for group in result.groups:
            if group.distribution is None:
                published.hidden.add((s, dimension, group.key))
                continue
            published.sizes[s, dimension, group.key] = group.n
            for value in charts.VALUES:
                published.shown[s, dimension, group.key, value] = group.distribution.counts[value]


def _read_who_took_part(published: Published, page) -> None:
    """Shares of respondents, rounded as the page shows them (one decimal)."""
    if page.near_census:
        assert not page.representativeness
        published.hidden_respondents |= {(d, k) for d, keys in published.keys.items() for k in keys}
        return
    if not page.representativeness:
        return
    published.who_took_part = True
    titles = {str(title): d for d, title in results.DIMENSIONS.items()}
    for title, rows in page.representativeness.items():
        dimension = titles[title]
        for key, row in zip(published.keys[dimension], rows, strict=True):
            if row["too_few"]:
                published.hidden_respondents.add((dimension, key))
            else:
                published.shares[dimension, key] = round(row["respondents"], 1)


def _read_csv(published: Published, round_: Round, client, pages) -> None:
    """Counts the CSV prints, by (statement, breakdown, group, answer); the page's group
    labels say which group a row is."""
    response = client.get(reverse("preferendum:results-csv", args=[round_.pk]))
    positions = {r.statement.position: r.statement.pk for r in pages[None].statements}
    values = {str(AnswerValue(v).label): v for v in charts.VALUES}
    groups = {
        (d, g.label): g.key
        for d, page in pages.items()
        if d
        for result in page.statements
        for g in result.groups
    }
    for row in list(csv.reader(io.StringIO(response.content.decode())))[1:]:
        position, _text, dimension, label, answer, count, _percent = row
        if not count:
            continue
        s, value = positions[int(position)], values[answer]
        if dimension:
            published.shown[s, dimension, groups[dimension, label], value] = int(count)
        else:
            published.totals[s, value] = int(count)


# The attacker: every published figure as a linear constraint on non-negative counts.


class Attacker:
    def __init__(self, published: Published):
        self.p = published
        self.columns: dict = {}
        self.rows: list[tuple[dict, float, float]] = []
        self._constrain()
        self.highs = self._model()

    def col(self, key) -> int:
        return self.columns.setdefault(key, len(self.columns))

    def row(self, terms: dict, lower: float, upper: float) -> None:
        self.rows.append((terms, lower, upper))

    def cell(self, s, dimension, group, value) -> int:
        return self.col(("x", s, dimension, group, value))

    def size(self, s, dimension, group) -> dict:
        return {self.cell(s, dimension, group, v): 1 for v in charts.VALUES}

    def respondents(self, dimension, group) -> int:
        return self.col(("r", dimension, group))

    def total(self, s, value) -> int:
        return self.col(("c", s, value))

    def _constrain(self) -> None:
        p = self.p
        for s in p.statements:
            self._statement(s)
        for (s, dimension, group, value), n in p.shown.items():
            self.row({self.cell(s, dimension, group, value): 1}, n, n)
        for (s, dimension, group), n in p.sizes.items():
            self.row(self.size(s, dimension, group), n, n)
        for (s, value), n in p.totals.items():
            self.row({self.total(s, value): 1}, n, n)
        for s, n in p.answers.items():
            self.row({self.total(s, v): 1 for v in charts.VALUES}, n, n)
        self._who_took_part()

    def _statement(self, s) -> None:
        """Every breakdown is a margin of the same answers; branches nest in provinces."""
        p = self.p
        if s in p.too_few:
            self.row({self.total(s, v): 1 for v in charts.VALUES}, 0, stats.MIN_CELL - 1)
        for dimension, keys in p.keys.items():
            for value in charts.VALUES:
                terms = {self.cell(s, dimension, g, value): 1 for g in keys}
                terms[self.total(s, value)] = -1
                self.row(terms, 0, 0)
        for value in charts.VALUES:
            for province in p.keys.get("province", []):
                terms = {self.cell(s, "province", province, value): 1}
                for branch in p.keys.get("branch_id", []):
                    if p.branch_province.get(branch, UNKNOWN) == province:
                        terms[self.cell(s, "branch_id", branch, value)] = -1
                self.row(terms, 0, 0)

    def _who_took_part(self) -> None:
        """Respondents per group: at least the answers to any one statement, at most all
        of them together, at most the members in the group; a shown share of all
        respondents (R, itself unknown) within its rounding."""
        p = self.p
        everyone = self.col("R")
        eligible = sum(p.population.get(("province", g), 0) for g in p.keys["province"])
        away = stats.MIN_CELL - 1  # at most this many stayed away in a near-census round
        if p.near_census:
            self.row({everyone: 1}, eligible - away, math.inf)
        elif p.who_took_part:
            self.row({everyone: 1}, stats.MIN_CELL, eligible - away - 1)
        else:
            self.row({everyone: 1}, 0, min(stats.MIN_CELL - 1, eligible - away - 1))
        for (dimension, group), share in p.shares.items():
            r = self.respondents(dimension, group)
            self.row({r: 1, everyone: -(share - 0.05) / 100}, 0, math.inf)
            self.row({r: 1, everyone: -(share + 0.05) / 100}, -math.inf, 0)
        for dimension, keys in p.keys.items():
            terms = {self.respondents(dimension, g): 1 for g in keys}
            self.row({**terms, everyone: -1}, 0, 0)
            for group in keys:
                r = self.respondents(dimension, group)
                self.row({r: 1}, 0, p.population.get((dimension, group), 0))
                answered = {}
                for s in p.statements:
                    self.row({**self.size(s, dimension, group), r: -1}, -math.inf, 0)
                    answered.update(self.size(s, dimension, group))
                self.row({**{c: -1 for c in answered}, r: 1}, -math.inf, 0)

    def _model(self) -> highspy.Highs:
        highs = highspy.Highs()
        highs.setOptionValue("output_flag", False)
        highs.setOptionValue("threads", 1)
        n = len(self.columns)
        highs.addVars(n, np.zeros(n), np.full(n, highspy.kHighsInf))
        for terms, lower, upper in self.rows:
            lower = max(lower, -highspy.kHighsInf)
            upper = min(upper, highspy.kHighsInf)
            index = np.array(list(terms), dtype=np.int32)
            highs.addRow(lower, upper, len(terms), index, np.array(list(terms.values()), float))
        return highs

    def bounds(self, terms: dict) -> tuple[int, int]:
        """The least and greatest integer the sum of these columns can take."""
        found = []
        for sense in (highspy.ObjSense.kMinimize, highspy.ObjSense.kMaximize):
            cost = np.zeros(len(self.columns))
            cost[list(terms)] = list(terms.values())
            self.highs.changeColsCost(len(cost), np.arange(len(cost), dtype=np.int32), cost)
            self.highs.changeObjectiveSense(sense)
            self.highs.run()
            status = self.highs.getModelStatus()
            assert status == highspy.HighsModelStatus.kOptimal, f"{status}: the model is wrong"
            found.append(self.highs.getInfo().objective_function_value)
        return math.ceil(found[0] - 1e-6), math.floor(found[1] + 1e-6)

    def suppressed(self):
        """(what, columns) for every figure the round does not publish, but those of
        groups without members (0, and no secret)."""
        p = self.p
        for s, dimension, group in sorted(p.hidden, key=str):
            if not p.population.get((dimension, group)):
                continue
            yield (s, dimension, group, "n"), self.size(s, dimension, group)
            for value in charts.VALUES:
                yield (s, dimension, group, value), {self.cell(s, dimension, group, value): 1}
        for dimension, group in sorted(p.hidden_respondents, key=str):
            if not p.population.get((dimension, group)):
                continue
            yield ("wie deden er mee", dimension, group), {self.respondents(dimension, group): 1}
        for s in sorted(p.too_few):
            yield (s, "te weinig reacties"), {self.total(s, v): 1 for v in charts.VALUES}


def _determined(attacker: Attacker) -> list:
    found = []
    for what, terms in attacker.suppressed():
        low, high = attacker.bounds(terms)
        if low == high and not _no_secret(attacker.p, what, low):
            found.append((what, low))
    return found


def _no_secret(p: Published, what: tuple, count: int) -> bool:
    """Determined figures that tell nothing: 0 (no one); any figure of a group of at
    least MIN_CELL, which could have been shown (a group hidden only to cover a smaller
    one); a count per answer that every answer to the statement gave (the total says so)."""
    if count == 0 or p.true_sizes.get(what[:3], 0) >= stats.MIN_CELL:
        return True
    sizes = p.near_census and (what[0] == "wie deden er mee" or what[-1] == "n")
    if sizes and count == p.population.get(what[1:3]):
        return True  # near census: every member of the group answered, as the totals say
    s, value = what[0], what[-1]
    answers = sum(p.totals.get((s, v), 0) for v in charts.VALUES)
    return value in charts.VALUES and p.totals.get((s, value)) == answers


def _true_sizes(round_: Round) -> dict:
    """Not published: the real size of every group, from the figures frozen at closing."""
    counted, sizes = figures.round_figures(round_, live=False), Counter()
    for s, _value, province, age, gender, n in counted.by_person:
        for dimension, key in (("province", province), ("age_band", age), ("gender", gender)):
            sizes[s, dimension, key] += n
    for s, _value, _province, branch, membership, n in counted.by_place:
        sizes[s, "branch_id", branch] += n
        sizes[s, "membership_band", membership] += n
    for row in counted.respondents:
        for dimension in results.DIMENSIONS:
            sizes["wie deden er mee", dimension, getattr(row, dimension)] += row.n
    return sizes


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(spec=rounds)
def test_no_suppressed_figure_is_determined_by_all_published_figures(spec):
    with transaction.atomic():
        client = Client()
        round_ = _closed_round(spec)
        assert round_.state == RoundState.CLOSED
        client.force_login(MemberFactory(admin=True, branch=None))
        published = _published(round_, client)
        published.true_sizes = _true_sizes(round_)
        transaction.set_rollback(True)
    assert _determined(Attacker(published)) == []
