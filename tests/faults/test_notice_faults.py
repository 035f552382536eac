"""Panel and event mail stored while the broker is down still goes out, exactly once.

These services write their mail to the outbox in their own transaction and queue the
sender after commit; with the broker down that task is lost, and the outbox sweep (beat,
every minute) sends what is ready. Each test stops Redis, runs the service, starts Redis
and one worker, runs the sweep, and reads the mailbox.
"""

import pytest

from tests.faults.services import wait_for

PANEL = """
from tests.beraad import scenario
from tests.members.factories import MemberFactory
admin, chair = MemberFactory(admin=True), MemberFactory(chair=True)
panel = scenario.signed(MemberFactory, admin, [chair])
"""
PANEL_INVITATIONS = (
    PANEL
    + """
from beraad.services.letters import panel_send_invitations
panel_send_invitations(panel=panel, actor=admin)
"""
)
PANEL_REMINDER = (
    PANEL_INVITATIONS
    + """
from beraad.services.letters import panel_send_reminder
from members.models import OutboxMessage
OutboxMessage.objects.update(status="sent")  # the invitations went out before the outage
panel.refresh_from_db()
panel_send_reminder(panel=panel, actor=admin)
"""
)
EVENT = """
from events.services.registrations import registration_create
from members.models import OutboxMessage
from tests.events.factories import EventFactory
from tests.members.factories import MemberFactory
event = EventFactory(state="gepubliceerd")
for member in MemberFactory.create_batch(6):
    registration_create(event=event, member=member)
OutboxMessage.objects.update(status="sent")  # the confirmations went out before the outage
"""
EVENT_CHANGE = (
    EVENT
    + """
from events.services.events import event_update
event_update(event=event, address="Bibliotheek, zaal 2")
"""
)
EVENT_CANCEL = (
    EVENT
    + """
from events.services.events import event_cancel
event_cancel(event=event)
"""
)
SWEEP = "from members.tasks import sweep_outbox; sweep_outbox.delay()"
COUNT = """
from members.models import OutboxMessage as M
print(M.objects.filter(kind="{kind}").count(), M.objects.exclude(status="sent").count())
"""


@pytest.mark.parametrize(
    ("setup", "kind"),
    [
        (PANEL_INVITATIONS, "panel_invitation"),
        (PANEL_REMINDER, "panel_reminder"),
        (EVENT_CHANGE, "event_change"),
        (EVENT_CANCEL, "event_change"),
    ],
    ids=["panel-invitations", "panel-reminder", "event-change", "event-cancelled"],
)
def test_mail_stored_while_the_broker_is_down_goes_out_once_after_the_sweep(
    platform, redis, setup, kind
):
    redis.stop()
    platform.python(setup)
    stored, waiting = map(int, platform.python(COUNT.format(kind=kind)).split()[-2:])
    assert stored > 0, f"no {kind} mail was stored"
    redis.start()
    platform.start_worker()
    platform.python(SWEEP)

    def none_waiting():
        return platform.python(COUNT.format(kind=kind)).split()[-1] == "0"

    assert wait_for(none_waiting, 60, every=2), f"{kind} mail still waiting after the sweep"
    delivered = platform.delivered()
    assert sum(delivered.values()) == waiting, delivered
    assert set(delivered.values()) == {1}
