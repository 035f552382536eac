"""The Redis cache backend (production's sessions and cache), against the real Redis."""

import os

import pytest

from ledendemocratie.cache import RedisCache

REDIS_URL = os.environ.get("CELERY_BROKER_URL", "")

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(not REDIS_URL.startswith("redis"), reason="needs CELERY_BROKER_URL=redis"),
]


@pytest.fixture
def redis_cache():
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": "test-cache"})
    yield cache
    cache.delete_many(["session", "a"])  # not clear(): the broker may share this database


def test_values_round_trip_through_redis(redis_cache):
    redis_cache.set("session", {"member": 7}, 60)
    assert redis_cache.get("session") == {"member": 7}


def test_every_operation_reuses_one_redis_client(redis_cache):
    redis_cache.set("a", 1, 60)
    first = redis_cache._cache.get_client("a")
    redis_cache.get("a")
    assert redis_cache._cache.get_client("b") is first
