from functools import wraps

from django.core.exceptions import PermissionDenied

from shared.http import login_required_htmx


def signed_in_view(allowed):
    """``login_required_htmx`` (shared.http), then ``allowed(user)`` or PermissionDenied."""

    def decorator(view):
        @login_required_htmx
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not allowed(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
