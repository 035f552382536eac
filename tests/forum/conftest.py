import pytest
from django.core.cache import cache
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


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The map's queued keys live in the cache; ids repeat between tests."""
    cache.clear()
