"""Imports started from the upload page: stored, run by a Celery task, reported by mail."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from members.models import MailKind, Member, MemberImport
from members.services.importing.importer import ImportReport, members_import
from members.services.importing.summary import report_lines
from members.services.outbox import outbox_enqueue

logger = logging.getLogger(__name__)
# The upload page shows this many bad rows; the command prints them all.
STORED_ERRORS = 10_000
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


def member_import_run(*, import_id: int) -> MemberImport | None:
    """Run a queued import once: a second run finds it claimed and returns None."""
    claimed = MemberImport.objects.filter(pk=import_id, status=Status.QUEUED).update(
        status=Status.RUNNING
    )
    if not claimed:
        return None
    job = MemberImport.objects.select_related("created_by").get(pk=import_id)
    # The stored reasons and summary are read by the uploader: write them in their language.
    language = job.created_by.language if job.created_by else settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            report = members_import(
                path=job.file.path, full=job.full, dry_run=job.dry_run, progress=_progress_for(job)
            )
        except Exception as error:
            logger.exception("Member import %s failed", job.pk)
            return _finish(job, Status.FAILED, {"crash": f"{type(error).__name__}: {error}"})
        status = Status.DONE if report.ok else Status.REFUSED
        return _finish(job, status, _stored(report))


def member_imports_waiting(*, older_than: timedelta = timedelta(minutes=2)) -> list[int]:
    """Imports queued for a while: their task was lost (e.g. Redis was down at upload)."""
    since = timezone.now() - older_than
    queued = MemberImport.objects.filter(status=Status.QUEUED, created_at__lt=since)
    return list(queued.order_by("pk").values_list("pk", flat=True))


def _progress_for(job: MemberImport):
    # The writes run in one transaction, so progress goes through the cache, not the row.
    def progress(phase: str, done: int, total: int) -> None:
        cache.set(progress_key(job.pk), {"phase": phase, "done": done, "total": total}, 3600)

    return progress


def progress_key(import_id: int) -> str:
    return f"members:import:{import_id}:progress"


def _stored(report: ImportReport) -> dict:
    data = report.as_dict()
    data["errors"] = data["errors"][:STORED_ERRORS]
    data["error_count"] = len(report.errors)
    data["summary"] = report_lines(report)
    return data


def _finish(job: MemberImport, status: str, report: dict) -> MemberImport:
    # The export holds personal data: keep it no longer than the import needs it.
    job.file.delete(save=False)
    job.status, job.report, job.finished_at = status, report, timezone.now()
    job.save(update_fields=["status", "report", "finished_at", "file"])
    cache.delete(progress_key(job.pk))
    if job.created_by:
        outbox_enqueue(
            kind=MailKind.IMPORT_REPORT,
            key=f"import:{job.pk}",
            template="members/email/import_report",
            recipient=job.created_by,
            context={
                "job": job,
                "url": settings.SITE_URL + reverse("members:import-detail", args=[job.pk]),
            },
        )
    return job
