from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from members.models import Member

DEMO_PASSWORD = "demo"


class DemoPasswordBackend(ModelBackend):
    """Lets the demo accounts log in with the password "demo", only while DEBUG is on."""

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        login = (email or username or "").lower()
        if not settings.DEBUG or password != DEMO_PASSWORD or login not in settings.DEMO_ACCOUNTS:
            return None
        member = Member.objects.filter(email__iexact=login).first()
        return member if member and self.user_can_authenticate(member) else None
