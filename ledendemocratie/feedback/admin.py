"""Feedback in the admin: drafts can be edited, published feedback cannot.

Every admin is a superuser, so the only guard is here: once published, neither the
feedback nor its outcomes can be changed or deleted, and no outcome can be added or
removed. Changes go through the dated correction flow on the site, which keeps what was
said before. Corrections themselves are history too and are only shown.
"""

from django.contrib import admin

from ledendemocratie.feedback.models import Correction, Feedback, FeedbackItem


def _is_published(obj) -> bool:
    feedback = obj.feedback if isinstance(obj, FeedbackItem) else obj
    return feedback is not None and feedback.is_published


class FeedbackItemInline(admin.StackedInline):
    model = FeedbackItem
    extra = 0

    def has_add_permission(self, request, obj=None):
        return not _is_published(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _is_published(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _is_published(obj) and super().has_delete_permission(request, obj)


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["created_at", "item", "text", "previous_outcome", "new_outcome", "created_by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["title", "process_kind", "state", "published_at"]
    list_filter = ["state", "process_kind"]
    search_fields = ["title"]
    inlines = [FeedbackItemInline, CorrectionInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_published:
            return [field.name for field in Feedback._meta.concrete_fields]
        return ["state", "published_at", "published_by"]

    def has_change_permission(self, request, obj=None):
        return not _is_published(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _is_published(obj) and super().has_delete_permission(request, obj)
