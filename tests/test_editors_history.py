"""Editors' history: every save is one version with its sources, related
guides and an agreement's countries; a revert restores a version's texts and
links but not its publication; any two versions can be compared."""

import pytest
from django.utils import timezone

from agreements.models import Agreement, AgreementCountry
from content.models import PendingChange
from guidance.models import ChecklistItem, Guide
from tests.support.admin_forms import (
    agreement_change_url,
    agreement_form_data,
    change_url,
    form_data,
)
from tests.support.factories import make_guide, make_source

pytestmark = pytest.mark.django_db

NB = {"accept-language": "nb"}


def history_url(record) -> str:
    meta = record._meta
    return f"/admin/{meta.app_label}/{meta.model_name}/{record.pk}/history/"


def change_in(page: str, label: str) -> str:
    """One change's line on a History or comparison page."""
    start = page.index(f"<strong>{label}:</strong>")
    return page[start : page.index("</li>", start)]


def draft_guide(**fields) -> Guide:
    """A guide whose saves are versions at once (a live one's wait as drafts)."""
    return make_guide(status=Guide.Status.DRAFT, **fields)


# Complete history ---------------------------------------------------------------


def test_a_save_that_changes_sources_is_one_version_that_names_them(editor_client):
    old, new = make_source(title_en="Old leaflet"), make_source(title_en="New leaflet")
    guide = draft_guide(sources=[old])
    versions = guide.history.count()

    editor_client.post(change_url(guide), form_data(guide, sources=[new.pk], body_nb="Ny."))

    assert guide.history.count() == versions + 1
    latest = guide.history.first()
    assert [row.source_id for row in latest.sources.all()] == [new.pk]
    assert latest.body_nb == "Ny."
    page = editor_client.get(history_url(guide)).content.decode()
    line = change_in(page, "Official sources")
    assert "added <ins>NAV: New leaflet</ins>" in line
    assert "removed <del>NAV: Old leaflet</del>" in line


def test_related_guides_are_kept_with_each_version_by_title(editor_client):
    other = draft_guide(title_en="Moving abroad")
    guide = draft_guide()
    editor_client.post(change_url(guide), form_data(guide, related=[other.pk]))

    assert [row.to_guide_id for row in guide.history.first().related.all()] == [other.pk]
    page = editor_client.get(history_url(guide)).content.decode()
    assert "added <ins>Moving abroad</ins>" in change_in(page, "Related guides")


def test_the_bokmal_history_names_relations_in_bokmal(editor_client):
    new = make_source(title_nb="Ny brosjyre")
    guide = draft_guide()
    editor_client.post(change_url(guide), form_data(guide, sources=[new.pk]))
    page = editor_client.get(history_url(guide), headers=NB).content.decode()
    line = change_in(page, "Offisielle kilder")
    assert "lagt til <ins>NAV: Ny brosjyre</ins>" in line
    assert "fjernet <del>" in line


def test_a_checklist_items_sources_and_deadline_sources_are_in_its_history():
    item = ChecklistItem.objects.first()
    source, deadline_source = make_source(), make_source()
    item.save()
    item.sources.set([source])
    item.deadline_sources.set([deadline_source])

    latest = item.history.first()
    assert [row.source_id for row in latest.sources.all()] == [source.pk]
    assert [row.source_id for row in latest.deadline_sources.all()] == [deadline_source.pk]
    # The relations set after the save complete that save's version.
    assert item.history.filter(history_date__gte=latest.history_date).count() == 1


def test_the_loaded_content_has_its_sources_in_its_history():
    guide = Guide.objects.exclude(sources=None).first()
    latest = guide.history.first()
    assert {row.source_id for row in latest.sources.all()} == set(
        guide.sources.values_list("pk", flat=True)
    )


def unpublished_agreement() -> Agreement:
    agreement = Agreement.objects.filter(countries__isnull=False).first()
    agreement.published = False
    agreement.save()  # a version of its own, before the tests' changes
    return agreement


def agreement_form(agreement: Agreement, rows: list[dict], **changes) -> dict:
    """The change form as posted: every stored country row, then the new ones."""
    existing = list(agreement.countries.all())
    data = {
        "slug": agreement.slug,
        "kind": agreement.kind,
        "order": agreement.order,
        "in_force": agreement.in_force.isoformat() if agreement.in_force else "",
        "last_reviewed": agreement.last_reviewed.isoformat(),
        "sources": [source.pk for source in agreement.sources.all()],
        "countries-TOTAL_FORMS": len(existing) + len(rows),
        "countries-INITIAL_FORMS": len(existing),
        "countries-MIN_NUM_FORMS": 0,
        "countries-MAX_NUM_FORMS": 1000,
    }
    for field in ("name", "summary", "body"):
        for language in ("en", "nb"):
            data[f"{field}_{language}"] = getattr(agreement, f"{field}_{language}") or ""
    for field in (f.name for f in Agreement._meta.fields if f.name.startswith("covers_")):
        if getattr(agreement, field):
            data[field] = "on"
    forms = [
        {"id": row.pk, "country": row.country.code, "note_en": row.note_en or ""}
        for row in existing
    ]
    for number, row in enumerate(forms + rows):
        values = {"agreement": agreement.pk, "id": "", "note_nb": "", **row}
        data.update({f"countries-{number}-{key}": value for key, value in values.items()})
    return {**data, **changes}


def test_an_agreements_history_lists_countries_added_changed_and_removed(editor_client):
    agreement = unpublished_agreement()
    agreement.countries.filter(country="CL").delete()
    first = agreement.countries.order_by("country").first()
    editor_client.post(
        f"/admin/agreements/agreement/{agreement.pk}/change/",
        agreement_form(agreement, [{"country": "CL", "note_en": "Pensions only"}]),
    )
    assert agreement.countries.filter(country="CL").exists()
    rows = agreement_form(agreement, [])
    number = list(agreement.countries.all()).index(first)
    rows[f"countries-{number}-note_en"] = "Healthcare only"
    editor_client.post(f"/admin/agreements/agreement/{agreement.pk}/change/", rows)

    page = editor_client.get(history_url(agreement)).content.decode()
    assert "added <ins>Chile</ins>" in page
    assert f"Countries the agreement covers – {first.name}: Note [en]:" in page
    assert "<ins>Healthcare only</ins>" in page
    newest_row = page[page.index("<tbody>") : page.index("</tr>", page.index("<tbody>"))]
    assert "editor-in-test" in newest_row and "Healthcare only" in newest_row

    AgreementCountry.objects.filter(agreement=agreement, country="CL").delete()
    agreement.save()
    page = editor_client.get(history_url(agreement)).content.decode()
    assert "removed <del>Chile</del>" in page


# Revert ---------------------------------------------------------------------------


def revert_url(record, version) -> str:
    return f"{history_url(record)}{version.history_id}/"


def test_the_revert_form_shows_the_versions_texts_and_sources_but_the_current_status(
    editor_client,
):
    old_source, new_source = make_source(), make_source()
    guide = draft_guide(body_nb="Første versjon.", sources=[old_source])
    first = guide.history.first()
    # Since then: new text and source, published and reviewed again.
    guide.body_nb, guide.status = "Andre versjon.", Guide.Status.PUBLISHED
    guide.last_reviewed = timezone.localdate()
    guide.save()
    guide.sources.set([new_source])

    response = editor_client.get(revert_url(guide, first))

    form = response.context["adminform"].form
    assert form.initial["body_nb"] == "Første versjon."
    assert list(form.initial["sources"]) == [old_source.pk]
    assert form.initial["last_reviewed"] == timezone.localdate()
    assert response.context["original"].status == Guide.Status.PUBLISHED
    page = response.content.decode()
    assert (
        "Reverting restores the texts, sources and links of this version; publication "
        "and review date stay as they are." in page
    )
    # It posts to the ordinary change form, so it saves like any edit.
    assert f'action="{change_url(guide)}"' in page


def test_the_revert_note_is_in_bokmal(editor_client):
    guide = draft_guide()
    page = editor_client.get(revert_url(guide, guide.history.first()), headers=NB)
    assert "Tilbakestilling henter tilbake tekstene, kildene og lenkene" in page.content.decode()


def test_saving_a_revert_restores_texts_and_sources_and_keeps_the_status(editor_client):
    old_source, new_source = make_source(), make_source()
    guide = draft_guide(body_nb="Første versjon.", sources=[old_source])
    first = guide.history.first()
    editor_client.post(
        change_url(guide), form_data(guide, body_nb="Andre versjon.", sources=[new_source.pk])
    )
    form = editor_client.get(revert_url(guide, first)).context["adminform"].form
    posted = form_data(guide, **{name: form.initial[name] for name in ("body_nb", "sources")})
    posted["version_token"] = form["version_token"].value()

    assert editor_client.post(change_url(guide), posted).status_code == 302

    guide.refresh_from_db()
    assert guide.body_nb == "Første versjon."
    assert list(guide.sources.all()) == [old_source]
    assert guide.status == Guide.Status.DRAFT
    assert [row.source_id for row in guide.history.first().sources.all()] == [old_source.pk]


def test_reverting_a_published_guide_makes_a_pending_version(editor_client):
    guide = make_guide(body_nb="Første versjon.")  # published
    first = guide.history.first()
    guide.body_nb = "Andre versjon."
    guide.save()  # a second version, as a publisher's save makes
    form = editor_client.get(revert_url(guide, first)).context["adminform"].form
    posted = form_data(guide, body_nb=form.initial["body_nb"])
    posted["version_token"] = form["version_token"].value()

    editor_client.post(change_url(guide), posted)

    guide.refresh_from_db()
    assert guide.body_nb == "Andre versjon."  # visitors still see the published one
    pending = PendingChange.objects.filter(object_id=guide.pk).get()
    assert pending.values["fields"]["body_nb"] == "Første versjon."


# Comparing two versions -----------------------------------------------------------


def test_the_history_page_offers_two_versions_to_compare_without_javascript(editor_client):
    guide = draft_guide()
    editor_client.post(change_url(guide), form_data(guide, body_nb="Ny."))
    page = editor_client.get(history_url(guide)).content.decode()
    assert f'<form method="get" action="{history_url(guide)}compare/">' in page
    newest, older = guide.history.all()[:2]
    assert f'name="new" value="{newest.pk}" checked' in page
    assert f'name="old" value="{older.pk}" checked' in page
    assert "Compare from the version of" in page  # each radio button's label
    assert 'type="submit" value="Compare the chosen versions"' in page


def test_comparing_two_versions_shows_each_changed_field_word_by_word(editor_client):
    old, new = make_source(title_en="Old leaflet"), make_source(title_en="New leaflet")
    guide = draft_guide(summary_en="Members get healthcare.", sources=[old])
    first = guide.history.first()
    editor_client.post(change_url(guide), form_data(guide, body_nb="Mellomversjon."))
    guide.refresh_from_db()
    editor_client.post(
        change_url(guide),
        form_data(guide, summary_en="Members get free healthcare.", sources=[new.pk]),
    )
    newest = guide.history.first()

    response = editor_client.get(
        f"{history_url(guide)}compare/", {"old": newest.pk, "new": first.pk}
    )
    page = response.content.decode()

    assert "Summary [en]:</strong> <del>Members get healthcare.</del>" in page
    assert "&rarr; <ins>Members get <mark>free</mark> healthcare.</ins>" in page
    assert "added <ins>NAV: New leaflet</ins>" in page
    assert "removed <del>NAV: Old leaflet</del>" in page
    assert "<strong>Body [nb]:</strong>" in page
    assert "<strong>Title [en]:</strong>" not in page  # unchanged fields are left out


def test_comparing_in_bokmal_and_a_version_with_itself(editor_client):
    guide = draft_guide()
    version = guide.history.first()
    page = editor_client.get(
        f"{history_url(guide)}compare/", {"old": version.pk, "new": version.pk}, headers=NB
    ).content.decode()
    assert "Sammenlign versjoner" in page
    assert "Disse versjonene er like i alle felt." in page


def test_comparing_without_two_versions_says_so(editor_client):
    guide = draft_guide()
    response = editor_client.get(f"{history_url(guide)}compare/", {"old": "x"})
    assert "Choose two versions to compare." in response.content.decode()


def test_comparing_agreement_versions_lists_their_countries(editor_client):
    agreement = unpublished_agreement()
    agreement.countries.filter(country="CL").delete()
    before = agreement.history.first()
    editor_client.post(
        f"/admin/agreements/agreement/{agreement.pk}/change/",
        agreement_form(agreement, [{"country": "CL"}]),
    )
    after = agreement.history.first()
    page = editor_client.get(
        f"{history_url(agreement)}compare/", {"old": before.pk, "new": after.pk}
    ).content.decode()
    assert "Countries the agreement covers:</strong>" in page
    assert "added <ins>Chile</ins>" in page
    assert f'href="{revert_url(agreement, before)}"' in page


def test_reverting_a_live_agreement_brings_back_its_countries_as_they_were(editor_client):
    from tests.support.publishing import publish_draft_of

    chile = Agreement.objects.get(slug="chile")
    with_chile = chile.history.latest()
    editor_client.post(
        agreement_change_url(chile), agreement_form_data(chile, rows=[{"country": "PE"}])
    )
    publish_draft_of(chile)
    assert [row.country.code for row in chile.countries.all()] == ["PE"]

    form = editor_client.get(revert_url(chile, with_chile))
    (countries,) = [inline.formset for inline in form.context["inline_admin_formsets"]]
    shown = [str(row.initial.get("country")) for row in countries.forms if row.initial]
    assert shown == ["CL"]  # the version's country, not today's

    # The form posts the rows it shows; on a live agreement that is a draft.
    editor_client.post(
        agreement_change_url(chile), agreement_form_data(chile, rows=[{"country": "CL"}])
    )
    publish_draft_of(chile)
    assert [row.country.code for row in chile.countries.all()] == ["CL"]


def test_reverting_an_unpublished_agreement_shows_its_countries_as_they_were(editor_client):
    from tests.support.publishing import publisher_client

    chile = Agreement.objects.get(slug="chile")
    chile.published = False
    chile.save()
    with_chile = chile.history.latest()
    # Unpublished: saved in place, Chile's row deleted (a publisher's right) and Peru's added.
    publisher_client().post(
        agreement_change_url(chile),
        agreement_form_data(chile, rows=[{"DELETE": "on"}, {"country": "PE"}]),
    )
    assert [row.country.code for row in chile.countries.all()] == ["PE"]

    form = editor_client.get(revert_url(chile, with_chile))
    (countries,) = [inline.formset for inline in form.context["inline_admin_formsets"]]
    stored = [row for row in countries.forms if row.instance.pk]
    assert [(str(row.instance.country.code), row.initial.get("DELETE")) for row in stored] == [
        ("PE", True)  # today's row, not in the version: ticked for deletion
    ]
    added = [str(row.initial.get("country")) for row in countries.extra_forms if row.initial]
    assert added == ["CL"]  # the version's row, deleted since: offered again
