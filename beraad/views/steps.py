"""The confirmed lifecycle steps: one confirmation page each, one service each."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beraad.forms import ConfirmForm, DrawForm, SeedForm
from beraad.models import DrawJob, PanelState
from beraad.permissions import get_managed_panel_for_user
from beraad.services.draw import panel_draw_invitations, stage1_pool, stage1_problems
from beraad.services.jobs import draw_job_start
from beraad.services.letters import (
    panel_mark_letter_signed,
    panel_send_invitations,
    panel_send_reminder,
)
from beraad.services.panels import panel_publish_advice, panel_start
from beraad.services.procedure import panel_close_registration, panel_fix_seed
from beraad.services.selection import panel_select, stage2_problems
from shared.forms import form_add_errors
from shared.http import login_required_htmx


def _stage1_check(panel) -> list[str]:
    return stage1_problems(panel, stage1_pool(panel)[0])


@dataclass(frozen=True)
class Step:
    title: str
    explanation: str
    service: object
    states: tuple
    form: type = ConfirmForm
    check: object = None
    extra: dict = field(default_factory=dict)
    # A draw: run by a Celery worker (DrawJob of this kind), followed on the job's page.
    job: str = ""


STEPS = {
    "loten": Step(
        _("Uitnodigingen loten"),
        _(
            "Het platform loot de genodigden gewogen uit de leden. Lotingsgetal en invoer komen "
            "in het logboek, zodat iedereen de loting kan herhalen."
        ),
        panel_draw_invitations,
        (PanelState.CONCEPT,),
        DrawForm,
        _stage1_check,
        job=DrawJob.Kind.INVITATIONS,
    ),
    "brief-ondertekend": Step(
        _("Brief vastleggen als ondertekend"),
        _("Alle gevraagde voorzitters hebben deze tekst ondertekend."),
        panel_mark_letter_signed,
        (PanelState.INVITATIONS_DRAWN,),
    ),
    "versturen": Step(
        _("Uitnodigingen versturen"),
        _(
            "Iedere genodigde krijgt de brief per e-mail met een persoonlijke link. Druk daarna "
            "de brieven af voor wie per post wordt uitgenodigd."
        ),
        panel_send_invitations,
        (PanelState.LETTER_SIGNED,),
    ),
    "herinnering": Step(
        _("Herinnering sturen"),
        _("Wie nog niet heeft gereageerd krijgt één herinnering; niemand krijgt er twee."),
        panel_send_reminder,
        (PanelState.INVITATIONS_SENT,),
    ),
    "aanmelding-sluiten": Step(
        _("Aanmelding sluiten"),
        _(
            "Daarna kan niemand zich meer aanmelden of afmelden via de persoonlijke link. De "
            "aanmeldingen (onder nieuwe pseudoniemen) en de quota worden vastgelegd en hun "
            "SHA-256 verschijnt op de pagina van het beraad, vóór de publieke trekking."
        ),
        panel_close_registration,
        (PanelState.INVITATIONS_SENT,),
    ),
    "lotingsgetal": Step(
        _("Publiek lotingsgetal vastleggen"),
        _(
            "Vul na de aangekondigde publieke trekking de uitkomst in. Het lotingsgetal is de "
            "SHA-256 van die uitkomst en de onthulde geheime woorden van de voorzitters; het "
            "ligt daarna vast."
        ),
        panel_fix_seed,
        (PanelState.REGISTRATION_CLOSED,),
        SeedForm,
    ),
    "panel-loten": Step(
        _("Panel loten"),
        _(
            "De eerlijke loting kiest het panel en de reservelijst uit de aanmeldingen, met het "
            "vastgelegde lotingsgetal."
        ),
        panel_select,
        (PanelState.REGISTRATION_CLOSED,),
        ConfirmForm,
        stage2_problems,
        job=DrawJob.Kind.PANEL,
    ),
    "starten": Step(
        _("Beraad starten"),
        _("Het panel gaat aan het werk; leden kunnen inbreng sturen."),
        panel_start,
        (PanelState.PANEL_SELECTED,),
    ),
    "advies-publiceren": Step(
        _("Advies publiceren"),
        _("De aanbevelingen worden zichtbaar voor alle leden; inbreng sluit."),
        panel_publish_advice,
        (PanelState.RUNNING,),
    ),
}


@login_required_htmx
def panel_step(request, pk, step):
    panel = get_managed_panel_for_user(request.user, pk)
    action = STEPS.get(step)
    if action is None or panel.state not in action.states:
        raise Http404
    form = action.form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        extra = {k: v for k, v in form.cleaned_data.items() if k != "confirm"}
        try:
            if action.job:
                job = draw_job_start(panel=panel, actor=request.user, kind=action.job, params=extra)
                return redirect("beraad:draw-job", pk=panel.pk, job_pk=job.pk)
            action.service(panel=panel, actor=request.user, **extra)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Gedaan: %(step)s.") % {"step": action.title})
            return redirect("beraad:panel-manage", pk=panel.pk)
    problems = action.check(panel) if action.check and request.method == "GET" else []
    context = {"panel": panel, "step": action, "form": form, "problems": problems}
    return render(request, "beraad/step.html", context)


@login_required_htmx
def draw_job(request, pk, job_pk):
    """The draw's progress while a worker runs it (htmx polls the partial), then the outcome."""
    panel = get_managed_panel_for_user(request.user, pk)
    job = get_object_or_404(DrawJob, pk=job_pk, panel=panel)
    context = {"panel": panel, "job": job, "elapsed": _elapsed(job)}
    template = "beraad/draw_job.html"
    return render(request, template + "#progress" if request.htmx else template, context)


def _elapsed(job) -> int:
    end = job.finished_at or timezone.now()
    return int((end - (job.started_at or job.created_at)).total_seconds())
