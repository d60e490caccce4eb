"""Amounts that change every year, written in texts as shortcuts in braces.

A guide says "G is {G}"; the page says "G is 130,160 kroner a year (from
1 May 2025)", with the value in force on the day of the request, formatted
for the page's language. Where no value is in force (none entered yet, or
none has started), the page says so and links to the rate's official source:
a reader never sees a raw {G}, and never an amount nobody has checked.

All rates are read in one query, cached under the content version (any save
moves it on) and the day (a value that comes into force starts a new entry).
"""

import datetime
import re
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from content.cache import content_version
from content.models import Rate
from content.sources import Publisher

SHORTCUT = re.compile(r"\{([A-Za-z][A-Za-z0-9-]*)\}")
CACHE_SECONDS = 60 * 60 * 24


@dataclass(frozen=True)
class RateShown:
    """What a page needs to show one rate: plain data, so it caches anywhere."""

    unit: str
    amount: int | None  # None: no value in force
    valid_from: datetime.date | None
    source_url: str | None
    source_url_nb: str | None
    source_publisher: str | None


def rates_in_force(day: datetime.date) -> dict[str, RateShown]:
    key = f"rates:{content_version()}:{day.isoformat()}"
    rates: dict[str, RateShown] | None = cache.get(key)
    if rates is None:
        rows = Rate.objects.with_value_in_force(day).order_by()
        rates = {
            row["key"]: RateShown(
                unit=row["unit"],
                amount=row["amount_in_force"],
                valid_from=row["in_force_from"],
                source_url=row["source_url"],
                source_url_nb=row["source_url_nb"],
                source_publisher=row["source_publisher"],
            )
            for row in rows.values(
                *("key", "unit", "amount_in_force", "in_force_from"),
                *("source_url", "source_url_nb", "source_publisher"),
            )
        }
        cache.set(key, rates, CACHE_SECONDS)
    return rates


def format_amount(amount: int, unit: str, valid_from: datetime.date) -> str:
    """ "130,160 kroner a year (from 1 May 2025)", in the active language."""
    values = {
        "amount": formats.number_format(amount, use_l10n=True, force_grouping=True),
        "date": formats.date_format(
            valid_from, pgettext("date format of a rate's first day", "j F Y")
        ),
    }
    if unit == Rate.Unit.YEAR:
        return _("%(amount)s kroner a year (from %(date)s)") % values
    if unit == Rate.Unit.MONTH:
        return _("%(amount)s kroner a month (from %(date)s)") % values
    return _("%(amount)s kroner (from %(date)s)") % values


def format_missing(rate: RateShown | None) -> str:
    """Markdown for a rate with no value in force: where to find the amount."""
    if rate is None or not rate.source_url or not rate.source_publisher:
        return _("the current amount (see the official pages)")
    url = rate.source_url
    if translation.get_language() == "nb" and rate.source_url_nb:
        url = rate.source_url_nb
    # Angle brackets keep an address with parentheses in one piece.
    address = url.replace("<", "%3C").replace(">", "%3E")
    publisher = Publisher(rate.source_publisher).label
    return _("the current amount (see [%(publisher)s](<%(url)s>))") % {
        "publisher": publisher,
        "url": address,
    }


def shown_text(rate: RateShown | None) -> str:
    if rate is None or rate.amount is None or rate.valid_from is None:
        return format_missing(rate)
    return format_amount(rate.amount, rate.unit, rate.valid_from)


def fill_in_rates(text: str, day: datetime.date | None = None) -> str:
    """The text with each shortcut replaced by the value in force on `day`
    (today by default), in the active language."""
    if not SHORTCUT.search(text):
        return text  # most texts: no query, no cache lookup
    rates = rates_in_force(day or timezone.localdate())
    return SHORTCUT.sub(lambda match: shown_text(rates.get(match[1])), text)


def validate_rate_shortcuts(text: str) -> None:
    """Refuses a text that names a rate that does not exist, e.g. {g} for {G}.

    For editors' forms: a page would show such a shortcut as "the current
    amount (see the official pages)", which is safe but says nothing.
    """
    used = dict.fromkeys(SHORTCUT.findall(text or ""))
    if not used:
        return
    known = set(Rate.objects.values_list("key", flat=True))
    unknown = [key for key in used if key not in known]
    if unknown:
        raise ValidationError(
            ngettext(
                "There is no rate called %(unknown)s. Rates: %(known)s.",
                "There are no rates called %(unknown)s. Rates: %(known)s.",
                len(unknown),
            ),
            code="unknown_rate",
            params={
                "unknown": ", ".join(f"{{{key}}}" for key in unknown),
                "known": ", ".join(f"{{{key}}}" for key in sorted(known, key=str.lower)),
            },
        )
