"""What the checklist's pages show, built from the routing, the rules and the items.

The routing (guidance/questionnaire.py) and the rules (guidance/rules.py) know
nothing of Django or of languages. Here their marked strings are translated,
country codes become names in the page's language, and the rules' matches
meet the editable items: grouped into sections, each with the sentence that
says why it is on the visitor's list.
"""

import logging
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from urllib.parse import urlencode

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django_countries import countries as all_countries

from agreements.countries import citizenships, country_in_sentence, country_name, sorted_countries
from agreements.coverage import CountryCoverage
from agreements.lookup import coverage_for
from content.cache import kept_in_process
from guidance.item_fragments import ItemHtml, PreparedItem, prepared_items
from guidance.models import ChecklistItem
from guidance.plan import DATE_PARAMETER, MoveDate, StepGroup, date_question, plan
from guidance.questionnaire import (
    QUESTIONS,
    RESULT,
    Parsed,
    Progress,
    option_for,
    phrase,
    previous_question,
    progress,
    query_string,
)
from guidance.rules import Answers, Match

logger = logging.getLogger(__name__)

NAMED_COUNTRIES = "guidance/checklist/_named_countries.html"
SECTION_ORDER: dict[str, int] = {
    section: rank for rank, section in enumerate(ChecklistItem.Section)
}


@cache
def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code django-countries knows, in lower case."""
    return frozenset(code.lower() for code in all_countries.countries)


def path_to(name: str, **kwargs: str) -> str:
    """reverse(), remembered: a result links to some twenty of the site's
    paths, which change only with the code (and the language, the prefix)."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    where = (translation.get_language(), get_script_prefix(), urlconf)
    return _path(name, tuple(kwargs.items()), where)


@lru_cache(maxsize=2048)
def _path(name: str, kwargs: tuple[tuple[str, str], ...], where: tuple[object, ...]) -> str:
    return reverse(name, kwargs=dict(kwargs))  # in the language and prefix of `where`


def step_path(step: str) -> str:
    if step == RESULT:
        return path_to("checklist:result")
    return path_to("checklist:question", question=step)


def step_url(step: str, answers: Answers, errors: Collection[str] = (), date: str = "") -> str:
    """The one address of a step (a question key or RESULT) with these answers,
    and for the result, the visitor's date (which is not an answer: the
    questions never ask it, and a Change leaves it behind)."""
    path = step_path(step)
    query = query_string(answers, errors)
    if date and step == RESULT:
        query = f"{query}&{urlencode({DATE_PARAMETER: date})}"
    return f"{path}?{query}" if query else path


def answer_text(key: str, value: str, countries: Mapping[str, CountryCoverage]) -> str:
    """An answer as the visitor chose it: the option's label or the country's name."""
    option = option_for(key, value)
    return gettext(option.label) if option else display_name(value, countries)


def question_title(key: str, answers: Answers) -> str:
    """The question as the earlier answers put it, translated; a {country} in
    it is the country of residence, by name."""
    title = QUESTIONS[key].title_given(answers)
    return titled(title, answers.get("residence", ""), translation.get_language())


@lru_cache(maxsize=4096)
def titled(title: str, residence: str, language: str | None) -> str:
    """Remembered per title, country and language (translations and country
    names are fixed while the process runs)."""
    return gettext(title).format(country=country_in_sentence(residence))


def coverage_of(codes: Iterable[str]) -> dict[str, CountryCoverage]:
    """agreements.lookup.coverage_for, each country's kept in the process:
    no cache round trip for the whole table on every result."""
    language = translation.get_language() or "en"
    return {code: country_coverage(language, code) for code in codes}


@kept_in_process
def country_coverage(language: str, code: str) -> CountryCoverage:
    with translation.override(language):
        (coverage,) = coverage_for([code]).values()
        return coverage


def display_name(code: str, countries: Mapping[str, CountryCoverage]) -> str:
    coverage = countries.get(code)
    return (coverage.name if coverage else "") or country_name(code) or code.upper()


# Question pages -----------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    selected: bool
    input_id: str  # the first is the question's key: the error summary links to it


@dataclass(frozen=True)
class QuestionPage:
    key: str
    kind: str  # "choice" (radios) or "country" (a select)
    title: str
    hint: str
    error: str  # "" when the answer is fine
    choices: list[Choice]
    hidden: list[tuple[str, str]]  # the other answers, carried along by the form
    back_url: str
    progress: Progress

    @property
    def page_title(self) -> str:
        return f"{gettext('Error:')} {self.title}" if self.error else self.title


def question_page(key: str, parsed: Parsed) -> QuestionPage:
    question = QUESTIONS[key]
    answers = parsed.answers
    chosen = answers.get(key, "")
    offered = [(option.value, gettext(option.label)) for option in question.options_given(answers)]
    if question.kind == "country":
        # "no" is an option of its own on the abroad question (not planning a
        # stay abroad), and Norway is never a destination abroad anyway.
        taken = frozenset(value for value, _label in offered)
        countries = citizenships if key == "citizenship" else sorted_countries
        offered += countries(exclude=taken)
    previous = previous_question(key, answers)
    return QuestionPage(
        key=key,
        kind=question.kind,
        title=question_title(key, answers),
        hint=gettext(question.hint),
        error=gettext(question.error) if key in parsed.errors else "",
        choices=[
            Choice(value, label, value == chosen, key if number == 0 else f"{key}-{value}")
            for number, (value, label) in enumerate(offered)
        ],
        hidden=[(name, value) for name, value in answers.items() if name != key],
        back_url=step_url(previous, answers) if previous else reverse("checklist:start"),
        progress=progress(key, answers),
    )


# The result page ----------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True)
class NamedCountry:
    """A country an agreement item names, with the agreements that tie it to Norway."""

    name: str
    url: str
    agreements: tuple[Link, ...]


@dataclass(frozen=True)
class ShownItem:
    item: ChecklistItem
    why: str
    countries: tuple[NamedCountry, ...]
    html: SafeString  # the whole item, as the page shows it (item_html)


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    items: list[ShownItem]


@dataclass(frozen=True)
class AnswerRow:
    key: str
    question: str
    answer: str
    change_url: str


def sections(
    matches: Iterable[Match],
    answers: Answers,
    countries: Mapping[str, CountryCoverage],
    by_key: Mapping[str, PreparedItem],
) -> list[Section]:
    """The items on the visitor's list, grouped under the sections' headings.

    A match without a published item is left out, and logged by key only:
    the answers behind it are the visitor's, and stay out of the logs.
    """
    shown: list[ShownItem] = []
    for match in matches:
        prepared = by_key.get(match.key)
        if prepared is None:
            logger.warning("Checklist item %r is missing or unpublished: left out.", match.key)
            continue
        reasons = why(match, answers)
        named = tuple(named_country(code, countries) for code in match.countries)
        html = item_html(prepared.html, reasons, named)
        shown.append(ShownItem(prepared.item, reasons, named, html))
    shown.sort(key=lambda s: (SECTION_ORDER[s.item.section], s.item.order, s.item.key))
    grouped: dict[str, list[ShownItem]] = {}
    for entry in shown:
        grouped.setdefault(entry.item.section, []).append(entry)
    labels = dict(ChecklistItem.Section.choices)
    return [Section(key, str(labels[key]), entries) for key, entries in grouped.items()]


def item_html(parts: ItemHtml, why: str, countries: tuple[NamedCountry, ...]) -> SafeString:
    """The item's parts, the same on every list, around why it is on this
    visitor's list and the countries it names (see _item.html)."""
    named = render_to_string(NAMED_COUNTRIES, {"countries": countries}) if countries else ""
    return format_html("{}{}{}{}{}", parts.opening, why, parts.body, named, parts.closing)


def why(match: Match, answers: Answers) -> str:
    """ "You live in Poland and you work in Norway for an employer in Norway." """
    reasons = tuple((key, answers[key]) for key in match.reasons if key in answers)
    return why_sentence(reasons, translation.get_language())


@lru_cache(maxsize=4096)
def why_sentence(reasons: tuple[tuple[str, str], ...], language: str | None) -> str:
    """Remembered per answers and language: the translations and country
    names it is made of are fixed while the process runs."""
    phrases = [
        gettext(phrase(key, value)).format(country=in_sentence(value)) for key, value in reasons
    ]
    if not phrases:
        return gettext("It is on every checklist.")
    return joined(phrases) + "."


def in_sentence(code: str) -> str:
    """A country's name as a sentence needs it ("a citizen of the United States")."""
    return country_in_sentence(code) or code.upper()


def joined(phrases: list[str]) -> str:
    """Phrases as one sentence: "A, b and c" ("A, b og c")."""
    first, *rest = phrases
    parts = [first, *(text[:1].lower() + text[1:] for text in rest)]
    if len(parts) == 1:
        return first
    return gettext("%(items)s and %(last)s") % {"items": ", ".join(parts[:-1]), "last": parts[-1]}


def named_country(code: str, countries: Mapping[str, CountryCoverage]) -> NamedCountry:
    coverage = countries.get(code) or CountryCoverage(code)
    return NamedCountry(
        name=display_name(code, countries),
        url=path_to("agreements:country", code=code),
        agreements=tuple(
            Link(agreement.name, path_to("agreements:detail", slug=agreement.slug))
            for agreement in coverage.agreements
        ),
    )


def answer_rows(answers: Answers, countries: Mapping[str, CountryCoverage]) -> list[AnswerRow]:
    """ "Your answers": each with a link that reopens its question, the rest kept."""
    query = query_string(answers)  # step_url's, once for every row
    return [
        AnswerRow(
            key=key,
            question=question_title(key, answers),
            answer=answer_text(key, value, countries),
            change_url=f"{step_path(key)}?{query}",
        )
        for key, value in answers.items()
    ]


# The result page as a whole --------------------------------------------------------


@dataclass(frozen=True)
class ResultPage:
    sections: list[Section]
    answers: list[AnswerRow]
    plan: list[StepGroup]
    plan_html: list[tuple[StepGroup, SafeString]]  # each group with its steps' HTML
    move_date: MoveDate
    date_question: str  # "" when no date would help this visitor
    hidden: list[tuple[str, str]]  # the answers, carried by the "Add your dates" form
    calendar_url: str  # "" until a step has a date

    @property
    def dated_steps(self) -> int:
        return sum(1 for group in self.plan for step in group.steps if step.due)


def steps_html(group: StepGroup, prepared: Mapping[str, PreparedItem]) -> SafeString:
    """The group's steps, each its item's kept HTML with the visitor's date."""
    lines = []
    for step in group.steps:
        kept = prepared[step.key].step
        if kept is not None:  # always: plan() made the step from a step's item
            lines.append(kept.on(step.due))
    return SafeString("".join(lines))


def result_page(
    matches: list[Match],
    answers: Answers,
    countries: Mapping[str, CountryCoverage],
    move_date: MoveDate,
) -> ResultPage:
    prepared = prepared_items(translation.get_language() or "en", timezone.localdate())
    shown = sections(matches, answers, countries, prepared)
    on_the_list = [entry.item for section in shown for entry in section.items]
    steps = plan(on_the_list, answers, move_date.day)
    dated = any(step.due for group in steps for step in group.steps)
    calendar = f"{path_to('checklist:calendar')}?{query_string(answers)}"
    if move_date.day:
        calendar += f"&{urlencode({DATE_PARAMETER: move_date.day.isoformat()})}"
    return ResultPage(
        sections=shown,
        answers=answer_rows(answers, countries),
        plan=steps,
        plan_html=[(group, steps_html(group, prepared)) for group in steps],
        move_date=move_date,
        date_question=date_question(answers),
        hidden=list(answers.items()),
        calendar_url=calendar if dated else "",
    )
