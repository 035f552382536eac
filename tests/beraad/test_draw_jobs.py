"""Draws run as Celery jobs with progress on the page, never inside the web request."""

import threading
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from beraad.models import DrawJob, PanelState
from beraad.services import jobs
from beraad.services.jobs import draw_job_run, draw_job_start, draw_jobs_waiting
from tests.beraad import scenario

pytestmark = pytest.mark.django_db


def _post_step(client, panel, step):
    url = reverse("beraad:panel-step", args=[panel.pk, step])
    return client.post(url, {"confirm": "on"})


def test_drawing_the_panel_from_the_page_queues_a_job_instead_of_drawing_in_the_request(
    client, member_factory, admin_member, chair, monkeypatch
):
    panel = scenario.seeded(member_factory, admin_member, chair)
    queued = []
    monkeypatch.setattr("beraad.tasks.run_draw_job.delay_on_commit", queued.append)
    client.force_login(admin_member)
    response = _post_step(client, panel, "panel-loten")
    job = DrawJob.objects.get(panel=panel)
    panel.refresh_from_db()
    assert response.url == reverse("beraad:draw-job", args=[panel.pk, job.pk])
    assert queued == [job.pk]
    assert panel.state == PanelState.REGISTRATION_CLOSED


def test_the_job_draws_the_panel(
    client, member_factory, admin_member, chair, django_capture_on_commit_callbacks
):
    panel = scenario.seeded(member_factory, admin_member, chair)
    client.force_login(admin_member)
    with django_capture_on_commit_callbacks(execute=True):
        _post_step(client, panel, "panel-loten")
    job = DrawJob.objects.get(panel=panel)
    panel.refresh_from_db()
    assert job.status == DrawJob.Status.DONE
    assert panel.state == PanelState.PANEL_SELECTED


def test_job_page_polls_while_running_and_stops_when_done(
    client, member_factory, admin_member, chair
):
    panel = scenario.seeded(member_factory, admin_member, chair)
    job = DrawJob.objects.create(panel=panel, kind=DrawJob.Kind.PANEL, created_by=admin_member)
    client.force_login(admin_member)
    url = reverse("beraad:draw-job", args=[panel.pk, job.pk])
    running = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    DrawJob.objects.filter(pk=job.pk).update(status=DrawJob.Status.DONE)
    done = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in running and "<html" not in running
    assert "hx-trigger" not in done


def test_a_second_start_returns_the_queued_job(member_factory, admin_member, chair, monkeypatch):
    panel = scenario.seeded(member_factory, admin_member, chair)
    monkeypatch.setattr("beraad.tasks.run_draw_job.delay_on_commit", lambda job_id: None)
    first = draw_job_start(panel=panel, actor=admin_member, kind=DrawJob.Kind.PANEL)
    second = draw_job_start(panel=panel, actor=admin_member, kind=DrawJob.Kind.PANEL)
    assert first.pk == second.pk
    assert DrawJob.objects.count() == 1


def test_a_job_run_twice_draws_once(member_factory, admin_member, chair, monkeypatch):
    panel = scenario.seeded(member_factory, admin_member, chair)
    monkeypatch.setattr("beraad.tasks.run_draw_job.delay_on_commit", lambda job_id: None)
    job = draw_job_start(panel=panel, actor=admin_member, kind=DrawJob.Kind.PANEL)
    draw_job_run(job_id=job.pk)
    assert draw_job_run(job_id=job.pk) is None
    assert panel.panel_members.count() == panel.panel_size + panel.reserve_size


def test_sweep_reruns_a_job_whose_worker_died(member_factory, admin_member, chair, monkeypatch):
    panel = scenario.seeded(member_factory, admin_member, chair)
    monkeypatch.setattr("beraad.tasks.run_draw_job.delay_on_commit", lambda job_id: None)
    job = draw_job_start(panel=panel, actor=admin_member, kind=DrawJob.Kind.PANEL)
    silent = timezone.now() - jobs.STALE_AFTER - timedelta(seconds=1)
    DrawJob.objects.filter(pk=job.pk).update(
        status=DrawJob.Status.RUNNING, heartbeat_at=silent, attempts=1
    )
    from beraad.tasks import sweep_draw_jobs

    assert draw_jobs_waiting() == [job.pk]
    sweep_draw_jobs()
    job.refresh_from_db()
    assert job.status == DrawJob.Status.DONE
    assert panel.panel_members.count() == panel.panel_size + panel.reserve_size


def test_a_job_with_a_live_heartbeat_is_left_alone(member_factory, admin_member, chair):
    panel = scenario.seeded(member_factory, admin_member, chair)
    DrawJob.objects.create(
        panel=panel,
        kind=DrawJob.Kind.PANEL,
        status=DrawJob.Status.RUNNING,
        heartbeat_at=timezone.now(),
    )
    assert draw_jobs_waiting() == []


def test_a_refused_draw_fails_the_job_with_the_reasons(
    member_factory, admin_member, chair, monkeypatch
):
    panel = scenario.seeded(member_factory, admin_member, chair)
    monkeypatch.setattr("beraad.tasks.run_draw_job.delay_on_commit", lambda job_id: None)
    job = draw_job_start(panel=panel, actor=admin_member, kind=DrawJob.Kind.PANEL)
    panel.frozen["people"] = panel.frozen["people"][:1]
    panel.save(update_fields=["frozen"])
    job = draw_job_run(job_id=job.pk)
    assert job.status == DrawJob.Status.FAILED
    assert any("SHA-256" in error for error in job.errors)


@pytest.mark.django_db(transaction=True)
def test_a_running_job_writes_its_heartbeat_while_it_draws(
    member_factory, admin_member, chair, monkeypatch
):
    panel = scenario.seeded(member_factory, admin_member, chair)
    job = DrawJob.objects.create(panel=panel, kind=DrawJob.Kind.PANEL, created_by=admin_member)
    seen = []

    def slow_draw(job):
        start = DrawJob.objects.get(pk=job.pk).heartbeat_at
        for _ in range(200):  # until the heartbeat thread has written once
            beat = DrawJob.objects.get(pk=job.pk).heartbeat_at
            if beat != start:
                seen.append(beat)
                return
            threading.Event().wait(0.02)

    monkeypatch.setattr(jobs, "_eager", lambda: False)
    monkeypatch.setattr(jobs, "HEARTBEAT_SECONDS", 0.01)
    monkeypatch.setattr(jobs, "_draw", slow_draw)
    job = draw_job_run(job_id=job.pk)
    assert seen
    assert job.status == DrawJob.Status.DONE
