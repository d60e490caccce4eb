"""No silent overwrites: a save based on a version someone else has since
replaced is refused, with the editor's input kept and the other change shown."""

import pytest
from django.contrib.auth.models import User

from agreements.models import Agreement, AgreementCountry
from content.editors import sync_editors_group
from content.locking import version_token
from guidance.models import Guide
from tests.support.admin_forms import change_url, form_data
from tests.support.clients import make_client
from tests.support.factories import make_guide, make_source

pytestmark = pytest.mark.django_db

NB = {"accept-language": "nb"}
REFUSED = "Someone else saved this page since you opened it"


@pytest.fixture
def second_editor_client():
    user = User.objects.create_user("second-editor", is_staff=True)
    user.groups.add(sync_editors_group())
    client = make_client()
    client.force_login(user)
    return client


def opened_form(client, url: str) -> dict:
    """The change form's values as a browser would post them back."""
    form = client.get(url).context["adminform"].form
    return {"version_token": form["version_token"].value()}


def test_the_change_form_carries_the_version_it_shows(editor_client):
    guide = make_guide(status=Guide.Status.DRAFT)
    page = editor_client.get(change_url(guide)).content.decode()
    token = version_token(guide, [])
    assert f'<input type="hidden" name="version_token" value="{token}"' in page
    assert token.startswith(f"{guide.history.first().history_id}.")


def test_a_save_after_someone_elses_is_refused_with_their_change_and_my_input_kept(
    editor_client, second_editor_client
):
    guide = make_guide(status=Guide.Status.DRAFT, summary_en="Members get healthcare.")
    mine = opened_form(editor_client, change_url(guide))
    theirs = opened_form(second_editor_client, change_url(guide))
    second_editor_client.post(
        change_url(guide), form_data(guide, summary_en="Members get free healthcare.", **theirs)
    )

    response = editor_client.post(change_url(guide), form_data(guide, body_nb="Min tekst.", **mine))

    assert response.status_code == 200
    page = response.content.decode()
    assert REFUSED in page
    assert "<mark>free</mark>" in page  # what the other editor changed, word by word
    assert "second-editor" in page
    assert "Min tekst.</textarea>" in page  # my input is still in the form
    guide.refresh_from_db()
    assert guide.summary_en == "Members get free healthcare."
    assert guide.body_nb != "Min tekst."


def test_the_refused_form_takes_their_changes_where_i_changed_nothing(
    editor_client, second_editor_client
):
    old_source, their_source = make_source(), make_source()
    guide = make_guide(status=Guide.Status.DRAFT, sources=[old_source], summary_en="Old.")
    mine = opened_form(editor_client, change_url(guide))
    second_editor_client.post(
        change_url(guide),
        form_data(guide, summary_en="Theirs.", body_en="Their body.", sources=[their_source.pk]),
    )

    refused = editor_client.post(change_url(guide), form_data(guide, body_en="My body.", **mine))

    form = refused.context["adminform"].form
    assert form["summary_en"].value() == "Theirs."  # I left it: theirs
    assert form["body_en"].value() == "My body."  # we both changed it: mine
    assert [int(pk) for pk in form["sources"].value()] == [their_source.pk]
    again = {name: form[name].value() for name in ("summary_en", "body_en", "version_token")}
    response = editor_client.post(
        change_url(guide), form_data(guide, sources=[their_source.pk], **again)
    )
    assert response.status_code == 302
    guide.refresh_from_db()
    assert (guide.summary_en, guide.body_en) == ("Theirs.", "My body.")
    assert list(guide.sources.all()) == [their_source]


def test_having_seen_the_other_change_the_editor_can_save_again(
    editor_client, second_editor_client
):
    guide = make_guide(status=Guide.Status.DRAFT)
    mine = opened_form(editor_client, change_url(guide))
    second_editor_client.post(change_url(guide), form_data(guide, summary_en="Theirs."))
    guide.refresh_from_db()
    refused = editor_client.post(change_url(guide), form_data(guide, body_nb="Min.", **mine))
    again = {"version_token": refused.context["adminform"].form["version_token"].value()}

    response = editor_client.post(change_url(guide), form_data(guide, body_nb="Min.", **again))

    assert response.status_code == 302
    guide.refresh_from_db()
    assert (guide.summary_en, guide.body_nb) == ("Theirs.", "Min.")


def test_the_refusal_is_in_bokmal_for_a_bokmal_admin(editor_client, second_editor_client):
    guide = make_guide(status=Guide.Status.DRAFT)
    mine = opened_form(editor_client, change_url(guide))
    second_editor_client.post(change_url(guide), form_data(guide, summary_en="Theirs."))
    response = editor_client.post(
        change_url(guide), form_data(guide, body_nb="Min.", **mine), headers=NB
    )
    assert "Noen andre har lagret denne siden siden du åpnet den" in response.content.decode()


def test_an_unchanged_record_saves_as_usual(editor_client):
    guide = make_guide(status=Guide.Status.DRAFT)
    mine = opened_form(editor_client, change_url(guide))
    response = editor_client.post(change_url(guide), form_data(guide, body_nb="Ny.", **mine))
    assert response.status_code == 302


def test_a_draft_saved_by_someone_else_on_a_live_guide_counts_as_a_change(
    editor_client, second_editor_client
):
    guide = make_guide()  # published: saves become a pending version
    mine = opened_form(editor_client, change_url(guide))
    theirs = opened_form(second_editor_client, change_url(guide))
    second_editor_client.post(change_url(guide), form_data(guide, summary_en="Theirs.", **theirs))

    response = editor_client.post(change_url(guide), form_data(guide, body_nb="Min.", **mine))

    assert response.status_code == 200
    assert REFUSED in response.content.decode()


def agreement_url(agreement: Agreement) -> str:
    return f"/admin/agreements/agreement/{agreement.pk}/change/"


def test_a_country_row_changed_since_counts_as_a_change_of_the_agreement(editor_client):
    agreement = Agreement.objects.filter(countries__isnull=False).first()
    agreement.published = False
    agreement.save()
    token = opened_form(editor_client, agreement_url(agreement))["version_token"]

    row = AgreementCountry.objects.filter(agreement=agreement).first()
    row.note_en = "Healthcare only"
    row.save()  # as another editor's inline edit saves it

    children = [(AgreementCountry, "agreement")]
    assert version_token(agreement, children) != token
    assert token.split(".")[0] == version_token(agreement, children).split(".")[0]
