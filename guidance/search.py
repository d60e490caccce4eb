"""Search published guides in the page's language, with a highlighted snippet,
and a "did you mean" for a query that finds nothing.

PostgreSQL gets real full-text search (stemming in English and Norwegian, so
"pensions" finds "pension" and "fastlegen" finds "fastlege"); SQLite, the
laptop database, gets a plain case-insensitive match on every word. On both,
a guide whose title has the words comes first, then one whose headings have
them, then one whose summary has them, then the rest by how often its text
uses them: "S1" finds the S1 guide first, not the guide that says "S1" most.
Both return the same results type, and everything database-specific is here.

The query is a visitor's input: it is cleaned before use, passed to the
database only as a parameter, and every snippet is escaped before the
matches are wrapped in <mark>.
"""

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import F, Func, Q, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from content.cache import content_version
from content.rates import fill_in_rates
from guidance.models import Guide

MAX_QUERY_LENGTH = 100
MAX_WORDS = 10
MAX_RESULTS = 20
SNIPPET_LENGTH = 240
POSTGRES_CONFIGS = {"en": "english", "nb": "norwegian"}
SEARCHED_FIELDS = ("title", "summary", "body")
# pg_trgm's similarity (0 to 1) a known word needs to be suggested for a typed one.
MIN_SIMILARITY = 0.4
SHORTEST_WORD_TO_CORRECT = 4
VOCABULARY_SECONDS = 60 * 60 * 24

# Put around matches by the database or by match_words(), and turned into
# <mark> only after the text around them is escaped.
MARK_START, MARK_END = "\x02", "\x03"
MARKED = re.compile(f"{MARK_START}(.*?){MARK_END}", re.DOTALL)

# A Markdown heading's text (## and ###, the only levels guides use).
HEADING = re.compile(r"^#{2,3}[ \t]+(.*)$", re.MULTILINE)

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
    guides = Guide.objects.published().select_related("topic").annotate(**searched_text(language))
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


class MarkdownHeadings(Func):
    """A Markdown text's ## and ### headings, one per line (PostgreSQL only)."""

    template = (
        r"array_to_string(ARRAY(SELECT (regexp_matches(%(expressions)s, "
        r"'^#{2,3}[ \t]+(.*)$', 'gn'))[1]), E'\n')"
    )
    output_field = TextField()


def full_text_search(guides: QuerySet[Any], query: str, language: str) -> list[SearchResult]:
    from django.contrib.postgres.search import (
        SearchHeadline,
        SearchQuery,
        SearchRank,
        SearchVector,
    )
    from django.db.models import Case, IntegerField, When

    config = POSTGRES_CONFIGS.get(language, "simple")
    title = SearchVector("searched_title", config=config)
    headings = SearchVector(MarkdownHeadings("searched_body"), config=config)
    summary = SearchVector("searched_summary", config=config)
    document = (
        SearchVector("searched_title", weight="A", config=config)
        + SearchVector(MarkdownHeadings("searched_body"), weight="B", config=config)
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

    def found_in(vector: str) -> Case:
        return Case(When(**{vector: search_query}, then=1), default=0, output_field=IntegerField())

    found = (
        guides.annotate(document=document, title_vector=title, summary_vector=summary)
        .filter(document=search_query)
        .annotate(
            in_title=found_in("title_vector"),
            in_headings=SearchRank(headings, search_query),
            in_summary=found_in("summary_vector"),
            rank=SearchRank(document, search_query),
            headline=headline,
        )
        .order_by(
            *("-in_title", "-in_headings", "-in_summary", "-rank"),
            *("topic__order", "order"),
        )[:MAX_RESULTS]
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
    # Every guide that matches, ranked here: a few dozen at most.
    found = sorted(guides.filter(condition), key=lambda guide: simple_rank(guide, words))
    return [
        result(guide, match_words(without_markdown(guide.searched_body), words))
        for guide in found[:MAX_RESULTS]
    ]


def simple_rank(guide: Any, words: list[str]) -> tuple[int, ...]:
    """A sort key: words in the title first, then headings, summary and body."""
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    title, summary, body = guide.searched_title, guide.searched_summary, guide.searched_body
    headings = "\n".join(HEADING.findall(body))

    def words_in(text: str) -> int:
        return len({match.lower() for match in pattern.findall(text)})

    return (
        -words_in(title),
        -len(pattern.findall(headings)),
        -words_in(summary),
        -len(pattern.findall(body)),
        guide.topic.order,
        guide.order,
    )


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


# "Did you mean" ------------------------------------------------------------------


def suggestion(query: str, language: str) -> str:
    """The query with each word the guides never use replaced by the nearest
    word they do use ("sertificate" -> "certificate"), if that finds a guide;
    "" when there is nothing better to suggest."""
    words = re.findall(r"\w+", query.lower())[:MAX_WORDS]
    corrected = [
        (nearest_word(word, language) or word) if len(word) >= SHORTEST_WORD_TO_CORRECT else word
        for word in words
    ]
    if corrected == words:
        return ""
    suggested = " ".join(corrected)
    return suggested if search_guides(suggested, language) else ""


def nearest_word(word: str, language: str) -> str | None:
    """The word the published guides use that is most like `word`: `word`
    itself when they use it, None when none is close. Edit distance first
    (everywhere): one or two typing mistakes, which trigrams often misjudge
    ("penison"); then, on PostgreSQL, trigrams, which forgive more mistakes
    in a long word."""
    counts = vocabulary(language)
    if word in counts:
        return word
    by_edits = nearest_by_edits(word, counts)
    if by_edits is None and has_trigrams():
        return nearest_by_trigrams(word, counts)
    return by_edits


def has_trigrams() -> bool:
    """Whether PostgreSQL's pg_trgm extension is installed (guidance migration
    0009 creates it where the database allows)."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')")
        row = cursor.fetchone()
    return bool(row and row[0])


def nearest_by_trigrams(word: str, counts: Counter[str]) -> str | None:
    """By pg_trgm's similarity, which forgives a swapped or missing letter
    anywhere in a long word; the more common of equally similar words."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT known, similarity(known, %s) AS score FROM unnest(%s::text[]) AS known"
            " WHERE similarity(known, %s) >= %s ORDER BY score DESC LIMIT 5",
            [word, list(counts), word, MIN_SIMILARITY],
        )
        rows = cursor.fetchall()
    if not rows:
        return None
    best_score = rows[0][1]
    nearest: str = max(
        (known for known, score in rows if score == best_score), key=counts.__getitem__
    )
    return nearest


def nearest_by_edits(word: str, counts: Counter[str]) -> str | None:
    """By edit distance: one typing mistake for a short word, two for a
    longer one; the more common of equally near words."""
    allowed = 1 if len(word) <= 5 else 2
    best: tuple[int, int, str] | None = None
    for known, count in counts.items():
        if abs(len(known) - len(word)) > allowed:
            continue
        distance = edit_distance(word, known, allowed)
        if distance <= allowed and (best is None or (distance, -count) < best[:2]):
            best = (distance, -count, known)
    return best[2] if best else None


def vocabulary(language: str) -> Counter[str]:
    """Every word the published guides use in this language, with how often:
    read once per content version (any save moves it on)."""
    key = f"search:vocabulary:{content_version()}:{language}"
    counts: Counter[str] | None = cache.get(key)
    if counts is None:
        counts = Counter()
        fields = [f"searched_{field}" for field in SEARCHED_FIELDS]
        texts = Guide.objects.published().annotate(**searched_text(language)).values_list(*fields)
        for row in texts:
            for text in row:
                for pattern, replacement in MARKDOWN_NOISE:
                    text = pattern.sub(replacement, text or "")
                counts.update(word for word in re.findall(r"\w+", text.lower()) if len(word) > 2)
        cache.set(key, counts, VOCABULARY_SECONDS)
    return counts


def edit_distance(first: str, second: str, limit: int) -> int:
    """Levenshtein distance, giving up (limit + 1) once it must exceed `limit`."""
    previous = list(range(len(second) + 1))
    for row, first_char in enumerate(first, 1):
        current = [row]
        for column, second_char in enumerate(second, 1):
            current.append(
                min(
                    previous[column] + 1,
                    current[column - 1] + 1,
                    previous[column - 1] + (first_char != second_char),
                )
            )
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]
