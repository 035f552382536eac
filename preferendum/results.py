"""Results of a round, aggregated in SQL on the answers' trait snapshots.

A page needs a constant handful of queries whatever the number of answers: GROUP BY
queries over the round's answers (counts, and distinct respondents), one for trends, and the
eligible membership (frozen on the round at closing). Every published figure goes through
the suppression and weighting rules of preferendum/stats.py (see docs/security.md).
"""

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.db.models import Count, F
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from members.models import Branch
from members.traits import TRAIT_LABELS, UNKNOWN, derived_trait_expressions
from preferendum import stats
from preferendum.models import (
    Answer,
    AnswerValue,
    Round,
    RoundFigures,
    RoundState,
    Scope,
    Statement,
)
from preferendum.selectors import eligible_members

DIMENSIONS = {
    "province": _("provincie"),
    "branch_id": _("afdeling"),
    "age_band": _("leeftijd"),
    "gender": _("gender"),
    "membership_band": _("lidmaatschapsduur"),
}
VALUES = [1, 2, 3, 4, 5, 0]
# Diverging palette that stays readable for colour-blind people (ColorBrewer RdBu).
COLOURS = {1: "#b2182b", 2: "#ef8a62", 3: "#bababa", 4: "#67a9cf", 5: "#2166ac", 0: "#f0f0f0"}
POP_INDEX = {"province": 0, "branch_id": 1, "age_band": 2, "gender": 3, "membership_band": 4}
CLOSED = (RoundState.CLOSED, RoundState.FEEDBACK_PUBLISHED)
UNKNOWN_LABEL = _("onbekend")
CACHE_SECONDS = 24 * 3600
POPULATION_SECONDS = 10 * 60


@dataclass
class Distribution:
    counts: Counter

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def percent(self, value: int) -> float:
        return 100 * self.counts[value] / self.total if self.total else 0.0

    @property
    def rows(self) -> list[dict]:
        return [
            {
                "value": v,
                "label": AnswerValue(v).label,
                "count": self.counts[v],
                "percent": self.percent(v),
                "colour": COLOURS[v],
            }
            for v in VALUES
        ]

    @property
    def agree(self) -> float:
        return self.percent(4) + self.percent(5)

    @property
    def bar(self) -> list[dict]:
        return diverging_bar({v: self.percent(v) for v in VALUES})


def label(value: int) -> str:
    return AnswerValue(value).label


def diverging_bar(percent: dict[int, float]) -> list[dict]:
    """Segments on a 0–200 axis, centred at 100: disagree left, agree right, neutral split."""
    half = percent[3] / 2
    left = 100 - half - percent[2] - percent[1]
    spans = [(1, left, percent[1]), (2, left + percent[1], percent[2]), (3, 100 - half, percent[3])]
    spans += [(4, 100 + half, percent[4]), (5, 100 + half + percent[4], percent[5])]
    return [
        {"x": round(x, 2), "width": round(w, 2), "colour": COLOURS[v], "label": label(v)}
        for v, x, w in spans
        if w > 0
    ]


@dataclass
class Group:
    key: object
    label: str
    n: int
    distribution: Distribution | None  # None: "te weinig reacties"


@dataclass
class StatementResult:
    statement: Statement
    raw: Distribution
    weighted: dict[int, float] | None = None
    groups: list[Group] = field(default_factory=list)
    trend: list[dict] = field(default_factory=list)
    too_few: bool = False  # fewer than MIN_CELL answers: no figure at all is shown

    @property
    def weighted_rows(self) -> list[dict]:
        w = self.weighted or {}
        return [{"label": AnswerValue(v).label, "percent": w.get(v, 0.0)} for v in VALUES]

    @property
    def table_rows(self) -> list[dict]:
        """Raw counts and percentages with the weighted percentage beside them."""
        w = self.weighted or {}
        return [{**row, "weighted": w.get(row["value"])} for row in self.raw.rows]

    @property
    def weighted_bar(self) -> list[dict]:
        return diverging_bar({v: (self.weighted or {}).get(v, 0.0) for v in VALUES})

    @property
    def trend_points(self) -> str:
        step = 300 / max(len(self.trend) - 1, 1)
        points = (f"{10 + i * step:.1f},{110 - p['agree']:.1f}" for i, p in enumerate(self.trend))
        return " ".join(points)


@dataclass
class RoundResults:
    round: Round
    statements: list[StatementResult]
    dimension: str | None
    representativeness: dict[str, list[dict]]  # empty: fewer than MIN_CELL respondents
    # Set when the results are final (a closed round): the page caches its figures under it.
    cache_key: str = ""

    @property
    def dimension_label(self) -> str:
        return DIMENSIONS.get(self.dimension, "")


def population_rows(round_: Round, *, on: date) -> list[list]:
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
    return [list(row) for row in rows]


def live_figures(round_: Round, *, on: date | None = None) -> tuple[list, list, list]:
    """(population, by_person, by_place) counted now: three GROUP BY queries."""
    by_person, by_place = _answer_counts(round_)
    return population_rows(round_, on=on or timezone.localdate()), by_person, by_place


def _figures(round_: Round, live: bool) -> tuple[list, list, list, list]:
    """(population, by_person, by_place, respondents): frozen for a closed round (one
    query), else the answers counted live. Respondents stay frozen even for a live recount:
    anonymisation since closing no longer tells who answered what."""
    frozen = None
    if round_.state in CLOSED:
        frozen = RoundFigures.objects.filter(round=round_).first()
        if frozen is not None and not live:
            respondents = frozen.respondents or respondent_rows(round_)
            return frozen.population, frozen.by_person, frozen.by_place, respondents
    by_person, by_place = _answer_counts(round_)
    respondents = (frozen and frozen.respondents) or respondent_rows(round_)
    return _recent_population(round_), by_person, by_place, respondents


def _recent_population(round_: Round) -> list[list]:
    """The eligible membership, recounted at most every ten minutes for live views.

    It changes with member imports, not with answers, and counting every member is the
    larger part of a live view; closing a round freezes a fresh count (live_figures).
    """
    today = timezone.localdate()
    scope = f"{round_.audience}:{round_.scope}:{round_.province}:{round_.branch_id}"
    key = f"preferendum:population:{round_.pk}:{today.isoformat()}:{scope}"
    return cache.get_or_set(key, lambda: population_rows(round_, on=today), POPULATION_SECONDS)


def respondent_rows(round_: Round) -> list[list]:
    """Distinct respondents per (province, branch_id, age_band, gender, membership_band).

    Answers cleared by anonymisation no longer say whose they are: per group they count as
    the most answers to any one statement (a respondent answers a statement once).
    """
    answers = Answer.objects.filter(round=round_).order_by()
    traits = ("province", "branch_id", "age_band", "gender", "membership_band")
    known = answers.filter(member__isnull=False).values_list(*traits)
    known = known.annotate(n=Count("member_id", distinct=True))
    counts = Counter({tuple(row[:-1]): row[-1] for row in known})
    anonymous = answers.filter(member__isnull=True).values_list("statement_id", *traits)
    most = Counter()
    for row in anonymous.annotate(n=Count("pk")):
        most[row[1:-1]] = max(most[row[1:-1]], row[-1])
    counts.update(most)
    return [[*row, n] for row, n in counts.items()]


def _answer_counts(round_: Round):
    """The two aggregations every results view needs: per statement and value, by traits."""
    answers = Answer.objects.filter(round=round_).order_by()
    by_person = answers.values_list("statement_id", "value", "province", "age_band", "gender")
    by_place = answers.values_list(
        "statement_id", "value", "province", "branch_id", "membership_band"
    )
    return (
        list(by_person.annotate(n=Count("pk"))),
        list(by_place.annotate(n=Count("pk"))),
    )


def round_results(
    round_: Round, *, dimension: str | None = None, live: bool = False
) -> RoundResults:
    """Everything the results page shows. `live` recounts even a closed round.

    A closed round's results cannot change (its figures are frozen at closing, earlier
    rounds in its trends are closed too), so they are cached per breakdown and language;
    labels are plain strings for that reason (unpickling a lazy string costs a class).
    """
    dimension = dimension if dimension in DIMENSIONS else None
    if live or round_.state not in CLOSED:
        return _round_results(round_, dimension, live)
    closed = int(round_.closed_at.timestamp()) if round_.closed_at else 0
    key = f"preferendum:results:{round_.pk}:{closed}:{dimension}:{translation.get_language()}"
    found = cache.get(key)
    if found is None:
        found = _round_results(round_, dimension, live)
        cache.set(key, found, CACHE_SECONDS)
    found.round = round_  # the current row: feedback may have been published since
    found.cache_key = key
    return found


def _round_results(round_: Round, dimension: str | None, live: bool) -> RoundResults:
    statements = list(round_.statements.order_by("position", "pk"))
    population, person_rows, place_rows, respondents = _figures(round_, live)
    results = {s.pk: StatementResult(s, Distribution(Counter())) for s in statements}
    for statement_id, value, _province, _age, _gender, n in person_rows:
        results[statement_id].raw.counts[value] += n
    for result in results.values():
        if result.raw.total < stats.MIN_CELL:
            result.raw, result.too_few = Distribution(Counter()), True
    keys, labels = _keys_and_labels(round_)
    members = {d: _sizes(population, POP_INDEX[d], keys[d]) for d in DIMENSIONS}
    _add_weighted(results, keys[stats.WEIGHTING_DIMENSION], person_rows, place_rows, members)
    if dimension in DIMENSIONS:
        _add_groups(results, dimension, keys, labels[dimension], (person_rows, place_rows), members)
    _add_trends(round_, statements, results)
    return RoundResults(
        round=round_,
        statements=list(results.values()),
        dimension=dimension if dimension in DIMENSIONS else None,
        representativeness=_representativeness(respondents, members, keys, labels),
    )


def _keys_and_labels(round_: Round) -> tuple[dict[str, list], dict[str, dict]]:
    """Per dimension every group a table lists, answered or not (a hidden group never shows
    that it exists), unknown last; and their labels. Branches: those in the round's scope."""
    keys = {d: [*TRAIT_LABELS[d][1], UNKNOWN] for d in DIMENSIONS if d != "branch_id"}
    labels = {d: {**TRAIT_LABELS[d][1], UNKNOWN: UNKNOWN_LABEL} for d in keys}
    branches = Branch.objects.order_by("name")
    if round_.scope == Scope.BRANCH:
        branches = branches.filter(pk=round_.branch_id)
    elif round_.scope == Scope.PROVINCE:
        branches = branches.filter(province=round_.province)
    names = dict(branches.values_list("pk", "name"))
    keys["branch_id"] = [*names, None]
    labels["branch_id"] = {**names, None: UNKNOWN_LABEL}
    return keys, labels


def _fold(counts: Mapping, keys: list) -> dict:
    """Counts on exactly these keys: anything else (stale data) counts as the last, unknown."""
    folded = {key: Counter() for key in keys}
    for key, values in counts.items():
        folded[key if key in folded else keys[-1]].update(values)
    return folded


def _group_counts(dimension: str, person_rows, place_rows):
    """Per statement: {group: Counter(value)} for one dimension, plus branch → province."""
    counts = defaultdict(lambda: defaultdict(Counter))
    parent_of = {}
    if dimension in ("branch_id", "membership_band"):
        for statement_id, value, province, branch_id, membership, n in place_rows:
            key = branch_id if dimension == "branch_id" else membership
            counts[statement_id][key][value] += n
            parent_of[branch_id] = province
    else:
        index = {"province": 2, "age_band": 3, "gender": 4}[dimension]
        for row in person_rows:
            counts[row[0]][row[index]][row[1]] += row[-1]
    return counts, parent_of


def _hidden(dimension: str, sizes: dict, parent_of: dict, province_sizes: dict, members) -> set:
    """The groups of one breakdown table that are not shown (stats rules 2–4); `members`:
    the eligible membership per dimension and group."""
    if dimension != "branch_id":
        return stats.suppress(sizes, members=members[dimension])
    hidden_provinces = stats.suppress(province_sizes, members=members["province"])
    return stats.suppress_nested(sizes, parent_of, hidden_provinces, members=members[dimension])


def _totals(groups: dict) -> dict:
    return {key: sum(counts.values()) for key, counts in groups.items()}


def _add_weighted(results: dict, keys: list, person_rows, place_rows, members) -> None:
    """Weighted per published group of the weighting dimension, hidden groups pooled."""
    dimension = stats.WEIGHTING_DIMENSION
    counts, _parents = _group_counts(dimension, person_rows, place_rows)
    for statement_id, result in results.items():
        if result.too_few:
            continue
        groups = _fold(counts[statement_id], keys)
        hidden = _hidden(dimension, _totals(groups), {}, {}, members)
        result.weighted = stats.weight_by_groups(members[dimension], groups, hidden)


def _add_groups(
    results: dict, dimension: str, all_keys: dict, labels: dict, rows: tuple, members: dict
) -> None:
    person_rows, place_rows = rows
    counts, parent_of = _group_counts(dimension, person_rows, place_rows)
    province_counts = _group_counts("province", person_rows, place_rows)[0]
    keys = all_keys[dimension]
    province_keys = all_keys["province"] if dimension == "branch_id" else []
    for statement_id, result in results.items():
        if result.too_few:
            continue
        groups = _fold(counts[statement_id], keys)
        provinces = _fold(province_counts[statement_id], province_keys) if province_keys else {}
        hidden = _hidden(dimension, _totals(groups), parent_of, _totals(provinces), members)
        result.groups = [
            Group(key, str(labels.get(key, UNKNOWN_LABEL)), 0, None)
            if key in hidden
            else Group(key, str(labels.get(key, UNKNOWN_LABEL)), sum(c.values()), Distribution(c))
            for key, c in groups.items()
        ]


def _representativeness(respondents, members, keys, labels) -> dict[str, list[dict]]:
    """Per trait: share of respondents (distinct people) next to the eligible membership.

    Respondent groups follow the same suppression as the breakdowns, branches nested in
    provinces; with fewer than MIN_CELL respondents in all, nothing is shown.
    """
    if sum(row[-1] for row in respondents) < stats.MIN_CELL:
        return {}
    answered = {d: _sizes(respondents, POP_INDEX[d], keys[d]) for d in DIMENSIONS}
    parent_of = {row[1]: row[0] for row in respondents}
    tables = {}
    for dimension, title in DIMENSIONS.items():
        hidden = _hidden(dimension, answered[dimension], parent_of, answered["province"], members)
        rows = _share_rows(answered[dimension], members[dimension], labels[dimension], hidden)
        tables[str(title)] = rows
    return tables


def _sizes(rows, index: int, keys: list) -> dict:
    """Counts (the last column) per value of column `index`, on exactly these keys."""
    sizes = dict.fromkeys(keys, 0)
    for row in rows:
        sizes[row[index] if row[index] in sizes else keys[-1]] += row[-1]
    return sizes


def _share_rows(respondents: dict, members: dict, labels: dict, hidden: set) -> list[dict]:
    answered, total = sum(respondents.values()), sum(members.values())
    return [
        {
            "label": str(labels.get(key, UNKNOWN_LABEL)),
            "too_few": key in hidden,
            "respondents": 0.0 if key in hidden else 100 * n / answered,
            "members": 100 * members[key] / total if total else 0.0,
        }
        for key, n in respondents.items()
    ]


def _add_trends(round_: Round, statements: list[Statement], results: dict) -> None:
    """Agreement per earlier closed round of the same statement family, then this round."""
    families = {s.family: s.pk for s in statements}
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
    points = defaultdict(dict)
    for family, round_id, title, closes_at, value, n in earlier:
        point = points[family].setdefault(round_id, (title, closes_at, Counter()))
        point[2][value] += n
    for family, statement_id in families.items():
        if not points[family] or results[statement_id].too_few:
            continue
        series = [(t, c, Distribution(counts)) for t, c, counts in points[family].values()]
        series.append((round_.title, round_.closes_at, results[statement_id].raw))
        results[statement_id].trend = [
            {"title": t, "date": c, "agree": d.agree, "n": d.total}
            for t, c, d in series
            if d.total >= stats.MIN_CELL
        ]


def statement_totals(round_: Round) -> list[tuple[Statement, Distribution | None]]:
    """The overall distribution per statement for the results e-mail, None below MIN_CELL
    answers ("te weinig reacties"), like the page. One query."""
    statements = list(round_.statements.order_by("position", "pk"))
    totals = defaultdict(Counter)
    rows = Answer.objects.filter(round=round_).values_list("statement_id", "value")
    for statement_id, value, n in rows.annotate(n=Count("pk")).order_by():
        totals[statement_id][value] = n
    return [
        (s, Distribution(totals[s.pk]) if totals[s.pk].total() >= stats.MIN_CELL else None)
        for s in statements
    ]
