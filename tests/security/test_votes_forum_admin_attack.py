"""An admin goes through the Django admin looking for a ballot, a key share or a forum vote.

Issues 17 and 18: nobody, admins included, sees a ballot's content, links a roll entry to
a ballot or tracker, sees a vote's private key or the committee's shares, or sees how one
person voted on a forum statement. The world's admin casts nothing; the member votes in an
open vote (whose shares the test holds) and on a forum statement, then every registered
ModelAdmin is opened: changelist, searches, filters, change, history and delete pages and
the first step of every action.
"""

import pytest
from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.db import connection

from forum.models import OpinionMapState, Statement, StatementVote
from tests.forum.factories import StatementVoteFactory
from tests.members.factories import MemberFactory
from tests.security.test_admin_attack import (
    _admin_client,
    _admin_pages,
    _filter_links,
    _request_for,
)
from tests.votes.factories import VoteFactory
from votes import box
from votes import services as vote_services
from votes.models import CountedBallot, RollEntry

pytestmark = pytest.mark.django_db

HIDDEN_MODELS = (CountedBallot, RollEntry, StatementVote, OpinionMapState)


def _open_vote_with_a_ballot(world) -> dict[str, str]:
    """An open vote the member voted in; what no admin page may show, by what it is."""
    committee = [world.people[r] for r in ("chair", "panel_member", "caller")]
    vote = vote_services.vote_announce(vote=VoteFactory(title="Aanval", committee=committee))
    shares = [vote_services.share_pick_up(vote=vote, member=m) for m in committee]
    vote_services.vote_open(vote=vote)
    vote.refresh_from_db()
    tracker = vote_services.ballot_cast(
        vote=vote, member=world.people["member"], content={"1": ["tegen"]}
    )
    secrets = {"the member's tracker": tracker}
    secrets |= {f"share {i}": share for i, share in enumerate(shares)}
    secrets |= {f"roll entry {e.pk}": str(e.pk) for e in vote.roll.all()}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, sealed FROM {box.box_table(vote.pk)}")
        for ballot_id, sealed in cursor.fetchall():
            secrets |= {f"ballot {ballot_id}": ballot_id, "a sealed ballot": sealed[:40]}
    return secrets


def _statement_votes(world) -> dict[str, str]:
    """Two participants disagree; "oneens" is on no admin page unless a vote's value is."""
    statement = Statement.objects.get(pk=world.objects["forum_statement"])
    found = {}
    for participant in (world.people["member"], MemberFactory(last_name="Stemmer")):
        cast = StatementVoteFactory(statement=statement, participant=participant, value=-1)
        found[f"{participant}'s vote on statement {statement.pk}"] = cast.get_value_display()
    return found


def _leaks(body: str, secrets: dict[str, str]) -> list[str]:
    return [what for what, secret in secrets.items() if secret and secret in body]


def _every_admin_page(client, world) -> list[str]:
    member, pages = world.people["member"], []
    for model, model_admin in admin.site._registry.items():
        own = _admin_pages(model, model_admin)
        own += [f"{own[0]}?q={member.email}", f"{own[0]}?q={member.last_name}"]
        pages += own + _filter_links(client, own[0])
    return pages


def test_no_ballot_roll_or_statement_vote_model_is_in_the_admin():
    registered = set(admin.site._registry)
    assert not registered & set(HIDDEN_MODELS)


def test_no_admin_shows_a_ballot_roll_or_statement_vote_as_an_inline():
    inlines = [
        inline.model
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
        if issubclass(inline, InlineModelAdmin)
    ]
    assert not set(inlines) & set(HIDDEN_MODELS)


def test_no_admin_page_shows_a_ballot_tracker_share_roll_entry_or_statement_vote(world):
    secrets = _open_vote_with_a_ballot(world) | _statement_votes(world)
    client, wrong = _admin_client(world), []
    for url in _every_admin_page(client, world):
        body = client.get(url).content.decode(errors="replace")
        wrong += [f"{url}: {what}" for what in _leaks(body, secrets)]
    assert not wrong, "\n".join(wrong)


def test_no_admin_action_shows_a_ballot_tracker_share_roll_entry_or_statement_vote(world):
    secrets = _open_vote_with_a_ballot(world) | _statement_votes(world)
    client, wrong = _admin_client(world), []
    for model, model_admin in admin.site._registry.items():
        changelist = _admin_pages(model, model_admin)[0]
        pks = [str(pk) for pk in model._default_manager.values_list("pk", flat=True)]
        for action in model_admin.get_actions(_request_for(world)):
            data = {"action": action, "_selected_action": pks, "index": 0}
            body = client.post(changelist, data).content.decode(errors="replace")
            wrong += [f"{changelist} {action}: {what}" for what in _leaks(body, secrets)]
    assert not wrong, "\n".join(wrong)
