import re

from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from members import permissions
from members.models import (
    Branch,
    Mailing,
    Member,
    MemberImport,
    OutboxMessage,
    RoleAssignment,
    TraitCategory,
    TraitOption,
)
from members.services.outbox import outbox_requeue_failed
from members.services.roles import role_grant, role_revoke

ADDRESS = re.compile(r"[^\s<>'\"]+@[^\s<>'\"]+")


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["branch"]


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
    autocomplete_fields = ["branch"]
    inlines = [RoleAssignmentInline]
    actions = ["anonymise"]
    exclude = ["password", "is_superuser", "is_staff", "groups", "user_permissions"]
    readonly_fields = ["last_login", "date_joined", "deletion_requested_at", "anonymised_at"]

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

    @admin.action(description=_("Anonimiseren (verwijderverzoek uitvoeren)"))
    def anonymise(self, request, queryset):
        members = [m for m in queryset if permissions.can_anonymise_member(request.user, m)]
        if request.POST.get("confirm") != "yes":
            context = {**self.admin_site.each_context(request), "members": members}
            context["action_checkbox_name"] = admin.helpers.ACTION_CHECKBOX_NAME
            return TemplateResponse(request, "admin/members/member/anonymise_confirm.html", context)
        erase = import_string(settings.MEMBER_ERASE_SERVICE)
        for member in members:
            erase(member=member, by=request.user)
        count = len(members)
        text = ngettext("%d lid geanonimiseerd.", "%d leden geanonimiseerd.", count) % count
        self.message_user(request, text, messages.SUCCESS)
        return None


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


class TraitOptionInline(admin.TabularInline):
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
