"""The pages every public service has: about, contact, accessibility statement
and privacy, in both languages, linked from every page's footer, with their
sources, and edited by the editors like guides."""

import re

import pytest

from about.models import Page
from content.editors import EDITORS_GROUP

pytestmark = pytest.mark.django_db

PAGES = {
    "about": ("About this site", "Om nettstedet"),
    "contact": ("Contact the authorities", "Kontakt myndighetene"),
    "accessibility": ("Accessibility statement", "Tilgjengelighetserklæring"),
    "privacy": ("Privacy", "Personvern"),
}


def html_of(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


@pytest.mark.parametrize("key", PAGES)
@pytest.mark.parametrize(("language", "index"), [("en", 0), ("nb", 1)])
def test_each_page_is_there_in_both_languages(client, key, language, index):
    html = html_of(client, f"/{language}/{key}/")
    assert f"<h1>{PAGES[key][index]}</h1>" in html
    assert re.search(r'<p class="meta">[^<]+<time datetime="\d{4}-\d\d-\d\d">', html)


@pytest.mark.parametrize("key", PAGES)
def test_the_norwegian_pages_are_written_in_norwegian(client, key):
    main = html_of(client, f"/nb/{key}/").split("<main", 1)[1].split("</main>")[0]
    body = main.split('<section class="guide__sources"')[0]  # source titles may be English
    assert ' lang="en"' not in body


@pytest.mark.parametrize("language", ["en", "nb"])
def test_every_page_links_to_all_four_from_its_footer(client, language):
    footer = html_of(client, f"/{language}/guides/").split('<footer class="site-footer">')[1]
    for key in PAGES:
        assert f'href="/{language}/{key}/"' in footer


def test_the_pages_that_state_facts_cite_official_sources(client):
    for key in ("about", "contact", "accessibility"):
        page = Page.objects.get(key=key)
        assert page.sources.exists(), key
        html = html_of(client, f"/en/{key}/")
        assert '<h2 id="sources-heading">Sources</h2>' in html
        for source in page.sources.all():
            assert f'href="{source.url}"' in html


def test_the_contact_page_names_each_agency_with_a_number_to_tap(client):
    html = html_of(client, "/en/contact/")
    for heading in ("NAV: ", "Helfo: ", "UDI: ", "The Tax Administration: "):
        assert f">{heading}" in html
    for number in ("tel:+4755553333", "tel:+4723327000", "tel:+4780080000", "tel:+4722077000"):
        assert f'href="{number}"' in html
    assert 'href="tel:113"' in html


def test_the_accessibility_statement_covers_what_the_rules_ask(client):
    html = html_of(client, "/en/accessibility/")
    assert "WCAG" in html and "2.2" in html and "level AA" in html
    for heading in ("How we test it", "What still falls short", "Tell us about a problem"):
        assert f">{heading}</h2>" in html
    assert 'href="/en/feedback/"' in html


def test_the_privacy_page_says_what_is_and_is_not_kept(client):
    html = html_of(client, "/nb/privacy/")
    assert ">Dette lagrer vi ikke</h2>" in html
    assert "informasjonskapsler" in html
    assert "90 dager" in html


def test_a_page_edited_in_admin_shows_at_once(client):
    Page.objects.filter(key="about").update(summary_nb="En ny oppsummering.")
    page = Page.objects.get(key="about")
    page.save()  # a save, as admin does, moves the content version on
    assert "En ny oppsummering." in html_of(client, "/nb/about/")


def test_an_editor_can_change_a_page_but_not_its_key_or_delete_it(editor_client):
    page = Page.objects.get(key="contact")
    html = html_of(editor_client, f"/admin/about/page/{page.pk}/change/")
    assert 'name="title_en"' in html and 'name="title_nb"' in html
    assert 'name="body_nb"' in html
    assert 'name="key"' not in html
    assert editor_client.post(f"/admin/about/page/{page.pk}/delete/").status_code == 403


def test_editors_may_edit_the_pages(editor):
    assert editor.groups.filter(name=EDITORS_GROUP).exists()
    assert editor.has_perm("about.change_page")
    assert not editor.has_perm("about.delete_page")


def test_every_change_is_kept_in_history(editor_client):
    page = Page.objects.get(key="privacy")
    page.body_en += "\n\nOne more line."
    page.save()
    newest, *older = page.history.all()
    assert older
    assert newest.body_en.endswith("One more line.")
    assert editor_client.get(f"/admin/about/page/{page.pk}/history/").status_code == 200


def test_an_unknown_page_is_not_found(client):
    html_of(client, "/en/about-us/", status=404)
