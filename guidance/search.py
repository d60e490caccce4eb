"""Search published guides in the page's language, with a highlighted snippet.

PostgreSQL gets real full-text search (stemming in English and Norwegian, so
"pensions" finds "pension" and "fastlegen" finds "fastlege"); SQLite, the
laptop database, gets a plain case-insensitive match on every word. Both
return the same results type, and everything database-specific is here.

The query is a visitor's input: it is cleaned before use, passed to the
database only as a parameter, and every snippet is escaped before the
matches are wrapped in <mark>.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import F, Q, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from content.rates import fill_in_rates
from guidance.models import Guide

MAX_QUERY_LENGTH = 100
MAX_WORDS = 10
MAX_RESULTS = 20
SNIPPET_LENGTH = 240
POSTGRES_CONFIGS = {"en": "english", "nb": "norwegian"}
SEARCHED_FIELDS = ("title", "summary", "body")

# Put around matches by the database or by match_words(), and turned into
# <mark> only after the text around them is escaped.
MARK_START, MARK_END = "\x02", "\x03"
MARKED = re.compile(f"{MARK_START}(.*?){MARK_END}", re.DOTALL)

# Markdown that would look like noise in a snippet.
MARKDOWN_NOISE = [
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # [text](address) -> text
    (re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+", re.MULTILINE), ""),  # headings, lists
    (re.compile(r"\*\*|__|`|^\s*\|?[-:| ]+\|[-:| ]*$", re.MULTILINE), ""),  # emphasis, table rules
    (re.compile(r"\s*\|\s*"), " \N{EN DASH} "),  # table cells
]


@dataclass(frozen=True)
class SearchResult:
    guide: Guide
    snippet: SafeString


def clean_query(raw: str) -> str:
    """Printable characters only (PostgreSQL refuses NUL), spaces folded, kept short."""
    printable = "".join(character if character.isprintable() else " " for character in raw)
    return " ".join(printable.split())[:MAX_QUERY_LENGTH].strip()


def search_guides(query: str, language: str) -> list[SearchResult]:
    guides = Guide.objects.published().annotate(**searched_text(language))
    if connection.vendor == "postgresql":
        return full_text_search(guides, query, language)
    return simple_search(guides, query)


def searched_text(language: str) -> dict[str, F | Coalesce]:
    """The page language's text, or the English text the page shows instead
    while a translation is missing, so every guide a visitor can read is found."""
    if language == "en":
        return {f"searched_{field}": F(f"{field}_en") for field in SEARCHED_FIELDS}
    return {
        f"searched_{field}": Coalesce(
            NullIf(F(f"{field}_{language}"), Value(""), output_field=TextField()),
            F(f"{field}_en"),
            output_field=TextField(),
        )
        for field in SEARCHED_FIELDS
    }


def full_text_search(guides: QuerySet[Any], query: str, language: str) -> list[SearchResult]:
    from django.contrib.postgres.search import (
        SearchHeadline,
        SearchQuery,
        SearchRank,
        SearchVector,
    )

    config = POSTGRES_CONFIGS.get(language, "simple")
    document = (
        SearchVector("searched_title", weight="A", config=config)
        + SearchVector("searched_summary", weight="B", config=config)
        + SearchVector("searched_body", weight="C", config=config)
    )
    # "websearch" understands what people type (quotes, or, -word) and never
    # raises a syntax error, whatever the input.
    search_query = SearchQuery(query, search_type="websearch", config=config)
    headline = SearchHeadline(
        "searched_body",
        search_query,
        config=config,
        start_sel=MARK_START,
        stop_sel=MARK_END,
        min_words=20,
        max_words=40,
    )
    found = (
        guides.annotate(document=document, rank=SearchRank(document, search_query))
        .filter(document=search_query)
        .annotate(headline=headline)
        .order_by("-rank", "topic__order", "order")[:MAX_RESULTS]
    )
    return [result(guide, without_markdown(guide.headline)) for guide in found]


def simple_search(guides: QuerySet[Any], query: str) -> list[SearchResult]:
    words = re.findall(r"\w+", query)[:MAX_WORDS]
    if not words:
        return []
    condition = Q()
    for word in words:
        condition &= (
            Q(searched_title__icontains=word)
            | Q(searched_summary__icontains=word)
            | Q(searched_body__icontains=word)
        )
    found = guides.filter(condition).order_by("topic__order", "order")[:MAX_RESULTS]
    return [
        result(guide, match_words(without_markdown(guide.searched_body), words)) for guide in found
    ]


def without_markdown(text: str) -> str:
    """Plain words for a snippet: rates filled in ({G} -> the amount), Markdown dropped."""
    text = fill_in_rates(text)
    for pattern, replacement in MARKDOWN_NOISE:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def match_words(text: str, words: list[str]) -> str:
    """A window of the text around the first match, every match marked."""
    text = text.replace(MARK_START, "").replace(MARK_END, "")
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    first = pattern.search(text)
    start = 0 if first is None else max(0, first.start() - SNIPPET_LENGTH // 3)
    if start:
        start = text.find(" ", start) + 1 or start  # begin at a whole word
    window = text[start : start + SNIPPET_LENGTH]
    if start + SNIPPET_LENGTH < len(text):
        window = window.rsplit(" ", 1)[0] + " …"
    if start:
        window = "… " + window
    return pattern.sub(lambda match: f"{MARK_START}{match.group()}{MARK_END}", window)


def highlighted(marked_text: str) -> SafeString:
    """Escape everything, then turn the match markers into <mark> elements."""
    parts = MARKED.split(marked_text)
    html = "".join(
        f"<mark>{escape(part)}</mark>" if index % 2 else escape(part)
        for index, part in enumerate(parts)
    )
    # Every part is escaped and the only tags are our own: safe to mark safe.
    return mark_safe(html.replace(MARK_START, "").replace(MARK_END, ""))  # noqa: S308


def result(guide: Guide, marked_snippet: str) -> SearchResult:
    return SearchResult(guide, highlighted(marked_snippet))
