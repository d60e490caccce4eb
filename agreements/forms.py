from typing import TYPE_CHECKING

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from agreements.countries import sorted_countries

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

CHOOSE_FROM_LIST = _("Choose a country from the list")


def country_choices() -> list[tuple[str, "StrOrPromise"]]:
    """Every country but Norway (the other party to every agreement), sorted in
    the language of the page."""
    return [("", _("Choose a country")), *sorted_countries(exclude=frozenset({"no"}))]


class CountryChoiceForm(forms.Form):
    """The index's picker: a plain GET form, so it works without JavaScript."""

    # A callable, so the names are those of the language the page is shown in.
    country = forms.ChoiceField(
        label=_("Country"),
        choices=country_choices,
        error_messages={"required": CHOOSE_FROM_LIST, "invalid_choice": CHOOSE_FROM_LIST},
    )

    @classmethod
    def from_query(cls, query: QueryDict) -> "CountryChoiceForm":
        """Bound to the query string, forgiving case and stray spaces."""
        return cls({"country": query.get("country", "").strip().lower()[:10]})
