"""Draws run as Celery jobs: started from a step page, followed on the job's page.

A draw of 10,000 respondents can take longer than a web request may (gunicorn's 60 s), so
the request only records a DrawJob and enqueues ``run_draw_job`` after commit. The worker
claims the job with a conditional update, runs the draw service (one transaction) and marks
the job done or failed. While it runs, a thread writes a heartbeat and the current phase on
its own connection; the sweep reruns a job whose task was lost.
"""

import logging
import threading
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from beraad.models import DrawJob, Panel, PanelState
from beraad.models.panels import DRAWN_STATES, INVITED_STATES
from beraad.services.draw import panel_draw_invitations
from beraad.services.panels import panel_require_state
from beraad.services.procedure import selection_problems
from beraad.services.selection import panel_select

logger = logging.getLogger(__name__)
Status = DrawJob.Status
HEARTBEAT_SECONDS = 15
# A running job without a heartbeat for this long lost its worker; a queued one its task.
STALE_AFTER = timedelta(minutes=2)
MAX_ATTEMPTS = 3
# The state a job's draw starts from, and the state it leaves the panel in.
# Per kind: the state a draw starts from, and the states a committed draw leads to.
STATES = {
    DrawJob.Kind.INVITATIONS: (PanelState.CONCEPT, INVITED_STATES),
    DrawJob.Kind.PANEL: (PanelState.REGISTRATION_CLOSED, DRAWN_STATES),
}


def _check(panel: Panel, kind: str) -> None:
    panel_require_state(panel, STATES[kind][0])
    if kind == DrawJob.Kind.PANEL and (problems := selection_problems(panel)):
        raise ValidationError(problems)


@transaction.atomic
def draw_job_start(*, panel: Panel, actor, kind: str, params: dict | None = None) -> DrawJob:
    """Queue the draw; a second start while one is queued or running returns that one."""
    from beraad.tasks import run_draw_job

    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    active = panel.draw_jobs.filter(status__in=DrawJob.ACTIVE).first()
    if active:
        return active
    _check(panel, kind)
    job = DrawJob(panel=panel, kind=kind, params=params or {}, created_by=actor)
    job.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            job.save()
    except IntegrityError:  # another request queued one in the meantime
        return panel.draw_jobs.get(status__in=DrawJob.ACTIVE)
    run_draw_job.delay_on_commit(job.pk)
    return job


class _Heartbeat(threading.Thread):
    """Writes the job's heartbeat and phase on its own connection while the draw runs."""

    def __init__(self, job_id: int):
        super().__init__(daemon=True)
        self.job_id, self.phase, self.stopped = job_id, "", threading.Event()

    def run(self):
        try:
            while not self.stopped.wait(HEARTBEAT_SECONDS):
                DrawJob.objects.filter(pk=self.job_id, status=Status.RUNNING).update(
                    heartbeat_at=timezone.now(), phase=self.phase
                )
        except Exception:  # the heartbeat must never break the draw
            logger.exception("Heartbeat of draw job %s failed", self.job_id)
        finally:
            connection.close()


def _lost(stale):
    return Q(status=Status.QUEUED) | Q(status=Status.RUNNING, heartbeat_at__lt=stale)


def _claim(job_id: int) -> bool:
    now = timezone.now()
    claimable = DrawJob.objects.filter(
        _lost(now - STALE_AFTER), pk=job_id, attempts__lt=MAX_ATTEMPTS
    )
    return bool(
        claimable.update(
            status=Status.RUNNING,
            started_at=now,
            heartbeat_at=now,
            phase="drawing",
            attempts=F("attempts") + 1,
        )
    )


def _draw(job: DrawJob) -> None:
    panel, actor = job.panel, job.created_by
    if job.kind == DrawJob.Kind.INVITATIONS:
        panel_draw_invitations(panel=panel, actor=actor, seed=job.params.get("seed", ""))
    else:
        panel_select(panel=panel, actor=actor)


def draw_job_run(*, job_id: int) -> DrawJob | None:
    """Run a queued (or abandoned) job once; a second worker finds it claimed and stops."""
    if not _claim(job_id):
        return None
    job = DrawJob.objects.select_related("panel", "created_by").get(pk=job_id)
    if job.panel.state in STATES[job.kind][1]:  # the draw committed, the job update did not
        return _finish(job, Status.DONE)
    heartbeat = _Heartbeat(job.pk)
    heartbeat.phase = "drawing"
    if not _eager():
        heartbeat.start()
    try:
        _draw(job)
    except ValidationError as error:
        return _finish(job, Status.FAILED, error.messages)
    except Exception as error:
        logger.exception("Draw job %s failed", job.pk)
        return _finish(job, Status.FAILED, [_("Onverwachte fout: %(e)s") % {"e": error}])
    finally:
        heartbeat.stopped.set()
        if heartbeat.is_alive():
            heartbeat.join(timeout=HEARTBEAT_SECONDS)
    return _finish(job, Status.DONE)


def _eager() -> bool:
    """In-process tasks (no broker): the request is the worker, and nobody needs a heartbeat."""
    from celery import current_app

    return bool(current_app.conf.task_always_eager)


def _finish(job: DrawJob, status: str, errors=()) -> DrawJob:
    job.status, job.errors, job.finished_at, job.phase = status, list(errors), timezone.now(), ""
    job.save(update_fields=["status", "errors", "finished_at", "phase"])
    return job


def draw_jobs_waiting() -> list[int]:
    """Jobs whose task was lost: queued for a while, or running without a heartbeat."""
    stale = timezone.now() - STALE_AFTER
    jobs = DrawJob.objects.filter(
        Q(status=Status.QUEUED, created_at__lt=stale)
        | Q(status=Status.RUNNING, heartbeat_at__lt=stale),
        attempts__lt=MAX_ATTEMPTS,
    )
    return list(jobs.order_by("pk").values_list("pk", flat=True))


def draw_jobs_give_up() -> int:
    """Jobs that lost their worker MAX_ATTEMPTS times are failed, so the admin can retry."""
    stale = timezone.now() - STALE_AFTER
    return DrawJob.objects.filter(
        attempts__gte=MAX_ATTEMPTS, status=Status.RUNNING, heartbeat_at__lt=stale
    ).update(
        status=Status.FAILED,
        finished_at=timezone.now(),
        errors=[_("De loting is herhaaldelijk afgebroken; start haar opnieuw.")],
    )
