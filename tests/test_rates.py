"""Amounts that change every year are data: texts name them in braces ({G}),
pages show the value in force on the day, with the day it started."""

import datetime
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import timezone, translation

from config.page_cache import page_key
from content.initial_content.loader import load as load_rates
from content.loading import ContentError, ContentLoader
from content.markdown import cached_markdown
from content.models import Rate, RateValue, Source
from content.rates import fill_in_rates, validate_rate_shortcuts
from tests.support.factories import make_guide, make_source

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)
G_2025 = datetime.date(2025, 5, 1)
G_2026 = datetime.date(2026, 5, 1)
NBSP = "\xa0"


def make_rate(
    key: str = "test-rate",
    unit: str = Rate.Unit.YEAR,
    renews_on: str = "05-01",
    values: tuple[tuple[datetime.date, int], ...] = (),
    source: Source | None = None,
) -> Rate:
    source = source or make_source()
    rate = Rate.objects.create(
        key=key, name_en="Test rate", name_nb="Testsats", unit=unit, renews_on=renews_on
    )
    rate.sources.set([source])
    for valid_from, amount in values:
        RateValue.objects.create(rate=rate, valid_from=valid_from, amount=amount, source=source)
    return rate


def basic_amount(*values: tuple[datetime.date, int]) -> Rate:
    """The loaded rate G, with only the values a test gives it."""
    rate = Rate.objects.get(key="G")
    rate.dated_values.all().delete()
    for valid_from, amount in values:
        RateValue.objects.create(
            rate=rate, valid_from=valid_from, amount=amount, source=rate.sources.first()
        )
    return rate


def filled_in(text: str, language: str, day: datetime.date = TODAY) -> str:
    with translation.override(language):
        return fill_in_rates(text, day)


@pytest.mark.parametrize(
    ("unit", "language", "shown"),
    [
        ("year", "en", "G is 130,160 kroner a year (from 1 May 2025)."),
        ("year", "nb", f"G is 130{NBSP}160 kroner per år (fra 1. mai 2025)."),
        ("month", "en", "G is 130,160 kroner a month (from 1 May 2025)."),
        ("month", "nb", f"G is 130{NBSP}160 kroner per måned (fra 1. mai 2025)."),
        ("once", "en", "G is 130,160 kroner (from 1 May 2025)."),
        ("once", "nb", f"G is 130{NBSP}160 kroner (fra 1. mai 2025)."),
    ],
)
def test_an_amount_shows_in_the_pages_language_with_the_day_it_started(unit, language, shown):
    make_rate(unit=unit, values=((G_2025, 130160),))
    assert filled_in("G is {test-rate}.", language) == shown


def test_the_value_in_force_changes_on_the_day_the_new_one_starts():
    make_rate(values=((G_2025, 130160), (G_2026, 140000)))
    day_before = G_2026 - datetime.timedelta(days=1)
    assert filled_in("{test-rate}", "en", day_before) == "130,160 kroner a year (from 1 May 2025)"
    assert filled_in("{test-rate}", "en", G_2026) == "140,000 kroner a year (from 1 May 2026)"


def test_a_value_entered_ahead_of_its_first_day_is_not_shown_before_it():
    source = make_source(url="https://www.nav.no/en/rate-page", url_nb="https://www.nav.no/sats")
    make_rate(values=((datetime.date(2027, 5, 1), 150000),), source=source)
    assert filled_in("G is {test-rate}.", "en") == (
        "G is the current amount (see [NAV](<https://www.nav.no/en/rate-page>))."
    )
    assert filled_in("G er {test-rate}.", "nb") == (
        "G er gjeldende beløp (se [NAV](<https://www.nav.no/sats>))."
    )


def test_a_rate_with_no_value_sends_the_reader_to_its_official_source(client):
    basic_amount()
    guide = make_guide(body_en="The basic amount is {G}.", body_nb="Grunnbeløpet er {G}.")
    english = client.get(f"/en/guides/{guide.slug}/").content.decode()
    norwegian = client.get(f"/nb/guides/{guide.slug}/").content.decode()
    link = '<a href="https://www.nav.no/grunnbelopet" rel="noopener noreferrer">NAV</a>'
    assert f"The basic amount is the current amount (see {link})." in english
    assert f"Grunnbeløpet er gjeldende beløp (se {link})." in norwegian
    assert "{G}" not in english + norwegian


def test_an_unknown_shortcut_never_shows_as_it_was_typed(client):
    guide = make_guide(body_en="The amount is {no-such-rate}.")
    response = client.get(f"/en/guides/{guide.slug}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "The amount is the current amount (see the official pages)." in page
    assert "{no-such-rate}" not in page


def test_a_guide_shows_the_amount_with_its_date_in_both_languages(client):
    basic_amount((G_2025, 130160))
    guide = make_guide(body_en="G is {G}.", body_nb="G er {G}.")
    english = client.get(f"/en/guides/{guide.slug}/").content.decode()
    norwegian = client.get(f"/nb/guides/{guide.slug}/").content.decode()
    assert "G is 130,160 kroner a year (from 1 May 2025)." in english
    # The thousands are grouped with a non-breaking space, which the page writes as &nbsp;.
    assert "G er 130&nbsp;160 kroner per år (fra 1. mai 2025)." in norwegian


def rate_form_data(rate: Rate, values: list[tuple[RateValue | None, str, int]]) -> dict:
    """What admin's change form for a rate posts: its fields and its values."""
    prefix = "dated_values"
    data = {
        "name_en": rate.name_en,
        "name_nb": rate.name_nb or "",
        "unit": rate.unit,
        "renews_on": rate.renews_on,
        "sources": [source.pk for source in rate.sources.all()],
        f"{prefix}-TOTAL_FORMS": str(len(values)),
        f"{prefix}-INITIAL_FORMS": str(sum(1 for value, *_ in values if value is not None)),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for number, (value, valid_from, amount) in enumerate(values):
        data |= {
            f"{prefix}-{number}-id": value.pk if value else "",
            f"{prefix}-{number}-rate": rate.pk,
            f"{prefix}-{number}-valid_from": valid_from,
            f"{prefix}-{number}-amount": str(amount),
            f"{prefix}-{number}-source": rate.sources.first().pk,
        }
    return data


def test_an_editors_change_to_a_rate_shows_on_the_next_request_of_every_page_using_it(
    client, editor_client
):
    rate = basic_amount((G_2025, 130160))
    first, second = make_guide(body_en="G is {G}."), make_guide(body_en="Six times G ({G}).")
    for guide in (first, second):
        assert "130,160 kroner" in client.get(f"/en/guides/{guide.slug}/").content.decode()

    value = rate.dated_values.get()
    response = editor_client.post(
        f"/admin/content/rate/{rate.pk}/change/",
        rate_form_data(rate, [(value, "2025-05-01", 130161)]),
    )

    assert response.status_code == 302, response.content.decode()
    for guide in (first, second):
        page = client.get(f"/en/guides/{guide.slug}/").content.decode()
        assert "130,161 kroner a year (from 1 May 2025)" in page
        assert "130,160" not in page


def test_an_editor_opens_a_rate_with_its_values_and_cannot_change_its_key(editor_client):
    rate = basic_amount((G_2025, 130160))
    page = editor_client.get(f"/admin/content/rate/{rate.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="dated_values-0-amount" value="130160"' in html
    assert 'name="key"' not in html


def test_an_editors_new_value_replaces_the_old_one_from_its_first_day(client, editor_client):
    rate = basic_amount((G_2025, 130160))
    guide = make_guide(body_en="G is {G}.")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    editor_client.post(
        f"/admin/content/rate/{rate.pk}/change/",
        rate_form_data(
            rate, [(rate.dated_values.get(), "2025-05-01", 130160), (None, str(yesterday), 140000)]
        ),
    )
    page = client.get(f"/en/guides/{guide.slug}/").content.decode()
    assert "140,000 kroner a year" in page
    assert rate.dated_values.count() == 2


def test_a_value_coming_into_force_shows_on_its_first_day_though_the_page_was_cached(
    client, monkeypatch
):
    basic_amount((G_2025, 130160), (G_2026, 140000))
    guide = make_guide(body_en="G is {G}.")
    path = f"/en/guides/{guide.slug}/"
    monkeypatch.setattr(timezone, "localdate", lambda *args: G_2026 - datetime.timedelta(days=1))
    assert "130,160 kroner" in client.get(path).content.decode()
    monkeypatch.setattr(timezone, "localdate", lambda *args: G_2026)
    page = client.get(path).content.decode()
    assert "140,000 kroner a year (from 1 May 2026)" in page


def test_the_page_cache_starts_afresh_each_day(monkeypatch):
    request = RequestFactory().get("/en/guides/")
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)
    today = page_key(request)
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY + datetime.timedelta(days=1))
    assert page_key(request) != today


def test_rendered_markdown_is_renewed_when_a_rate_changes():
    rate = basic_amount((G_2025, 130160))
    assert "130,160" in cached_markdown("G is {G}.").html
    value = rate.dated_values.get()
    value.amount = 130161
    value.save()
    assert "130,161" in cached_markdown("G is {G}.").html


def test_all_rates_are_read_in_one_query_a_day(django_assert_num_queries):
    with django_assert_num_queries(1):
        filled_in("{G} and {user-fee-ceiling}", "en")
    with django_assert_num_queries(0):
        filled_in("{lump-sum-grant}", "nb")
        filled_in("A text with no shortcut.", "en")


def test_renewal_is_overdue_when_the_newest_value_is_older_than_the_yearly_change():
    source = make_source()
    make_rate("old-g", renews_on="05-01", values=((G_2025, 1),), source=source)
    make_rate("new-g", renews_on="05-01", values=((G_2026, 1),), source=source)
    make_rate("ceiling", renews_on="01-01", values=((datetime.date(2026, 1, 1), 1),))
    make_rate("irregular", renews_on="", values=((datetime.date(2019, 3, 1), 1),))
    make_rate("empty", renews_on="")
    overdue = set(Rate.objects.renewal_overdue(TODAY).values_list("key", flat=True))
    assert {"old-g", "empty"} <= overdue
    assert not {"new-g", "ceiling", "irregular"} & overdue
    on_the_last_day = datetime.date(2026, 4, 30)
    assert "old-g" not in Rate.objects.renewal_overdue(on_the_last_day).values_list(
        "key", flat=True
    )


def test_editors_can_list_the_rates_overdue_for_renewal(editor_client):
    make_rate("old-g", values=((G_2025, 130160),))
    make_rate("new-g", values=((timezone.localdate(), 140000),))
    everything = editor_client.get("/admin/content/rate/").content.decode()
    overdue = editor_client.get("/admin/content/rate/?renewal=overdue").content.decode()
    assert "{old-g}" in everything and "{new-g}" in everything
    assert "{old-g}" in overdue and "{new-g}" not in overdue
    assert "Overdue" in overdue and "Up to date" in everything
    assert "130,160 kroner a year (from 1 May 2025)" in everything


def test_the_loaded_rates_cite_an_official_page_for_every_value():
    assert set(Rate.objects.values_list("key", flat=True)) >= {
        *("G", "user-fee-ceiling", "lump-sum-grant", "child-benefit", "cash-for-care"),
    }
    ceiling = Rate.objects.get(key="user-fee-ceiling").dated_values.get(
        valid_from=datetime.date(2026, 1, 1)
    )
    assert (ceiling.amount, ceiling.source.publisher) == (3278, "helsenorge")
    assert all(rate.sources.exists() for rate in Rate.objects.all())


def test_loading_the_rates_twice_changes_nothing():
    history = Rate.history.count(), RateValue.history.count()
    loader = ContentLoader()
    load_rates(loader)
    report = loader.report
    assert (report.created, report.updated, report.kept, report.removed) == ([], [], [], [])
    assert (Rate.history.count(), RateValue.history.count()) == history


def test_loading_leaves_a_value_an_editor_added():
    rate = Rate.objects.get(key="user-fee-ceiling")
    RateValue.objects.create(
        rate=rate, valid_from=datetime.date(2027, 1, 1), amount=3400, source=rate.sources.first()
    )
    load_rates(ContentLoader())
    assert rate.dated_values.filter(valid_from=datetime.date(2027, 1, 1), amount=3400).exists()


def write_rates(directory: Path, rates: str) -> Path:
    content = Path(settings.BASE_DIR) / "content" / "initial_content"
    shutil.copy(content / "sources.toml", directory / "sources.toml")
    (directory / "rates.toml").write_text(rates)
    return directory


@pytest.mark.parametrize(
    ("rates", "message"),
    [
        (
            '[[rate]]\nkey = "x"\nname_en = "X"\nunit = "week"\nsources = ["nav-basic-amount"]\n',
            "rates.toml, rate x: 'unit' must be one of year, month, once.",
        ),
        (
            '[[rate]]\nkey = "x"\nname_en = "X"\nunit = "year"\nsources = ["nowhere"]\n',
            "rates.toml, rate x: 'sources' names an unknown source 'nowhere'.",
        ),
        (
            '[[rate]]\nkey = "x"\nname_en = "X"\nunit = "year"\nsources = ["nav-basic-amount"]\n'
            '[[rate.value]]\nvalid_from = 2026-05-01\namount = "a lot"\n'
            'source = "nav-basic-amount"\n',
            "rates.toml, rate x, value from 2026-05-01: 'amount' must be a whole number of kroner.",
        ),
        (
            '[[rate]]\nkey = "x"\nname_en = "X"\nunit = "year"\nrenews_on = "May 1"\n'
            'sources = ["nav-basic-amount"]\n',
            "rates.toml, rate x: 'renews_on' must be a day such as \"05-01\".",
        ),
    ],
)
def test_a_mistake_in_the_rates_file_names_the_file_and_the_rate(tmp_path, rates, message):
    with pytest.raises(ContentError) as error:
        load_rates(ContentLoader(), write_rates(tmp_path, rates))
    assert str(error.value) == message


def test_a_text_naming_an_unknown_rate_is_refused():
    validate_rate_shortcuts("G is {G}; the ceiling is {user-fee-ceiling}.")
    with pytest.raises(ValidationError) as error:
        validate_rate_shortcuts("G is {g}.")
    assert "There is no rate called {g}." in error.value.messages[0]
    assert "{G}" in error.value.messages[0]


def test_a_text_without_shortcuts_is_checked_without_a_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        validate_rate_shortcuts("No amounts here.")


@pytest.mark.django_db
def test_an_editor_is_told_when_a_body_names_a_rate_that_does_not_exist(editor_client):
    from tests.support.admin_forms import change_url, form_data
    from tests.support.factories import make_guide

    guide = make_guide()
    response = editor_client.post(change_url(guide), form_data(guide, body_en="About {GG} a year."))
    assert response.status_code == 200  # the form again, not a redirect
    assert "There is no rate called {GG}" in response.content.decode()
    guide.refresh_from_db()
    assert "{GG}" not in guide.body_en


@pytest.mark.django_db
def test_a_search_snippet_shows_the_amount_not_the_shortcut(client):
    from tests.support.factories import make_guide

    make_guide(title_en="Ceiling guide", body_en="The yearly ceiling is {user-fee-ceiling} now.")
    page = client.get("/en/search/?q=ceiling").content.decode()
    assert "{user-fee-ceiling}" not in page
