from contextlib import contextmanager
from contextvars import ContextVar

from allauth.account.auth_backends import AuthenticationBackend
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.backends import ModelBackend
from django.db import connection

from members.models import Member, RoleAssignment
from shared import rows

DEMO_PASSWORD = "demo"


def member_columns(alias: str) -> str:
    """The member's columns and whether they hold any role, for `member_from_row`."""
    holds_role = f"SELECT 1 FROM {rows.table(RoleAssignment)} r WHERE r.member_id = {alias}.id"
    return f"{rows.columns(Member, alias)}, EXISTS ({holds_role})"


def member_from_row(row: tuple, start: int = 0) -> Member | None:
    """The member whose `member_columns` start at `row[start]` (None for a row of NULLs).

    Most members hold no role: for them the navigation's role query is answered here.
    """
    if row[start] is None:
        return None
    member = rows.instance(Member, row, start)
    if not row[start + rows.width(Member)]:
        member.__dict__["role_pairs"] = frozenset()
    return member


_MEMBER_SQL = f"SELECT {member_columns('m')} FROM {rows.table(Member)} m WHERE m.id = %s"


_preloaded = ContextVar("preloaded_member", default=None)


def session_member_id(request) -> int | None:
    """The member the session names, not yet verified: see `preloaded_member`."""
    try:
        return int(request.session[SESSION_KEY])
    except (KeyError, TypeError, ValueError):
        return None


@contextmanager
def preloaded_member(member: Member | None):
    """Sign in from the session with this row, read moments ago in the caller's own query.

    For a hot view that reads the member anyway (`session_member_id` tells which): Django
    still verifies the session against the row; only the query of its own is saved.
    """
    token = _preloaded.set(member)
    try:
        yield
    finally:
        _preloaded.reset(token)


class MemberLookup:
    """Loads the signed-in member, on every request, with one fixed query (shared.rows)."""

    def get_user(self, user_id):
        member = _preloaded.get()
        if member is None or str(member.pk) != str(user_id):
            member = self._member(user_id)
        return member if member is not None and self.user_can_authenticate(member) else None

    def _member(self, user_id) -> Member | None:
        with connection.cursor() as cursor:
            cursor.execute(_MEMBER_SQL, [user_id])
            row = cursor.fetchone()
        return member_from_row(row) if row else None


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
