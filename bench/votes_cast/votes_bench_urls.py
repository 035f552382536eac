"""The platform's URLs plus the baseline: a bare view that inserts one row."""

from django.db import connection
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST


@csrf_exempt
@require_POST
def bare_insert(request):
    """No session, no auth, no template: Django's request cycle and one INSERT."""
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_bare (value, created_at) VALUES (1, now())")
    return HttpResponse("ok")


urlpatterns = [
    path("bench/bare/", bare_insert),
    path("", include("ledendemocratie.urls")),
]
