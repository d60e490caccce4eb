"""The initial content: every guide file is loaded, published, reviewed within
the last year and readable in both languages, and the loader is safe to run
twice and loud about mistakes."""

import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from content.loading import ContentError, ContentLoader, read_toml
from content.models import Source
from guidance.initial_content.loader import CONTENT_DIR
from guidance.initial_content.loader import load as load_guides
from guidance.models import Guide, Topic
from guidance.search import search_guides

pytestmark = pytest.mark.django_db

GUIDE_FILES = sorted((CONTENT_DIR / "guides").glob("*.toml"))
ISSUE_GUIDES = [
    "national-insurance-scheme",
    "healthcare-in-norway",
    "certificate-s1",
    "nav-benefits",
    "moving-to-norway",
    "staying-abroad",
    "families-and-children",
    "pensioners",
]

# The content files in this repository -------------------------------------------


def test_every_guide_file_is_loaded_and_no_guide_comes_from_elsewhere():
    assert sorted(Guide.objects.values_list("slug", flat=True)) == [
        path.stem for path in GUIDE_FILES
    ]


@pytest.mark.parametrize("path", GUIDE_FILES, ids=[path.stem for path in GUIDE_FILES])
def test_every_guide_is_published_and_was_reviewed_within_a_year(client, path):
    guide = Guide.objects.get(slug=path.stem)
    assert guide.is_published
    assert guide.sources.exists()
    assert guide.last_reviewed <= timezone.localdate(), "reviewed in the future"
    assert not guide.is_review_overdue
    for language in ("en", "nb"):
        response = client.get(f"/{language}/guides/{guide.slug}/")
        assert response.status_code == 200


@pytest.mark.parametrize("path", GUIDE_FILES, ids=[path.stem for path in GUIDE_FILES])
def test_every_guide_is_written_in_norwegian_too(path):
    guide = Guide.objects.get(slug=path.stem)
    assert guide.title_nb and guide.summary_nb and guide.body_nb


def test_the_guides_the_issue_asks_for_are_all_there():
    assert set(ISSUE_GUIDES) <= set(Guide.objects.published().values_list("slug", flat=True))


@pytest.mark.parametrize(
    ("query", "language", "slug"),
    [
        ("S1", "en", "certificate-s1"),
        ("S1", "nb", "certificate-s1"),
        ("fastlege", "en", "healthcare-in-norway"),
        ("fastlege", "nb", "healthcare-in-norway"),
        ("pension", "en", "pensioners"),
        ("Helfo", "en", "staying-abroad"),
        ("Helfo", "nb", "staying-abroad"),
    ],
)
def test_searching_the_guides_finds_the_one_that_answers(query, language, slug):
    assert slug in [result.guide.slug for result in search_guides(query, language)]


def test_every_topic_and_source_in_the_files_is_loaded():
    topics = {topic["slug"] for topic in read_toml(CONTENT_DIR / "topics.toml")["topic"]}
    assert set(Topic.objects.values_list("slug", flat=True)) == topics
    # Every app's content folder that has sources: guidance, agreements, the
    # rates' (content) and the site's own pages' (about).
    folders = Path(settings.BASE_DIR).glob("*/initial_content/sources.toml")
    addresses = {source["url"].strip() for path in folders for source in read_toml(path)["source"]}
    assert set(Source.objects.values_list("url", flat=True)) == addresses


# The loader, against a small set of files of its own ---------------------------

SOURCES = """
[[source]]
key = "nav-membership"
publisher = "nav"
url = "https://www.nav.no/en/home/membership"
title_en = "Membership of the National Insurance Scheme"
title_nb = "Medlemskap i folketrygden"

[[source]]
key = "helfo-gp"
publisher = "helfo"
url = "https://www.helfo.no/fastlege"
title_en = "Your regular GP"
"""

TOPICS = """
[[topic]]
slug = "fixture-topic"
order = 9
title_en = "Fixture topic"
title_nb = "Testemne"
summary_en = "A topic."
summary_nb = "Et emne."
"""

GUIDE = """
slug = "{slug}"
topic = "fixture-topic"
order = 1
last_reviewed = 2026-11-23
sources = {sources}
related = {related}
title_en = "Fixture guide {slug}"
title_nb = "Testveiledning {slug}"
summary_en = "A guide for the loader test."
summary_nb = "En veiledning for testen av innlastingen."
body_en = '''
Intro.

## A section
'''
body_nb = '''
Innledning.
'''
"""


def write_content(directory: Path, guides: dict[str, str]) -> Path:
    (directory / "guides").mkdir()
    (directory / "sources.toml").write_text(SOURCES)
    (directory / "topics.toml").write_text(TOPICS)
    for name, text in guides.items():
        (directory / "guides" / f"{name}.toml").write_text(textwrap.dedent(text))
    return directory


def guide_file(slug: str, sources='["nav-membership"]', related="[]", **replace) -> str:
    text = GUIDE.format(slug=slug, sources=sources, related=related)
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


def load(directory: Path) -> None:
    load_guides(ContentLoader(), directory)


def test_the_loader_loads_sources_topics_and_guides_in_both_languages(tmp_path):
    content = write_content(
        tmp_path,
        {
            "fixture-a": guide_file("fixture-a", related='["fixture-b"]'),
            "fixture-b": guide_file("fixture-b", sources='["nav-membership", "helfo-gp"]'),
        },
    )
    load(content)
    guide = Guide.objects.get(slug="fixture-a")
    assert guide.title_en == "Fixture guide fixture-a"
    assert guide.title_nb == "Testveiledning fixture-a"
    assert guide.body_nb.strip() == "Innledning."
    assert guide.is_published and guide.published_on is not None
    assert guide.topic.slug == "fixture-topic"
    assert [related.slug for related in guide.related.all()] == ["fixture-b"]
    assert Guide.objects.get(slug="fixture-b").sources.count() == 2
    source = Source.objects.get(url="https://www.helfo.no/fastlege")
    assert (source.title_en, source.title_nb, source.publisher) == ("Your regular GP", "", "helfo")


def test_loading_twice_changes_nothing(tmp_path):
    content = write_content(tmp_path, {"fixture-a": guide_file("fixture-a")})
    load(content)
    counts = (Guide.objects.count(), Source.objects.count(), Topic.objects.count())
    history = Guide.history.filter(slug="fixture-a").count()
    load(content)
    assert (Guide.objects.count(), Source.objects.count(), Topic.objects.count()) == counts
    assert Guide.history.filter(slug="fixture-a").count() == history == 1


def test_missing_norwegian_text_is_left_empty_for_the_english_fallback(tmp_path, client):
    text = guide_file("fixture-a").replace('title_nb = "Testveiledning fixture-a"\n', "")
    text = text.split("body_nb")[0]
    load(write_content(tmp_path, {"fixture-a": text}))
    guide = Guide.objects.get(slug="fixture-a")
    assert guide.title_nb == "" and guide.body_nb == ""
    html = client.get("/nb/guides/fixture-a/").content.decode()
    assert '<h1 lang="en">Fixture guide fixture-a</h1>' in html


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"fixture-a": guide_file("fixture-a", sources='["no-such-source"]')},
            "guides/fixture-a.toml: 'sources' names an unknown source 'no-such-source'",
        ),
        (
            {"fixture-a": guide_file("fixture-a", related='["no-such-guide"]')},
            "guides/fixture-a.toml: 'related' names an unknown guide 'no-such-guide'",
        ),
        (
            {"fixture-a": guide_file("fixture-a", sources="[]")},
            "guides/fixture-a.toml: 'sources' must name at least one source",
        ),
        (
            {"fixture-a": guide_file("fixture-a").replace("fixture-topic", "no-topic")},
            "guides/fixture-a.toml: 'topic' names an unknown topic 'no-topic'",
        ),
        (
            {"fixture-a": guide_file("fixture-a").replace('title_en = "Fixture guide', "#")},
            "guides/fixture-a.toml: 'title_en' is missing",
        ),
        (
            {"fixture-a": guide_file("fixture-a").replace("title_en", "tittle_en", 1)},
            "guides/fixture-a.toml: unknown key 'tittle_en'",
        ),
        (
            {"fixture-a": guide_file("fixture-a").replace("order = 1", "order = 1\nstatus = 1")},
            "guides/fixture-a.toml: unknown key 'status'",
        ),
        (
            {"fixture-a": guide_file("fixture-a").replace("2026-11-23", '"soon"')},
            "guides/fixture-a.toml: 'last_reviewed' must be a date",
        ),
        (
            {"other-name": guide_file("fixture-a")},
            "guides/other-name.toml: 'slug' must be 'other-name'",
        ),
        (
            {
                "fixture-a": guide_file("fixture-a").replace(
                    "A guide for the loader test.", "x" * 201
                )
            },
            "guides/fixture-a.toml: 'summary_en' is longer than 200 characters",
        ),
        (
            {"fixture-a": guide_file("fixture-a").replace("slug =", "slug ==")},
            "fixture-a.toml: not valid TOML",
        ),
    ],
    ids=[
        "unknown-source",
        "unknown-related",
        "no-source",
        "unknown-topic",
        "missing-title",
        "misspelt-key",
        "unknown-key",
        "bad-date",
        "slug-not-file-name",
        "long-summary",
        "broken-toml",
    ],
)
def test_a_mistake_in_a_guide_file_stops_loading_with_file_and_key(tmp_path, files, message):
    with pytest.raises(ContentError, match=message.replace("(", r"\(")):
        load(write_content(tmp_path, files))


@pytest.mark.parametrize(
    ("replace", "message"),
    [
        (("https://www.helfo.no/fastlege", "https://example.org/x"), "not an https address"),
        (('publisher = "helfo"', 'publisher = "nav"'), "belongs to 'helfo', not 'nav'"),
        (('key = "helfo-gp"', 'key = "nav-membership"'), "used twice"),
    ],
)
def test_a_mistake_in_sources_stops_loading_with_the_key(tmp_path, replace, message):
    content = write_content(tmp_path, {})
    sources = content / "sources.toml"
    sources.write_text(sources.read_text().replace(*replace))
    with pytest.raises(ContentError, match=f"sources.toml, source .*{message}"):
        load(content)
