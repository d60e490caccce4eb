"""The result as a plan: the steps to take, grouped by when, with real dates
when the visitor gives the date of their move.

Each checklist item that asks the visitor to do something has a step (one
line), a timing group and, where the official rule counts from the move,
an offset in days (guidance.models.ChecklistItem). Items that only inform
have no step and appear in the items below the plan only.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext, gettext_lazy

from content.models import PageText
from guidance.models import ChecklistItem

# How far from today a move date may be: a move that began a year ago is
# still being settled; a plan further ahead than five years is guesswork.
EARLIEST_DAYS_BACK = 366
LATEST_YEARS_AHEAD = 5
DATE_PARAMETER = "date"
MAX_DATE_LENGTH = 10  # YYYY-MM-DD

# The plan's groups in time order. "Before" reads differently for a visitor
# leaving Norway, and one living abroad who does not move at all.
TIMING_ORDER = list(ChecklistItem.Timing)
BEFORE_HEADINGS = {
    "moving-to-norway": gettext_lazy("Before you move"),
    "leaving-norway": gettext_lazy("Before you leave"),
}
DATE_QUESTIONS = {
    "moving-to-norway": gettext_lazy("When do you move to Norway, or when did you arrive?"),
    "leaving-norway": gettext_lazy("When do you leave Norway?"),
    "not-moving": gettext_lazy("When do you start working in Norway?"),
    "living-in-norway": gettext_lazy("When do you leave for your stay abroad?"),
}


@dataclass(frozen=True)
class MoveDate:
    """The `date` in the address: the day of the move (or departure), or why not."""

    raw: str  # as given, "" when absent
    day: datetime.date | None
    error: str  # in the page's language; "" when fine or absent


@dataclass(frozen=True)
class Step:
    key: str  # the item's key: the step links to it
    text: PageText
    deadline: PageText
    due: datetime.date | None  # the real date, when the rule and the visitor give one


@dataclass(frozen=True)
class StepGroup:
    timing: str
    heading: str
    steps: list[Step]


def read_move_date(raw: str | None, today: datetime.date) -> MoveDate:
    """The visitor's date, checked: a real date, not too far from today."""
    raw = (raw or "").strip()
    if not raw:
        return MoveDate("", None, "")
    try:
        if len(raw) > MAX_DATE_LENGTH:
            raise ValueError
        day = datetime.date.fromisoformat(raw)
    except ValueError:
        message = gettext("Enter a real date, as year-month-day: for example 2027-03-01.")
        return MoveDate(raw[:MAX_DATE_LENGTH], None, message)
    earliest = today - datetime.timedelta(days=EARLIEST_DAYS_BACK)
    latest = today + datetime.timedelta(days=round(365.25 * LATEST_YEARS_AHEAD))
    if not earliest <= day <= latest:
        message = gettext("Enter a date between %(earliest)s and %(latest)s.") % {
            "earliest": earliest.isoformat(),
            "latest": latest.isoformat(),
        }
        return MoveDate(raw, None, message)
    return MoveDate(raw, day, "")


def steps_of(items: Iterable[ChecklistItem], move_day: datetime.date | None) -> list[Step]:
    steps = []
    for item in items:
        if not item.is_a_step:
            continue  # the item only informs
        due = None
        if move_day is not None and item.offset_days is not None:
            due = move_day + datetime.timedelta(days=item.offset_days)
        steps.append(Step(item.key, item.page_step, item.page_deadline, due))
    return steps


def plan(
    items: Iterable[ChecklistItem], answers: Mapping[str, str], move_day: datetime.date | None
) -> list[StepGroup]:
    """The steps in time order: by group, then by date, then as the items come."""
    by_key = {item.key: item for item in items}
    steps = steps_of(by_key.values(), move_day)
    groups = []
    for timing in TIMING_ORDER:
        in_group = [step for step in steps if by_key[step.key].timing == timing]
        if not in_group:
            continue
        # A stable sort: undated steps keep the items' order, after the dated ones.
        in_group.sort(key=lambda step: (step.due is None, step.due or datetime.date.min))
        groups.append(StepGroup(timing, heading(timing, answers.get("move", "")), in_group))
    return groups


def heading(timing: str, move: str) -> str:
    if timing == ChecklistItem.Timing.BEFORE:
        return str(BEFORE_HEADINGS.get(move, gettext("First")))
    return str(ChecklistItem.Timing(timing).label)


def date_question(answers: Mapping[str, str]) -> str:
    """What the date field asks, for this visitor; "" when no date would help."""
    move = answers.get("move", "")
    if move == "living-in-norway" and answers.get("abroad") in (None, "no"):
        return ""
    return str(DATE_QUESTIONS.get(move, ""))
