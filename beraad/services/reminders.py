from datetime import timedelta

from django.utils import timezone

from beraad.models import AuditEntry, Panel, PanelState

REMIND_AFTER = timedelta(days=7)


def panels_due_for_reminder() -> list[Panel]:
    """Panels still open for registration whose invitations went out REMIND_AFTER ago."""
    sent_before = timezone.now() - REMIND_AFTER
    sent = AuditEntry.objects.filter(action=PanelState.INVITATIONS_SENT, at__lte=sent_before)
    return list(
        Panel.objects.filter(state=PanelState.INVITATIONS_SENT, pk__in=sent.values("panel_id"))
    )
