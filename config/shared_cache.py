"""The shared cache (Redis), which the site survives losing.

Django's Redis cache raises whenever Redis does: stopped, unreachable, hung,
or full with a policy that refuses writes; every page then failed with a
500. Here an error is logged once, the operation is skipped (a read finds
nothing, a write keeps nothing) and pages render from the database instead.

While Redis is failing, this process leaves it alone for RETRY_SECONDS at a
time, so a hung Redis costs one socket timeout a second rather than one per
cache call. When Redis answers again, the content version moves on before
anything else is read (content/cache.py): a save during the outage could not
move it, and pages cached before the outage must not come back.
"""

import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis import ConnectionPool, Redis
from redis.exceptions import RedisError

from content.cache import start_new_version

logger = logging.getLogger(__name__)

RETRY_SECONDS = 1.0


@dataclass
class Outage:
    """One Redis server's health as this process sees it. Shared by all
    threads: Django gives each thread its own cache object, not its own Redis."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    since: float | None = None
    next_try: float = 0.0
    errors: int = 0
    skipped: int = 0
    recovering_thread: int | None = None

    def begin(self, error: RedisError) -> None:
        with self.lock:
            self.errors += 1
            self.next_try = time.monotonic() + RETRY_SECONDS
            if self.since is None:
                self.since = time.monotonic()
                logger.error("The cache is unavailable; pages render without it: %r", error)

    def keeps_out_this_thread(self) -> bool:
        return self.since is not None and self.recovering_thread != threading.get_ident()

    def claim_retry(self) -> bool:
        """Whether this thread may try Redis again now (one thread per interval)."""
        with self.lock:
            if time.monotonic() < self.next_try:
                self.skipped += 1
                return False
            self.next_try = time.monotonic() + RETRY_SECONDS
            return True

    def end(self) -> None:
        with self.lock:
            if self.since is not None:
                logger.warning(
                    "The cache is back after %.1f s (%d operations skipped); "
                    "the content version has moved on.",
                    time.monotonic() - self.since,
                    self.skipped,
                )
            self.since, self.skipped = None, 0


OUTAGES: dict[str, Outage] = {}
OUTAGES_LOCK = threading.Lock()


def outage_of(servers: Iterable[str]) -> Outage:
    with OUTAGES_LOCK:
        return OUTAGES.setdefault(",".join(servers), Outage())


class ResilientRedisCacheClient(RedisCacheClient):
    """Django's Redis client whose errors are logged and skipped, never raised."""

    def __init__(self, servers: list[str], **options: Any) -> None:
        super().__init__(servers, **options)
        self.outage = outage_of(servers)
        self.clients: dict[ConnectionPool, Redis] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Redis:
        """One client per connection pool, made once. Django makes a new one for
        every operation, and redis-py fills some 170 response callbacks into
        each: that took longer than the round trip to Redis itself."""
        # Django's own pool choice (a replica for reads, when there are several).
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]  # not in the stubs
        client = self.clients.get(pool)
        if client is None:
            client = self.clients[pool] = Redis(connection_pool=pool)
        return client

    def guard[T](self, operation: Callable[[], T], default: T) -> T:
        if self.outage.keeps_out_this_thread() and not self.recovered():
            return default
        try:
            return operation()
        except RedisError as error:
            self.outage.begin(error)
            return default

    def recovered(self) -> bool:
        """Tries Redis again, once an interval; if it answers, starts a new
        content version before any other thread may read an old one."""
        if not self.outage.claim_retry():
            return False
        errors = self.outage.errors
        self.outage.recovering_thread = threading.get_ident()
        try:
            self.get_client(write=True).ping()
            start_new_version()  # through the guarded cache: a failure counts
        except RedisError as error:
            self.outage.begin(error)
        finally:
            self.outage.recovering_thread = None
        if self.outage.errors != errors:
            return False
        self.outage.end()
        return True

    def is_available(self) -> bool:
        return self.guard(lambda: bool(self.get_client(write=True).ping()), False)

    def add(self, key: Any, value: Any, timeout: Any) -> bool:
        return self.guard(partial(super().add, key, value, timeout), False)

    def get(self, key: Any, default: Any) -> Any:
        return self.guard(partial(super().get, key, default), default)

    def set(self, key: Any, value: Any, timeout: Any) -> None:
        self.guard(partial(super().set, key, value, timeout), None)

    def touch(self, key: Any, timeout: Any) -> bool:
        return self.guard(partial(super().touch, key, timeout), False)

    def delete(self, key: Any) -> bool:
        return self.guard(partial(super().delete, key), False)

    def get_many(self, keys: Iterable[Any]) -> dict[Any, Any]:
        return self.guard(partial(super().get_many, keys), {})

    def has_key(self, key: Any) -> bool:
        return self.guard(partial(super().has_key, key), False)

    def incr(self, key: Any, delta: int) -> Any:
        result = self.guard(partial(super().incr, key, delta), None)
        if result is None:
            raise ValueError(f"Key {key!r} not found: the cache is unavailable.")
        return result

    def set_many(self, data: Mapping[Any, Any], timeout: Any) -> None:
        self.guard(partial(super().set_many, data, timeout), None)

    def delete_many(self, keys: Iterable[Any]) -> None:
        self.guard(partial(super().delete_many, keys), None)

    def clear(self) -> bool:
        return self.guard(super().clear, False)


class ResilientRedisCache(RedisCache):
    """The cache backend for REDIS_URL (config/settings.py)."""

    def __init__(self, server: str | list[str], params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient

    def is_available(self) -> bool:
        """Whether Redis answers now, for the health check."""
        client: ResilientRedisCacheClient = self._cache  # type: ignore[assignment]
        return client.is_available()
