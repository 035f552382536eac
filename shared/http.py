"""Request glue every app needs: the htmx-aware login redirect and the visitor's address."""

from functools import wraps

from allauth.account.adapter import get_adapter
from django.contrib.auth.views import redirect_to_login
from django_htmx.http import HttpResponseClientRedirect


def login_redirect(request):
    """Send a visitor without a session to the login page and back here afterwards; an htmx
    request gets a client redirect, so the whole page goes there rather than a fragment."""
    if request.htmx:
        # Back to the page the fragment belongs to, not to the fragment's own address.
        here = request.htmx.current_url_abs_path or request.get_full_path()
        return HttpResponseClientRedirect(redirect_to_login(here).url)
    return redirect_to_login(request.get_full_path())


def login_required_htmx(view):
    """Like ``login_required``, for pages and htmx endpoints alike."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        return login_redirect(request)

    return wrapper


def client_ip(request) -> str:
    """The visitor's address, as the login rate limits see it (TRUSTED_PROXY_COUNT)."""
    return get_adapter(request).get_client_ip(request)
