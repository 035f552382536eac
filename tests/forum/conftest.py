from pytest_factoryboy import register

from tests.forum.factories import (
    ContributionFactory,
    ConversationFactory,
    ExpertFactory,
    StatementFactory,
)

register(ConversationFactory)
register(ContributionFactory)
register(ExpertFactory)
register(StatementFactory)
