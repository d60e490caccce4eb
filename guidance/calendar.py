"""The plan's dated steps as an iCalendar file (RFC 5545), written with the
icalendar library: one all-day event per step that has a date."""

import datetime
import hashlib

from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar, Event

from guidance.plan import StepGroup

PRODUCT_ID = "-//Health and Social Security in Norway//Checklist//EN"


def calendar_file(plan: list[StepGroup], result_address: str, sources: dict[str, str]) -> bytes:
    """`sources` maps an item key to the address of the official page its
    deadline rests on (or of its first source)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", gettext("Your plan for Norway"))
    stamp = timezone.now().astimezone(datetime.UTC)
    for group in plan:
        for step in group.steps:
            if step.due is None:
                continue
            event = Event()
            # Stable per step, date and checklist: importing again updates, not duplicates.
            seed = f"{step.key}|{step.due.isoformat()}|{result_address}"
            event.add("uid", hashlib.sha256(seed.encode()).hexdigest()[:32] + "@checklist")
            event.add("dtstamp", stamp)
            event.add("dtstart", step.due)
            event.add("dtend", step.due + datetime.timedelta(days=1))
            event.add("summary", step.text.text)
            lines = [step.text.text]
            if step.deadline.text:
                lines.append(step.deadline.text)
            if step.key in sources:
                lines.append(gettext("Official source: %(url)s") % {"url": sources[step.key]})
            lines.append(gettext("Your checklist: %(url)s") % {"url": result_address})
            event.add("description", "\n".join(lines))
            event.add("url", result_address)
            calendar.add_component(event)
    return bytes(calendar.to_ical())
