"""Cache backends for which an unreachable cache is a miss, never an error.

Everything Plikt keeps in the cache can be worked out again from the database: cached pages,
the page-cache generation (``plikt.cache``), wagtail-modeltranslation's site root paths.
Django's ``RedisCache`` (and the database cache, when the database is the cache) raise when
their server is unreachable, so anything reading the cache on every request would fail with
it, cached pages included. These subclasses answer such an error as the cache would answer
an empty cache: ``get`` gives the default, ``set`` stores nothing. Readers get pages rendered
from the database, a little slower, and the site needs no change when the cache comes back.

After an error the backend does not ask its server again for ``RETRY_AFTER`` seconds (a
refused connection is quick, a silent network is not: each try could cost the full socket
timeout), and logs the outage at most once per process per ``LOG_EVERY`` seconds, not once
per request. ``available()`` asks the server for real, for the health check.

``clear()`` is deliberately not covered: it is what ``make restore`` relies on to forget the
old state, and it must fail loudly when it cannot.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.db import DatabaseError
from redis.exceptions import RedisError

logger = logging.getLogger("plikt.cache")

RETRY_AFTER = 1.0  # seconds without asking a cache that has just failed
LOG_EVERY = 60.0  # seconds between two log lines about one cache's outage


class _Outage:
    """One cache's state in this process: down until when, and when it was last logged.

    The name is the backend's class, never its location (a Redis URL may hold a password).
    """

    def __init__(self, name: str):
        self.name = name
        self.down_until = 0.0
        self.logged_at: float | None = None
        self.down = False

    def skipping(self) -> bool:
        return self.down and time.monotonic() < self.down_until

    def failed(self, error: Exception) -> None:
        now = time.monotonic()
        self.down_until = now + RETRY_AFTER
        self.down = True
        if self.logged_at is None or now - self.logged_at >= LOG_EVERY:
            self.logged_at = now
            logger.warning(
                "The cache (%s) is unavailable, pages are served without it: %s: %s",
                self.name,
                type(error).__name__,
                error,
            )

    def recovered(self) -> None:
        if self.down:
            self.down = False
            logger.warning("The cache (%s) is available again.", self.name)


class CacheOutageIsAMiss:
    """Mixin for a Django cache backend; ``outage_errors`` are its server's failures."""

    outage_errors: tuple[type[Exception], ...] = ()

    def __init__(self, location, params):
        super().__init__(location, params)
        self._outage = _Outage(type(self).__name__)

    def _guarded(self, call, fallback):
        if self._outage.skipping():
            return fallback
        try:
            result = call()
        except self.outage_errors as error:
            self._outage.failed(error)
            return fallback
        self._outage.recovered()
        return result

    def get(self, key, default=None, version=None):
        parent = super()
        return self._guarded(lambda: parent.get(key, default, version), default)

    def get_many(self, keys, version=None):
        parent = super()
        return self._guarded(lambda: parent.get_many(keys, version), {})

    def has_key(self, key, version=None):
        parent = super()
        return self._guarded(lambda: parent.has_key(key, version), False)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        parent = super()
        return self._guarded(lambda: parent.set(key, value, timeout, version), None)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        parent = super()
        return self._guarded(lambda: parent.add(key, value, timeout, version), False)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        parent = super()
        return self._guarded(lambda: parent.set_many(data, timeout, version), list(data))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        parent = super()
        return self._guarded(lambda: parent.touch(key, timeout, version), False)

    def delete(self, key, version=None):
        parent = super()
        return self._guarded(lambda: parent.delete(key, version), False)

    def delete_many(self, keys, version=None):
        parent = super()
        return self._guarded(lambda: parent.delete_many(keys, version), None)

    @property
    def is_down(self) -> bool:
        """Whether the last try failed (this process's view; no round trip)."""
        return self._outage.down

    def available(self) -> bool:
        """Whether the server answers now: asks it, even while skipping (for /healthz)."""
        try:
            super().has_key("plikt:health")
        except self.outage_errors as error:
            self._outage.failed(error)
            return False
        self._outage.recovered()
        return True


class RedisCache(CacheOutageIsAMiss, DjangoRedisCache):
    """Django's RedisCache; an unreachable or failing Redis is an empty cache."""

    outage_errors = (RedisError, OSError)


class DatabaseCache(CacheOutageIsAMiss, DjangoDatabaseCache):
    """Django's database cache; an unreachable database is an empty cache (the page then
    answers from plikt.errors, which needs neither)."""

    outage_errors = (DatabaseError,)
