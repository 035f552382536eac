import pytest
from pytest_factoryboy import register

from tests.preferendum.factories import (
    AnswerFactory,
    RoundFactory,
    SeriesFactory,
    StatementFactory,
    SuggestionFactory,
)

register(SeriesFactory)
register(RoundFactory, "round_")
register(StatementFactory)
register(AnswerFactory)
register(SuggestionFactory)


@pytest.fixture
def open_round(round_factory):
    return round_factory()


@pytest.fixture
def answer_all(open_round):
    """answer_all(member, value=4): answer every statement of open_round directly."""
    from preferendum.services import answer_save

    def answer(member, value=4, round_=None):
        round_ = round_ or open_round
        for statement in round_.statements.all():
            answer_save(statement=statement, member=member, value=value)

    return answer
