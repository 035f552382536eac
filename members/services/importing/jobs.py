"""Imports started from the upload page: stored, run by a Celery task, reported by mail."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from members.models import MailKind, Member, MemberImport
from members.services.importing.importer import ImportReport, members_import
from members.services.importing.summary import report_lines
from members.services.outbox import outbox_enqueue

logger = logging.getLogger(__name__)
# The upload page shows this many bad rows; the command prints them all.
STORED_ERRORS = 10_000
# A running import writes a heartbeat at most this often; one silent for STALE_AFTER is
# taken over by the sweep (its worker died).
HEARTBEAT_EVERY = timedelta(seconds=20)
STALE_AFTER = timedelta(minutes=10)
Status = MemberImport.Status


@transaction.atomic
def member_import_start(
    *, by: Member, upload: UploadedFile, full: bool = False, dry_run: bool = False
) -> MemberImport:
    """Store the uploaded export and run the import after commit, in a Celery task."""
    from members.tasks import run_member_import

    job = MemberImport(created_by=by, filename=upload.name[:200], full=full, dry_run=dry_run)
    job.file.save(f"{timezone.now():%Y%m%d%H%M%S}.csv", upload, save=False)
    job.full_clean()
    job.save()
    run_member_import.delay_on_commit(job.pk)
    return job


def member_import_claim(*, import_id: int, stale_after: timedelta = STALE_AFTER) -> int | None:
    """Claim a queued import, or a running one whose heartbeat stopped; return the attempt.

    A conditional update on the attempt number: of two workers or sweepers, one wins.
    """
    now = timezone.now()
    job = MemberImport.objects.filter(pk=import_id).values("status", "attempt").first()
    claimable = Q(status=Status.QUEUED) | Q(status=Status.RUNNING) & (
        Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=now - stale_after)
    )
    if job is None:
        return None
    attempt = job["attempt"] + 1
    claimed = MemberImport.objects.filter(claimable, pk=import_id, attempt=job["attempt"]).update(
        status=Status.RUNNING, attempt=attempt, heartbeat_at=now
    )
    return attempt if claimed else None


def member_import_run(*, import_id: int) -> MemberImport | None:
    """Run a queued (or abandoned) import once: a second run finds it claimed and returns None.

    Only the attempt that still holds the claim may finish: its outcome is recorded in
    the import's own transaction, so a superseded attempt keeps nothing.
    """
    attempt = member_import_claim(import_id=import_id)
    if attempt is None:
        return None
    job = MemberImport.objects.select_related("created_by").get(pk=import_id)
    # The stored reasons and summary are read by the uploader: write them in their language.
    language = job.created_by.language if job.created_by else settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            report = members_import(
                path=job.file.path,
                full=job.full,
                dry_run=job.dry_run,
                confirm_retire=job.confirm_retire,
                progress=_progress_for(job, attempt),
                finish=lambda report: _record(job, attempt, _status(report), _stored(report)),
                actor=job.created_by,
            )
        except Exception:
            logger.exception("Member import %s failed", job.pk)
            crash = _("onverwachte fout; de details staan in het logboek (import %(pk)s)")
            if not _record(job, attempt, Status.FAILED, {"crash": crash % {"pk": job.pk}}):
                return None
            return _finish(job)
        if report.superseded:
            return None
        if (report.errors or report.needs_confirmation) and not _record(
            job, attempt, _status(report), _stored(report)
        ):
            return None
        return _finish(job)


@transaction.atomic
def member_import_confirm(*, job: MemberImport, by: Member) -> MemberImport:
    """The admin confirms a full import that retires many members: it runs again, allowed."""
    confirmed = MemberImport.objects.filter(pk=job.pk, status=Status.CONFIRM).update(
        status=Status.QUEUED, confirm_retire=True
    )
    if confirmed:
        logger.info("Member import %s: retiring confirmed by member %s", job.pk, by.pk)
        from members.tasks import run_member_import

        run_member_import.delay_on_commit(job.pk)
    job.refresh_from_db()
    return job


def member_imports_waiting(
    *, older_than: timedelta = timedelta(minutes=2), stale_after: timedelta = STALE_AFTER
) -> list[int]:
    """Imports queued for a while (their task was lost, e.g. Redis was down at upload) and
    running ones whose heartbeat stopped (their worker died)."""
    now = timezone.now()
    waiting = MemberImport.objects.filter(
        Q(status=Status.QUEUED, created_at__lt=now - older_than)
        | Q(status=Status.RUNNING)
        & (Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=now - stale_after))
    )
    return list(waiting.order_by("pk").values_list("pk", flat=True))


def _status(report: ImportReport) -> str:
    if report.needs_confirmation:
        return Status.CONFIRM
    return Status.DONE if report.ok else Status.REFUSED


def _progress_for(job: MemberImport, attempt: int):
    """Progress goes through the cache (the writes run in one transaction); the heartbeat
    goes to the row. Inside the write transaction that update also locks the row, so a
    sweeper that finds the heartbeat old waits, then finds the import finished."""
    last_beat = [timezone.now()]

    def progress(phase: str, done: int, total: int) -> None:
        cache.set(progress_key(job.pk), {"phase": phase, "done": done, "total": total}, 3600)
        now = timezone.now()
        if now - last_beat[0] >= HEARTBEAT_EVERY:
            MemberImport.objects.filter(pk=job.pk, attempt=attempt).update(heartbeat_at=now)
            last_beat[0] = now

    return progress


def progress_key(import_id: int) -> str:
    return f"members:import:{import_id}:progress"


def _stored(report: ImportReport) -> dict:
    data = report.as_dict()
    data["errors"] = data["errors"][:STORED_ERRORS]
    data["error_count"] = len(report.errors)
    data["summary"] = report_lines(report)
    return data


def _record(job: MemberImport, attempt: int, status: str, report: dict) -> bool:
    """Record the outcome if this attempt still holds the claim."""
    now = timezone.now()
    return bool(
        MemberImport.objects.filter(pk=job.pk, status=Status.RUNNING, attempt=attempt).update(
            status=status, report=report, finished_at=now, heartbeat_at=now
        )
    )


def _finish(job: MemberImport) -> MemberImport:
    job.refresh_from_db()
    # The export holds personal data: keep it no longer than the import needs it (an
    # import waiting for confirmation runs again from the same file).
    if job.status != Status.CONFIRM:
        job.file.delete(save=False)
        job.save(update_fields=["file"])
    cache.delete(progress_key(job.pk))
    if job.created_by:
        outbox_enqueue(
            kind=MailKind.IMPORT_REPORT,
            key=f"import:{job.pk}:{job.attempt}",
            template="members/email/import_report",
            recipient=job.created_by,
            context={
                "job": job,
                "url": settings.SITE_URL + reverse("members:import-detail", args=[job.pk]),
            },
        )
    return job
