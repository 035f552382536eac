"""Plain editing of series, rounds and statements. State changes are confirmed actions on
/preferendum/beheer/ (services); answers are deliberately not in the admin at all."""

from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from preferendum.models import Round, Series, Statement, Suggestion


class StatementInline(admin.StackedInline):
    model = Statement
    extra = 0
    max_num = 6
    fields = [
        "position",
        "text",
        "explanation",
        "argument_for",
        "argument_against",
        "background_url",
        "family",
        "origin_label",
    ]
    readonly_fields = ["origin_label"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request, obj=None):
        return obj is None or obj.is_editable

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.is_editable

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.is_editable


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["title", "state", "opens_at", "closes_at", "series"]
    list_filter = ["state", "series"]
    search_fields = ["title"]
    inlines = [StatementInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = ["state", "manage_link"]
    fields = [
        "manage_link",
        "title",
        "intro",
        "purpose",
        "audience",
        "scope",
        "province",
        "branch",
        "series",
        "queue_position",
        "state",
    ]

    @admin.display(description=_("Plannen, openen, sluiten"))
    def manage_link(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        url = reverse("preferendum:manage-round", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Status van deze ronde beheren"))

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.is_editable:
            return self.fields
        return self.readonly_fields


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "rhythm_days", "open_days", "is_default"]


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    """Read-only list; merging and accepting happen on /preferendum/beheer/suggesties/."""

    list_display = ["text", "status", "created_at"]
    list_filter = ["status"]
    fields = ["text", "why", "status", "merged_into", "statement", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False
