"""A panel on its public page: its question, the panel's composition by quota group once
drawn (seats per group, never who), and the published advice."""

from beraad.models import PanelMember
from beraad.selectors import published_panels, report_rows
from members.processes import PublicSummary


def public_summary(process_id: int) -> PublicSummary | None:
    panel = published_panels().filter(pk=process_id).first()
    if panel is None:
        return None
    drawn = panel.panel_members.filter(status__in=PanelMember.ACTIVE).exists()
    composition = [
        {"category": row.category, "value": row.value, "seats": row.selected, "quota": row}
        for row in (report_rows(panel) if drawn else [])
    ]
    advice = list(panel.recommendations.all()) if panel.advice_published_at else []
    return PublicSummary(
        purpose=panel.question,
        stage=f"{panel.get_purpose_display()} · {panel.get_state_display()}",
        outcome_template="beraad/_public_outcome.html",
        outcome={"panel": panel, "composition": composition, "advice": advice},
    )
