"""An admin goes through the whole Django admin looking for who answered what, or a secret.

Issue 13: "nobody, admins included, learns who answered what or takes over an account".
The access world (tests/access/world.py) has a member who answered a round with a private
comment, and personal links for everyone. As its admin, every registered ModelAdmin is
opened: the changelist, a search for the member, every list filter, every object's change
form, history and delete page, and every action's first step on every object. No page may
show the comment or the member's answer, a personal link token, a link key or a password
hash.
"""

import contextlib
import re
from html import unescape

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.test import Client
from django.urls import NoReverseMatch, reverse

from members.models import Member
from preferendum.models import Answer

pytestmark = pytest.mark.django_db

TOKENS = ("round_token", "guest_token", "guest_confirm_token", "feed_token", "invitation_token")


def _admin_client(world) -> Client:
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions["admin"]
    return client


def _secrets(world) -> dict[str, str]:
    """What no admin page may show, by what it is."""
    found = {"the member's comment": world.answer_marker}
    for name in TOKENS:
        if world.objects.get(name):
            found[name] = str(world.objects[name])
    for member in Member.objects.all():
        found[f"link key of {member.pk}"] = member.link_key
        found[f"feed key of {member.pk}"] = member.feed_key
        if member.password and "$" in member.password:
            found[f"password hash of {member.pk}"] = member.password.split("$")[-1]
    return found


def _answers(world) -> list[tuple[list[str], str]]:
    """(who, what) per answer linked to a member: a page that names them both links them.
    What the admin prints for an answer is "<statement>: <value>"."""
    answers = Answer.objects.filter(member__isnull=False).select_related("member")
    return [([a.member.email, a.member.get_full_name()], str(a)) for a in answers]


def _admin_pages(model, model_admin) -> list[str]:
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    pages = [reverse(f"{info}_changelist")]
    for pk in model._default_manager.values_list("pk", flat=True):
        for view in ("change", "history", "delete"):
            with contextlib.suppress(NoReverseMatch):
                pages.append(reverse(f"{info}_{view}", args=[pk]))
    return pages


def _filter_links(client, changelist: str) -> list[str]:
    body = client.get(changelist).content.decode()
    return sorted({changelist + unescape(q) for q in re.findall(r'href="(\?[^"]*)"', body)})


def _leaks(body: str, secrets: dict[str, str], answers=()) -> list[str]:
    found = [what for what, secret in secrets.items() if secret and secret in body]
    for who, what in answers:
        if what in body and any(name and name in body for name in who):
            found.append(f"{who[0]} answered {what}")
    return found


def test_no_admin_page_shows_who_answered_what_or_a_secret(world):
    client, secrets, wrong = _admin_client(world), _secrets(world), []
    answers, member = _answers(world), world.people["member"]
    for model, model_admin in admin.site._registry.items():
        pages = _admin_pages(model, model_admin)
        pages += [f"{pages[0]}?q={member.email}", f"{pages[0]}?q={member.last_name}"]
        pages += _filter_links(client, pages[0])
        for url in pages:
            response = client.get(url)
            leaked = _leaks(response.content.decode(errors="replace"), secrets, answers)
            wrong += [f"{url}: {what}" for what in leaked]
    assert not wrong, "\n".join(wrong)


def test_no_admin_action_shows_who_answered_what_or_a_secret(world):
    client, secrets, wrong = _admin_client(world), _secrets(world), []
    answers = _answers(world)
    for model, model_admin in admin.site._registry.items():
        changelist = _admin_pages(model, model_admin)[0]
        pks = [str(pk) for pk in model._default_manager.values_list("pk", flat=True)]
        for action in model_admin.get_actions(_request_for(world)):
            data = {"action": action, "_selected_action": pks, "index": 0}
            response = client.post(changelist, data)
            leaked = _leaks(response.content.decode(errors="replace"), secrets, answers)
            wrong += [f"{changelist} action {action}: {what}" for what in leaked]
    assert not wrong, "\n".join(wrong)


def test_admin_history_shows_no_secret_after_an_admin_edited_the_member(world):
    """LogEntry keeps what an admin did; editing a member must not copy a secret into it."""
    member, admin_member = world.people["member"], world.people["admin"]
    url = reverse("admin:members_member_change", args=[member.pk])
    client = _admin_client(world)
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data |= {"first_name": "Gewijzigd", **_inline_management(client.get(url).context)}
    client.post(url, data)
    entries = LogEntry.objects.filter(user=admin_member, action_flag=CHANGE)
    assert entries.exists()
    text = " ".join(f"{e.object_repr} {e.change_message}" for e in entries)
    history = client.get(reverse("admin:members_member_history", args=[member.pk]))
    assert not _leaks(text + history.content.decode(), _secrets(world), _answers(world))


def _inline_management(context) -> dict:
    data = {}
    for formset in context["inline_admin_formsets"]:
        for key, value in formset.formset.management_form.initial.items():
            data[f"{formset.formset.prefix}-{key}"] = value
    return data


def _request_for(world):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = world.people["admin"]
    return request
