"""Drafts of live content, review and approval, scheduled publishing and
expiry (content/workflow.py, content/scheduling.py, content/workflow_admin.py).

What visitors see changes only when a publisher publishes, or when an
approved change's time comes; staff preview the draft at the page's own
address, never cached."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agreements.models import Agreement
from content.editors import sync_editors_group, sync_publishers_group
from content.models import PendingChange
from content.scheduling import forget_next_due, remember_next_due
from guidance.models import ChecklistItem, Guide
from tests.support.admin_forms import change_url, form_data
from tests.support.clients import EDITOR_PASSWORD, make_client
from tests.support.factories import make_guide, make_source

pytestmark = pytest.mark.django_db

OLD_WORDS = "Members are people who live in Norway."
NEW_WORDS = "Members are everyone who lives and works in Norway."


def make_publisher(username: str) -> User:
    user = User.objects.create_user(username, password=EDITOR_PASSWORD, is_staff=True)
    user.groups.add(sync_editors_group(), sync_publishers_group())
    return user


def logged_in(user: User):
    client = make_client()
    client.force_login(user)
    return client


@pytest.fixture
def publisher() -> User:
    return make_publisher("publisher-in-test")


@pytest.fixture
def publisher_client(publisher):
    return logged_in(publisher)


@pytest.fixture
def other_publisher() -> User:
    return make_publisher("second-publisher-in-test")


@pytest.fixture
def guide() -> Guide:
    return make_guide(slug="membership-test")


def page(client, guide: Guide, language: str = "en") -> str:
    response = client.get(f"/{language}/guides/{guide.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def save_draft(client, guide: Guide, button: str = "_continue", **changes):
    data = form_data(guide, body_en=guide.body_en.replace(OLD_WORDS, NEW_WORDS), **changes)
    response = client.post(change_url(guide), {**data, button: "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def decide(client, change: PendingChange, **posted):
    url = reverse("admin:content_pendingchange_decide", args=[change.pk])
    return client.post(url, posted)


def draft_of(record) -> PendingChange:
    return PendingChange.objects.open().for_record(record).get(kind="edit")


# Drafts -------------------------------------------------------------------------------


def test_an_editors_save_of_a_live_guide_leaves_visitors_on_the_published_text(
    editor_client, client, guide
):
    assert OLD_WORDS in page(client, guide)  # the page cache is now warm
    save_draft(editor_client, guide)

    assert OLD_WORDS in page(client, guide)
    assert NEW_WORDS not in page(client, guide)
    guide.refresh_from_db()
    assert OLD_WORDS in guide.body_en
    draft = draft_of(guide)
    assert draft.state == PendingChange.State.DRAFT
    assert draft.author.username == "editor-in-test"
    assert NEW_WORDS in draft.values["fields"]["body_en"]
    assert draft.values["m2m"]["sources"] == [source.pk for source in guide.sources.all()]


def test_the_form_shows_the_draft_and_says_visitors_see_the_published_version(editor_client, guide):
    save_draft(editor_client, guide)
    html = editor_client.get(change_url(guide)).content.decode()
    assert NEW_WORDS in html
    assert "You are editing a draft of a live page" in html
    assert 'name="_submit_review"' in html
    assert 'name="_publish"' not in html  # an editor does not publish


def test_the_form_offers_a_publisher_approve_schedule_reject_and_expiry(
    publisher_client, editor_client, guide
):
    save_draft(editor_client, guide)
    html = publisher_client.get(change_url(guide)).content.decode()
    for button in ("_publish", "_schedule", "_reject", "_expire"):
        assert f'name="{button}"' in html


def test_a_draft_record_still_saves_directly(editor_client, client):
    draft_guide = make_guide(status=Guide.Status.DRAFT)
    save_draft(editor_client, draft_guide)
    draft_guide.refresh_from_db()
    assert NEW_WORDS in draft_guide.body_en
    assert not PendingChange.objects.for_record(draft_guide).exists()
    assert client.get(draft_guide.get_absolute_url()).status_code == 404


def test_saving_unchanged_values_makes_no_draft(editor_client, guide):
    response = editor_client.post(change_url(guide), {**form_data(guide), "_continue": "1"})
    assert response.status_code == 302
    assert not PendingChange.objects.for_record(guide).exists()


def test_the_token_changes_with_every_save_of_the_draft(editor_client, guide):
    assert PendingChange.objects.token_for(guide) == ""
    save_draft(editor_client, guide)
    first = PendingChange.objects.token_for(guide)
    save_draft(editor_client, guide, title_en="A new title")
    second = PendingChange.objects.token_for(guide)
    assert first and second and first != second


# Who may publish ----------------------------------------------------------------------


def test_only_publishers_hold_the_publish_permission(editor, publisher):
    assert not editor.has_perm("content.publish")
    assert publisher.has_perm("content.publish")


def test_an_editor_can_neither_run_publish_actions_nor_set_the_status(editor_client):
    draft_guide = make_guide(status=Guide.Status.DRAFT)
    response = editor_client.post(
        "/admin/guidance/guide/",
        {"action": "publish", "_selected_action": [draft_guide.pk], "confirmed": "yes"},
    )
    assert response.status_code in (200, 302)
    editor_client.post(
        change_url(draft_guide),
        {**form_data(draft_guide, status=Guide.Status.PUBLISHED), "_continue": "1"},
    )
    draft_guide.refresh_from_db()
    assert not draft_guide.is_published


def test_an_editors_new_checklist_item_starts_unpublished(editor_client):
    html = editor_client.get("/admin/guidance/checklistitem/add/").content.decode()
    assert 'name="published"' not in html


def test_a_publisher_runs_the_publish_action(publisher_client):
    draft_guide = make_guide(status=Guide.Status.DRAFT)
    publisher_client.post(
        "/admin/guidance/guide/",
        {"action": "publish", "_selected_action": [draft_guide.pk], "confirmed": "yes"},
    )
    draft_guide.refresh_from_db()
    assert draft_guide.is_published


def test_an_editor_cannot_approve_through_the_decision_page(editor_client, guide):
    save_draft(editor_client, guide, button="_submit_review")
    response = decide(editor_client, draft_of(guide), _publish="1")
    assert response.status_code == 403
    guide.refresh_from_db()
    assert OLD_WORDS in guide.body_en


# Review and approval ------------------------------------------------------------------


def test_submitted_then_approved_the_visitor_sees_the_new_text(
    editor_client, publisher_client, client, guide
):
    assert OLD_WORDS in page(client, guide)
    save_draft(editor_client, guide, button="_submit_review")
    draft = draft_of(guide)
    assert draft.state == PendingChange.State.SUBMITTED
    assert list(PendingChange.objects.awaiting_review()) == [draft]
    entries_before = guide.history.count()

    response = decide(publisher_client, draft, _publish="1")
    assert response.status_code == 302

    assert NEW_WORDS in page(client, guide)
    draft.refresh_from_db()
    assert draft.state == PendingChange.State.PUBLISHED
    assert draft.reviewer.username == "publisher-in-test"
    assert guide.history.count() == entries_before + 1
    entry = guide.history.first()
    assert entry.history_change_reason == (
        "Published draft by editor-in-test, approved by publisher-in-test"
    )
    assert entry.history_user.username == "publisher-in-test"
    assert not PendingChange.objects.awaiting_review().exists()
    assert PendingChange.objects.token_for(guide) == ""


def test_approve_and_publish_from_the_change_form_applies_the_posted_draft(
    editor_client, publisher_client, client, guide
):
    save_draft(editor_client, guide)
    save_draft(publisher_client, guide, button="_publish")
    assert NEW_WORDS in page(client, guide)


def test_publishing_applies_the_many_to_many_values(editor_client, publisher_client, guide):
    new_source = make_source()
    other = make_guide()
    save_draft(editor_client, guide, sources=[new_source.pk], related=[other.pk])
    assert list(guide.sources.all()) != [new_source]
    decide(publisher_client, draft_of(guide), _publish="1")
    assert list(guide.sources.all()) == [new_source]
    assert list(guide.related.all()) == [other]


def test_a_rejected_draft_goes_back_to_its_author_with_the_note(
    editor, editor_client, publisher_client, guide
):
    save_draft(editor_client, guide, button="_submit_review")
    decide(publisher_client, draft_of(guide), _reject="1", workflow_note="Cite Helfo, please.")
    draft = draft_of(guide)
    assert draft.state == PendingChange.State.REJECTED
    assert list(PendingChange.objects.returned_to(editor)) == [draft]
    assert "Cite Helfo, please." in editor_client.get(change_url(guide)).content.decode()
    guide.refresh_from_db()
    assert OLD_WORDS in guide.body_en

    save_draft(editor_client, guide, title_en="Membership, revised")
    draft.refresh_from_db()
    assert draft.state == PendingChange.State.DRAFT
    assert not PendingChange.objects.returned_to(editor).exists()


def test_a_rejection_needs_a_note(editor_client, publisher_client, guide):
    save_draft(editor_client, guide, button="_submit_review")
    decide(publisher_client, draft_of(guide), _reject="1", workflow_note=" ")
    assert draft_of(guide).state == PendingChange.State.SUBMITTED


def test_a_publisher_cannot_approve_their_own_change_while_another_publisher_could(
    publisher_client, other_publisher, client, guide
):
    save_draft(publisher_client, guide, button="_submit_review")
    response = decide(publisher_client, draft_of(guide), _publish="1", confirmed="yes")
    assert response.status_code == 302
    assert OLD_WORDS in page(client, guide)
    assert 'name="_publish"' not in publisher_client.get(change_url(guide)).content.decode()

    decide(logged_in(other_publisher), draft_of(guide), _publish="1")
    assert NEW_WORDS in page(client, guide)


def test_the_only_active_publisher_may_approve_their_own_change(
    publisher_client, client, guide, settings
):
    settings.CONTENT_ALLOW_SELF_APPROVAL = "when-only-publisher"
    User.objects.filter(is_superuser=True).update(is_active=False)
    save_draft(publisher_client, guide)
    decide(publisher_client, draft_of(guide), _publish="1")
    assert NEW_WORDS in page(client, guide)


def test_self_approval_set_to_never_refuses_even_the_only_publisher(
    publisher_client, client, guide, settings
):
    settings.CONTENT_ALLOW_SELF_APPROVAL = "never"
    User.objects.filter(is_superuser=True).update(is_active=False)
    save_draft(publisher_client, guide)
    decide(publisher_client, draft_of(guide), _publish="1")
    assert OLD_WORDS in page(client, guide)


def test_self_approval_set_to_always_allows_it_beside_other_publishers(
    publisher_client, other_publisher, client, guide, settings
):
    settings.CONTENT_ALLOW_SELF_APPROVAL = "always"
    save_draft(publisher_client, guide)
    decide(publisher_client, draft_of(guide), _publish="1")
    assert NEW_WORDS in page(client, guide)


def test_publishing_without_bokmal_asks_first(editor_client, publisher_client, client, guide):
    save_draft(editor_client, guide, title_nb="")
    response = decide(publisher_client, draft_of(guide), _publish="1")
    assert response.status_code == 200
    assert "Publish without bokmål?" in response.content.decode()
    assert OLD_WORDS in page(client, guide)

    decide(publisher_client, draft_of(guide), _publish="1", confirmed="yes")
    assert NEW_WORDS in page(client, guide)


def test_a_live_checklist_item_is_edited_through_a_draft(editor_client, publisher_client):
    item = ChecklistItem.objects.published().first()
    data = {
        **{
            f"{name}_{code}": getattr(item, f"{name}_{code}") or ""
            for name in ("title", "body", "step", "deadline")
            for code in ("en", "nb")
        },
        "section": item.section,
        "order": item.order,
        "last_reviewed": item.last_reviewed.isoformat(),
        "sources": [source.pk for source in item.sources.all()],
        "deadline_sources": [source.pk for source in item.deadline_sources.all()],
        "guide": item.guide_id or "",
        "timing": item.timing,
        "offset_days": "" if item.offset_days is None else item.offset_days,
    }
    data["title_en"] = "A title under review"
    response = editor_client.post(f"/admin/guidance/checklistitem/{item.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    item.refresh_from_db()
    assert item.title_en != "A title under review"
    decide(publisher_client, draft_of(item), _publish="1")
    item.refresh_from_db()
    assert item.title_en == "A title under review"


# Agreements and their countries -------------------------------------------------------


def agreement_draft_data(agreement: Agreement, rows: list[dict], **changes) -> dict:
    """What a live agreement's form posts: its countries are all new rows of the draft."""
    data = {
        "slug": agreement.slug,
        "kind": agreement.kind,
        "order": agreement.order,
        "in_force": agreement.in_force.isoformat() if agreement.in_force else "",
        "last_reviewed": agreement.last_reviewed.isoformat(),
        "sources": [source.pk for source in agreement.sources.all()],
        "countries-TOTAL_FORMS": len(rows),
        "countries-INITIAL_FORMS": 0,
        "countries-MIN_NUM_FORMS": 0,
        "countries-MAX_NUM_FORMS": 1000,
    }
    for field in ("name", "summary", "body"):
        for language in ("en", "nb"):
            data[f"{field}_{language}"] = getattr(agreement, f"{field}_{language}") or ""
    for field in (f.name for f in Agreement._meta.fields if f.name.startswith("covers_")):
        if getattr(agreement, field):
            data[field] = "on"
    for number, row in enumerate(rows):
        values = {"id": "", "agreement": agreement.pk, "note_en": "", "note_nb": "", **row}
        data.update({f"countries-{number}-{key}": value for key, value in values.items()})
    return {**data, **changes}


def test_an_agreements_draft_shows_its_country_rows_in_the_form(editor_client):
    us = Agreement.objects.get(slug="united-states")
    rows = [{"country": "US", "note_en": "Healthcare only", "note_nb": "Bare helsehjelp"}]
    editor_client.post(
        f"/admin/agreements/agreement/{us.pk}/change/", agreement_draft_data(us, rows)
    )
    html = editor_client.get(f"/admin/agreements/agreement/{us.pk}/change/").content.decode()
    assert 'value="Healthcare only"' in html
    assert 'name="countries-INITIAL_FORMS" value="0"' in html


def test_publishing_an_agreements_draft_applies_its_countries_and_sources(
    editor_client, publisher_client, client
):
    us = Agreement.objects.get(slug="united-states")
    assert us.published and [row.code for row in us.countries.all()] == ["us"]
    new_source = make_source()
    rows = [
        {"country": "US", "note_en": "Healthcare only", "note_nb": "Bare helsehjelp"},
        {"country": "PR", "note_en": "", "note_nb": ""},
    ]
    response = editor_client.post(
        f"/admin/agreements/agreement/{us.pk}/change/",
        agreement_draft_data(us, rows, sources=[new_source.pk], name_en="The US agreement"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert "The US agreement" not in client.get("/en/agreements/us/").content.decode()
    assert client.get("/en/agreements/pr/").content.decode().count(us.name_en) == 0

    decide(publisher_client, draft_of(us), _publish="1")

    us.refresh_from_db()
    assert us.name_en == "The US agreement"
    assert {row.code: row.note_en or "" for row in us.countries.all()} == {
        "us": "Healthcare only",
        "pr": "",
    }
    assert list(us.sources.all()) == [new_source]
    assert "The US agreement" in client.get("/en/agreements/pr/").content.decode()


# Preview ------------------------------------------------------------------------------


def test_staff_preview_the_draft_at_the_real_address_never_cached(editor_client, client, guide):
    page(client, guide)
    save_draft(editor_client, guide)
    address = f"/en/guides/{guide.slug}/?preview={draft_of(guide).pk}"

    response = editor_client.get(address)
    assert response.status_code == 200
    assert NEW_WORDS in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]

    visitor = client.get(address, follow=True)
    assert NEW_WORDS not in visitor.content.decode()
    assert OLD_WORDS in visitor.content.decode()
    assert OLD_WORDS in page(client, guide)


def test_the_comparison_page_sets_live_and_pending_side_by_side(editor_client, guide):
    save_draft(editor_client, guide)
    draft = draft_of(guide)
    html = editor_client.get(draft.get_admin_url()).content.decode()
    assert "<mark>" in html  # the words that changed
    assert f"?preview={draft.pk}" in html
    assert guide.get_absolute_url() in html


def test_the_list_of_pending_versions_filters_by_state(editor_client, guide):
    save_draft(editor_client, guide, button="_submit_review")
    listed = editor_client.get("/admin/content/pendingchange/?state=submitted").content.decode()
    assert guide.title_en in listed
    assert (
        guide.title_en
        not in editor_client.get("/admin/content/pendingchange/?state=rejected").content.decode()
    )


# Scheduled publishing and expiry ------------------------------------------------------


@pytest.fixture
def clock(monkeypatch):
    """timezone.now, moved on at will."""

    class Clock:
        now = timezone.now()

        def move_to(self, moment: datetime.datetime) -> None:
            self.now = moment

    found = Clock()
    monkeypatch.setattr(timezone, "now", lambda: found.now)
    forget_next_due()
    yield found
    forget_next_due()


def local_input(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_a_scheduled_change_is_invisible_before_its_time_and_visible_right_after(
    editor_client, publisher_client, client, guide, clock
):
    go_live = (clock.now + datetime.timedelta(hours=2)).replace(second=0, microsecond=0)
    save_draft(editor_client, guide, button="_submit_review")
    decide(
        publisher_client, draft_of(guide), _schedule="1", workflow_go_live_at=local_input(go_live)
    )
    draft = draft_of(guide)
    assert draft.state == PendingChange.State.APPROVED
    assert list(PendingChange.objects.scheduled()) == [draft]

    clock.move_to(go_live - datetime.timedelta(seconds=1))
    assert OLD_WORDS in page(client, guide)  # and now cached
    clock.move_to(go_live + datetime.timedelta(seconds=1))
    assert NEW_WORDS in page(client, guide)
    draft.refresh_from_db()
    assert draft.state == PendingChange.State.PUBLISHED


def test_a_shared_cache_keeps_a_page_no_longer_than_until_the_next_change(
    editor_client, publisher_client, client, guide, clock, settings
):
    settings.SHARED_CACHE_SECONDS = 600
    go_live = (clock.now + datetime.timedelta(minutes=3)).replace(second=0, microsecond=0)
    save_draft(editor_client, guide)
    decide(
        publisher_client, draft_of(guide), _schedule="1", workflow_go_live_at=local_input(go_live)
    )
    response = client.get(f"/en/guides/{guide.slug}/")
    seconds = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert seconds <= (go_live - clock.now).total_seconds()


def test_an_expiry_unpublishes_the_page_at_its_time(publisher_client, client, guide, clock):
    expiry = (clock.now + datetime.timedelta(days=1)).replace(second=0, microsecond=0)
    response = publisher_client.post(
        change_url(guide),
        {**form_data(guide), "_expire": "1", "workflow_expire_at": local_input(expiry)},
    )
    assert response.status_code == 302
    assert [change.kind for change in PendingChange.objects.scheduled()] == ["expiry"]
    assert OLD_WORDS in page(client, guide)

    clock.move_to(expiry + datetime.timedelta(seconds=1))
    assert client.get(f"/en/guides/{guide.slug}/").status_code == 404
    guide.refresh_from_db()
    assert not guide.is_published
    assert guide.history.first().history_change_reason.startswith("Unpublished as scheduled")


def test_publishscheduled_applies_what_is_due(editor_client, publisher_client, guide, clock):
    go_live = (clock.now + datetime.timedelta(hours=1)).replace(second=0, microsecond=0)
    save_draft(editor_client, guide)
    decide(
        publisher_client, draft_of(guide), _schedule="1", workflow_go_live_at=local_input(go_live)
    )
    call_command("publishscheduled", verbosity=0)
    guide.refresh_from_db()
    assert OLD_WORDS in guide.body_en

    clock.move_to(go_live + datetime.timedelta(minutes=1))
    call_command("publishscheduled", verbosity=0)
    guide.refresh_from_db()
    assert NEW_WORDS in guide.body_en


def test_a_change_is_applied_once_even_if_asked_twice(editor_client, publisher_client, guide):
    from content.workflow import publish

    save_draft(editor_client, guide)
    draft = draft_of(guide)
    decide(publisher_client, draft, _publish="1")
    entries = guide.history.count()
    publish(draft)
    assert guide.history.count() == entries


def test_a_schedule_in_the_past_is_refused(editor_client, publisher_client, guide, clock):
    save_draft(editor_client, guide)
    past = clock.now - datetime.timedelta(hours=1)
    decide(publisher_client, draft_of(guide), _schedule="1", workflow_go_live_at=local_input(past))
    assert draft_of(guide).state == PendingChange.State.DRAFT


# In Norwegian --------------------------------------------------------------------------


def test_a_norwegian_editor_gets_the_notice_and_buttons_in_bokmal(editor_client, guide):
    save_draft(editor_client, guide)
    html = editor_client.get(change_url(guide), headers={"accept-language": "nb"}).content.decode()
    assert "Du redigerer et utkast av en publisert side" in html
    assert 'value="Lagre utkast"' in html
    assert 'value="Send til godkjenning"' in html


def test_a_norwegian_publisher_gets_the_decisions_in_bokmal(editor_client, publisher_client, guide):
    save_draft(editor_client, guide)
    draft = draft_of(guide)
    html = publisher_client.get(
        draft.get_admin_url(), headers={"accept-language": "nb"}
    ).content.decode()
    assert "Hva publisering vil endre" in html
    assert 'value="Godkjenn og publiser"' in html
    assert "Avvis" in html


def test_an_unpublished_guide_submitted_for_publication_goes_live_when_approved(
    editor_client, publisher_client, client
):
    draft_guide = make_guide(status=Guide.Status.DRAFT)
    html = editor_client.get(change_url(draft_guide)).content.decode()
    assert "Save and submit for publication" in html
    save_draft(editor_client, draft_guide, button="_submit_review")
    draft_guide.refresh_from_db()
    assert not draft_guide.is_published
    assert NEW_WORDS in draft_guide.body_en  # saved directly, as drafts are
    change = draft_of(draft_guide)
    assert change.state == PendingChange.State.SUBMITTED
    assert client.get(draft_guide.get_absolute_url()).status_code == 404

    decide(publisher_client, change, _publish="1")
    draft_guide.refresh_from_db()
    assert draft_guide.is_published
    assert NEW_WORDS in page(client, draft_guide)


def test_a_scheduled_change_that_cannot_be_applied_goes_back_to_its_author(
    editor, editor_client, publisher_client, client, guide, clock
):
    taken = make_guide(slug="taken-address")
    go_live = (clock.now + datetime.timedelta(hours=1)).replace(second=0, microsecond=0)
    save_draft(editor_client, guide, slug="free-address")
    decide(
        publisher_client, draft_of(guide), _schedule="1", workflow_go_live_at=local_input(go_live)
    )
    taken.slug = "free-address"  # another page takes the address meanwhile
    taken.save()

    clock.move_to(go_live + datetime.timedelta(seconds=1))
    assert OLD_WORDS in page(client, guide)  # the page still works
    returned = list(PendingChange.objects.returned_to(editor))
    assert len(returned) == 1
    assert returned[0].note.startswith("Could not be published at its time")


def test_staff_preview_an_agreements_draft_and_visitors_never_see_it(editor_client, client):
    us = Agreement.objects.get(slug="united-states")
    rows = [{"country": "US", "note_en": "", "note_nb": ""}]
    editor_client.post(
        f"/admin/agreements/agreement/{us.pk}/change/",
        agreement_draft_data(us, rows, name_en="The draft name of the US agreement"),
    )
    address = f"{us.get_absolute_url()}?preview={draft_of(us).pk}"
    response = editor_client.get(address)
    assert "The draft name of the US agreement" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    visitor = client.get(address, follow=True).content.decode()
    assert "The draft name of the US agreement" not in visitor
    assert us.name_en in visitor


def test_approving_a_guide_that_cites_no_source_is_refused_as_publishing_it_is(
    editor_client, publisher_client, client
):
    draft_guide = make_guide(status=Guide.Status.DRAFT, sources=[])
    save_draft(editor_client, draft_guide, button="_submit_review")
    change = draft_of(draft_guide)

    response = decide(publisher_client, change, _publish="1", confirmed="yes")
    later = timezone.localtime() + datetime.timedelta(days=1)
    decide(publisher_client, change, _schedule="1", workflow_go_live_at=local_input(later))

    assert response.status_code == 302
    review_page = publisher_client.get(response["Location"]).content.decode()
    assert "A published guide must cite at least one official source." in review_page
    draft_guide.refresh_from_db()
    assert not draft_guide.is_published
    assert draft_of(draft_guide).state == PendingChange.State.SUBMITTED  # neither approved
    assert client.get(draft_guide.get_absolute_url()).status_code == 404


def test_publishing_an_agreements_draft_names_the_countries_added_and_removed_in_history(
    editor_client, publisher_client
):
    chile = Agreement.objects.get(slug="chile")
    assert [row.code for row in chile.countries.all()] == ["cl"]
    editor_client.post(
        f"/admin/agreements/agreement/{chile.pk}/change/",
        agreement_draft_data(chile, [{"country": "PE"}]),
    )
    decide(publisher_client, draft_of(chile), _publish="1")

    reason = chile.history.latest().history_change_reason
    assert reason == (
        "Published draft by editor-in-test, approved by publisher-in-test."
        " Countries added: Peru. Countries removed: Chile."
    )
    history = publisher_client.get(f"/admin/agreements/agreement/{chile.pk}/history/")
    assert "Countries added: Peru. Countries removed: Chile." in history.content.decode()


def test_staff_previewing_a_pending_version_see_a_banner_visitors_never_do(
    editor_client, client, guide
):
    save_draft(editor_client, guide)
    us = Agreement.objects.get(slug="united-states")
    editor_client.post(
        f"/admin/agreements/agreement/{us.pk}/change/",
        agreement_draft_data(us, [{"country": "US"}], name_en="The US agreement, pending"),
    )
    banner = "Preview of a pending version: visitors see the published page"
    for record, address in [
        (guide, f"/en/guides/{guide.slug}/"),
        (us, us.get_absolute_url()),
    ]:
        previewed = f"{address}?preview={draft_of(record).pk}"
        assert banner in editor_client.get(previewed).content.decode(), address
        assert banner not in editor_client.get(address).content.decode(), address
        assert banner not in client.get(previewed, follow=True).content.decode(), address
    norwegian = editor_client.get(f"/nb/guides/{guide.slug}/?preview={draft_of(guide).pk}")
    assert "Forhåndsvisning av en ventende versjon" in norwegian.content.decode()


def test_a_guide_page_looks_up_no_pending_version_unless_staff_ask_for_a_preview(
    editor_client, client, guide
):
    save_draft(editor_client, guide)  # a pending version exists
    remember_next_due()  # as every process knows it after a deploy (content/scheduling.py)
    for who in (client, editor_client):
        with CaptureQueriesContext(connection) as context:
            assert who.get(f"/en/guides/{guide.slug}/").status_code == 200
        assert not [q for q in context.captured_queries if "content_pendingchange" in q["sql"]]
    with CaptureQueriesContext(connection) as context:
        editor_client.get(f"/en/guides/{guide.slug}/?preview={draft_of(guide).pk}")
    assert [q for q in context.captured_queries if "content_pendingchange" in q["sql"]]
