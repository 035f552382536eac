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


@pytest.fixture
def stay_away(member_factory):
    """stay_away(round_, **traits): eligible members who do not answer, until MIN_CELL of
    the eligible did not take part, so the round is no near census (stats rule 6)."""
    from preferendum.figures import respondent_rows
    from preferendum.selectors import eligible_members
    from preferendum.stats import MIN_CELL

    def create(round_, **traits):
        answered = sum(row.n for row in respondent_rows(round_))
        missing = answered + MIN_CELL - eligible_members(round_).count()
        return member_factory.create_batch(max(0, missing), **traits)

    return create
