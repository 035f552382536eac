from django.contrib import admin

from ledendemocratie.public.forms import ProcessLinkForm
from ledendemocratie.public.models import Congress, CongressProcess, PublicPageChoice


class CongressProcessInline(admin.StackedInline):
    model = CongressProcess
    form = ProcessLinkForm
    extra = 1
    fields = ["theme", "process_kind", "process_id", "position"]


@admin.register(Congress)
class CongressAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "place"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CongressProcessInline]
    search_fields = ["title", "place"]


@admin.register(PublicPageChoice)
class PublicPageChoiceAdmin(admin.ModelAdmin):
    form = ProcessLinkForm
    fields = ["process_kind", "process_id", "enabled", "changed_at", "changed_by"]
    list_display = ["process_kind", "process_id", "enabled", "changed_at", "changed_by"]
    list_filter = ["process_kind", "enabled"]
    readonly_fields = ["changed_at", "changed_by"]

    def save_model(self, request, obj, form, change):
        obj.changed_by = request.user
        super().save_model(request, obj, form, change)
