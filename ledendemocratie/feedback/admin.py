from django.contrib import admin

from ledendemocratie.feedback.models import Correction, Feedback, FeedbackItem


class FeedbackItemInline(admin.StackedInline):
    model = FeedbackItem
    extra = 0


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["title", "process_kind", "state", "published_at"]
    list_filter = ["state", "process_kind"]
    search_fields = ["title"]
    inlines = [FeedbackItemInline, CorrectionInline]
