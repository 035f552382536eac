from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from forum.models import (
    Audience,
    Contribution,
    Conversation,
    ConversationState,
    Expert,
    Statement,
    StatementVote,
)
from members.models import MemberStatus
from tests.members.factories import BranchFactory, MemberFactory


class ConversationFactory(DjangoModelFactory):
    class Meta:
        model = Conversation

    title = factory.Sequence(lambda n: f"Hoe maken we de wijk groener? ({n})")
    introduction = "Praat mee over groen in de wijk."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    audience = Audience.ALL
    branch = factory.SubFactory(BranchFactory)
    state = ConversationState.OPEN

    class Params:
        draft = factory.Trait(state=ConversationState.DRAFT)
        closed = factory.Trait(
            state=ConversationState.CLOSED,
            closed_at=factory.LazyFunction(timezone.now),
        )


class ExpertAccountFactory(MemberFactory):
    status = MemberStatus.EXPERT
    member_number = None
    branch = None
    kind = "lid"


class ExpertFactory(DjangoModelFactory):
    """A confirmed expert; ``confirmed_at=None`` for one still to confirm."""

    class Meta:
        model = Expert

    account = factory.SubFactory(ExpertAccountFactory)
    name = factory.Sequence(lambda n: f"Deskundige {n}")
    organisation = "Natuur en Milieu"
    confirmed_at = factory.LazyFunction(timezone.now)


class ContributionFactory(DjangoModelFactory):
    class Meta:
        model = Contribution

    conversation = factory.SubFactory(ConversationFactory)
    author = factory.SubFactory(MemberFactory)
    text = factory.Sequence(lambda n: f"Meer bomen in straat {n}, graag.")


class StatementFactory(DjangoModelFactory):
    class Meta:
        model = Statement

    conversation = factory.SubFactory(ConversationFactory)
    author = factory.SubFactory(MemberFactory)
    text = factory.Sequence(lambda n: f"Elke straat krijgt bomen ({n})")


class StatementVoteFactory(DjangoModelFactory):
    class Meta:
        model = StatementVote

    statement = factory.SubFactory(StatementFactory)
    participant = factory.SubFactory(MemberFactory)
    value = 1
