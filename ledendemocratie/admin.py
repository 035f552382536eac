"""The top floor's part of the Django admin: anonymising a member reaches every app.

``members`` registers the member admin; the roof adds the action that erases what every
feature app keeps (``ledendemocratie.privacy.member_erase``), which ``members`` cannot import.
"""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ledendemocratie.privacy import member_erase
from members import permissions
from members.admin import MemberAdmin
from members.models import Member


class PlatformMemberAdmin(MemberAdmin):
    actions = ["anonymise"]

    @admin.action(description=_("Anonimiseren (verwijderverzoek uitvoeren)"))
    def anonymise(self, request, queryset):
        members = [m for m in queryset if permissions.can_anonymise_member(request.user, m)]
        if request.POST.get("confirm") != "yes":
            context = {**self.admin_site.each_context(request), "members": members}
            context["action_checkbox_name"] = admin.helpers.ACTION_CHECKBOX_NAME
            return TemplateResponse(request, "admin/members/member/anonymise_confirm.html", context)
        for member in members:
            member_erase(member=member, by=request.user)
        count = len(members)
        text = ngettext("%d lid geanonimiseerd.", "%d leden geanonimiseerd.", count) % count
        self.message_user(request, text, messages.SUCCESS)
        return None


admin.site.unregister(Member)
admin.site.register(Member, PlatformMemberAdmin)
