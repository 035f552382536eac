"""A round on its public page: what it asks and, once closed, the overall results.

The figures are the members' results page's own, with the same minimum of 10 and the same
suppression; no breakdown by group is ever public.
"""

from members.processes import PublicBar, PublicSummary
from preferendum import results
from preferendum.models import Round, RoundState

PUBLIC_STATES = (RoundState.OPEN, *results.CLOSED)


def public_summary(process_id: int) -> PublicSummary | None:
    round_ = Round.objects.filter(pk=process_id, state__in=PUBLIC_STATES).first()
    if round_ is None:
        return None
    stage = f"{round_.get_purpose_display()} · {round_.get_state_display()}"
    about = {"purpose": round_.intro, "stage": stage}
    if round_.state not in results.CLOSED:
        return PublicSummary(**about)
    found = results.round_results(round_)
    bars = tuple(
        PublicBar(
            label=result.statement.text,
            segments=tuple((s["x"], s["width"], s["colour"]) for s in result.raw.bar),
        )
        for result in found.statements
        if not result.too_few
    )
    return PublicSummary(
        **about,
        outcome_template="preferendum/_public_outcome.html",
        outcome={"results": found},
        bars=bars,
    )
