"""Small-cell suppression and weighting on published groups, in plain Python.

No Django here: counts in, numbers out, so the rules can be tested by hand.

Suppression rule (one breakdown dimension at a time, per statement; see docs/security.md):
1. a statement (or a round's "who took part") with fewer than MIN_CELL respondents shows
   no figure at all, only "te weinig reacties";
2. every possible group of a dimension is listed, and a group with fewer than MIN_CELL
   respondents (none included) is not shown, so a hidden group does not reveal it exists;
3. complementary suppression: if the hidden groups together number between 1 and
   MIN_CELL - 1 respondents, the total minus the shown groups would reveal them, so the
   smallest shown group is hidden too, until they add up to at least MIN_CELL;
   2b. a group that every one of its eligible members answered is hidden as well: the
   membership per group is known (to admins exactly), so it would tell who took part;
   3b. the smallest shown group is also hidden while the hidden groups have no eligible
   member who did not answer, as the membership would give their sizes away;
4. nested dimensions (branches within a province) apply rule 3 inside every parent as
   well, and hide every child of a parent that is hidden in the parent's own table; this
   holds for "wie deden er mee" too.
6. a near-census round, in which fewer than MIN_CELL eligible members did not take part,
   publishes no group at all (no breakdown, no "wie deden er mee", no weighting), only the
   overall figures per statement: with the membership per group known, its figures would
   follow from the others' (e.g. a hidden group's answers from its members' answers to
   other statements).
Weighting (rule 5) only pools groups that a published table already shows: each shown
group of WEIGHTING_DIMENSION is a weighting cell and its hidden groups form one more, whose
counts are the total minus the shown groups. The weighted result is then a function of
published figures and the (public) membership, and can never help to derive a hidden group.
Known limit: comparing live figures at two moments could isolate one new answer, which
is why only admins see an open round's figures; everyone else sees them once, frozen.
"""

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping

MIN_CELL = 10


WEIGHTING_DIMENSION = "age_band"


def near_census(eligible: int, respondents: int, min_n: int = MIN_CELL) -> bool:
    """Rule 6: fewer than min_n eligible members stayed away, so no group is published."""
    return eligible - respondents < min_n


def suppress(
    sizes: Mapping[Hashable, int],
    min_n: int = MIN_CELL,
    members: Mapping[Hashable, int] | None = None,
) -> set:
    """Groups to hide so that no shown figure, nor the total minus them, is below min_n.

    `members` (eligible members per group, which admins know) adds rule 3b: the hidden
    groups must also leave someone who did not answer, or their sizes would follow from
    the membership (a hidden group of 3 members and 3 answers).
    """
    hidden = {key for key, n in sizes.items() if n < min_n or _census(key, n, members)}
    shown = sorted((n, str(key), key) for key, n in sizes.items() if key not in hidden)
    while shown and _revealing(hidden, sizes, members, min_n):
        hidden.add(shown.pop(0)[2])
    return hidden


def _census(key, n: int, members: Mapping | None) -> bool:
    """Rule 2b: a group that every one of its eligible members answered says of each of
    them that they took part, and makes its count known wherever it is hidden."""
    return members is not None and n > 0 and n >= members.get(key, 0)


def _revealing(hidden: set, sizes: Mapping, members: Mapping | None, min_n: int) -> bool:
    """Whether the shown groups, with the total (and the membership), give hidden ones away."""
    n = sum(sizes[key] for key in hidden)
    if 0 < n < min_n:
        return True
    return members is not None and n > 0 and n >= sum(members.get(key, 0) for key in hidden)


def suppress_nested(
    sizes: Mapping[Hashable, int],
    parent_of: Mapping[Hashable, Hashable],
    hidden_parents: set,
    min_n: int = MIN_CELL,
    members: Mapping[Hashable, int] | None = None,
) -> set:
    """Rule 4: suppress children within each parent, and all children of hidden parents."""
    by_parent = defaultdict(dict)
    for key, n in sizes.items():
        by_parent[parent_of.get(key)][key] = n
    hidden = set()
    for parent, children in by_parent.items():
        if parent in hidden_parents:
            hidden |= set(children)
        else:
            hidden |= suppress(children, min_n, members)
    shown = sorted((n, str(key), key) for key, n in sizes.items() if key not in hidden)
    while shown and _revealing(hidden, sizes, members, min_n):
        hidden.add(shown.pop(0)[2])
    return hidden


def weight_by_groups(
    population: Mapping[Hashable, int],
    sample: Mapping[Hashable, Mapping[int, int]],
    hidden: set,
) -> dict[int, float] | None:
    """Percentages per answer value, each published group weighted to its population share.

    `sample` holds every group's counts per value; the `hidden` groups are pooled into one
    cell (published as the total minus the shown groups). Within a cell every respondent
    weighs the same. None when fewer than two cells have respondents: nothing to weigh.
    """
    pooled = object()
    pop, n, counts = Counter(), Counter(), defaultdict(Counter)
    for key in set(population) | set(sample):
        cell = pooled if key in hidden else key
        pop[cell] += population.get(key, 0)
        n[cell] += sum(sample.get(key, {}).values())
        counts[cell].update(sample.get(key, {}))
    answered = [cell for cell in n if n[cell]]
    covered = sum(pop[cell] for cell in answered)
    if len(answered) < 2 or not covered:
        return None
    weighted = Counter()
    for cell in answered:
        for value, count in counts[cell].items():
            weighted[value] += 100 * pop[cell] / covered * count / n[cell]
    return dict(weighted)
