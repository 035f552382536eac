"""What a round's results page, CSV and mail publish, from the counts in figures.py.

Every published figure goes through the suppression and weighting rules of
preferendum/stats.py (see docs/security.md). A closed round's results are cached; how
they are drawn (colours, bars) is preferendum/charts.py.
"""

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from members.traits import TRAIT_LABELS, UNKNOWN
from preferendum import charts, figures, stats
from preferendum.figures import CLOSED, PersonCount, PlaceCount, TraitCount
from preferendum.models import AnswerValue, Round, Statement

# Each dimension is also the name of its column in the rows of figures.py.
DIMENSIONS = {
    "province": _("provincie"),
    "branch_id": _("afdeling"),
    "age_band": _("leeftijd"),
    "gender": _("gender"),
    "membership_band": _("lidmaatschapsduur"),
}
# Dimensions counted by branch (PlaceCount); the others by the person's traits (PersonCount).
PLACE_DIMENSIONS = ("branch_id", "membership_band")
UNKNOWN_LABEL = _("onbekend")
CACHE_SECONDS = 24 * 3600
# Part of the cache key: a new version when what is cached changes shape.
CACHE_VERSION = 4


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
        return charts.value_rows(self.counts, {v: self.percent(v) for v in charts.VALUES})

    @property
    def agree(self) -> float:
        return self.percent(4) + self.percent(5)

    @property
    def bar(self) -> list[dict]:
        return charts.diverging_bar({v: self.percent(v) for v in charts.VALUES})


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
        return [{"label": AnswerValue(v).label, "percent": w.get(v, 0.0)} for v in charts.VALUES]

    @property
    def table_rows(self) -> list[dict]:
        """Raw counts and percentages with the weighted percentage beside them."""
        w = self.weighted or {}
        return [{**row, "weighted": w.get(row["value"])} for row in self.raw.rows]

    @property
    def weighted_bar(self) -> list[dict]:
        return charts.diverging_bar({v: (self.weighted or {}).get(v, 0.0) for v in charts.VALUES})

    @property
    def trend_points(self) -> str:
        return charts.trend_points([point["agree"] for point in self.trend])


@dataclass
class RoundResults:
    round: Round
    statements: list[StatementResult]
    dimension: str | None
    representativeness: dict[str, list[dict]]  # empty: fewer than MIN_CELL respondents
    # Stats rule 6: fewer than MIN_CELL eligible members stayed away, so no group is shown.
    near_census: bool = False
    # Set when the results are final (a closed round): the page caches its figures under it.
    cache_key: str = ""

    @property
    def dimension_label(self) -> str:
        return DIMENSIONS.get(self.dimension, "")


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
    language = translation.get_language()
    key = f"preferendum:results:v{CACHE_VERSION}:{round_.pk}:{closed}:{dimension}:{language}"
    found = cache.get(key)
    if found is None:
        found = _round_results(round_, dimension, live)
        cache.set(key, found, CACHE_SECONDS)
    found.round = round_  # the current row: feedback may have been published since
    found.cache_key = key
    return found


def _round_results(round_: Round, dimension: str | None, live: bool) -> RoundResults:
    statements = list(round_.statements.order_by("position", "pk"))
    counted = figures.round_figures(round_, live=live)
    results = {s.pk: StatementResult(s, Distribution(Counter())) for s in statements}
    for row in counted.by_person:
        results[row.statement_id].raw.counts[row.value] += row.n
    for result in results.values():
        if result.raw.total < stats.MIN_CELL:
            result.raw, result.too_few = Distribution(Counter()), True
    keys, labels = _keys_and_labels(round_)
    members = {d: _sizes(counted.population, d, keys[d]) for d in DIMENSIONS}
    census = stats.near_census(
        sum(row.n for row in counted.population), sum(row.n for row in counted.respondents)
    )
    if not census:
        _add_weighted(results, keys[stats.WEIGHTING_DIMENSION], counted, members)
        if dimension in DIMENSIONS:
            _add_groups(results, dimension, keys, labels[dimension], counted, members)
    _add_trends(round_, statements, results)
    return RoundResults(
        round=round_,
        statements=list(results.values()),
        dimension=dimension if dimension in DIMENSIONS and not census else None,
        representativeness={} if census else _representativeness(counted, members, keys, labels),
        near_census=census,
    )


def _keys_and_labels(round_: Round) -> tuple[dict[str, list], dict[str, dict]]:
    """Per dimension every group a table lists, answered or not (a hidden group never shows
    that it exists), unknown last; and their labels. Branches: those in the round's scope."""
    keys = {d: [*TRAIT_LABELS[d][1], UNKNOWN] for d in DIMENSIONS if d != "branch_id"}
    labels = {d: {**TRAIT_LABELS[d][1], UNKNOWN: UNKNOWN_LABEL} for d in keys}
    names = figures.branch_names(round_)
    keys["branch_id"] = [*names, None]
    labels["branch_id"] = {**names, None: UNKNOWN_LABEL}
    return keys, labels


def _fold(counts: Mapping, keys: list) -> dict:
    """Counts on exactly these keys: anything else (stale data) counts as the last, unknown."""
    folded = {key: Counter() for key in keys}
    for key, values in counts.items():
        folded[key if key in folded else keys[-1]].update(values)
    return folded


def _group_counts(dimension: str, counted: figures.Figures):
    """Per statement: {group: Counter(value)} for one dimension, plus branch → province."""
    counts = defaultdict(lambda: defaultdict(Counter))
    parent_of = {}
    rows: list[PersonCount] | list[PlaceCount] = (
        counted.by_place if dimension in PLACE_DIMENSIONS else counted.by_person
    )
    for row in rows:
        counts[row.statement_id][getattr(row, dimension)][row.value] += row.n
    if dimension == "branch_id":
        parent_of = {row.branch_id: row.province for row in counted.by_place}
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


def _add_weighted(results: dict, keys: list, counted: figures.Figures, members: dict) -> None:
    """Weighted per published group of the weighting dimension, hidden groups pooled."""
    dimension = stats.WEIGHTING_DIMENSION
    counts, _parents = _group_counts(dimension, counted)
    for statement_id, result in results.items():
        if result.too_few:
            continue
        groups = _fold(counts[statement_id], keys)
        hidden = _hidden(dimension, _totals(groups), {}, {}, members)
        result.weighted = stats.weight_by_groups(members[dimension], groups, hidden)


def _add_groups(
    results: dict,
    dimension: str,
    all_keys: dict,
    labels: dict,
    counted: figures.Figures,
    members: dict,
) -> None:
    counts, parent_of = _group_counts(dimension, counted)
    province_counts = _group_counts("province", counted)[0]
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


def _representativeness(counted: figures.Figures, members, keys, labels) -> dict[str, list[dict]]:
    """Per trait: share of respondents (distinct people) next to the eligible membership.

    Respondent groups follow the same suppression as the breakdowns, branches nested in
    provinces; with fewer than MIN_CELL respondents in all, nothing is shown.
    """
    if sum(row.n for row in counted.respondents) < stats.MIN_CELL:
        return {}
    answered = {d: _sizes(counted.respondents, d, keys[d]) for d in DIMENSIONS}
    parent_of = {row.branch_id: row.province for row in counted.respondents}
    tables = {}
    for dimension, title in DIMENSIONS.items():
        hidden = _hidden(dimension, answered[dimension], parent_of, answered["province"], members)
        rows = _share_rows(answered[dimension], members[dimension], labels[dimension], hidden)
        tables[str(title)] = rows
    return tables


def _sizes(rows: list[TraitCount], dimension: str, keys: list) -> dict:
    """People per value of one dimension, on exactly these keys (others count as unknown)."""
    sizes = dict.fromkeys(keys, 0)
    for row in rows:
        key = getattr(row, dimension)
        sizes[key if key in sizes else keys[-1]] += row.n
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
    points = defaultdict(dict)
    for row in figures.earlier_counts(round_, families):
        point = points[row.family].setdefault(row.round_id, (row.title, row.closes_at, Counter()))
        point[2][row.value] += row.n
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
    totals = figures.value_counts(round_)
    counts = [(s, totals.get(s.pk, Counter())) for s in statements]
    return [(s, Distribution(c) if c.total() >= stats.MIN_CELL else None) for s, c in counts]
