"""Sweepers racing for one stale import on PostgreSQL: it is imported exactly once."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from members.models import Member, MemberImport
from members.services.importing import jobs
from tests.members.test_import import ANNA
from tests.members.test_import_safety import _job
from tests.members.test_import_safety import export as export  # noqa: F401  (fixture)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL for real concurrent transactions")


def test_racing_sweepers_import_a_stale_import_exactly_once(export):
    job = _job(export(ANNA))
    MemberImport.objects.filter(pk=job.pk).update(
        status=MemberImport.Status.RUNNING,
        attempt=1,
        heartbeat_at=timezone.now() - timedelta(hours=1),
    )
    barrier = threading.Barrier(4)
    results, errors = [], []

    def sweep():
        try:
            barrier.wait()
            results.append(jobs.member_import_run(import_id=job.pk))
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sweep) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(result is not None for result in results) == 1
    job.refresh_from_db()
    assert (job.status, job.attempt) == (MemberImport.Status.DONE, 2)
    assert Member.objects.filter(member_number="1001").count() == 1
