import threading

import pytest
from django.db import connection

from events.models import RegistrationStatus
from events.services.registrations import registration_cancel, registration_create

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite has no row locks")


def _at_once(jobs) -> list[Exception]:
    """Run the jobs in threads released together; return what they raised."""
    barrier = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            barrier.wait()
            job()
        except Exception as error:  # collected and asserted on below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_concurrent_registrations_never_exceed_capacity(event_factory, member_factory):
    event = event_factory(capacity=3)
    members = member_factory.create_batch(10)
    errors = _at_once([lambda m=m: registration_create(event=event, member=m) for m in members])
    assert errors == []
    statuses = list(event.registrations.values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.CONFIRMED) == 3
    positions = event.registrations.filter(status=RegistrationStatus.WAITING).values_list(
        "position", flat=True
    )
    assert sorted(positions) == list(range(1, 8))


def test_concurrent_cancellations_and_registrations_keep_within_capacity(
    event_factory, member_factory
):
    event = event_factory(capacity=4)
    holders = [registration_create(event=event, member=m) for m in member_factory.create_batch(4)]
    waiting = [registration_create(event=event, member=m) for m in member_factory.create_batch(3)]
    newcomers = member_factory.create_batch(4)
    jobs = [lambda r=r: registration_cancel(registration=r) for r in holders[:2]]
    jobs += [lambda m=m: registration_create(event=event, member=m) for m in newcomers]
    assert _at_once(jobs) == []
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED)
    assert confirmed.count() == 4
    # The waiting list goes first: both freed places went to people who were waiting.
    assert {r.pk for r in confirmed} >= {waiting[0].pk, waiting[1].pk}
