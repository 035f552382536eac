"""Who may see and do what in the beraad. Every view asks these predicates."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from beraad.models import Invitation, Panel, PanelMember, PanelState
from members.models import Role
from members.permissions import is_admin, is_chair, is_current_member


def is_caller(user) -> bool:
    return is_admin(user) or (is_current_member(user) and user.has_role(Role.CALLER))


def is_panel_member(user, panel: Panel) -> bool:
    return (
        is_current_member(user)
        and PanelMember.objects.filter(
            panel=panel, member=user, status__in=PanelMember.ACTIVE
        ).exists()
    )


def can_list_panels(user) -> bool:
    return is_current_member(user)


def can_view_panel(user, panel: Panel) -> bool:
    return is_admin(user) or (is_current_member(user) and panel.is_published)


def can_manage_panel(user, panel: Panel | None = None) -> bool:
    return is_admin(user)


def can_sign_letter(user, panel: Panel) -> bool:
    return is_chair(user) and panel.required_signers.filter(chair=user).exists()


def can_view_call_list(user) -> bool:
    return is_caller(user)


def can_coordinate_calls(user) -> bool:
    """The coordinator sees every invitee to call and shares them out among the callers."""
    return is_admin(user)


def can_call_invitation(user, invitation) -> bool:
    """A caller phones their own share; the coordinator may record any call."""
    if can_coordinate_calls(user):
        return True
    return is_caller(user) and invitation.caller_id == user.pk


def can_view_report(user, panel: Panel) -> bool:
    return can_view_panel(user, panel) and panel.is_drawn


def can_view_workspace(user, panel: Panel) -> bool:
    return is_admin(user) or is_panel_member(user, panel)


def can_send_input(user, panel: Panel) -> bool:
    return can_view_panel(user, panel) and panel.accepts_input


def can_moderate_input(user, panel: Panel) -> bool:
    return is_admin(user)


def can_view_document(user, document) -> bool:
    if document.panel_only:
        return can_view_workspace(user, document.panel)
    return can_view_panel(user, document.panel)


def get_panel_for_user(user, pk: int) -> Panel:
    """The panel if this user may see it (404 otherwise)."""
    panel = Panel.objects.filter(pk=pk).first()
    if panel is None or not can_view_panel(user, panel):
        raise Http404
    return panel


def get_managed_panel_for_user(user, pk: int) -> Panel:
    """The panel for an admin's change; 404 when unseen, PermissionDenied when read-only."""
    panel = get_panel_for_user(user, pk)
    if not can_manage_panel(user, panel):
        raise PermissionDenied
    return panel


def get_panel_to_sign_for_user(user, pk: int) -> Panel:
    panel = Panel.objects.filter(pk=pk).first()
    if panel is None or not (is_admin(user) or can_sign_letter(user, panel)):
        raise Http404
    if not can_sign_letter(user, panel):
        raise PermissionDenied
    return panel


def get_reportable_panel_for_user(user, pk: int) -> Panel:
    """A drawn panel's report: 404 when the panel is unseen, PermissionDenied before the draw."""
    panel = get_panel_for_user(user, pk)
    if not can_view_report(user, panel):
        raise PermissionDenied
    return panel


def get_workspace_panel_for_user(user, pk: int) -> Panel:
    """The panel members' workspace: 404 when the panel is unseen, PermissionDenied to others."""
    panel = get_panel_for_user(user, pk)
    if not can_view_workspace(user, panel):
        raise PermissionDenied
    return panel


def get_invitation_to_call_for_user(user, pk: int) -> Invitation:
    """An open invitation this caller may record a call for: PermissionDenied to non-callers,
    404 when it is closed or in another caller's share."""
    if not can_view_call_list(user):
        raise PermissionDenied
    invitation = (
        Invitation.objects.select_related("member", "panel", "caller")
        .filter(pk=pk, status=Invitation.Status.INVITED, panel__state=PanelState.INVITATIONS_SENT)
        .first()
    )
    if invitation is None or not can_call_invitation(user, invitation):
        raise Http404
    return invitation
