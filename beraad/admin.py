from django.contrib import admin
from django.db import models

from beraad.models import AuditEntry, Invitation, Panel


@admin.register(Panel)
class PanelAdmin(admin.ModelAdmin):
    list_display = ["title", "state", "purpose", "panel_size", "created_at"]
    list_filter = ["state", "purpose"]
    readonly_fields = ["state", "seed", "seed_fixed_at", "selection"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the log is written by the services only."""

    list_display = ["panel", "action", "actor", "at", "inputs_sha256"]
    list_filter = ["action"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["panel", "member", "status", "pseudonym"]
    list_filter = ["status", "panel"]
    raw_id_fields = ["member"]
    # The caller is assigned on the call list, which checks the role.
    readonly_fields = ["token", "pseudonym", "stratum", "household", "features", "caller"]
