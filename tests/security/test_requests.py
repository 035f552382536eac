"""CSRF on every POST, rate limits, uploads, and hostile text posted to every form."""

import re
import time
from html.parser import HTMLParser

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beraad.models import Letter, LetterSignature
from events.forms import guest_form_started
from members.models import OutboxMessage
from tests.access.matrix import row_for
from tests.access.test_access_matrix import PAGES, TABLE, client_for, url_for
from tests.beraad.test_signing import reauthenticate_by_code
from tests.members.factories import TEST_PASSWORD

# One-click unsubscribe (RFC 8058): mail clients POST without a token; the link is signed.
CSRF_EXEMPT = {"members:unsubscribe"}


def _pages():
    return [key for key in sorted(PAGES) if not key.startswith(("admin:", "beheer/", "^"))]


def test_every_post_without_a_csrf_token_is_refused(world):
    """As the admin (who may post almost everywhere), plain and as htmx."""
    accepted = []
    for key in _pages():
        url = url_for(key, PAGES[key], world)
        client = Client(enforce_csrf_checks=True)
        client.cookies = client_for("admin", world).cookies
        for headers in ({}, {"HX-Request": "true"}):
            status = client.post(url, {"text": "x"}, headers=headers).status_code
            if status != 403 and key not in CSRF_EXEMPT:
                accepted.append(f"{key} {url} {headers}: {status}")
    assert not accepted, "POST accepted without a CSRF token:\n" + "\n".join(accepted)


@pytest.fixture
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_login_codes_for_one_address_are_rate_limited(member, _fresh_rate_limits):
    for _ in range(10):
        Client().post(reverse("account_request_login_code"), {"email": member.email})
    assert OutboxMessage.objects.filter(to_email=member.email).count() <= 3


@pytest.mark.django_db
def test_after_failed_logins_even_the_right_password_is_refused(member, _fresh_rate_limits):
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    for _ in range(10):
        Client().post(reverse("account_login"), {"login": member.email, "password": "fout"})
    client = Client()
    client.post(reverse("account_login"), {"login": member.email, "password": TEST_PASSWORD})
    assert client.get(reverse("my-data")).status_code == 302


def test_guest_registration_is_rate_limited(world, _fresh_rate_limits):
    url = reverse("events:guest-register", args=[world.objects["event"]])
    started = guest_form_started(time.time() - 60)  # as if a person filled it in
    client = Client()
    for number in range(7):
        data = {"name": f"Gast {number}", "email": f"gast{number}@example.net"}
        response = client.post(url, data | {"started": started})
    assert "Te veel aanmeldingen" in response.content.decode()


def test_behind_a_trusted_proxy_each_visitor_has_their_own_guest_limit(
    world, _fresh_rate_limits, settings
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    url = reverse("events:guest-register", args=[world.objects["event"]])
    started = guest_form_started(time.time() - 60)
    client = Client()
    for number in range(7):
        data = {"name": f"Gast {number}", "email": f"gast{number}@example.net"}
        forwarded = f"192.0.2.{number}"  # seven visitors behind one proxy
        response = client.post(url, data | {"started": started}, HTTP_X_FORWARDED_FOR=forwarded)
    assert "Te veel aanmeldingen" not in response.content.decode()


@pytest.mark.django_db
def test_login_codes_behind_a_trusted_proxy_are_limited_per_visitor(
    member_factory, _fresh_rate_limits, settings
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    members = member_factory.create_batch(25)  # more than the 20 a minute one address may ask
    for number, member in enumerate(members):
        Client().post(
            reverse("account_request_login_code"),
            {"email": member.email},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}",
        )
    assert OutboxMessage.objects.filter(to_email__in=[m.email for m in members]).count() == 25


def test_member_import_refuses_a_file_that_is_not_csv(world):
    client = client_for("admin", world)
    upload = SimpleUploadedFile("leden.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png")
    response = client.post(reverse("members:import"), {"file": upload})
    assert response.status_code == 200
    assert "CSV" in response.content.decode()


def test_signature_upload_refuses_a_file_that_is_not_an_image(world):
    client = client_for("chair", world)
    reauthenticate_by_code(client, world.people["chair"])  # signing asks for a fresh code
    upload = SimpleUploadedFile("handtekening.png", b"<script>alert(1)</script>", "image/png")
    url = reverse("beraad:letter-sign", args=[world.objects["inviting_panel"]])
    text_sha256 = Letter.objects.get(panel_id=world.objects["inviting_panel"]).text_hash
    data = {"text_sha256": text_sha256, "image": upload, "confirm": "on"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert not LetterSignature.objects.filter(letter__panel_id=world.objects["inviting_panel"])


# --- Hostile text to every form ------------------------------------------------------

HOSTILE = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "{{ 7*7 }}{% debug %}",
    "\u202eevil\u0000",
]
TEXT_INPUTS = {"text", "email", "search", "url", "tel", "number", "date", "datetime-local", ""}
FORM_ROLES = ["anonymous", "member", "admin"]
LOGOUT = reverse("account_logout")  # would end the role's session halfway


class _Forms(HTMLParser):
    """The POST forms inside <main>, with their fields (header forms are left out)."""

    def __init__(self):
        super().__init__()
        self.in_main, self.forms, self.select = False, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.in_main = True
        elif self.in_main and tag == "form" and attrs.get("method", "").lower() == "post":
            self.forms.append({"action": attrs.get("action") or "", "fields": []})
        elif self.in_main and self.forms and tag in {"input", "textarea", "select"}:
            self.forms[-1]["fields"].append((tag, attrs))

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False


def _post_forms(role: str, world) -> list[tuple[str, dict]]:
    """(action, fields) of every POST form on the pages this role may open."""
    found = []
    for key in _pages():
        row = row_for(TABLE, key)
        if row is None or row.method != "GET" or row.expected[role].code != "200":
            continue
        url = url_for(key, PAGES[key], world)
        response = client_for(role, world).get(url)
        if response.status_code != 200 or response.streaming:
            continue
        parser = _Forms()
        parser.feed(response.content.decode(errors="replace"))
        actions = [(form["action"] or url, form["fields"]) for form in parser.forms]
        found += [(action, fields) for action, fields in actions if action != LOGOUT]
    return found


def _fill(fields, text: str) -> dict:
    data = {}
    for tag, attrs in fields:
        name, kind = attrs.get("name"), attrs.get("type", "")
        if not name or kind in {"checkbox", "radio", "file", "submit"}:
            continue
        if tag == "textarea" or (tag == "input" and kind in TEXT_INPUTS):
            data[name] = text
        elif tag == "input":
            data[name] = attrs.get("value", "")
    return data


@pytest.fixture
def forms_by_role(world):
    forms = {role: _post_forms(role, world) for role in FORM_ROLES}
    assert sum(map(len, forms.values())) >= 30, "the pages' forms were not found"
    return forms


@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    noise=st.text(min_size=0, max_size=40),
    hostile=st.sampled_from(HOSTILE),
    long=st.booleans(),
)
def test_hostile_text_in_any_form_is_never_a_500_nor_shown_unescaped(
    world, forms_by_role, noise, hostile, long
):
    text = noise + hostile + ("x" * 20_000 if long else "")
    raw = re.compile(r"<script>alert|<img src=x onerror")
    problems = []
    for role, forms in forms_by_role.items():
        client = client_for(role, world)
        client.raise_request_exception = False
        for action, fields in forms:
            response = client.post(action, _fill(fields, text), follow=True)
            body = "" if response.streaming else response.content.decode(errors="replace")
            if response.status_code >= 500:
                problems.append(f"{role} {action}: {response.status_code}")
            elif raw.search(body):
                problems.append(f"{role} {action}: hostile text shown unescaped")
    assert not problems, "\n".join(problems)
