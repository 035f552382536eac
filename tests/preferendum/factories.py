from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from preferendum.models import Answer, Round, RoundState, Series, Statement, Suggestion
from tests.members.factories import MemberFactory


class SeriesFactory(DjangoModelFactory):
    class Meta:
        model = Series

    name = factory.Sequence(lambda n: f"Reeks {n}")


class RoundFactory(DjangoModelFactory):
    """An open national round for members, with `statements` (default 4) statements."""

    class Meta:
        model = Round
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Ronde {n}")
    state = RoundState.OPEN
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=13))

    @factory.post_generation
    def statements(obj, create, extracted, **kwargs):
        if create:
            for position in range(1, (4 if extracted is None else extracted) + 1):
                StatementFactory(round=obj, position=position)


class StatementFactory(DjangoModelFactory):
    class Meta:
        model = Statement

    round = factory.SubFactory(RoundFactory, statements=0)
    position = 1
    text = factory.Sequence(lambda n: f"Stelling {n}")


class AnswerFactory(DjangoModelFactory):
    class Meta:
        model = Answer

    statement = factory.SubFactory(StatementFactory)
    round = factory.LazyAttribute(lambda a: a.statement.round)
    member = factory.SubFactory(MemberFactory)
    value = 4


class SuggestionFactory(DjangoModelFactory):
    class Meta:
        model = Suggestion

    member = factory.SubFactory(MemberFactory)
    text = factory.Sequence(lambda n: f"Voorstel {n}")
