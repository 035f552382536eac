from django.contrib import admin
from django.db import models

from events.models import Event, ModeratorNotes, Registration, Table


class RegistrationInline(admin.StackedInline):
    model = Registration
    extra = 0
    raw_id_fields = ["member"]
    fields = ["member", "guest_name", "guest_email", "status", "position", "attendance"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "branch", "event_type", "starts_at", "state"]
    list_filter = ["state", "event_type", "format", "audience"]
    search_fields = ["title", "branch__name"]
    date_hierarchy = "starts_at"
    inlines = [RegistrationInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Table)
class TableAdmin(admin.ModelAdmin):
    list_display = ["event", "number", "moderator"]
    raw_id_fields = ["moderator"]


@admin.register(ModeratorNotes)
class ModeratorNotesAdmin(admin.ModelAdmin):
    list_display = ["table", "heading", "author", "updated_at"]
    raw_id_fields = ["author"]
