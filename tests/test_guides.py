"""Guide pages as visitors and editors see them: list, guide, drafts, fallbacks,
sitemap, and a fixed number of queries however many guides there are."""

import datetime
import re
from xml.etree import ElementTree

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from content.scheduling import remember_next_due
from guidance.models import Guide
from tests.support.factories import make_guide, make_source, make_topic

pytestmark = pytest.mark.django_db


def main_html(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


# The guide list ---------------------------------------------------------------


def test_the_guide_list_shows_topics_in_order_with_their_published_guides(client):
    first = make_topic(title_en="First topic", order=901)
    second = make_topic(title_en="Second topic", order=902)
    make_guide(topic=second, title_en="Guide in the second topic")
    make_guide(topic=first, title_en="Guide B", order=2)
    make_guide(topic=first, title_en="Guide A", order=1, summary_en="What guide A is about.")
    html = main_html(client.get("/en/guides/"))
    positions = [
        html.index(text)
        for text in ("First topic", "Guide A", "Guide B", "Second topic", "Guide in the second")
    ]
    assert positions == sorted(positions)
    assert "What guide A is about." in html


def test_the_guide_list_has_a_labelled_search_form(client):
    html = main_html(client.get("/en/guides/"))
    assert 'action="/en/search/" method="get"' in html
    assert '<label for="search-query">Search the guides</label>' in html


def test_a_topic_without_published_guides_is_left_out(client):
    topic = make_topic(title_en="Topic with drafts only")
    make_guide(topic=topic, status=Guide.Status.DRAFT)
    assert "Topic with drafts only" not in client.get("/en/guides/").content.decode()


# Drafts -----------------------------------------------------------------------


def test_a_draft_guide_is_hidden_from_the_public(client):
    guide = make_guide(status=Guide.Status.DRAFT, title_en="Secret draft")
    response = client.get(f"/en/guides/{guide.slug}/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Secret draft" not in client.get("/en/guides/").content.decode()


def test_staff_see_a_draft_at_its_real_address_with_a_banner(editor_client):
    guide = make_guide(status=Guide.Status.DRAFT, title_en="Draft in progress")
    response = editor_client.get(f"/en/guides/{guide.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Draft – not published" in html
    assert "Draft in progress" in html
    assert '<meta name="robots" content="noindex">' in html
    assert "no-store" in response["Cache-Control"]


def test_staff_without_permission_on_guides_get_the_404(client):
    user = User.objects.create_user("other-staff", password="x", is_staff=True)
    client.force_login(user)
    guide = make_guide(status=Guide.Status.DRAFT)
    assert client.get(f"/en/guides/{guide.slug}/").status_code == 404


def test_a_published_guide_has_no_draft_banner(editor_client):
    guide = make_guide()
    assert (
        "Draft – not published" not in editor_client.get(guide.get_absolute_url()).content.decode()
    )


def test_a_published_guide_stays_cacheable_it_never_varies_on_cookie(client):
    guide = make_guide()
    client.cookies["sessionid"] = "some-session"
    response = client.get(f"/en/guides/{guide.slug}/")
    assert response.status_code == 200
    assert "Cookie" not in response.get("Vary", "")
    assert response.cookies == {}
    assert "no-store" not in response.get("Cache-Control", "")


def test_an_unknown_guide_gets_the_sites_404_page(client):
    response = client.get("/nb/guides/no-such-guide/")
    assert response.status_code == 404
    assert "Fant ikke siden" in response.content.decode()


def test_publishing_sets_the_first_published_date_once():
    guide = make_guide(status=Guide.Status.DRAFT)
    assert guide.published_on is None
    guide.status = Guide.Status.PUBLISHED
    guide.save()
    assert guide.published_on == timezone.localdate()
    guide.published_on = datetime.date(2025, 1, 1)
    guide.save()
    guide.refresh_from_db()
    assert guide.published_on == datetime.date(2025, 1, 1)


def test_published_returns_published_guides_only():
    published = make_guide()
    draft = make_guide(status=Guide.Status.DRAFT)
    found = set(Guide.objects.published())
    assert published in found
    assert draft not in found


def test_review_is_overdue_more_than_twelve_months_after_the_last_review():
    today = datetime.date(2026, 11, 23)
    just_in_time = make_guide(last_reviewed=datetime.date(2025, 11, 23))
    overdue = make_guide(last_reviewed=datetime.date(2025, 11, 22))
    found = set(Guide.objects.review_overdue(today=today))
    assert overdue in found
    assert just_in_time not in found


def test_review_overdue_counts_from_today_by_default():
    old = make_guide(last_reviewed=timezone.localdate() - datetime.timedelta(days=400))
    fresh = make_guide(last_reviewed=timezone.localdate() - datetime.timedelta(days=300))
    assert old in Guide.objects.review_overdue()
    assert fresh not in Guide.objects.review_overdue()
    assert old.is_review_overdue and not fresh.is_review_overdue


# A guide page -------------------------------------------------------------------


@pytest.fixture
def guide() -> Guide:
    topic = make_topic(title_en="Membership", title_nb="Medlemskap")
    related = make_guide(title_en="Healthcare in Norway", title_nb="Helsehjelp i Norge")
    draft_related = make_guide(title_en="Unfinished draft", status=Guide.Status.DRAFT)
    sources = [
        make_source(
            title_en="Membership of the National Insurance Scheme",
            title_nb="Medlemskap i folketrygden",
            url="https://www.nav.no/en/home/membership",
        ),
        make_source(
            title_en="Your regular GP", url="https://www.helfo.no/fastlege", publisher="helfo"
        ),
    ]
    guide = make_guide(
        topic=topic,
        title_en="The National Insurance Scheme",
        title_nb="Folketrygden",
        summary_en="Who is a member of Norway's National Insurance Scheme.",
        summary_nb="Hvem som er medlem av folketrygden.",
        sources=sources,
    )
    guide.related.set([related, draft_related])
    return guide


def test_a_guide_page_shows_title_summary_body_and_meta_description(client, guide):
    html = client.get("/en/guides/" + guide.slug + "/").content.decode()
    assert "<h1>The National Insurance Scheme</h1>" in html
    assert '<p class="lead">Who is a member of Norway&#x27;s National Insurance Scheme.</p>' in html
    assert (
        '<meta name="description" content="Who is a member of Norway&#x27;s National Insurance'
        in html
    )
    assert '<h2 id="who-is-a-member">Who is a member</h2>' in html
    assert '<a href="https://www.nav.no/en/home" rel="noopener noreferrer">benefits</a>' in html


def test_a_guide_page_has_breadcrumbs_ending_at_the_current_page(client, guide):
    html = client.get(f"/en/guides/{guide.slug}/").content.decode()
    crumbs = html[
        html.index('<nav class="breadcrumbs"') : html.index(
            "</nav>", html.index('<nav class="breadcrumbs"')
        )
    ]
    assert 'aria-label="Breadcrumbs"' in crumbs
    assert '<a href="/en/">Home</a>' in crumbs
    assert '<a href="/en/guides/">Guides</a>' in crumbs
    assert f'<a href="/en/guides/#{guide.topic.slug}">Membership</a>' in crumbs
    assert (
        f'<a href="/en/guides/{guide.slug}/" aria-current="page">The National Insurance Scheme</a>'
        in crumbs
    )


def test_a_guide_page_lists_its_sources_with_publisher_and_link(client, guide):
    html = main_html(client.get(f"/nb/guides/{guide.slug}/"))
    assert '<h2 id="sources-heading">Kilder</h2>' in html
    assert '<a href="https://www.nav.no/en/home/membership">Medlemskap i folketrygden</a>' in html
    assert '<span class="guide__publisher">utgitt av Helfo</span>' in html


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("en", 'Last reviewed <time datetime="2026-03-05">5 March 2026</time>'),
        ("nb", 'Sist kontrollert <time datetime="2026-03-05">5. mars 2026</time>'),
    ],
)
def test_the_last_reviewed_date_is_written_in_the_page_language(client, language, shown):
    guide = make_guide(last_reviewed=datetime.date(2026, 3, 5))
    html = client.get(f"/{language}/guides/{guide.slug}/").content.decode()
    assert shown in html


def test_related_guides_link_to_published_guides_only(client, guide):
    html = main_html(client.get(f"/en/guides/{guide.slug}/"))
    related = html[html.index('id="related-heading"') :]
    assert "Healthcare in Norway" in related
    assert "Unfinished draft" not in html


def test_a_guide_page_leads_to_the_checklist_and_to_the_authorities(client, guide):
    html = main_html(client.get(f"/en/guides/{guide.slug}/"))
    assert 'href="/en/checklist/"' in html
    assert "Ask NAV or Helfo about your own case" in html


def test_three_or_more_sections_get_a_table_of_contents(client, guide):
    html = main_html(client.get(f"/en/guides/{guide.slug}/"))
    toc = html[
        html.index('<nav class="toc"') : html.index("</nav>", html.index('<nav class="toc"'))
    ]
    assert re.findall(r'href="#([\w-]+)"', toc) == [
        "who-is-a-member",
        "what-membership-gives",
        "when-membership-ends",
    ]


def test_fewer_than_three_sections_get_no_table_of_contents(client):
    guide = make_guide(body_en="Intro.\n\n## One\n\nText.\n\n## Two\n\nText.\n")
    assert 'class="toc"' not in client.get(f"/en/guides/{guide.slug}/").content.decode()


def test_an_edited_body_is_shown_at_once_not_a_cached_rendering(client, guide):
    client.get(f"/en/guides/{guide.slug}/")
    guide.body_en = "## A brand new section\n\nNew text."
    guide.save()
    assert "A brand new section" in client.get(f"/en/guides/{guide.slug}/").content.decode()


# Norwegian fallback -------------------------------------------------------------


def test_a_norwegian_page_without_translation_shows_english_marked_as_english(client):
    topic = make_topic(title_nb="")
    guide = make_guide(topic=topic, title_nb="", summary_nb="", body_nb="", title_en="Pensioners")
    html = main_html(client.get(f"/nb/guides/{guide.slug}/"))
    assert '<h1 lang="en">Pensioners</h1>' in html
    assert '<p class="lead" lang="en">A guide made for a test.</p>' in html
    assert '<div class="guide__body" lang="en"><p>Introduction for newcomers.</p>' in html
    assert "Den norske versjonen av denne veiledningen er på vei" in html


def test_a_missing_norwegian_body_alone_falls_back_too(client):
    guide = make_guide(body_nb=None)
    html = main_html(client.get(f"/nb/guides/{guide.slug}/"))
    assert "<h1>Testveiledning" in html
    assert '<div class="guide__body" lang="en">' in html
    assert "er på vei" in html


def test_an_untranslated_guide_is_listed_in_english_on_norwegian_pages(client):
    guide = make_guide(title_nb="", title_en="Families and children")
    html = main_html(client.get("/nb/guides/"))
    link = f'href="/nb/guides/{guide.slug}/" lang="en">Families and children</a>'
    assert link in html
    assert "(på engelsk)" in html


def test_a_translated_guide_has_no_fallback_note(client, guide):
    html = main_html(client.get(f"/nb/guides/{guide.slug}/"))
    assert "<h1>Folketrygden</h1>" in html
    assert 'lang="en"' not in html
    assert "er på vei" not in html


# Sitemap ------------------------------------------------------------------------

NAMESPACES = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def test_the_sitemap_lists_every_published_guide_in_both_languages_with_alternates(client):
    guide = make_guide()
    draft = make_guide(status=Guide.Status.DRAFT)
    tree = ElementTree.fromstring(client.get("/sitemap.xml").content)
    urls = {url.find("s:loc", NAMESPACES).text: url for url in tree.findall("s:url", NAMESPACES)}
    for language in ("en", "nb"):
        url = urls[f"http://testserver/{language}/guides/{guide.slug}/"]
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NAMESPACES)
        }
        assert alternates == {
            "en": f"http://testserver/en/guides/{guide.slug}/",
            "nb": f"http://testserver/nb/guides/{guide.slug}/",
            # The address without a language sends each browser to its language.
            "x-default": f"http://testserver/guides/{guide.slug}/",
        }
        # In the site's time zone, as the sitemap writes it.
        lastmod = timezone.localdate(guide.updated).isoformat()
        assert url.find("s:lastmod", NAMESPACES).text == lastmod
    assert "http://testserver/en/guides/" in urls
    assert not any(draft.slug in location for location in urls)
    redirect = client.get(f"/guides/{guide.slug}/", headers={"accept-language": "nb"})
    assert redirect["Location"] == f"/nb/guides/{guide.slug}/"


# Queries ------------------------------------------------------------------------


def add_guides(count: int) -> Guide:
    topics = [make_topic() for _ in range(3)]
    guides = [
        make_guide(topic=topics[number % 3], body_en="pension " * 5) for number in range(count)
    ]
    for guide in guides[:5]:
        guide.related.set(guides[5:10])
    return guides[0]


@pytest.mark.parametrize(
    ("url", "queries"),
    # Search: the guides, and (SQLite's snippets) the rates in force they fill in.
    [("/en/guides/", 2), ("/nb/guides/{slug}/", 3), ("/en/search/?q=pension", 2)],
)
def test_each_page_makes_the_same_few_queries_with_10_or_200_guides(
    client, django_assert_max_num_queries, url, queries
):
    # A process reads the next scheduled change's time from the database once,
    # when neither it nor the shared cache knows it (content/scheduling.py):
    # learn it first, as a deploy's migrate does, so it is not counted here.
    remember_next_due()
    made = []
    for count in (10, 190):
        guide = add_guides(count)
        with django_assert_max_num_queries(queries) as context:
            assert client.get(url.format(slug=guide.slug)).status_code == 200
        made.append(len(context.captured_queries))
    assert made[0] == made[1]  # the count does not grow with the guides


def test_the_sitemap_makes_the_same_few_queries_with_10_or_200_guides(
    client, django_assert_max_num_queries
):
    for count in (10, 190):
        add_guides(count)
        # Guides, agreements, the countries with one, and the site's own pages.
        with django_assert_max_num_queries(4):
            assert client.get("/sitemap.xml").status_code == 200
