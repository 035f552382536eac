"""Votes in the admin: editable in draft only; ballots and the roll are never shown."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from votes.models import BallotItem, CommitteeMember, Vote, VoteState
from votes.services import drafts, lifecycle


def _is_draft(obj) -> bool:
    return obj is None or obj.state == VoteState.DRAFT


class _DraftOnlyInline(admin.StackedInline):
    extra = 0

    def has_add_permission(self, request, obj=None):
        return _is_draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return _is_draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _is_draft(obj) and super().has_delete_permission(request, obj)


class BallotItemInline(_DraftOnlyInline):
    model = BallotItem
    fields = [
        "position",
        "kind",
        "method",
        "title",
        "explanation",
        "options",
        "seats",
        "full_order",
    ]


class CommitteeMemberInline(_DraftOnlyInline):
    model = CommitteeMember
    fields = ["member", "share_picked_up_at"]
    readonly_fields = ["share_picked_up_at"]
    raw_id_fields = ["member"]


@admin.action(description=_("Aankondigen (het stembiljet ligt daarna vast)"))
def announce(modeladmin, request, queryset):
    for vote in queryset:
        try:
            lifecycle.vote_announce(vote=vote)
        except ValidationError as error:
            messages.error(request, f"{vote}: {' '.join(error.messages)}")


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    """Every save goes through the draft services, which refuse an announced vote."""

    list_display = ["title", "state", "scope", "opens_at", "closes_at", "roll_size"]
    list_filter = ["state", "scope"]
    search_fields = ["title"]
    inlines = [BallotItemInline, CommitteeMemberInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = [announce]
    readonly_fields = [
        "state",
        "announced_at",
        "tie_seed",
        "roll_size",
        "roll_sha256",
        "closed_at",
        "published_at",
        "count_problem",
    ]
    exclude = ["feedback_url", "feedback_summary"]

    def has_change_permission(self, request, obj=None):
        return _is_draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _is_draft(obj) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        drafts.vote_save(vote=obj)

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            drafts.vote_part_save(obj=obj)
        for obj in formset.deleted_objects:
            drafts.vote_part_delete(obj=obj)
