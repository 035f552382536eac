"""The forum in the admin. Votes and the stored map (which holds each participant's
position) are not shown at all; contributions, reports and the log are read-only, so
moderation goes through the services and stays in the audit log."""

from django.contrib import admin

from forum.models import Contribution, Conversation, Expert, ModerationAction, Report, Statement


class ViewOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = ["title", "state", "audience", "branch", "opens_at", "closes_at"]
    list_filter = ["state", "audience"]
    search_fields = ["title"]
    raw_id_fields = ["moderators", "invited_members", "created_by"]
    exclude = ["summary_statements"]
    # States change through the pages' services only (invitations, summary mails).
    readonly_fields = ["state", "open_scheduled", "closed_at", "summary_published_at"]


@admin.register(Expert)
class ExpertAdmin(ViewOnly):
    list_display = ["name", "organisation", "invited_at", "confirmed_at"]
    exclude = ["account"]


@admin.register(Contribution)
class ContributionAdmin(ViewOnly):
    list_display = ["__str__", "conversation", "created_at", "hidden_at"]
    list_filter = ["conversation"]
    exclude = ["author", "appeal"]


@admin.register(Report)
class ReportAdmin(ViewOnly):
    list_display = ["reason", "contribution", "created_at", "handled_at"]
    exclude = ["reporter"]


@admin.register(ModerationAction)
class ModerationActionAdmin(ViewOnly):
    """The audit log: written by the services only."""

    list_display = ["created_at", "kind", "conversation", "contribution", "actor"]
    list_filter = ["kind"]


@admin.register(Statement)
class StatementAdmin(ViewOnly):
    list_display = ["text", "conversation", "created_at"]
    exclude = ["author"]
