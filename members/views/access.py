from functools import wraps

from django.core.exceptions import PermissionDenied

from shared.http import login_redirect


def signed_in_view(allowed):
    """Require a session (htmx-aware, see ``shared.http``), then ``allowed(user)``."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return login_redirect(request)
            if not allowed(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
