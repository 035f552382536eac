"""Django's Redis cache, with one redis client per connection pool instead of one per call.

Django builds a new `redis.Redis` for every cache operation; constructing it (its table of
response callbacks) costs more CPU than the GET it then sends, and every signed-in request
reads its session through the cache. A client is thread-safe: it takes a connection from
the shared pool for each command.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if (client := self._clients.get(id(pool))) is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
