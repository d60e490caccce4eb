"""Scheduled publishing and expiry without a scheduler process.

An approved change may carry a go-live time, and a published record an
expiry time (both PendingChange rows, content/workflow.py). Nothing runs in
the background: every request first asks whether anything is due, and the
first request after a change's time applies it. The question is cheap: the
next due time is held in this process's memory and re-read from the shared
cache at most once a second; no request reads the database for it. Whoever
sets, moves or applies a schedule reads it from the database and writes it
to the cache (remember_next_due), and so does every migrate (a deploy). Should
the cache lose it (evicted, flushed), each process goes on with its own
value, at most a second behind the cache's, until the next write; a process
that has none yet reads the database once.

The middleware sits before the page cache (config/settings.py), so a change
due now is applied, and the content version moved on, before any cached page
is looked up: no page from before the go-live time is served after it. On
the way out it shortens a shared cache's s-maxage to the time left until the
next due change, so nginx or a CDN do not keep the old page past it either.

Two workers may notice the same due change: the rows are locked with
SKIP LOCKED, and publish() re-reads the change's state under its lock, so
each change is applied once.

The same middleware lets staff preview a pending version at the page's real
address, ?preview=<id>: it calls the view itself, before the page cache
would redirect the query string away, and the response is never cached.
`manage.py publishscheduled` applies due changes from cron, for those who
prefer that.
"""

import datetime
import logging
import re
import threading
import time
from collections.abc import Callable
from typing import Any

from django.apps import AppConfig
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.models.signals import post_migrate
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _

from content.models import PendingChange

logger = logging.getLogger(__name__)

NEXT_DUE_KEY = "content:next-due"
NOTHING_DUE = "none"
# How often a process re-reads the shared next due time, to learn of a
# schedule another process set.
RECHECK_SECONDS = 1.0
S_MAXAGE = re.compile(r"s-maxage=(\d+)")


class _Memory:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.next_due: datetime.datetime | None = None
        self.known = False  # read from the database or the cache at least once
        self.read_at = -RECHECK_SECONDS  # monotonic seconds


_memory = _Memory()


def remember_next_due() -> datetime.datetime | None:
    """Reads the next due time from the database and shares it."""
    due = PendingChange.objects.next_due_time()
    cache.set(NEXT_DUE_KEY, due.isoformat() if due else NOTHING_DUE, timeout=None)
    with _memory.lock:
        _memory.next_due, _memory.known, _memory.read_at = due, True, time.monotonic()
    return due


def share_next_due(sender: AppConfig, **kwargs: Any) -> None:
    """post_migrate receiver: after a deploy's migrate, the cache knows it.

    Not after a migrate back to before the pending versions existed (their
    table is then missing)."""
    if sender.label != "content":
        return
    connection = connections[kwargs.get("using", DEFAULT_DB_ALIAS)]
    if PendingChange._meta.db_table in connection.introspection.table_names():
        remember_next_due()


post_migrate.connect(share_next_due, dispatch_uid="content.scheduling.share_next_due")


def next_due() -> datetime.datetime | None:
    now = time.monotonic()
    with _memory.lock:
        if now - _memory.read_at < RECHECK_SECONDS:
            return _memory.next_due
    shared: str | None = cache.get(NEXT_DUE_KEY)
    if shared is None:
        with _memory.lock:
            known = _memory.known
            _memory.read_at = now
        return _memory.next_due if known else remember_next_due()
    due = None if shared == NOTHING_DUE else datetime.datetime.fromisoformat(shared)
    with _memory.lock:
        _memory.next_due, _memory.known, _memory.read_at = due, True, now
    return due


def forget_next_due() -> None:
    """For tests: this process asks the cache, or else the database, next time."""
    with _memory.lock:
        _memory.known, _memory.read_at = False, -RECHECK_SECONDS


def know_nothing_is_due() -> None:
    """For tests, whose database starts each test without pending versions:
    this process knows that at once, so no page request asks the database
    (query budgets then do not depend on which test ran first)."""
    with _memory.lock:
        _memory.next_due, _memory.known, _memory.read_at = None, True, time.monotonic()


def publish_due_changes(now: datetime.datetime | None = None) -> int:
    """Applies every approved change whose time has come; returns how many."""
    from content.workflow import publish

    applied = 0
    with transaction.atomic():
        due = PendingChange.objects.due(now).select_for_update(skip_locked=True)
        for change in list(due):
            try:
                with transaction.atomic():
                    publish(change)
            except (DatabaseError, ValidationError, ObjectDoesNotExist, LookupError) as error:
                # Say so, rather than retry on every request: a slug another
                # page took meanwhile, a record deleted since.
                logger.exception("Could not publish scheduled change %s", change.pk)
                return_to_author(change, error)
            else:
                applied += 1
    remember_next_due()
    return applied


def return_to_author(change: PendingChange, error: Exception) -> None:
    note = _("Could not be published at its time: %(error)s") % {"error": error}
    PendingChange.objects.filter(pk=change.pk).update(
        state=PendingChange.State.REJECTED, note=note, go_live_at=None
    )


def publish_if_due() -> None:
    due = next_due()
    if due is not None and due <= timezone.now():
        publish_due_changes()


def cap_shared_lifetime(response: HttpResponse) -> None:
    """A shared cache keeps the page no longer than until the next due change."""
    match = S_MAXAGE.search(response.get("Cache-Control", ""))
    due = _memory.next_due
    if match is None or due is None:
        return
    left = max(0, int((due - timezone.now()).total_seconds()))
    if left < int(match.group(1)):
        patch_cache_control(response, s_maxage=left)


class ScheduledPublishingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            publish_if_due()
        except DatabaseError:
            # The page may still come from the cache; the next request tries again.
            logger.exception("Could not publish the scheduled changes")
        response = self.get_response(request)
        cap_shared_lifetime(response)
        return response

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponse | None:
        """?preview=<id> from staff who may view the record: the view, told
        which change to show (content.workflow.previewed_change), never cached."""
        from content.workflow import PREVIEW_PARAMETER

        wanted = request.GET.get(PREVIEW_PARAMETER, "")
        if request.method not in ("GET", "HEAD") or not wanted.isdigit():
            return None
        user = request.user
        if not user.is_staff:
            return None  # visitors: the page cache sends them to the clean address
        change = PendingChange.objects.filter(pk=int(wanted)).select_related("content_type").first()
        if change is None:
            return None
        opts = change.content_type
        if not user.has_perm(f"{opts.app_label}.view_{opts.model}"):
            return None
        request.previewed_change = change  # type: ignore[attr-defined]
        response = view_func(request, *view_args, **view_kwargs)
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        return response
