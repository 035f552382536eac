"""Load-test data, run by `manage.py shell` against ld_bench_load (see run.sh).

500 members who will answer, 20 who browse; an open round with four statements, a closed
round that 300 of them answered, five upcoming events with about 20 sign-ups each.
The members log in by code during the run (their e-mail addresses go to the file named
by LOAD_SESSIONS); the browsers get sessions made here in advance, as a code login would
store them.
"""

import json
import os
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.utils import timezone

from events.models import (
    Audience,
    Event,
    EventFormat,
    EventState,
    EventType,
    Registration,
    RegistrationStatus,
)
from members.models import Branch, Member
from preferendum.models import Round, RoundState, Statement
from preferendum.services import answer_save, round_close

SessionStore = import_module(settings.SESSION_ENGINE).SessionStore
now = timezone.now()
branch = Branch.objects.create(name="Belasting", slug="belasting", province="utrecht")
Member.objects.bulk_create(
    Member(
        email=f"load{n}@bench.example.org",
        member_number=f"L{n}",
        branch=branch,
        first_name="Lid",
        last_name=str(n),
        birth_date=now.date() - timedelta(days=365 * (20 + n % 60)),
        gender=["vrouw", "man"][n % 2],
        member_since=now.date() - timedelta(days=30 * (n % 100)),
    )
    for n in range(520)
)
members = list(Member.objects.order_by("pk"))


def open_round(title, state):
    round_ = Round.objects.create(
        title=title,
        state=state,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=7),
    )
    for position in range(1, 5):
        text = f"{title}: stelling {position}"
        Statement.objects.create(round=round_, position=position, text=text)
    return round_


answering = open_round("Open ronde", RoundState.OPEN)
closed = open_round("Gesloten ronde", RoundState.OPEN)
# 300 members answered the closed round, so its results page has figures to show.
for statement in closed.statements.select_related("round"):
    for member in members[:300]:
        value = 1 + (member.pk + statement.position) % 5
        answer_save(statement=statement, member=member, value=value, province=branch.province)
round_close(round_=closed)
events = [
    Event.objects.create(
        branch=branch,
        title=f"Gesprek {day}",
        event_type=EventType.DIALOGUE,
        description="Praat mee.",
        starts_at=now + timedelta(days=day),
        ends_at=now + timedelta(days=day, hours=2),
        format=EventFormat.IN_PERSON,
        address="Buurthuis",
        capacity=30,
        audience=Audience.MEMBERS,
        state=EventState.PUBLISHED,
    )
    for day in range(1, 6)
]
# Every tenth member (two of the browsers among them) signed up for two of the events.
Registration.objects.bulk_create(
    Registration(event=event, member=member, status=RegistrationStatus.CONFIRMED)
    for n, member in enumerate(members[::10])
    for event in (events[n % 5], events[(n + 1) % 5])
)


def session_for(member):
    store = SessionStore()
    store[SESSION_KEY] = str(member.pk)
    store[BACKEND_SESSION_KEY] = "members.backends.MemberBackend"
    store[HASH_SESSION_KEY] = member.get_session_auth_hash()
    store.create()
    return store.session_key


data = {
    "round": answering.pk,
    "statements": list(answering.statements.order_by("position").values_list("pk", flat=True)),
    "closed_round": closed.pk,
    "members": [m.email for m in members[:500]],
    "browsers": [session_for(m) for m in members[500:]],
}
with open(os.environ["LOAD_SESSIONS"], "w") as file:
    json.dump(data, file)
print(f"{len(data['members'])} answering members, {len(data['browsers'])} browsing")
