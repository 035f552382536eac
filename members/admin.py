import re

from django.contrib import admin, messages
from django.contrib.auth.models import Group
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from members.models import (
    AccountEvent,
    Branch,
    Mailing,
    Member,
    MemberImport,
    MemberStatus,
    OutboxMessage,
    RoleAssignment,
    TraitCategory,
    TraitOption,
)
from members.services.accounts import member_retire_rights
from members.services.outbox import outbox_requeue_failed
from members.services.roles import role_grant, role_revoke

# Roles are RoleAssignment rows (members.Role), granted through the role services; Django's
# groups are not used, so the admin does not offer them.
admin.site.unregister(Group)
ADDRESS = re.compile(r"[^\s<>'\"]+@[^\s<>'\"]+")


class RoleAssignmentInline(admin.StackedInline):
    model = RoleAssignment
    extra = 0


class DeletionRequestedFilter(admin.SimpleListFilter):
    title = _("verwijderverzoek")
    parameter_name = "verwijderverzoek"

    def lookups(self, request, model_admin):
        return [("open", _("open")), ("uitgevoerd", _("geanonimiseerd"))]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(deletion_requested_at__isnull=False, anonymised_at__isnull=True)
        if self.value() == "uitgevoerd":
            return queryset.filter(anonymised_at__isnull=False)
        return queryset


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ["__str__", "member_number", "email", "branch", "kind", "status"]
    list_filter = [DeletionRequestedFilter, "status", "kind", "branch__province", "roles__role"]
    list_select_related = ["branch"]
    search_fields = ["member_number", "email", "last_name", "first_name"]
    inlines = [RoleAssignmentInline]
    exclude = ["password", "is_superuser", "is_staff", "groups", "user_permissions"]
    readonly_fields = ["last_login", "date_joined", "deletion_requested_at", "anonymised_at"]

    def save_related(self, request, form, formsets, change):
        """A member made former here loses every role and admin right, as in the import."""
        super().save_related(request, form, formsets, change)
        if form.instance.status == MemberStatus.FORMER:
            member_retire_rights(member_ids=[form.instance.pk], actor=request.user)

    def save_formset(self, request, form, formset, change):
        """Roles go through the role services, which keep the staff flags in step."""
        if formset.model is not RoleAssignment:
            return super().save_formset(request, form, formset, change)
        for assignment in formset.save(commit=False):
            role_grant(
                member=form.instance,
                role=assignment.role,
                branch=assignment.branch,
                title=assignment.title,
            )
        for assignment in formset.deleted_objects:
            role_revoke(member=form.instance, role=assignment.role, branch=assignment.branch)


@admin.register(Branch)
class BranchAdmin(admin.ModelAdmin):
    list_display = ["name", "province", "region", "member_count"]
    list_filter = ["province"]
    search_fields = ["name", "region"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("members"))

    @admin.display(description=_("leden"), ordering="member_count")
    def member_count(self, branch):
        return branch.member_count


class TraitOptionInline(admin.StackedInline):
    model = TraitOption
    extra = 1


@admin.register(TraitCategory)
class TraitCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_active", "answer_count"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TraitOptionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(answer_count=Count("answers"))

    @admin.display(description=_("antwoorden"), ordering="answer_count")
    def answer_count(self, category):
        return category.answer_count


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    """Queued, sent and failed mail as metadata only; failed messages can be requeued.

    No address, subject or body is shown or searchable: a body may carry a login code or a
    personal link, and who got which mail says who took part in what.
    """

    list_display = ["created_at", "kind", "status", "attempts", "sent_at", "error"]
    list_filter = ["status", "kind"]
    date_hierarchy = "created_at"
    actions = ["requeue"]
    fields = ["kind", "status", "attempts", "created_at", "next_attempt_at", "sent_at", "error"]
    readonly_fields = fields

    @admin.display(description=_("laatste fout"))
    def error(self, message):
        # An SMTP error may quote the recipient's address.
        return ADDRESS.sub("…", message.last_error)[:80]

    @admin.action(description=_("Mislukte berichten opnieuw versturen"))
    def requeue(self, request, queryset):
        count = outbox_requeue_failed(message_ids=queryset.values_list("pk", flat=True))
        text = (
            ngettext(
                "%d bericht staat weer in de wachtrij.",
                "%d berichten staan weer in de wachtrij.",
                count,
            )
            % count
        )
        self.message_user(request, text, messages.SUCCESS)


@admin.register(Mailing)
class MailingAdmin(ReadOnlyAdmin):
    """Mailings recorded with their cause; the sweep runs those whose task was lost."""

    list_display = ["created_at", "kind", "object_id", "attempts", "done_at", "last_error"]
    list_filter = ["kind"]


@admin.register(MemberImport)
class MemberImportAdmin(ReadOnlyAdmin):
    list_display = ["filename", "created_at", "created_by", "status", "dry_run", "full"]
    list_filter = ["status"]
    exclude = ["file"]


@admin.register(AccountEvent)
class AccountEventAdmin(admin.ModelAdmin):
    """The audit trail of account changes nobody made on a page: read-only."""

    list_display = ["created_at", "member", "action", "actor"]
    list_filter = ["action"]
    list_select_related = ["member", "actor"]
    search_fields = ["member__member_number", "member__email"]
    readonly_fields = ["member", "actor", "action", "details", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
