"""Admin's index, "Needs your attention": per role, what awaits review, what
is scheduled, returned or drafted, overdue, untranslated, broken or
unpublished, and what visitors found not useful; each section linked to the
admin list filtered to it, in both admin languages."""

import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from content.models import PendingChange
from feedback.models import PageFeedback
from guidance.models import Guide
from linkcheck.checking import check_internal_links
from tests.support.factories import make_guide

pytestmark = pytest.mark.django_db


def attention(client, language: str = "en") -> str:
    html = client.get("/admin/", headers={"accept-language": language}).content.decode()
    start = html.index('<section class="module editor-attention"')
    return html[start : html.index("</section>", start)]


def section_order(html: str) -> list[str]:
    return re.findall(r'id="attention-([\w-]+)"', html)


def pending(guide: Guide, author, state: str, **fields) -> PendingChange:
    return PendingChange.objects.create(
        content_type=ContentType.objects.get_for_model(Guide),
        object_id=guide.pk,
        author=author,
        state=state,
        values={},
        **fields,
    )


def test_with_nothing_to_do_the_dashboard_says_so_in_both_languages(editor_client):
    assert "Nothing needs your attention." in attention(editor_client)
    assert "Ingenting trenger din oppmerksomhet." in attention(editor_client, "nb")


def test_a_broken_link_is_listed_with_its_record_and_the_filtered_list(editor_client):
    guide = make_guide(title_en="Guide with a bad link", body_nb="[x](/nb/guides/borte/)")
    check_internal_links()
    html = attention(editor_client)
    assert "Broken links (1)" in html
    assert f'<a href="/admin/guidance/guide/{guide.pk}/change/">/nb/guides/borte/</a>' in html
    assert "Guide with a bad link (body_nb): No guide has this address" in html
    assert 'href="/admin/linkcheck/linkcheck/?result__exact=broken"' in html
    assert "Ødelagte lenker (1)" in attention(editor_client, "nb")


def test_the_link_checks_list_is_open_to_editors(editor_client):
    make_guide(body_en="[x](/en/guides/borte/)")
    check_internal_links()
    html = editor_client.get("/admin/linkcheck/linkcheck/?result__exact=broken").content.decode()
    assert "/en/guides/borte/" in html
    assert "No guide has this address" in html


def test_recent_no_answers_with_comments_are_shown_not_the_yes_ones(editor_client):
    PageFeedback.objects.create(page="/en/guides/x/", useful=False, comment="Where is the form?")
    PageFeedback.objects.create(page="/en/guides/x/", useful=True, comment="Great page")
    PageFeedback.objects.create(page="/en/guides/y/", useful=False)
    html = attention(editor_client)
    assert "Pages visitors did not find useful (1)" in html
    assert (
        '<a href="/admin/feedback/pagefeedback/?page__exact=/en/guides/x/">Where is the form?</a>'
        in html
    )
    assert "Great page" not in html


def test_review_overdue_lists_the_record_and_links_to_the_overdue_filter(editor_client):
    old = timezone.localdate() - datetime.timedelta(days=400)
    guide = make_guide(title_en="An old guide", last_reviewed=old)
    html = attention(editor_client)
    assert "Review overdue (over 12 months) (1)" in html
    assert f'<a href="/admin/guidance/guide/{guide.pk}/change/">An old guide</a>' in html
    assert 'href="/admin/guidance/guide/?review=overdue"' in html


def test_a_missing_translation_is_listed_with_the_gap(editor_client):
    guide = make_guide(title_en="Untranslated guide", body_nb="")
    html = attention(editor_client)
    link = f'<a href="/admin/guidance/guide/{guide.pk}/change/">Untranslated guide</a>'
    assert f"{link} – Bokmål missing" in html
    assert 'href="/admin/guidance/guide/?translation=bokmal-missing"' in html


def test_publishers_see_what_awaits_their_review_first(admin_client, editor):
    guide = make_guide(title_en="A guide under review")
    pending(guide, editor, PendingChange.State.SUBMITTED)
    make_guide(body_en="[x](/en/guides/borte/)")
    check_internal_links()
    html = attention(admin_client)
    assert section_order(html)[:2] == ["awaiting-review", "broken-links"]
    assert "Awaiting your review (1)" in html
    assert "A guide under review</a> – editor-in-test" in html
    assert 'href="/admin/content/pendingchange/?state=submitted"' in html


def test_editors_see_their_drafts_and_returned_changes_first(editor_client, editor, admin_user):
    mine = make_guide(title_en="My draft")
    returned = make_guide(title_en="Sent back")
    theirs = make_guide(title_en="Someone else's")
    pending(mine, editor, PendingChange.State.DRAFT)
    pending(returned, editor, PendingChange.State.REJECTED, note="Cite the Helfo page.")
    pending(theirs, admin_user, PendingChange.State.SUBMITTED)
    html = attention(editor_client)
    assert section_order(html) == ["drafts", "returned", "awaiting-review"]
    assert "Sent back</a> – Cite the Helfo page." in html
    assert "Awaiting review (1)" in html
    assert "Dine utkast (1)" in attention(editor_client, "nb")


def test_scheduled_changes_are_listed_with_their_time(editor_client, editor):
    guide = make_guide(title_en="Goes live later")
    pending(
        guide,
        editor,
        PendingChange.State.APPROVED,
        go_live_at=timezone.now() + datetime.timedelta(days=2),
    )
    html = attention(editor_client)
    assert "Scheduled (1)" in html
    assert "Goes live later</a>" in html
    assert 'href="/admin/content/pendingchange/?state=approved"' in html


def test_long_sections_show_a_few_and_say_how_many_more(editor_client):
    for number in range(10):
        make_guide(body_en=f"[x](/en/guides/borte-{number}/)")
    check_internal_links()
    html = attention(editor_client)
    assert "Broken links (10)" in html
    assert "and 2 more" in html
