"""Checklist items as the result page shows them, prepared once per process and content version.

A cold result (answers nobody asked for before, so not in the page cache)
shows some twenty items. What an item shows depends on the content only,
except why it is on the visitor's list and the countries it names: so the
published items are read once per process and content version (no query per
request), and each item's HTML around those two (its title, body, sources,
review date and guide) is rendered once per language and day, too (rates in
a body take the value in force that day, content/rates.py). An editor's save
moves the content version on (content/cache.py), and the next request
builds everything afresh, in every process.
"""

import datetime
from dataclasses import dataclass

from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext

from content.cache import kept_in_process
from content.markdown import render_markdown
from content.models import PageText
from content.rates import fill_in_rates
from guidance.models import ChecklistItem
from guidance.plan import Step

ITEM_TEMPLATE = "guidance/checklist/_item.html"
PLAN_TEMPLATE = "guidance/checklist/_plan.html"
# Where a step's date goes; letters only, so escaping leaves it as it is.
DUE = "DueDateOfThisStep"


@dataclass(frozen=True)
class ItemHtml:
    """An item's HTML, in the parts before and after why it is on the list
    and the countries it names (templates/guidance/checklist/_item.html)."""

    opening: SafeString
    body: SafeString
    closing: SafeString


@dataclass(frozen=True)
class StepHtml:
    """An item's step in the plan (templates/guidance/checklist/_plan.html):
    its line, then the rule's deadline, or the date by which, from the visitor's."""

    opening: SafeString
    undated: SafeString
    dated: SafeString  # with DUE for the date

    def on(self, due: datetime.date | None) -> SafeString:
        if due is None:
            return self.opening + self.undated
        date_format = pgettext("date format of 'Last reviewed'", "j F Y")
        shown = escape(date_filter(due, date_format))  # as {{ due }} shows it
        return self.opening + mark_safe(self.dated.replace(DUE, shown))  # noqa: S308 (both escaped)


@dataclass(frozen=True)
class PreparedItem:
    item: ChecklistItem
    body: PageText
    html: ItemHtml
    step: StepHtml | None  # None for an item that only informs


@kept_in_process
def published_items(language: str) -> dict[str, ChecklistItem]:
    """Every published item by key, with its guide and sources, these in the
    order of their titles in `language` (Source's ordering)."""
    with translation.override(language):
        items = (
            ChecklistItem.objects.published().select_related("guide").prefetch_related("sources")
        )
        return {item.key: item for item in items}


@kept_in_process
def prepared_items(language: str, day: datetime.date) -> dict[str, PreparedItem]:
    """Every published item by key, its HTML rendered in `language` on `day`."""
    with translation.override(language):
        return {key: prepared(item, day) for key, item in published_items(language).items()}


def prepared(item: ChecklistItem, day: datetime.date) -> PreparedItem:
    body = item.page_body
    guide = item.guide if item.guide is not None and item.guide.is_published else None
    context = {
        "item": item,
        "title": item.page_title,
        "body": body,
        # Sanitised by content.markdown; as cached_markdown, but for `day`.
        "body_html": render_markdown(fill_in_rates(body.text, day)).html,
        "guide": guide,
    }
    opening, middle, closing = (
        render_to_string(f"{ITEM_TEMPLATE}#{part}", context)
        for part in ("opening", "body", "closing")
    )
    return PreparedItem(item, body, ItemHtml(opening, middle, closing), step_html(item))


def step_html(item: ChecklistItem) -> StepHtml | None:
    if not item.is_a_step:
        return None
    context = {"step": Step(item.key, item.page_step, item.page_deadline, None), "due": DUE}
    opening, undated, dated = (
        render_to_string(f"{PLAN_TEMPLATE}#{part}", context)
        for part in ("step_opening", "step_undated", "step_dated")
    )
    return StepHtml(opening, undated, dated)
