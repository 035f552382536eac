from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from events.models import (
    Audience,
    Event,
    EventFormat,
    EventState,
    EventType,
    Registration,
    RegistrationStatus,
    Table,
)
from tests.members.factories import BranchFactory, MemberFactory


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event

    branch = factory.SubFactory(BranchFactory)
    title = factory.Sequence(lambda n: f"Gesprek over wonen {n}")
    event_type = EventType.DIALOGUE
    description = "Praat mee over betaalbaar wonen."
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=7)).replace(second=0, microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    format = EventFormat.IN_PERSON
    address = "Buurthuis De Linde, Utrecht"
    capacity = 20
    audience = Audience.MEMBERS
    state = EventState.PUBLISHED

    class Params:
        draft = factory.Trait(state=EventState.DRAFT)
        open = factory.Trait(audience=Audience.OPEN)
        past = factory.Trait(
            starts_at=factory.LazyFunction(
                lambda: (timezone.now() - timedelta(days=3)).replace(second=0, microsecond=0)
            ),
            state=EventState.HELD,
        )


class RegistrationFactory(DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    member = factory.SubFactory(MemberFactory)
    status = RegistrationStatus.CONFIRMED


class TableFactory(DjangoModelFactory):
    class Meta:
        model = Table

    event = factory.SubFactory(EventFactory)
    number = factory.Sequence(lambda n: n + 1)
