"""Who may open which page: every URL pattern, for every kind of person.

The test walks the whole URL configuration, so a new page fails here until it has a row
in access_table.txt (and, when its URL needs ids or tokens, an entry in PARAMS). For every
role it requests the page and compares the status with the table; on every page a role
may open, it also checks that nobody else's e-mail address or phone number is shown
(unless the row allows it with "+"). The codes are explained at the top of the table.
"""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import NoReverseMatch, reverse

from members.services.outbox import unsubscribe_url
from tests.access.matrix import all_pages, parse_table, row_for
from tests.access.world import ROLES

TABLE_FILE = Path(__file__).parent / "access_table.txt"
TABLE = parse_table(TABLE_FILE.read_text())


def _admin_kwargs(key, world):
    """Object pages of the admin site use the first row of their model."""
    app_label, rest = key.removeprefix("admin:").split("_", 1)
    model_name = rest.rsplit("_", 1)[0]
    model = apps.get_model(app_label, model_name)
    first = model.objects.order_by("pk").first()
    return {"object_id": first.pk if first else 0}


def _round(world, name="round"):
    return {"pk": world.objects[name]}


def _token(world):
    return {"token": world.objects["round_token"]}


# How to build the URL of pages that need ids or tokens, from the world.
PARAMS = {
    "members:unsubscribe": lambda w: {
        "token": unsubscribe_url(w.people["member"], "round_invitation").rstrip("/").split("/")[-1]
    },
    "members:dev-mail-detail": lambda w: {"name": "1.eml"},
    "account_confirm_email": lambda w: {"key": "unknown-key"},
    "account_reset_password_from_key": lambda w: {"uidb36": "1", "key": "unknown-key"},
    "members:import-detail": lambda w: {"pk": w.objects["member_import"]},
    "members:import-confirm": lambda w: {"pk": w.objects["member_import"]},
    "feedback:detail": lambda w: {"pk": w.objects["feedback"]},
    "public:page": lambda w: {"kind": "round", "pk": w.objects["closed_round"]},
    "public:page[open]": lambda w: {"kind": "round", "pk": w.objects["round"]},
    "public:page[panel]": lambda w: {"kind": "panel", "pk": w.objects["panel"]},
    "public:page[event]": lambda w: {"kind": "event", "pk": w.objects["past_event"]},
    "public:page[unknown]": lambda w: {"kind": "nothing", "pk": 1},
    "public:page[vote]": lambda w: {"kind": "vote", "pk": w.objects["published_vote"]},
    "public:page[open-vote]": lambda w: {"kind": "vote", "pk": w.objects["vote"]},
    "public:page[forum]": lambda w: {"kind": "forum", "pk": w.objects["closed_conversation"]},
    "public:preview": lambda w: {"kind": "round", "pk": w.objects["closed_round"]},
    "public:choose": lambda w: {"kind": "round", "pk": w.objects["closed_round"]},
    "public:feed-branch": lambda w: {"branch": w.branch.slug},
    "public:congress": lambda w: {"slug": w.objects["congress"]},
    "feedback:detail[members-only]": lambda w: {"pk": w.objects["feedback_members"]},
    "feedback:detail[draft]": lambda w: {"pk": w.objects["feedback_draft"]},
    "feedback:edit": lambda w: {"pk": w.objects["feedback_draft"]},
    "feedback:preview": lambda w: {"pk": w.objects["feedback_draft"]},
    "feedback:correct": lambda w: {"pk": w.objects["feedback"]},
    "feedback:carry": lambda w: {
        "pk": w.objects["feedback"],
        "item_pk": w.objects["feedback_item"],
    },
    "members:trait-answer": lambda w: {"slug": w.objects["trait"]},
    "members:trait-withdraw": lambda w: {"slug": w.objects["trait"]},
    # Preferendum: the open round (the member answered it), the closed one, a draft.
    "preferendum:round-detail": lambda w: _round(w),
    "preferendum:round-detail[closed]": lambda w: _round(w, "closed_round"),
    "preferendum:round-detail[draft]": lambda w: _round(w, "draft_round"),
    "preferendum:answer": lambda w: _round(w) | {"statement_pk": w.objects["statement"]},
    "preferendum:answer-all": _round,
    "preferendum:follow-up": _round,
    "preferendum:token-round-detail": lambda w: _round(w) | _token(w),
    "preferendum:token-answer": lambda w: (
        _round(w) | _token(w) | {"statement_pk": w.objects["statement"]}
    ),
    "preferendum:token-answer-all": lambda w: _round(w) | _token(w),
    "preferendum:token-follow-up": lambda w: _round(w) | _token(w),
    "preferendum:round-results": lambda w: _round(w, "closed_round"),
    "preferendum:round-results[open]": _round,
    "preferendum:results-csv": lambda w: _round(w, "closed_round"),
    "preferendum:comments": _round,
    "preferendum:follow-up-list": _round,
    "preferendum:manage-round": _round,
    "preferendum:manage-transition": lambda w: _round(w) | {"action": "sluiten"},
    "preferendum:manage-suggestion": lambda w: {"pk": w.objects["suggestion"]},
    # Events: an open event in the world's branch, a past one, a draft.
    **{
        f"events:{name}": lambda w: {"pk": w.objects["event"]}
        for name in [
            "event-detail",
            "event-register",
            "event-unregister",
            "guest-register",
            "event-ics",
            "event-edit",
            "event-publish",
            "event-cancel",
            "event-held",
            "event-registrations",
            "event-report",
            "event-invite",
            "table-plan",
            "table-split",
            "table-seat",
            "table-moderator",
            "table-publish",
        ]
    },
    "events:event-detail[draft]": lambda w: {"pk": w.objects["draft_event"]},
    "events:table-notes": lambda w: {
        "pk": w.objects["past_event"],
        "table_pk": w.objects["past_table"],
    },
    "events:guest-confirm": lambda w: {"token": w.objects["guest_confirm_token"]},
    "events:registration-manage": lambda w: {"token": w.objects["guest_token"]},
    "events:branch-feed": lambda w: {"slug": w.branch.slug},
    "events:member-feed": lambda w: {"token": w.objects["feed_token"]},
    # Beraad: a running panel (panel_member sits on it), one in registration, a concept.
    **{
        f"beraad:{name}": lambda w: {"pk": w.objects["panel"]}
        for name in [
            "panel-detail",
            "workspace",
            "input-new",
            "report",
            "categories-csv",
            "respondents-csv",
            "panel-manage",
            "panel-edit",
            "category-new",
            "quotas",
            "session-new",
            "document-new",
            "recommendation-new",
            "letters-print",
        ]
    },
    "beraad:panel-detail[in-registration]": lambda w: {"pk": w.objects["inviting_panel"]},
    "beraad:panel-detail[concept]": lambda w: {"pk": w.objects["concept_panel"]},
    "beraad:letter-edit": lambda w: {"pk": w.objects["inviting_panel"]},
    "beraad:signer-add": lambda w: {"pk": w.objects["inviting_panel"]},
    "beraad:letter-sign": lambda w: {"pk": w.objects["inviting_panel"]},
    "beraad:reveal": lambda w: {"pk": w.objects["inviting_panel"]},
    "beraad:draw-job": lambda w: {"pk": w.objects["panel"], "job_pk": w.objects["draw_job"]},
    "beraad:panel-step": lambda w: {"pk": w.objects["concept_panel"], "step": "loten"},
    "beraad:call-new": lambda w: {"invitation_pk": w.objects["invitation"]},
    "beraad:signature-image": lambda w: {"token": "not-a-signed-token"},
    "beraad:invitation-respond": lambda w: {"token": w.objects["invitation_token"]},
    "beraad:document": lambda w: {
        "pk": w.objects["panel"],
        "document_pk": w.objects["panel_document"],
    },
    "beraad:input-moderate": lambda w: {
        "pk": w.objects["panel"],
        "input_pk": w.objects["panel_input"],
    },
    "beraad:dropout": lambda w: {"pk": w.objects["panel"], "seat_pk": w.objects["panel_seat"]},
    "beraad:category-delete": lambda w: {
        "pk": w.objects["panel"],
        "category_pk": w.objects["panel_category"],
    },
    # Votes: an open vote (nobody voted), one with a published result, a draft.
    **{
        f"votes:{name}": lambda w: {"pk": w.objects["published_vote"]}
        for name in ["results", "ballots-csv", "trackers-txt", "result-json", "rounds-csv"]
    },
    **{
        f"votes:{name}": lambda w: {"pk": w.objects["vote"]}
        for name in ["vote-detail", "ballot", "committee", "share"]
    },
    "votes:vote-detail[draft]": lambda w: {"pk": w.objects["draft_vote"]},
    "votes:results[open]": lambda w: {"pk": w.objects["vote"]},
    "votes:manage-transition": lambda w: {"pk": w.objects["vote"], "action": "publiceren"},
    # Forum: an open conversation (the member wrote in it; the expert is invited), a closed
    # one, a draft; the member's contribution and their hidden one.
    **{
        f"forum:{name}": lambda w: {"pk": w.objects["conversation"]}
        for name in [
            "conversation-detail",
            "conversation-edit",
            "moderation",
            "contribution-post",
            "opinion-map",
            "statement-add",
            "polis-csv",
            "carry",
            "expert-invite",
            "document-add",
        ]
    },
    **{
        f"forum:{name}": lambda w: {
            "pk": w.objects["conversation"],
            "document_pk": w.objects["forum_document"],
        }
        for name in ["document", "document-remove"]
    },
    "forum:conversation-detail[draft]": lambda w: {"pk": w.objects["draft_conversation"]},
    "forum:conversation-transition": lambda w: {
        "pk": w.objects["conversation"],
        "action": "sluiten",
    },
    "forum:summary": lambda w: {"pk": w.objects["closed_conversation"]},
    **{
        f"forum:{name}": lambda w: {
            "pk": w.objects["conversation"],
            "contribution_pk": w.objects["contribution"],
        }
        for name in [
            "contribution-edit",
            "contribution-report",
            "contribution-hide",
            "report-dismiss",
        ]
    },
    **{
        f"forum:{name}": lambda w: {
            "pk": w.objects["conversation"],
            "contribution_pk": w.objects["hidden_contribution"],
        }
        for name in ["contribution-appeal", "appeal-decide"]
    },
    "forum:vote": lambda w: {
        "pk": w.objects["conversation"],
        "statement_pk": w.objects["forum_statement"],
    },
    "forum:expert-confirm": lambda w: {"token": w.objects["expert_token"]},
    "admin:app_list": lambda w: {"app_label": "members"},
    "admin:view_on_site": lambda w: {"content_type_id": 1, "object_id": 1},
}
PAGES = {page.key: page for page in all_pages()}
# A page may have variants, rows named "page[variant]": the same URL with other objects.
VARIANTS = sorted(key for key in TABLE if "[" in key and key.split("[")[0] in PAGES)


def url_for(key, page, world) -> str:
    if not page.named:
        # Unnamed patterns: fill each parameter with a plausible value.
        route = re.sub(r"\(\?P<\w+>[^)]*\)", "x", page.route)
        return "/" + re.sub(r"<(\w+:)?\w+>", "1", route).replace("^", "").replace("$", "")
    kwargs = PARAMS[key](world) if key in PARAMS else {}
    if not kwargs and page.key.startswith("admin:") and "object_id" in page.route:
        kwargs = _admin_kwargs(page.key, world)
    try:
        return reverse(page.key, kwargs=kwargs)
    except NoReverseMatch:
        pytest.fail(f"{page.key} ({page.route}) needs an entry in PARAMS to build its URL")


def client_for(role, world) -> Client:
    """A fresh client carrying the role's session (made once per module, see world)."""
    client = Client()
    if role in world.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    return client


def body_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode(errors="replace")


def _leaks(body: str, role: str, world) -> list[str]:
    """Other people's e-mail addresses and phone numbers found in a page."""
    return sorted(
        text
        for owner, private in world.all_private_strings().items()
        if owner != role
        for text in private
        if text and text in body
    )


@pytest.mark.parametrize("key", sorted(PAGES) + VARIANTS)
def test_page_answers_every_role_as_the_table_says(key, world):
    page = PAGES[key.split("[")[0]]
    row = row_for(TABLE, key)
    assert row is not None, f"new page {key} ({page.route}): add a row to {TABLE_FILE}"
    url = url_for(key, page, world)
    login_url, admin_login_url = reverse("account_login"), reverse("admin:login")
    wrong = []
    for role in ROLES:
        expected = row.expected[role]
        client = client_for(role, world)
        response = client.post(url) if row.method == "POST" else client.get(url)
        if not expected.matches(response, login_url, admin_login_url):
            got = f"{response.status_code} {response.get('Location', '')}".strip()
            wrong.append(f"  {role:<16} expected {expected}, got {got}")
        elif response.status_code == 200 and not expected.may_see_contacts:
            leaked = _leaks(body_of(response), role, world)
            if leaked:
                wrong.append(f"  {role:<16} sees other people's details: {', '.join(leaked)}")
    assert not wrong, f"{row.method} {url} ({key}):\n" + "\n".join(wrong)


def test_every_row_of_the_table_names_a_page():
    unknown = [page for page in TABLE if not page.endswith("*") and page.split("[")[0] not in PAGES]
    assert not unknown, f"rows for pages that do not exist: {unknown}"
