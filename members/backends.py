from allauth.account.auth_backends import AuthenticationBackend
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db import connection

from members import rows
from members.models import Member

DEMO_PASSWORD = "demo"

_MEMBER_SQL = f"SELECT {rows.columns(Member, 'm')} FROM {rows.table(Member)} m WHERE m.id = %s"


class MemberLookup:
    """Loads the signed-in member, on every request, with one fixed query (members.rows)."""

    def get_user(self, user_id):
        with connection.cursor() as cursor:
            cursor.execute(_MEMBER_SQL, [user_id])
            row = cursor.fetchone()
        member = rows.instance(Member, row) if row else None
        return member if member is not None and self.user_can_authenticate(member) else None


class MemberBackend(MemberLookup, ModelBackend):
    pass


class MemberAccountBackend(MemberLookup, AuthenticationBackend):
    """allauth's backend (login by e-mailed code); allauth prefers it for its logins."""


class DemoPasswordBackend(MemberBackend):
    """Lets the demo accounts log in with the password "demo", only while DEBUG is on."""

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        login = (email or username or "").lower()
        if not settings.DEBUG or password != DEMO_PASSWORD or login not in settings.DEMO_ACCOUNTS:
            return None
        member = Member.objects.filter(email__iexact=login).first()
        return member if member and self.user_can_authenticate(member) else None
