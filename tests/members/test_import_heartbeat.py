"""An import whose worker died is taken over by the sweep and finishes exactly once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from members.models import Member, MemberImport
from members.services.importing import jobs, members_import
from members.tasks import sweep_member_imports
from tests.members.test_import import ANNA
from tests.members.test_import_safety import _job
from tests.members.test_import_safety import export as export  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
Status = MemberImport.Status


def _running(job, beat_ago: timedelta) -> MemberImport:
    MemberImport.objects.filter(pk=job.pk).update(
        status=Status.RUNNING, attempt=1, heartbeat_at=timezone.now() - beat_ago
    )
    return job


def test_sweep_takes_over_a_running_import_whose_heartbeat_stopped(export):
    job = _running(_job(export(ANNA)), timedelta(minutes=30))
    sweep_member_imports()
    job.refresh_from_db()
    assert (job.status, job.attempt) == (Status.DONE, 2)
    assert Member.objects.filter(member_number="1001").exists()


def test_sweep_leaves_a_running_import_with_a_fresh_heartbeat_alone(export):
    job = _running(_job(export(ANNA)), timedelta(seconds=5))
    sweep_member_imports()
    job.refresh_from_db()
    assert (job.status, job.attempt) == (Status.RUNNING, 1)


def test_two_sweepers_claim_a_stale_import_once(export):
    job = _running(_job(export(ANNA)), timedelta(minutes=30))
    claims = [jobs.member_import_claim(import_id=job.pk) for _ in range(2)]
    assert claims == [2, None]


def test_import_whose_claim_was_lost_before_finishing_keeps_nothing(export):
    report = members_import(path=export(ANNA), finish=lambda report: False)
    assert report.superseded and not report.ok
    assert not Member.objects.exists()


def test_worker_overtaken_by_the_sweep_records_nothing_and_the_import_finishes_once(
    export, monkeypatch
):
    job = _job(export(ANNA))
    real_import = jobs.members_import

    def overtaken(**kwargs):
        # While this worker is busy, its heartbeat looks stale and the sweep takes over.
        monkeypatch.setattr(jobs, "members_import", real_import)
        MemberImport.objects.filter(pk=job.pk).update(
            heartbeat_at=timezone.now() - timedelta(hours=1)
        )
        assert jobs.member_import_run(import_id=job.pk) is not None
        return real_import(**kwargs)

    monkeypatch.setattr(jobs, "members_import", overtaken)
    assert jobs.member_import_run(import_id=job.pk) is None
    job.refresh_from_db()
    assert (job.status, job.attempt, job.report["created"]) == (Status.DONE, 2, 1)
    assert Member.objects.filter(member_number="1001").count() == 1
