"""Small builders for guides in tests: only what a test cares about is named."""

import datetime
import itertools

from content.models import Source
from guidance.models import Guide, Topic

REVIEWED = datetime.date(2026, 11, 23)
_numbers = itertools.count(1)

BODY_WITH_SECTIONS = """Introduction for newcomers.

## Who is a member

Members are people who live in Norway.

## What membership gives

Healthcare and [benefits](https://www.nav.no/en/home).

## When membership ends

When you move abroad for more than 12 months."""


def make_source(**fields) -> Source:
    number = next(_numbers)
    values = {
        "title_en": f"Test source {number}",
        "title_nb": f"Testkilde {number}",
        "url": f"https://www.nav.no/en/test-source-{number}",
        "publisher": "nav",
        **fields,
    }
    return Source.objects.create(**values)


def make_topic(**fields) -> Topic:
    number = next(_numbers)
    values = {
        "slug": f"test-topic-{number}",
        "title_en": f"Test topic {number}",
        "title_nb": f"Testemne {number}",
        "summary_en": "A topic made for a test.",
        "summary_nb": "Et emne laget for en test.",
        "order": 100 + number,
        **fields,
    }
    return Topic.objects.create(**values)


def make_guide(*, topic: Topic | None = None, sources: list[Source] | None = None, **fields):
    number = next(_numbers)
    values = {
        "slug": f"test-guide-{number}",
        "title_en": f"Test guide {number}",
        "title_nb": f"Testveiledning {number}",
        "summary_en": "A guide made for a test.",
        "summary_nb": "En veiledning laget for en test.",
        "body_en": BODY_WITH_SECTIONS,
        "body_nb": "Innledning.\n\n## Hvem er medlem\n\nDe som bor i Norge.",
        "status": Guide.Status.PUBLISHED,
        "last_reviewed": REVIEWED,
        **fields,
    }
    guide = Guide.objects.create(topic=topic or make_topic(), **values)
    guide.sources.set(sources if sources is not None else [make_source()])
    return guide
