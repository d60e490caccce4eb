"""Finding every link in the content, checking it and keeping the results.

Links are read from the bodies of guides, checklist items and agreements in
both languages; official sources' addresses (English and Norwegian) are
links too. Internal links are checked at once, from the database; web
addresses only by `manage.py checklinks --official`, which asks their servers.
"""

from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone, translation

from agreements.models import Agreement
from content.models import Source
from guidance.models import ChecklistItem, Guide
from linkcheck.finding import is_internal, links_in_markdown
from linkcheck.internal import SiteIndex, Verdict
from linkcheck.models import LinkCheck
from linkcheck.official import TIMEOUT_SECONDS, check_official

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
BODIES = {code: f"body_{code}" for code in LANGUAGE_CODES}
SOURCE_ADDRESSES = {"en": "url", "nb": "url_nb"}
# Web addresses are checked a few at a time: each waits on a distant server.
PARALLEL_REQUESTS = 8


@dataclass(frozen=True)
class FoundLink:
    record: models.Model
    field: str
    url: str
    language: str

    @property
    def kind(self) -> str:
        return LinkCheck.Kind.INTERNAL if is_internal(self.url) else LinkCheck.Kind.OFFICIAL


def links_in(record: models.Model) -> list[FoundLink]:
    """Every link in one record, field by field and language by language."""
    if isinstance(record, Source):
        return [
            FoundLink(record, field, url, code)
            for code, field in SOURCE_ADDRESSES.items()
            if (url := getattr(record, field))
        ]
    return [
        FoundLink(record, field, url, code)
        for code, field in BODIES.items()
        for url in links_in_markdown(getattr(record, field, "") or "")
    ]


def content_records() -> Iterator[models.Model]:
    yield from Guide.objects.order_by("pk")
    yield from ChecklistItem.objects.order_by("pk")
    yield from Agreement.objects.order_by("pk")
    yield from Source.objects.order_by("pk")


def every_link() -> list[FoundLink]:
    return [link for record in content_records() for link in links_in(record)]


def record_name(record: models.Model) -> str:
    """In the site's first language, whichever language the checking request had."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(record)[:200]


def result(link: FoundLink, verdict: Verdict) -> LinkCheck:
    return LinkCheck(
        url=link.url[:500],
        kind=link.kind,
        content_type=ContentType.objects.get_for_model(link.record),
        object_id=link.record.pk,
        record_name=record_name(link.record),
        field=link.field,
        result=verdict.result,
        reason=verdict.reason,
        detail=verdict.detail[:300],
        checked=timezone.now(),
    )


def internal_results(links: Iterable[FoundLink]) -> list[LinkCheck]:
    site = SiteIndex.load()
    return [
        result(link, site.check(link.url, link.language))
        for link in links
        if link.kind == LinkCheck.Kind.INTERNAL
    ]


def broken_internal_links(record: models.Model) -> list[LinkCheck]:
    """The record's links to pages of this site that are missing or
    unpublished, as it is now (saved or not): for a warning when it is saved."""
    return [
        check
        for check in internal_results(links_in(record))
        if check.result == LinkCheck.Result.BROKEN
    ]


def check_internal_links(record: models.Model | None = None) -> list[LinkCheck]:
    """Checks and keeps the internal links of one record, or of every record."""
    links = links_in(record) if record is not None else every_link()
    checks = internal_results(links)
    replace(LinkCheck.Kind.INTERNAL, checks, record)
    return checks


def check_official_links(timeout: float = TIMEOUT_SECONDS) -> list[LinkCheck]:
    """Asks every web address's server (sources and links in texts) and keeps the answers."""
    links = [link for link in every_link() if link.kind == LinkCheck.Kind.OFFICIAL]
    unique = list(dict.fromkeys(link.url for link in links))
    with ThreadPoolExecutor(PARALLEL_REQUESTS) as pool:
        verdicts = dict(
            zip(unique, pool.map(lambda url: check_official(url, timeout), unique), strict=True)
        )
    checks = [result(link, verdicts[link.url]) for link in links]
    replace(LinkCheck.Kind.OFFICIAL, checks)
    return checks


@transaction.atomic
def replace(kind: str, checks: list[LinkCheck], record: models.Model | None = None) -> None:
    earlier = LinkCheck.objects.filter(kind=kind)
    if record is not None:
        earlier = earlier.found_in(record)
    earlier.delete()
    LinkCheck.objects.bulk_create(checks)
