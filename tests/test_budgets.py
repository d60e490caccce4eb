"""Budgets a page must stay within: database queries and download weight.

Each test prints its figures at the end of the run (see tests/conftest.py),
so a change that costs more shows even while it is still within budget.
"""

import gzip
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guidance.models import Guide
from tests.support.factories import make_guide
from tests.support.pages import public_urls

pytestmark = pytest.mark.django_db

QUERIES_PER_PAGE = 6
WEIGHT_LIMIT_BYTES = 60 * 1024
# The heaviest first page a visitor meets: a long result, its plan with dates.
FULL_RESULT = (
    "/{lang}/checklist/result/?citizenship=us&residence=no&move=moving-to-norway"
    "&stay=12-months-or-more&permit=work&work=employee&children=1-2&single_parent=yes"
    "&children_abroad=yes&abroad=th&date=2027-03-01"
)
WEIGHED_PAGES = ["/{lang}/", "/{lang}/guides/certificate-s1/", FULL_RESULT]
ONE_YEAR = 365 * 24 * 60 * 60


def queries_for(client, url: str) -> int:
    cache.clear()  # measure a fresh render, not the page cache
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def add_guides(count: int) -> None:
    topic_guide = Guide.objects.select_related("topic").first()
    for _number in range(count):
        make_guide(topic=topic_guide.topic)


@pytest.mark.parametrize("url", public_urls())
def test_every_public_page_stays_within_the_query_budget(client, url, budget_figure):
    queries = queries_for(client, url)
    budget_figure(f"queries {url}", queries, QUERIES_PER_PAGE)
    assert queries <= QUERIES_PER_PAGE, f"{url} made {queries} queries"


def test_query_counts_do_not_grow_with_the_number_of_guides(client):
    urls = public_urls()
    with_the_content = {url: queries_for(client, url) for url in urls}
    add_guides(200)
    with_200_more = {url: queries_for(client, url) for url in urls}
    grown = {url: (with_the_content[url], with_200_more[url]) for url in urls}
    assert {url: n for url, n in grown.items() if n[0] != n[1]} == {}


def assets_of(html: str) -> list[str]:
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    scripts = re.findall(r'<script src="([^"]+)"', html)
    icons = re.findall(r'<link rel="icon" href="([^"]+)"', html)
    return stylesheets + scripts + icons


@pytest.mark.parametrize("page_url", WEIGHED_PAGES)
@pytest.mark.parametrize("language", ["en", "nb"])
def test_a_first_visit_downloads_under_60_kb_compressed(client, page_url, language, budget_figure):
    url = page_url.format(lang=language)
    response = client.get(url)
    assert response.status_code == 200, url  # the page itself, not a redirect
    html = response.content
    total = len(gzip.compress(html, 9))
    for asset in assets_of(html.decode()):
        response = client.get(asset)
        assert response.status_code == 200, asset
        total += len(gzip.compress(b"".join(response.streaming_content), 9))
    budget_figure(f"weight {url}", total, WEIGHT_LIMIT_BYTES)
    assert total < WEIGHT_LIMIT_BYTES, f"{url}: {total} bytes compressed"


@pytest.mark.parametrize("page_url", WEIGHED_PAGES)
def test_css_and_javascript_have_hashed_names_and_far_future_caching(client, page_url):
    html = client.get(page_url.format(lang="en")).content.decode()
    for asset in assets_of(html):
        assert re.search(r"\.[0-9a-f]{12}\.(css|js|svg)$", asset), asset
        cache_control = client.get(asset)["Cache-Control"]
        max_age = int(re.search(r"max-age=(\d+)", cache_control).group(1))
        assert max_age >= ONE_YEAR and "immutable" in cache_control, asset


@pytest.mark.parametrize("url", public_urls())
def test_no_image_lacks_width_and_height(client, url):
    html = client.get(url).content.decode()
    for image in re.findall(r"<img\b[^>]*>", html):
        assert re.search(r"\swidth=", image) and re.search(r"\sheight=", image), image
