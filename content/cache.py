"""One content version for every cache that holds something built from content.

The page cache and the agreements lookup put the version in their keys. A
save or delete of any content record moves it on twice: at once, so the
saving request (and a test) sees its own change, and again after the
transaction commits. The second move matters: a visitor's request that ran
between the save and the commit read the old rows under the first new
version and may have cached them; after the commit nobody asks for that
version again.

The version also moves on when the shared cache comes back after an outage
(config/shared_cache.py): a save while Redis was away could not move it. And
while no version can be read or kept at all, each call gets a fresh one, which
matches nothing anyone cached: pages are then built anew, never served stale.
"""

import threading
import uuid
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "content:version"
# Entries built on a version live a day at most; a week is long enough that
# the version's own expiry never empties the cache on a busy day.
VERSION_SECONDS = 60 * 60 * 24 * 7

# Request headers that change a public response (htmx asks for a fragment,
# or for the full page on Back and Forward). The page cache keys on these
# and views send them in `Vary`: one list for both.
VARYING_HEADERS = ("HX-Request", "HX-History-Restore-Request")

# The version a public page is being built on (config/page_cache.py reads it
# with the page, in one round trip): everything the page takes from caches
# keyed on the version then needs no further round trip of its own.
_pinned: ContextVar[str | None] = ContextVar("content_version", default=None)

# How many values a KeptInProcess keeps before it starts afresh: room for a
# language and a day, or a country, each.
KEPT_PER_STORE = 1024


def content_version() -> str:
    """The current version; a fresh random one when the key is missing (first
    start, expired or evicted), so entries cached under an older one never match again."""
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    version: str | None = cache.get(VERSION_KEY)
    if version is not None:
        return version
    cache.add(VERSION_KEY, _new_version(), timeout=VERSION_SECONDS)
    added: str | None = cache.get(VERSION_KEY)  # ours, or one another process added first
    return added if added is not None else _new_version()


def content_version_and(key: str) -> tuple[str, Any]:
    """The current version and the entry under `key` (None if missing), in one
    round trip to the cache: for the page cache, whose entries say which
    version they were built on."""
    found = cache.get_many([VERSION_KEY, key])
    version: str | None = found.get(VERSION_KEY)
    return (version if version is not None else content_version()), found.get(key)


@contextmanager
def version_pinned(version: str) -> Iterator[None]:
    """Within this block, content_version() is `version` without asking the cache.

    For the page cache: a page is kept under the version read with it, so
    what it is built from should be too. A save inside the block unpins it.
    """
    token = _pinned.set(version)
    try:
        yield
    finally:
        _pinned.reset(token)


def bump_content_version() -> None:
    _pinned.set(None)  # the saving request sees its own change
    start_new_version()
    transaction.on_commit(start_new_version)


def start_new_version() -> None:
    # Deleted first: should the cache refuse the write (Redis full under a
    # policy that evicts nothing), no process goes on reading the old version.
    cache.delete(VERSION_KEY)
    cache.set(VERSION_KEY, _new_version(), timeout=VERSION_SECONDS)


class KeptInProcess[T]:
    """Values kept in this process until the content version moves on.

    For what every cold page needs whole (all published checklist items, say):
    no query, no cache round trip and no unpickling per request, one build per
    process, version and key. Only for data small enough to keep in every
    process. Threads that ask while a value is being built wait for that
    build rather than repeat it.
    """

    def __init__(self) -> None:
        self._kept: dict[Hashable, T] = {}
        self._version = ""
        self._building: dict[tuple[str, Hashable], threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        version = content_version()
        with self._lock:
            if self._version == version and key in self._kept:
                return self._kept[key]
            one_build = self._building.setdefault((version, key), threading.Lock())
        with one_build:
            with self._lock:
                if self._version == version and key in self._kept:
                    return self._kept[key]
            try:
                value = build()
                with self._lock:
                    if self._version != version or len(self._kept) >= KEPT_PER_STORE:
                        self._kept.clear()
                        self._version = version
                    self._kept[key] = value
            finally:
                with self._lock:
                    self._building.pop((version, key), None)
        return value


def kept_in_process[**P, T](build: Callable[P, T]) -> Callable[P, T]:
    """Decorator: `build`'s result per arguments (hashable: a language, a
    day), kept in this process until the version moves on (KeptInProcess)."""
    kept: KeptInProcess[T] = KeptInProcess()

    @wraps(build)
    def current(*args: P.args, **kwargs: P.kwargs) -> T:
        key = (args, tuple(sorted(kwargs.items())))
        return kept.get(key, lambda: build(*args, **kwargs))

    return current


def _new_version() -> str:
    return uuid.uuid4().hex
