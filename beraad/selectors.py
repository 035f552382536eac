"""Reads of the beraad app: the process contract for the top floor and the report."""

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beraad.categories import panel_categories, value_label
from beraad.models import (
    Call,
    Invitation,
    LetterSignature,
    MemberInput,
    Panel,
    PanelMember,
    PanelState,
    Session,
)
from beraad.models.panels import DRAWN_STATES, PREPARATION_STATES, PUBLISHED_STATES
from members.models import MailKind, MailOptOut
from members.processes import Participant, ProcessItem, ProcessRef
from preferendum import selectors as preferendum_selectors


def published_panels():
    return Panel.objects.filter(state__in=PUBLISHED_STATES)


def panels_accepting_input() -> QuerySet[Panel]:
    """Running panels, which take input from outside (e.g. a forum's consensus)."""
    return Panel.objects.filter(state=PanelState.RUNNING).order_by("title")


def _ref(panel: Panel) -> ProcessRef:
    return ProcessRef(
        kind="panel",
        id=panel.pk,
        title=panel.title,
        url=reverse("beraad:panel-detail", args=[panel.pk]),
        closed_at=panel.advice_published_at,
        topic=panel.question,
        is_public=False,
    )


def process_list(*, closed: bool | None = None) -> list[ProcessRef]:
    panels = published_panels()
    if closed is not None:
        panels = panels.filter(advice_published_at__isnull=not closed)
    return [_ref(panel) for panel in panels]


def process_get(process_id: int) -> ProcessRef | None:
    panel = published_panels().filter(pk=process_id).first()
    return _ref(panel) if panel else None


def process_items(process_id: int) -> list[ProcessItem]:
    """The recommendations of the published advice."""
    panel = published_panels().filter(pk=process_id, advice_published_at__isnull=False).first()
    if panel is None:
        return []
    return [ProcessItem(id=r.pk, text=r.text) for r in panel.recommendations.all()]


def process_participants(process_id: int) -> list[Participant]:
    """Panel members who served, and members whose input reached the panel."""
    seats = PanelMember.objects.filter(
        panel_id=process_id, status__in=PanelMember.ACTIVE + (PanelMember.Status.DROPPED,)
    ).select_related("member")
    inputs = MemberInput.objects.filter(
        panel_id=process_id, status=MemberInput.Status.APPROVED
    ).select_related("member")
    members = {row.member.pk: row.member for row in [*seats, *inputs]}
    return [
        Participant(member_id=m.pk, email=m.email or "", name=m.full_name) for m in members.values()
    ]


def _participated_panels(member) -> QuerySet[Panel]:
    seat_panels = PanelMember.objects.filter(member=member, status__in=PanelMember.ACTIVE).values(
        "panel_id"
    )
    input_panels = MemberInput.objects.filter(
        member=member, status=MemberInput.Status.APPROVED
    ).values("panel_id")
    return published_panels().filter(Q(pk__in=seat_panels) | Q(pk__in=input_panels))


def participation_for_member(member) -> list[ProcessRef]:
    return [_ref(panel) for panel in _participated_panels(member)]


def participation_ids_for_member(member) -> QuerySet:
    return _participated_panels(member).values("pk")


def personal_data(member) -> dict:
    """Everything the beraad keeps about this member, for their data export."""
    invitations = Invitation.objects.filter(member=member).select_related("panel")
    return {
        "invitations": [
            {
                "panel": i.panel.title,
                "status": i.status,
                "category_values": i.category_values,
                "availability": i.availability,
                "availability_note": i.availability_note,
                "consent_at": i.consent_at.isoformat() if i.consent_at else None,
                "calls": [
                    {"at": c.at.isoformat(), "outcome": c.outcome, "note": c.note}
                    for c in i.calls.all()
                ],
            }
            for i in invitations.prefetch_related("calls")
        ],
        "panel_seats": [
            {"panel": s.panel.title, "status": s.status}
            for s in PanelMember.objects.filter(member=member).select_related("panel")
        ],
        "inputs": [
            {"panel": i.panel.title, "text": i.text, "status": i.status}
            for i in MemberInput.objects.filter(member=member).select_related("panel")
        ],
        "letter_signatures": [
            {
                "panel": s.letter.panel.title,
                "name": s.name,
                "title": s.title,
                "signed_at": s.signed_at.isoformat(),
            }
            for s in LetterSignature.objects.filter(chair=member).select_related("letter__panel")
        ],
    }


@dataclass(frozen=True)
class SessionRow:
    session: Session
    event_url: str


def sessions_with_events(panel: Panel) -> list[SessionRow]:
    """The schedule, each session linked to its event when it is one.

    By URL name only: events point at panels (their topic), panels don't import events.
    """
    return [
        SessionRow(
            session=session,
            event_url=reverse("events:event-detail", args=[session.event_id])
            if session.event_id
            else "",
        )
        for session in panel.sessions.all()
    ]


@dataclass(frozen=True)
class PanelRole:
    panel: Panel
    role_label: str


SEAT_LABELS = {
    PanelMember.Status.SELECTED: _("panellid"),
    PanelMember.Status.REPLACEMENT: _("panellid"),
    PanelMember.Status.RESERVE: _("reserve"),
}


def invitations_to_print(panel: Panel, *, only_without_email: bool = False):
    """The invitations to print a letter for, by name: all, or those the e-mail misses
    (no address, or panel invitations by e-mail switched off: they want paper)."""
    invitations = panel.invitations.select_related("member").order_by("member__last_name", "pk")
    if not only_without_email:
        return invitations
    paper = MailOptOut.objects.filter(kind=MailKind.PANEL_INVITATION).values("member_id")
    return invitations.filter(
        Q(member__email__isnull=True) | Q(member__email="") | Q(member_id__in=paper)
    )


def letters_to_sign(member) -> list[Panel]:
    """Panels whose current letter text this chair is asked to sign and has not signed yet."""
    if not getattr(member, "pk", None):
        return []
    panels = Panel.objects.filter(
        required_signers__chair=member,
        state__in=PREPARATION_STATES,
        letter__isnull=False,
    ).select_related("letter")
    signed = set(
        LetterSignature.objects.filter(
            chair=member, voided_at__isnull=True, letter__panel__in=panels
        ).values_list("letter__panel_id", "text_hash")
    )
    return [p for p in panels if (p.pk, p.letter.text_hash) not in signed]


def panels_for_member(member) -> list[PanelRole]:
    """The member's panels with their role, in two queries whatever their number (one for
    the many members without an invitation)."""
    if not getattr(member, "pk", None):
        return []
    invitations = list(
        Invitation.objects.filter(member=member, panel__state__in=PUBLISHED_STATES)
        .exclude(status=Invitation.Status.DECLINED)
        .exclude(_finished_long_ago())
        .select_related("panel")
        .order_by("-panel__created_at")
    )
    seats = {}
    if invitations:
        seats = dict(
            PanelMember.objects.filter(member=member).values_list("invitation_id", "status")
        )
    result = []
    for invitation in invitations:
        seat = seats.get(invitation.pk)
        if seat == PanelMember.Status.DROPPED:
            continue
        result.append(PanelRole(panel=invitation.panel, role_label=_role_label(invitation, seat)))
    return result


# How long a finished panel (advice or feedback published) stays on its members' home page.
HOME_KEEPS_FINISHED = timedelta(weeks=6)


def _finished_long_ago() -> Q:
    cutoff = timezone.now() - HOME_KEEPS_FINISHED
    return Q(panel__feedback_published_at__lt=cutoff) | Q(
        panel__feedback_published_at__isnull=True, panel__advice_published_at__lt=cutoff
    )


def _role_label(invitation: Invitation, seat) -> str:
    """Once the panel is drawn, a respondent without a seat was not selected: never
    "aangemeld", which would suggest they still might be."""
    if seat in SEAT_LABELS:
        return SEAT_LABELS[seat]
    if invitation.status != Invitation.Status.ACCEPTED:
        return _("uitgenodigd")
    if invitation.panel.state in DRAWN_STATES:
        return _("niet geloot")
    return _("aangemeld")


@dataclass(frozen=True)
class ReportRow:
    category: str
    value: str
    invited: int
    registered: int
    selected: int
    min: int
    max: int


def report_rows(panel: Panel) -> list[ReportRow]:
    """Per category value: invited, registered and selected next to the quota."""
    invitations = list(panel.invitations.all())
    active = set(
        panel.panel_members.filter(status__in=PanelMember.ACTIVE).values_list(
            "invitation_id", flat=True
        )
    )
    rows = []
    for category in panel_categories(panel):
        key = category.key
        invited = Counter(i.category_values.get(key) for i in invitations)
        registered = Counter(i.category_values.get(key) for i in invitations if i.is_registered)
        selected = Counter(i.category_values.get(key) for i in invitations if i.pk in active)
        for quota in category.quotas.all():
            rows.append(
                ReportRow(
                    category=category.label,
                    value=value_label(category, quota.value),
                    invited=invited[quota.value],
                    registered=registered[quota.value],
                    selected=selected[quota.value],
                    min=quota.min,
                    max=quota.max,
                )
            )
    return rows


def callable_invitations(
    *, branch=None, province: str = "", caller=None, unassigned: bool = False
) -> QuerySet[Invitation]:
    """Invitees a volunteer can still phone: the invitations are out, they have not answered,
    they have a phone number, and no call reached them (or found the number wrong).
    Filtered by the member's branch or its province, and by the caller they are assigned to."""
    final = Call.objects.filter(invitation=OuterRef("pk"), outcome__in=Call.FINAL)
    invitations = (
        Invitation.objects.filter(
            status=Invitation.Status.INVITED,
            panel__state=PanelState.INVITATIONS_SENT,
            member__anonymised_at__isnull=True,
        )
        .exclude(member__phone="")
        .exclude(Exists(final))
    )
    if branch is not None:
        invitations = invitations.filter(member__branch=branch)
    if province:
        invitations = invitations.filter(member__branch__province=province)
    if caller is not None:
        invitations = invitations.filter(caller=caller)
    if unassigned:
        invitations = invitations.filter(caller__isnull=True)
    calls = Call.objects.select_related("caller")
    return (
        invitations.select_related("member__branch", "panel", "caller")
        .prefetch_related(Prefetch("calls", calls))
        .order_by("panel", "member__last_name", "pk")
    )


def panel_lineage(panel: Panel) -> list:
    """Where the panel's advice went: the statements started from it, each with its round
    and that round's feedback (panel → round → feedback, as a statement shows its origin)."""
    if panel.advice_published_at is None:
        return []
    return preferendum_selectors.statements_from_origin("panel", panel.pk)
