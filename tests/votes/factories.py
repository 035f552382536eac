from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from tests.members.factories import MemberFactory
from votes.models import BallotItem, CommitteeMember, ItemKind, Method, Vote


class VoteFactory(DjangoModelFactory):
    """A draft vote of all members with one motion and a committee of three; it opens in
    an hour and closes in a week."""

    class Meta:
        model = Vote
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Stemming {n}")
    reference_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    opens_at = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))

    @factory.post_generation
    def items(obj, create, extracted, **kwargs):
        if create and extracted is None:
            BallotItemFactory(vote=obj)

    @factory.post_generation
    def committee(obj, create, extracted, **kwargs):
        if create:
            for member in extracted or MemberFactory.create_batch(3):
                CommitteeMember.objects.create(vote=obj, member=member)


class BallotItemFactory(DjangoModelFactory):
    class Meta:
        model = BallotItem

    vote = factory.SubFactory(VoteFactory, items=[])
    position = factory.LazyAttribute(lambda item: item.vote.items.count() + 1)
    kind = ItemKind.MOTION
    method = ""
    title = factory.Sequence(lambda n: f"Motie {n}")

    class Params:
        ranking = factory.Trait(
            kind=ItemKind.RANKING,
            method=Method.STV,
            title="Kandidatenlijst",
            options="Anna\nBram\nCem\nDewi",
            seats=2,
        )
        choice = factory.Trait(
            kind=ItemKind.CHOICE, method=Method.SINGLE, title="Naam", options="Rood\nGroen\nBlauw"
        )
