""" "Mijn gegevens" on the roof: the members' own-data partials plus what the member took part in.

The page and its export (URL names ``my-data`` and ``my-data-export``) read every app, so
they live here; the members app keeps the actions on its partials (preferences, traits,
deletion) and sends the member back to this page.
"""

from datetime import UTC, datetime

from django.http import JsonResponse
from django.shortcuts import render

from ledendemocratie import processes
from ledendemocratie.feedback.models import Feedback
from members import selectors as member_selectors
from members.permissions import own_data_view

# Every link from a model to a member, and where the export holds it ("participation.round."
# for an app's part), or why not. tests/home/test_my_data_export.py walks the app
# registry: a new model that links to a member fails it until it is listed here.
EXPORTED_MEMBER_LINKS = {
    "account.EmailAddress.user": "login_addresses",
    "members.RoleAssignment.member": "roles",
    "members.AccountEvent.member": "account_events",
    "members.OutboxMessage.recipient": "mail_sent",
    "members.MailOptOut.member": "mail_preferences",
    "members.MemberTrait.member": "extra_traits",
    "preferendum.Answer.member": "participation.round.preferendum_answers",
    "preferendum.FollowUpOptIn.member": "participation.round.preferendum_follow_up",
    "preferendum.Suggestion.member": "participation.round.preferendum_suggestions",
    "beraad.Invitation.member": "participation.panel.invitations",
    "beraad.Call.caller": "participation.panel.invitations",
    "beraad.PanelMember.member": "participation.panel.panel_seats",
    "beraad.MemberInput.member": "participation.panel.inputs",
    "beraad.LetterSignature.chair": "participation.panel.letter_signatures",
    "events.Registration.member": "participation.event.registrations",
    "events.ModeratorNotes.author": "participation.event.moderator_notes",
    # The roll says whether the member voted; what they voted is linked to nobody.
    "votes.RollEntry.member": "participation.vote.roll",
    "votes.CommitteeMember.member": "participation.vote.committee",
    "forum.Contribution.author": "participation.forum.contributions",
    "forum.Statement.author": "participation.forum.statements",
    "forum.StatementVote.participant": "participation.forum.votes",
    "forum.Report.reporter": "participation.forum.reports",
    "forum.Expert.account": "participation.forum.expert",
}
# Links that record work done in a role (for the organisation, not data about the person).
NOT_EXPORTED_MEMBER_LINKS = {
    "admin.LogEntry.user": "changes an admin made in the admin site",
    "members.AccountEvent.actor": "the admin or import that changed someone else's account",
    "members.MemberImport.created_by": "imports an admin uploaded",
    "beraad.AuditEntry.actor": "steps an admin took in a panel's lottery",
    "beraad.Invitation.caller": "other members' invitations given to this caller to phone",
    "beraad.DrawJob.created_by": "draws an admin started for a panel",
    "beraad.RequiredSigner.chair": "an admin's request to a chair; signatures are exported",
    "beraad.MemberInput.moderated_by": "moderation of other members' input",
    "events.Event.created_by": "events an organiser created",
    "events.Table.moderator": "the table plan of an event (the registration is exported)",
    "feedback.Feedback.published_by": "feedback an admin published",
    "feedback.Correction.created_by": "corrections an admin made",
    "feedback.Carry.created_by": "an admin carrying feedback into a statement",
    "public.PublicPageChoice.changed_by": "an admin switching a process's public page on or off",
    "forum.Conversation.created_by": "conversations an organiser started",
    "forum.Conversation.moderators": "conversations a member moderates (a role)",
    "forum.Conversation.invited_members": "an organiser's invitation list (the conversations "
    "the member took part in are exported)",
    "forum.Expert.invited_by": "experts an organiser invited",
    "forum.BackgroundDocument.uploaded_by": "files an organiser added to a conversation (a role)",
    "forum.ModerationAction.actor": "moderation steps taken as a moderator",
}


@own_data_view
def my_data(request):
    member = request.user
    context = {
        **member_selectors.profile_context(member),
        "participation": _participation(member),
    }
    return render(request, "ledendemocratie/my_data.html", context)


@own_data_view
def my_data_export(request):
    """Everything the platform keeps about the member: members' data and each app's."""
    data = member_selectors.personal_data(request.user)
    data["participation"] = {str(k): v for k, v in processes.personal_data(request.user).items()}
    response = JsonResponse(data, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
    return response


def _participation(member) -> list[dict]:
    """Each process the member took part in, newest first, with its feedback once published."""
    refs = processes.participation_for_member(member)
    published = {
        (f.process_kind, f.process_id): f
        for f in Feedback.objects.filter(
            state=Feedback.State.PUBLISHED, process_id__in={ref.id for ref in refs}
        )
    }
    rows = [
        {
            "process": ref,
            "kind_label": processes.kind_label(ref.kind),
            "feedback": published.get((ref.kind, ref.id)),
        }
        for ref in refs
    ]
    return sorted(rows, key=_newest_first, reverse=True)


def _newest_first(row: dict) -> tuple[bool, datetime]:
    closed_at = row["process"].closed_at
    return closed_at is None, closed_at or datetime.min.replace(tzinfo=UTC)
