"""The stored opinion map (JSON of forum.opinion_map.OpinionMap) as one reader sees it.

Pure Python: dots without identities (sorted by place, so their order says nothing about
who they are), group cards, consensus statements, and only the reader's own group and the
reason for it. Texts of statements are passed in.
"""

from dataclasses import asdict, dataclass, field

from forum.opinion_map.model import OpinionMap

SIZE, MARGIN = 400, 20


def group_name(label) -> str:
    return chr(ord("A") + int(label)) if str(label).isdigit() and int(label) < 26 else str(label)


@dataclass
class MapView:
    shown: bool
    reason: str = ""
    dots: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    consensus: list = field(default_factory=list)
    mine: dict | None = None


def _scale(values: list[float]):
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    return lambda v: round(MARGIN + (v - low) / span * (SIZE - 2 * MARGIN), 1)


def _dots(result: dict, me: str) -> list[dict]:
    points = result.get("points", {})
    if not points:
        return []
    sx = _scale([xy[0] for xy in points.values()])
    sy = _scale([xy[1] for xy in points.values()])
    membership = result.get("membership", {})
    dots = [
        {
            "x": sx(xy[0]),
            "y": sy(xy[1]),
            "group": group_name(membership[pid]) if pid in membership else "",
            "colour": int(membership[pid]) % 8 if pid in membership else None,
            "mine": pid == me,
        }
        for pid, xy in points.items()
    ]
    return sorted(dots, key=lambda d: (d["group"], d["x"], d["y"]))


def _group(group: dict, texts: dict) -> dict:
    return {
        "name": group_name(group["label"]),
        "colour": int(group["label"]) % 8,
        "size": group["size"],
        "centre": ", ".join(f"{v:.2f}" for v in group.get("centroid", ())),
        "representative": [
            {**rep, "text": texts.get(rep["statement_id"], "")}
            for rep in group.get("representative", [])
            if rep["statement_id"] in texts
        ],
    }


def _consensus(item: dict, texts: dict) -> dict:
    votes = item.get("votes", {})
    return {
        "text": texts.get(item["statement_id"], ""),
        "score": item["score"],
        "groups": [
            {"name": group_name(label), **counts, "total": sum(counts.values())}
            for label, counts in sorted(votes.items())
        ],
    }


def _mine(result: dict, me: str, texts: dict) -> dict | None:
    if not me.isdigit() or me not in result.get("membership", {}):
        return None
    explanation = OpinionMap.from_dict(result).explanation(int(me))
    return {
        "group": group_name(explanation.group),
        "statements": [
            {**asdict(s), "text": texts[s.statement_id]}
            for s in explanation.statements
            if s.statement_id in texts
        ],
    }


def map_view(result: dict, *, reader_id: int | None, texts: dict[int, str]) -> MapView:
    """What the reader may see of the map: nothing at all while it is not shown."""
    if not result or not result.get("shown"):
        return MapView(shown=False, reason=(result or {}).get("reason", ""))
    me = str(reader_id)
    return MapView(
        shown=True,
        dots=_dots(result, me),
        groups=[_group(g, texts) for g in result.get("groups", [])],
        consensus=[
            _consensus(c, texts) for c in result.get("consensus", []) if c.get("is_consensus")
        ],
        mine=_mine(result, me, texts),
    )
