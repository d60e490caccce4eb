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
from collections.abc import Callable
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


def content_version() -> str:
    """The current version; a fresh random one when the key is missing (first
    start, expired or evicted), so entries cached under an older one never match again."""
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


def bump_content_version() -> None:
    start_new_version()
    transaction.on_commit(start_new_version)


def start_new_version() -> None:
    # Deleted first: should the cache refuse the write (Redis full under a
    # policy that evicts nothing), no process goes on reading the old version.
    cache.delete(VERSION_KEY)
    cache.set(VERSION_KEY, _new_version(), timeout=VERSION_SECONDS)


def kept_in_process[T](build: Callable[[], T]) -> Callable[[], T]:
    """Decorator: `build`'s result, kept in this process until the version moves on.

    For what every cold page needs whole (all published checklist items, say):
    no query, no cache round trip and no unpickling per request, one build per
    process and version. Only for data small enough to keep in every process.
    """
    kept: dict[str, T] = {}
    lock = threading.Lock()

    @wraps(build)
    def current() -> T:
        version = content_version()
        with lock:
            if version in kept:
                return kept[version]
        value = build()
        with lock:
            kept.clear()
            kept[version] = value
        return value

    return current


def _new_version() -> str:
    return uuid.uuid4().hex
