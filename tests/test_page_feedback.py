""" "Was this page useful?": a plain form at the end of guide and country pages
that keeps the page cache working (no token, no cookie), stores the page's
path, the answer and an optional comment and nothing about the visitor, is
rate-limited per address, and is read by editors per page in admin."""

import pytest

from feedback.models import PageFeedback
from feedback.rate_limit import ANSWERS_PER_MINUTE
from guidance.models import Guide

pytestmark = pytest.mark.django_db

GUIDE = "/{language}/guides/national-insurance-scheme/"


def a_guide_path(language: str = "en") -> str:
    assert Guide.objects.published().filter(slug="national-insurance-scheme").exists()
    return GUIDE.format(language=language)


@pytest.mark.parametrize(
    ("path", "question", "yes", "privacy"),
    [
        (GUIDE.format(language="en"), "Was this page useful?", "Yes", "Do not write your name"),
        (GUIDE.format(language="nb"), "Var denne siden nyttig?", "Ja", "Ikke skriv navnet ditt"),
        ("/en/agreements/pl/", "Was this page useful?", "Yes", "Do not write your name"),
        ("/nb/agreements/pl/", "Var denne siden nyttig?", "Ja", "Ikke skriv navnet ditt"),
        ("/en/agreements/agreement/eea/", "Was this page useful?", "Yes", "Do not write"),
    ],
)
def test_guide_and_country_pages_end_with_the_question_in_their_language(
    client, path, question, yes, privacy
):
    html = client.get(path).content.decode()
    language = path.split("/")[1]
    assert f'<h2 class="page-useful__heading" id="page-useful-heading">{question}</h2>' in html
    assert f'action="/{language}/feedback/useful/" method="post"' in html
    assert f'<input type="hidden" name="page" value="{path}">' in html
    assert f'name="useful" value="yes">{yes}</button>' in html
    assert privacy in html


def test_the_page_with_the_form_is_still_kept_in_the_page_cache_and_sets_no_cookie(client):
    path = a_guide_path()
    first = client.get(path)
    assert first.cookies == {}
    assert "csrfmiddlewaretoken" not in first.content.decode()
    PageFeedback.objects.create(page="/en/", useful=True)  # not content: the cache stays
    second = client.get(path)
    assert second.has_header("ETag") and second["ETag"] == first["ETag"]


@pytest.mark.parametrize(
    ("language", "thanks"),
    [("en", "Thank you for your answer"), ("nb", "Takk for svaret ditt")],
)
def test_an_answer_is_kept_with_the_page_path_only_and_the_visitor_thanked(
    client, language, thanks
):
    path = a_guide_path(language)
    response = client.post(
        f"/{language}/feedback/useful/",
        {"page": f"{path}?citizenship=pl#top", "useful": "no", "comment": "  Too long.  "},
        HTTP_USER_AGENT="Secret browser",
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 302
    answer = PageFeedback.objects.get()
    assert (answer.page, answer.useful, answer.comment) == (path, False, "Too long.")
    stored = " ".join(str(value) for value in PageFeedback.objects.values().get().values())
    assert "203.0.113.9" not in stored and "Secret browser" not in stored
    page = client.get(response["Location"]).content.decode()
    assert f"<h1>{thanks}</h1>" in page
    assert f'href="{path}"' in page


def test_with_htmx_the_thank_you_replaces_the_form_and_takes_focus(client):
    response = client.post(
        "/nb/feedback/useful/",
        {"page": a_guide_path("nb"), "useful": "yes"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-focus-after-swap" in html and 'tabindex="-1"' in html
    assert "Takk for svaret" in html
    assert "<html" not in html
    assert PageFeedback.objects.get().useful is True


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"page": "/en/guides/", "useful": "maybe"}, "Choose Yes or No"),
        ({"page": "https://example.com/", "useful": "yes"}, "not about a page of this site"),
        ({"page": "/en/guides/", "useful": "no", "comment": "x" * 501}, "at most 500 characters"),
    ],
)
def test_bad_input_gets_a_clear_message_and_is_not_kept(client, data, message):
    response = client.post("/en/feedback/useful/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html
    assert not PageFeedback.objects.exists()


def test_bad_input_in_bokmal_gets_the_message_in_bokmal(client):
    response = client.post("/nb/feedback/useful/", {"page": "/nb/", "useful": ""})
    assert response.status_code == 400
    assert "Velg Ja eller Nei" in response.content.decode()


def test_a_form_posted_from_another_site_is_refused(client):
    response = client.post(
        "/en/feedback/useful/",
        {"page": "/en/", "useful": "no"},
        headers={"Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 403
    assert "sent from another website" in response.content.decode()
    assert not PageFeedback.objects.exists()


def test_a_form_posted_from_another_origin_is_refused_by_older_browsers_too(client):
    response = client.post(
        "/en/feedback/useful/",
        {"page": "/en/", "useful": "no"},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403


def test_a_form_posted_from_this_site_is_accepted(client):
    response = client.post(
        "/en/feedback/useful/",
        {"page": "/en/", "useful": "yes"},
        headers={"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
    )
    assert response.status_code == 302


@pytest.mark.parametrize(("language", "words"), [("en", "Wait a minute"), ("nb", "Vent et minutt")])
def test_answers_are_limited_per_address_but_not_for_others(client, language, words):
    for _number in range(ANSWERS_PER_MINUTE):
        client.post(
            f"/{language}/feedback/useful/",
            {"page": "/en/", "useful": "yes"},
            REMOTE_ADDR="198.51.100.1",
        )
    refused = client.post(
        f"/{language}/feedback/useful/",
        {"page": "/en/", "useful": "yes"},
        REMOTE_ADDR="198.51.100.1",
    )
    assert refused.status_code == 429
    assert words in refused.content.decode()
    other = client.post(
        f"/{language}/feedback/useful/",
        {"page": "/en/", "useful": "yes"},
        REMOTE_ADDR="198.51.100.2",
    )
    assert other.status_code == 302
    assert PageFeedback.objects.count() == ANSWERS_PER_MINUTE + 1


def test_the_limiter_keeps_no_address_in_its_key(client):
    from django.core.cache import cache

    client.post("/en/feedback/useful/", {"page": "/en/", "useful": "yes"}, REMOTE_ADDR="192.0.2.77")
    keys = list(cache._cache.keys())  # local memory cache in tests
    assert any("feedback-answers:" in key for key in keys)
    assert not any("192.0.2.77" in key for key in keys)


def test_a_robot_that_fills_every_field_is_thanked_but_not_kept(client):
    response = client.post(
        "/en/feedback/useful/", {"page": "/en/", "useful": "no", "website": "https://spam.example"}
    )
    assert response.status_code == 302
    assert not PageFeedback.objects.exists()


def test_answers_are_not_a_change_to_the_content(client):
    from content.cache import content_version

    before = content_version()
    client.post("/en/feedback/useful/", {"page": "/en/", "useful": "no"})
    assert content_version() == before


# In admin ---------------------------------------------------------------------------------


def some_answers() -> None:
    PageFeedback.objects.create(page="/en/guides/a/", useful=False, comment="No phone number.")
    PageFeedback.objects.create(page="/en/guides/a/", useful=False)
    PageFeedback.objects.create(page="/en/guides/a/", useful=True)
    PageFeedback.objects.create(page="/nb/guides/b/", useful=True, comment="Bra!")


def test_editors_see_yes_and_no_per_page_with_the_comments(editor_client):
    some_answers()
    html = editor_client.get("/admin/feedback/pagefeedback/").content.decode()
    row = '<tr><td><a href="?page__exact={page}">{page}</a></td><td>{yes}</td><td>{no}</td></tr>'
    assert row.format(page="/en/guides/a/", yes=1, no=2) in html
    assert row.format(page="/nb/guides/b/", yes=1, no=0) in html
    assert "No phone number." in html


def test_editors_filter_the_answers_by_page(editor_client):
    some_answers()
    html = editor_client.get(
        "/admin/feedback/pagefeedback/?page__exact=/nb/guides/b/"
    ).content.decode()
    assert "Bra!" in html
    assert "No phone number." not in html


def test_answers_cannot_be_changed_in_admin(editor_client):
    answer = PageFeedback.objects.create(page="/en/", useful=False, comment="As written.")
    html = editor_client.get(f"/admin/feedback/pagefeedback/{answer.pk}/change/").content.decode()
    assert "As written." in html
    assert 'name="comment"' not in html


def test_the_report_a_problem_form_still_works(client):
    response = client.post("/en/feedback/send/", {"page": "/en/", "message": "A typo."})
    assert response.status_code == 302
