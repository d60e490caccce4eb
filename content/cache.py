"""One content version for every cache that holds something built from content.

The page cache and the agreements lookup put the version in their keys. A
save or delete of any content record moves it on twice: at once, so the
saving request (and a test) sees its own change, and again after the
transaction commits. The second move matters: a visitor's request that ran
between the save and the commit read the old rows under the first new
version and may have cached them; after the commit nobody asks for that
version again.
"""

import uuid

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "content:version"

# Request headers that change a public response (htmx asks for a fragment,
# or for the full page on Back and Forward). The page cache keys on these
# and views send them in `Vary`: one list for both.
VARYING_HEADERS = ("HX-Request", "HX-History-Restore-Request")


def content_version() -> str:
    """The current version; a fresh random one when the key is missing (first
    start, or evicted), so entries cached under an older one never match again."""
    version: str | None = cache.get(VERSION_KEY)
    if version is not None:
        return version
    cache.add(VERSION_KEY, _new_version(), timeout=None)
    added: str = cache.get(VERSION_KEY)  # ours, or one another process added first
    return added


def bump_content_version() -> None:
    cache.set(VERSION_KEY, _new_version(), timeout=None)
    transaction.on_commit(lambda: cache.set(VERSION_KEY, _new_version(), timeout=None))


def _new_version() -> str:
    return uuid.uuid4().hex
