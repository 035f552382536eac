"""The admin site (/beheer/): only current admins, signed in through allauth.

Django's own admin login checks a password with no rate limit and without allauth's
lockout. Here it only sends the visitor to allauth's login (code or password, with
allauth's limits), which brings them back to the admin site afterwards.
"""

from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from members import permissions


class MemberAdminSite(admin.AdminSite):
    def has_permission(self, request):
        """Staff flags alone are not enough: a former member's stale flags grant nothing."""
        return super().has_permission(request) and permissions.is_admin(request.user)

    def login(self, request, extra_context=None):
        """Never check a password here; allauth's login does, with its rate limits."""
        target = request.GET.get(REDIRECT_FIELD_NAME) or request.POST.get(REDIRECT_FIELD_NAME)
        if not target or not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = reverse("admin:index", current_app=self.name)
        if request.method == "GET" and self.has_permission(request):
            return redirect(target)
        return redirect(f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: target})}")
