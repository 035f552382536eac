"""Results of a round, aggregated in SQL on the answers' trait snapshots.

A page needs a constant handful of queries whatever the number of answers: two GROUP BY
queries over the round's answers, one for trends, and the eligible membership (frozen on
the round at closing). Suppression and weighting rules are in preferendum/stats.py.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.db.models import Count, F
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from members.models import Branch
from members.traits import TRAIT_LABELS, UNKNOWN, derived_trait_expressions
from preferendum import stats
from preferendum.models import Answer, AnswerValue, Round, RoundFigures, RoundState, Statement
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
    representativeness: dict[str, list[dict]]
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


def _figures(round_: Round, live: bool) -> tuple[list, list, list]:
    """Frozen figures for a closed round (one query), else the answers counted live."""
    if round_.state in CLOSED and not live:
        frozen = RoundFigures.objects.filter(round=round_).first()
        if frozen is not None:
            return frozen.population, frozen.by_person, frozen.by_place
    by_person, by_place = _answer_counts(round_)
    return _recent_population(round_), by_person, by_place


def _recent_population(round_: Round) -> list[list]:
    """The eligible membership, recounted at most every ten minutes for live views.

    It changes with member imports, not with answers, and counting every member is the
    larger part of a live view; closing a round freezes a fresh count (live_figures).
    """
    today = timezone.localdate()
    scope = f"{round_.audience}:{round_.scope}:{round_.province}:{round_.branch_id}"
    key = f"preferendum:population:{round_.pk}:{today.isoformat()}:{scope}"
    return cache.get_or_set(key, lambda: population_rows(round_, on=today), POPULATION_SECONDS)


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
    population, person_rows, place_rows = _figures(round_, live)
    results = {s.pk: StatementResult(s, Distribution(Counter())) for s in statements}
    cells = defaultdict(lambda: defaultdict(Counter))
    for statement_id, value, province, age, gender, n in person_rows:
        results[statement_id].raw.counts[value] += n
        cells[statement_id][(province, age, gender)][value] += n
    pop_cells = Counter()
    for row in population:
        pop_cells[(row[0], row[2], row[3])] += row[-1]
    for statement_id, result in results.items():
        result.weighted = stats.poststratify(pop_cells, cells[statement_id])
    if dimension in DIMENSIONS:
        _add_groups(results, dimension, person_rows, place_rows)
    _add_trends(round_, statements, results)
    return RoundResults(
        round=round_,
        statements=list(results.values()),
        dimension=dimension if dimension in DIMENSIONS else None,
        representativeness=_representativeness(person_rows, place_rows, population),
    )


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


def _add_groups(results: dict, dimension: str, person_rows, place_rows) -> None:
    counts, parent_of = _group_counts(dimension, person_rows, place_rows)
    province_counts = _group_counts("province", person_rows, place_rows)[0]
    labels = _labels(dimension)
    order = {key: i for i, key in enumerate(labels)}  # bands youngest first, provinces N→S
    for statement_id, groups in counts.items():
        sizes = {key: sum(c.values()) for key, c in groups.items()}
        if dimension == "branch_id":
            province_sizes = {k: sum(c.values()) for k, c in province_counts[statement_id].items()}
            hidden = stats.suppress_nested(sizes, parent_of, stats.suppress(province_sizes))
        else:
            hidden = stats.suppress(sizes)
        results[statement_id].groups = sorted(
            (
                Group(key, str(labels.get(key, UNKNOWN_LABEL)), n, None)
                if key in hidden
                else Group(key, str(labels.get(key, UNKNOWN_LABEL)), n, Distribution(groups[key]))
                for key, n in sizes.items()
            ),
            key=lambda g: (order.get(g.key, len(order)), str(g.label)),
        )


def _labels(dimension: str) -> dict:
    if dimension == "branch_id":
        return {**dict(Branch.objects.values_list("pk", "name")), None: UNKNOWN_LABEL}
    return {**TRAIT_LABELS[dimension][1], UNKNOWN: UNKNOWN_LABEL}


def _representativeness(person_rows, place_rows, population) -> dict[str, list[dict]]:
    """Per trait: share of answers next to the share of the eligible membership."""
    tables = {}
    branch_labels = None
    for dimension, title in DIMENSIONS.items():
        respondents, members = Counter(), Counter()
        if dimension in ("branch_id", "membership_band"):
            i = 3 if dimension == "branch_id" else 4
            for row in place_rows:
                respondents[row[i]] += row[-1]
        else:
            i = {"province": 2, "age_band": 3, "gender": 4}[dimension]
            for row in person_rows:
                respondents[row[i]] += row[-1]
        for row in population:
            members[row[POP_INDEX[dimension]]] += row[-1]
        if dimension == "branch_id":
            branch_labels = branch_labels or _labels("branch_id")
        labels = branch_labels if dimension == "branch_id" else _labels(dimension)
        tables[str(title)] = _share_rows(respondents, members, labels)
    return tables


def _share_rows(respondents: Counter, members: Counter, labels: dict) -> list[dict]:
    answered, total = sum(respondents.values()), sum(members.values())
    rows = []
    for key in sorted(set(respondents) | set(members), key=lambda k: str(labels.get(k, k))):
        n = respondents[key]
        rows.append(
            {
                "label": str(labels.get(key, UNKNOWN_LABEL)),
                "too_few": 0 < n < stats.MIN_CELL,
                "respondents": 100 * n / answered if answered else 0.0,
                "members": 100 * members[key] / total if total else 0.0,
            }
        )
    return rows


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
        if not points[family]:
            continue
        series = [(t, c, Distribution(counts)) for t, c, counts in points[family].values()]
        series.append((round_.title, round_.closes_at, results[statement_id].raw))
        results[statement_id].trend = [
            {"title": t, "date": c, "agree": d.agree, "n": d.total} for t, c, d in series
        ]


def statement_totals(round_: Round) -> list[tuple[Statement, Distribution]]:
    """Only the overall distribution per statement (for the results e-mail). One query."""
    statements = list(round_.statements.order_by("position", "pk"))
    totals = defaultdict(Counter)
    rows = Answer.objects.filter(round=round_).values_list("statement_id", "value")
    for statement_id, value, n in rows.annotate(n=Count("pk")).order_by():
        totals[statement_id][value] = n
    return [(s, Distribution(totals[s.pk])) for s in statements]
