"""Demo forum: an open conversation in Utrecht with two invited experts, 40 contributions
and 300 statement votes in two camps (so the map shows groups and a consensus), and a
closed conversation with its summary. Rows are written directly, so seeding sends no mail."""

import random
from datetime import timedelta

from django.utils import timezone

from forum.models import (
    Audience,
    Contribution,
    Conversation,
    ConversationState,
    Expert,
    Statement,
    StatementVote,
)
from forum.services.statements import opinion_map_compute
from members.models import Branch, Member, MemberStatus

OPEN_TITLE = "Hoe maken we onze wijken groener en koeler?"
CLOSED_TITLE = "Wat vinden we van een autoluwe binnenstad?"
EXPERTS = [
    ("deskundige@example.org", "Sanne Groen", "Natuur en Milieu Utrecht"),
    ("deskundige2@example.org", "Koen Bakker", "ROC Midden Nederland, groenopleidingen"),
]
STATEMENTS = [
    "Elke straat verdient minstens drie bomen.",
    "Parkeerplaatsen mogen plaatsmaken voor groen.",
    "Geveltuinen moeten zonder vergunning kunnen.",
    "De gemeente betaalt mee aan groene daken.",
    "Speelplekken gaan voor extra parkeerruimte.",
    "Nieuwe wijken krijgen eerst groen, dan huizen.",
    "Bewoners beslissen mee over het groen in hun straat.",
    "Bomen kappen voor nieuwbouw is soms nodig.",
    "Tegels eruit, groen erin: ook in achtertuinen.",
    "Waterberging is net zo belangrijk als bomen.",
    "Auto's horen niet in woonstraten.",
    "De wijkraad krijgt een eigen groenbudget.",
]
# Camp A agrees with the even statements, camp B with the odd ones; both agree with these.
SHARED = {6, 9}
PARTICIPANTS = 25
TEXTS = [
    "In onze straat is het 's zomers echt te heet. Meer bomen zou enorm helpen.",
    "Ik snap het, maar waar moeten de auto's dan heen? Daar hoor ik weinig over.",
    "Zie ook https://www.example.org/hittekaart: onze wijk kleurt donkerrood.",
    "Geveltuinen zijn goedkoop en je kunt morgen beginnen.",
    "Laten we de buurt zelf laten kiezen welke plekken groen worden.",
    "Als ouder vind ik speelplekken belangrijker dan parkeerplaatsen.",
    "Groen is mooi, maar onderhoud kost geld. Wie betaalt dat?",
    "Onze school doet graag mee met het planten.",
]


def seed(*, stdout) -> None:
    """Add the forum's demo content (idempotent). Called by `manage.py demo`."""
    branch = Branch.objects.filter(slug="utrecht").first()
    members = list(
        Member.objects.filter(status=MemberStatus.ACTIVE, anonymised_at__isnull=True).order_by(
            "pk"
        )[:200]
    )
    if branch is None or len(members) < PARTICIPANTS + 10:
        stdout.write("Forum: no members or branch to seed with")
        return
    if not Conversation.objects.filter(title=OPEN_TITLE).exists():
        _seed_open(branch, members, random.Random(18))
    if not Conversation.objects.filter(title=CLOSED_TITLE).exists():
        _seed_closed(branch, members, random.Random(19))
    stdout.write(f"Forum: {Conversation.objects.count()} conversations")


def _conversation(branch, title, state, days_ago) -> Conversation:
    now = timezone.now()
    conversation = Conversation.objects.create(
        title=title,
        introduction=f"{title} Deel je ervaring, reageer op elkaar en stem op de stellingen.",
        background="https://www.example.org/klimaatadaptatie\nhttps://www.example.org/groenplan",
        opens_at=now - timedelta(days=days_ago),
        closes_at=now - timedelta(days=days_ago) + timedelta(days=21),
        audience=Audience.ALL,
        branch=branch,
        state=state,
        created_by=Member.objects.filter(email="organisator@example.org").first(),
    )
    organiser = Member.objects.filter(email="organisator@example.org").first()
    if organiser:
        conversation.moderators.add(organiser)
    return conversation


def _experts() -> list[Expert]:
    experts = []
    for email, name, organisation in EXPERTS:
        account = Member.objects.filter(email=email).first() or Member.objects.create_user(
            email=email, first_name=name, status=MemberStatus.EXPERT, password="!"
        )
        expert, _created = Expert.objects.get_or_create(
            account=account,
            defaults={"name": name, "organisation": organisation, "confirmed_at": timezone.now()},
        )
        experts.append(expert)
    return experts


def _seed_open(branch, members, rng) -> None:
    conversation = _conversation(branch, OPEN_TITLE, ConversationState.OPEN, 5)
    experts = _experts()
    conversation.experts.add(*experts)
    _contributions(conversation, members, experts, rng, 40)
    _statements_and_votes(conversation, members[:PARTICIPANTS], rng)
    opinion_map_compute(conversation=conversation)


def _contributions(conversation, members, experts, rng, count) -> None:
    start = conversation.opens_at
    top: list[Contribution] = []
    for n in range(count):
        expert = experts[n % len(experts)] if experts and n % 9 == 4 else None
        author = expert.account if expert else rng.choice(members[:30])
        parent = rng.choice(top) if top and n % 3 == 2 else None
        contribution = Contribution.objects.create(
            conversation=conversation,
            parent=parent,
            author=author,
            by_expert=expert is not None,
            text=rng.choice(TEXTS),
            created_at=start + timedelta(hours=2 * n + 1),
        )
        if parent is None:
            top.append(contribution)


def _statements_and_votes(conversation, people, rng) -> None:
    statements = [
        Statement.objects.create(conversation=conversation, author=people[i % 5], text=text)
        for i, text in enumerate(STATEMENTS)
    ]
    votes = []
    for n, person in enumerate(people):
        camp = n % 2
        for i, statement in enumerate(statements):
            agrees = i in SHARED or (i % 2 == camp)
            value = 1 if agrees else -1
            if rng.random() < 0.08:
                value = 0
            votes.append(StatementVote(statement=statement, participant=person, value=value))
    StatementVote.objects.bulk_create(votes)


def _seed_closed(branch, members, rng) -> None:
    conversation = _conversation(branch, CLOSED_TITLE, ConversationState.SUMMARISED, 40)
    _contributions(conversation, members[30:], [], rng, 12)
    conversation.closed_at = conversation.closes_at
    conversation.summary = (
        "Veel deelnemers willen minder auto's in de binnenstad, maar winkeliers en mensen "
        "met een beperking vragen om goede uitzonderingen en bereikbaarheid."
    )
    conversation.summary_statements = [
        "De binnenstad moet bereikbaar blijven voor mensen met een beperking.",
        "Meer ruimte voor fietsers en voetgangers.",
    ]
    conversation.disagreements = "Of parkeren aan de rand gratis moet zijn."
    conversation.summary_published_at = conversation.closes_at + timedelta(days=3)
    conversation.save()
