"""Demo rounds: one open with hundreds of answers, one closed with results, one scheduled."""

import random
from datetime import timedelta

from django.utils import timezone

from preferendum.models import Answer, Round, RoundState, Series, Statement
from preferendum.selectors import eligible_members
from preferendum.services.answers import answer_snapshot
from preferendum.services.rounds import round_figures_freeze

OPEN_STATEMENTS = [
    "De partij moet vaker leden laten stemmen over het verkiezingsprogramma.",
    "Gratis openbaar vervoer voor iedereen onder de 18 is een goed idee.",
    "Gemeenten moeten meer zeggenschap krijgen over windmolens in hun buurt.",
    "Elke afdeling zou twee keer per jaar een ledenberaad moeten houden.",
]
CLOSED_STATEMENTS = [
    "De partij moet vaker leden laten stemmen over het verkiezingsprogramma.",
    "Het minimumloon moet sneller omhoog dan de inflatie.",
    "Er moeten meer sociale huurwoningen komen, ook als dat natuur kost.",
    "Lokale afdelingen moeten zelf kandidaten kiezen voor de gemeenteraad.",
]
SCHEDULED_STATEMENTS = [
    "De partij moet een burgerberaad over klimaat steunen.",
    "Leden moeten online kunnen meestemmen op het congres.",
]
# Per statement a lean towards agreeing (weights for values 1..5 and 0).
SPREADS = [
    [5, 10, 15, 35, 30, 5],
    [20, 25, 15, 20, 15, 5],
    [10, 20, 25, 25, 10, 10],
    [3, 7, 20, 40, 25, 5],
]
COMMENTS = ["", "", "", "Goed dat we dit vragen.", "Lastig, het hangt ervan af."]


def seed(*, stdout) -> None:
    if Round.objects.filter(title__startswith="Demo:").exists():
        stdout.write("Preferendum: demo rounds already there")
        return
    now = timezone.now()
    series = Series.objects.create(name="Maandelijkse stellingen", rhythm_days=28, is_default=True)
    closed = _round(series, "Demo: wonen en werk", CLOSED_STATEMENTS, now - timedelta(days=40))
    _answer(closed, rate=0.35, seed=1)
    closed.state, closed.closed_at = RoundState.CLOSED, closed.closes_at
    closed.save(update_fields=["state", "closed_at"])
    round_figures_freeze(round_=closed, on=closed.closes_at.date())
    opened = _round(series, "Demo: zeggenschap", OPEN_STATEMENTS, now - timedelta(days=5))
    opened.statements.filter(position=1).update(family=closed.statements.get(position=1).family)
    _answer(opened, rate=0.25, seed=2)
    opened.state = RoundState.OPEN
    opened.save(update_fields=["state"])
    scheduled = _round(series, "Demo: klimaat", SCHEDULED_STATEMENTS, now + timedelta(days=23))
    scheduled.state = RoundState.SCHEDULED
    scheduled.save(update_fields=["state"])
    stdout.write(f"Preferendum: 3 rounds, {Answer.objects.count()} answers")


def _round(series, title, texts, opens_at) -> Round:
    round_ = Round.objects.create(
        series=series,
        title=title,
        intro="Vier korte stellingen. Zeg hoe eens of oneens je het ermee bent.",
        opens_at=opens_at,
        closes_at=opens_at + timedelta(days=14),
    )
    Statement.objects.bulk_create(
        Statement(round=round_, position=i, text=text) for i, text in enumerate(texts, 1)
    )
    return round_


def _answer(round_: Round, *, rate: float, seed: int) -> None:
    rng = random.Random(seed)
    members = [
        m
        for m in eligible_members(round_).select_related("branch").order_by("pk")
        if rng.random() < rate and m.email != "lid@example.org"
    ]
    day = round_.opens_at.date()
    answers = [
        Answer(
            statement=statement,
            round=round_,
            member=member,
            value=rng.choices([1, 2, 3, 4, 5, 0], SPREADS[statement.position - 1])[0],
            comment=rng.choice(COMMENTS),
            **answer_snapshot(member, today=day),
        )
        for member in members
        for statement in round_.statements.all()
    ]
    Answer.objects.bulk_create(answers, batch_size=1000)
