from django import forms
from django.contrib import admin
from django.db import models

from beraad.models import AuditEntry, Invitation, Panel
from beraad.services import panels as panel_services

# Written by the services only: the lifecycle, the announced draw and its results.
PANEL_SERVICE_FIELDS = [
    "state",
    "draw_announced_at",
    "frozen_at",
    "frozen",
    "public_value",
    "public_value_at",
    "seed",
    "seed_fixed_at",
    "selection",
    "advice_published_at",
    "feedback_url",
    "feedback_summary",
    "feedback_published_at",
    "created_at",
]


class PanelAdminForm(forms.ModelForm):
    """The same rules as the settings page: locked fields are refused with the reason."""

    class Meta:
        model = Panel
        fields = panel_services.EDITABLE_FIELDS

    def clean(self):
        data = super().clean()
        if self.instance.pk:
            fields = {k: data[k] for k in panel_services.EDITABLE_FIELDS if k in data}
            panel_services.panel_check_update(self.instance, fields)
        return data


@admin.register(Panel)
class PanelAdmin(admin.ModelAdmin):
    """Every change goes through the services, so it is checked and in the audit log."""

    form = PanelAdminForm
    list_display = ["title", "state", "purpose", "panel_size", "created_at"]
    list_filter = ["state", "purpose"]
    readonly_fields = PANEL_SERVICE_FIELDS
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        fields = {k: form.cleaned_data[k] for k in panel_services.EDITABLE_FIELDS}
        if change:
            panel_services.panel_update(panel=obj, actor=request.user, **fields)
        else:
            obj.pk = panel_services.panel_create(actor=request.user, **fields).pk

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.state == "concept"


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Read-only: the log is written by the services only."""

    list_display = ["panel", "action", "actor", "at", "inputs_sha256"]
    list_filter = ["action"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    """Read-only: status and consent change only through the invitee's link and the services.

    The pseudonym is left out, so that no page puts it next to a name."""

    list_display = ["panel", "member", "status"]
    list_filter = ["status", "panel"]
    exclude = ["token", "pseudonym", "household", "stratum", "category_values"]
