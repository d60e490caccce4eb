"""What confused editors: admin names the site, diffs show the words that
changed, Markdown the site cannot show is refused, an empty bokmål title on a
published guide is pointed out, and agreements have a draft preview."""

import pytest
from django.utils.html import escape

from agreements.models import Agreement
from guidance.models import Guide
from tests.support.admin_forms import change_url, form_data
from tests.support.factories import make_guide
from tests.support.publishing import publish_draft_of, publisher_client

pytestmark = pytest.mark.django_db

SITE = "Health and Social Security in Norway – editors"


def history_of(client, guide: Guide) -> str:
    page = client.get(f"/admin/guidance/guide/{guide.pk}/history/").content.decode()
    return page[page.index('id="change-history"') :]


def test_the_admin_header_and_title_name_the_site(editor_client, client):
    page = editor_client.get("/admin/").content.decode()
    assert f"<title>Content | {SITE}</title>" in page
    assert SITE in page.split("<body")[1]
    assert "Django administration" not in page
    assert SITE in client.get("/admin/login/").content.decode()


def test_a_one_word_change_in_a_paragraph_marks_only_that_word(editor_client):
    paragraph = "Members of the scheme get healthcare and benefits from NAV."
    guide = make_guide(body_en=f"Intro.\n\n{paragraph}\n\nEnd.")
    changed = paragraph.replace("healthcare", "medical care")
    editor_client.post(change_url(guide), form_data(guide, body_en=f"Intro.\n\n{changed}\n\nEnd."))
    publish_draft_of(guide)
    history = history_of(editor_client, guide)
    assert "<del>Members of the scheme get <mark>healthcare</mark> and benefits" in history
    assert "<ins>Members of the scheme get <mark>medical care</mark> and benefits" in history


def test_empty_values_read_empty_and_choices_read_their_label(editor_client):
    guide = make_guide(title_nb="", status=Guide.Status.DRAFT)
    publisher_client().post(  # only a publisher sets the status
        change_url(guide),
        form_data(guide, title_nb="Ny tittel", status=Guide.Status.PUBLISHED),
    )
    history = history_of(editor_client, guide)
    assert "<del>(empty)</del> &rarr; <ins>Ny tittel</ins>" in history
    assert "<del>Draft</del> &rarr; <ins>Published</ins>" in history
    assert "None" not in history


@pytest.mark.parametrize(
    ("markdown", "named"),
    [
        ("# A title heading\n\nText.", "a heading with #"),
        ("Text.\n\n#### Too deep\n\nMore.", "a heading with ####"),
        ("See ![a map](https://www.nav.no/map.png).", "an image (https://www.nav.no/map.png)"),
        ("Some <b>bold</b> text.", "raw HTML (<b>)"),
        ("<div>\nA block.\n</div>", "raw HTML (<div>"),
    ],
)
def test_markdown_the_site_cannot_show_is_refused_with_a_message(editor_client, markdown, named):
    guide = make_guide()
    response = editor_client.post(change_url(guide), form_data(guide, body_nb=markdown))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["body_nb"]
    assert f"The site cannot show {named}" in errors[0]
    guide.refresh_from_db()
    assert guide.body_nb != markdown


def test_headings_links_tables_and_comparisons_are_accepted(editor_client):
    guide = make_guide()
    body = "## Section\n\n### Part\n\nIf a < b, see <https://www.nav.no>.\n\n| a |\n|---|\n| 1 |"
    assert editor_client.post(change_url(guide), form_data(guide, body_en=body)).status_code == 302


def test_the_refusal_speaks_norwegian(editor_client):
    guide = make_guide()
    response = editor_client.post(
        change_url(guide),
        form_data(guide, body_nb="![kart](https://www.nav.no/kart.png)"),
        headers={"accept-language": "nb"},
    )
    assert "Nettstedet kan ikke vise et bilde" in response.content.decode()


def test_saving_a_published_guide_without_a_bokmal_title_warns(editor_client):
    guide = make_guide()
    response = editor_client.post(change_url(guide), form_data(guide, title_nb=""), follow=True)
    page = response.content.decode()
    assert 'class="warning"' in page
    assert "published without a bokmål title [nb]" in page


def test_saving_a_draft_without_bokmal_does_not_warn(editor_client):
    guide = make_guide(status=Guide.Status.DRAFT)
    response = editor_client.post(change_url(guide), form_data(guide, title_nb=""), follow=True)
    assert "published without a bokmål" not in response.content.decode()


def test_staff_preview_an_unpublished_agreement_the_public_gets_a_404(editor_client, client):
    agreement = Agreement.objects.get(slug="united-states")
    Agreement.objects.filter(pk=agreement.pk).update(published=False)
    assert client.get(agreement.get_absolute_url()).status_code == 404
    response = editor_client.get(agreement.get_absolute_url())
    assert response.status_code == 200
    assert "Draft – not published" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert escape(agreement.name_en) in response.content.decode()


def test_a_published_agreement_has_no_draft_banner(editor_client):
    agreement = Agreement.objects.get(slug="united-states")
    assert (
        "Draft – not published"
        not in editor_client.get(agreement.get_absolute_url()).content.decode()
    )
