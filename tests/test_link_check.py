"""Link checks: every link in guides, checklist items and agreements (both
languages) and every official source's address, checked and kept for the
editors; internal ones at once, web addresses only when asked and reachable."""

import http.server
import io
import threading
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from agreements.models import Agreement
from guidance.models import ChecklistItem, Guide
from linkcheck.checking import (
    broken_internal_links,
    check_internal_links,
    check_official_links,
    links_in,
)
from linkcheck.finding import links_in_markdown
from linkcheck.models import LinkCheck
from linkcheck.official import check_official
from tests.support.admin_forms import change_url, form_data
from tests.support.factories import make_guide, make_source

pytestmark = pytest.mark.django_db

Result, Reason = LinkCheck.Result, LinkCheck.Reason


def verdicts(record) -> dict[str, tuple[str, str]]:
    return {check.url: (check.result, check.reason) for check in check_internal_links(record)}


# Finding links ------------------------------------------------------------------------


def test_markdown_links_bare_paths_and_reference_links_are_found_but_not_code():
    text = (
        "See [the guide](/en/guides/a/) and /nb/guides/b/. Not `/en/guides/in-code/`.\n"
        "Call [NAV](tel:+4755553333), mail [us](mailto:x@example.com), [top](#top), 24/7.\n"
        "<https://www.nav.no/en/home> and [ref][1].\n\n[1]: /en/agreements/\n"
    )
    assert links_in_markdown(text) == (
        "/en/guides/a/",
        "/nb/guides/b/",
        "https://www.nav.no/en/home",
        "/en/agreements/",
    )


def test_links_are_found_in_both_languages_with_their_field():
    guide = make_guide(body_en="[A](/en/guides/a/)", body_nb="[B](/nb/guides/b/)")
    found = {(link.field, link.url, link.language) for link in links_in(guide)}
    assert found == {("body_en", "/en/guides/a/", "en"), ("body_nb", "/nb/guides/b/", "nb")}


def test_an_official_source_s_two_addresses_are_links():
    source = make_source(url="https://www.nav.no/en/x", url_nb="https://www.nav.no/x")
    assert {(link.field, link.url) for link in links_in(source)} == {
        ("url", "https://www.nav.no/en/x"),
        ("url_nb", "https://www.nav.no/x"),
    }


# Internal links ---------------------------------------------------------------------


def test_links_to_published_pages_work():
    target = make_guide(slug="published-target")
    guide = make_guide(
        body_en=(
            f"[g](/en/guides/{target.slug}/) [home](/en/) [check](/en/checklist/) "
            "[se](/en/agreements/se/) [eea](/en/agreements/agreement/eea/) [about](/en/about/)"
        ),
        body_nb=f"[g](/guides/{target.slug}/)",
    )
    assert {result for result, _reason in verdicts(guide).values()} == {Result.OK}


def test_a_link_to_an_unpublished_guide_is_broken():
    make_guide(slug="still-a-draft", status=Guide.Status.DRAFT)
    guide = make_guide(body_nb="Les [mer](/nb/guides/still-a-draft/).")
    assert verdicts(guide)["/nb/guides/still-a-draft/"] == (Result.BROKEN, Reason.GUIDE_UNPUBLISHED)


@pytest.mark.parametrize(
    ("link", "reason"),
    [
        ("/en/guides/no-such-guide/", Reason.GUIDE_MISSING),
        ("/en/no-such-page/", Reason.NO_PAGE),
        ("/en/agreements/agreement/no-such-agreement/", Reason.AGREEMENT_MISSING),
        ("/en/agreements/xx/", Reason.NO_PAGE),
    ],
)
def test_a_link_to_a_missing_page_is_broken(link, reason):
    guide = make_guide(body_en=f"[x]({link})")
    assert verdicts(guide)[link] == (Result.BROKEN, reason)


def test_a_link_to_an_unpublished_agreement_is_broken():
    Agreement.objects.filter(slug="eea").update(published=False)
    item = ChecklistItem.objects.get(key="gp")
    item.body_en += "\n\n[EEA](/en/agreements/agreement/eea/)"
    assert verdicts(item)["/en/agreements/agreement/eea/"] == (
        Result.BROKEN,
        Reason.AGREEMENT_UNPUBLISHED,
    )


def test_an_old_slug_that_redirects_works_with_a_note_naming_the_new_address():
    target = make_guide(slug="before-rename")
    target.slug = "after-rename"
    target.save()
    guide = make_guide(body_en="[x](/en/guides/before-rename/)")
    check = check_internal_links(guide)[0]
    assert (check.result, check.reason, check.detail) == (
        Result.NOTE,
        Reason.OLD_ADDRESS,
        "/guides/after-rename/",
    )


def test_a_path_without_its_final_slash_works_with_a_note():
    guide = make_guide(body_en="[x](/en/checklist)")
    assert verdicts(guide)["/en/checklist"] == (Result.NOTE, Reason.NO_FINAL_SLASH)


def test_the_loaded_content_has_no_broken_internal_links():
    checks = check_internal_links()
    assert len(checks) > 100
    assert [check for check in checks if check.result == Result.BROKEN] == []


def test_results_are_kept_with_the_record_and_field_they_were_found_in():
    guide = make_guide(body_nb="[x](/nb/guides/gone/)")
    check_internal_links()
    kept = LinkCheck.objects.broken().get()
    assert (kept.url, kept.field, kept.record_name, kept.object_id) == (
        "/nb/guides/gone/",
        "body_nb",
        guide.title_en,
        guide.pk,
    )
    assert kept.record_admin_url() == change_url(guide)


def test_broken_internal_links_checks_a_record_as_it_is_in_memory():
    guide = make_guide()
    assert broken_internal_links(guide) == []
    guide.body_en = "[x](/en/guides/not-there/)"
    assert [check.url for check in broken_internal_links(guide)] == ["/en/guides/not-there/"]
    assert not LinkCheck.objects.exists()


# On save in admin ---------------------------------------------------------------------


def test_saving_a_draft_with_a_broken_link_in_admin_warns_but_saves(admin_client):
    guide = make_guide(status=Guide.Status.DRAFT)
    response = admin_client.post(
        change_url(guide),
        form_data(guide, body_nb="Se [her](/nb/guides/finnes-ikke/)."),
        follow=True,
    )
    guide.refresh_from_db()
    assert "finnes-ikke" in guide.body_nb
    html = response.content.decode()
    assert (
        "a link in it is broken: /nb/guides/finnes-ikke/ (body_nb: No guide has this address)"
        in html
    )
    assert LinkCheck.objects.broken().get().url == "/nb/guides/finnes-ikke/"


def test_saving_without_broken_links_gives_no_warning(admin_client):
    guide = make_guide(status=Guide.Status.DRAFT)
    response = admin_client.post(change_url(guide), form_data(guide), follow=True)
    assert "is broken" not in response.content.decode()


def test_saving_a_guide_in_admin_rechecks_the_links_to_it_elsewhere(admin_client):
    target = make_guide(status=Guide.Status.DRAFT, slug="soon-linked")
    make_guide(body_en="[x](/en/guides/soon-linked/)")
    admin_client.post(change_url(target), form_data(target, title_en="Renamed"))
    assert LinkCheck.objects.broken().get().url == "/en/guides/soon-linked/"


# Official links -------------------------------------------------------------------------


class Answers(http.server.BaseHTTPRequestHandler):
    """A small web server: each path answers as its name says."""

    def answer(self) -> None:
        if self.path == "/fine":
            self.send_response(200)
        elif self.path == "/gone":
            self.send_response(410)
        elif self.path == "/missing":
            self.send_response(404)
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
        elif self.path == "/no-head":
            self.send_response(405 if self.command == "HEAD" else 200)
        else:
            self.send_response(503)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD = answer

    def log_message(self, format, *args) -> None:  # quiet
        pass


@pytest.fixture
def web_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize(
    ("path", "result", "reason"),
    [
        ("/fine", Result.OK, ""),
        ("/no-head", Result.OK, ""),
        ("/gone", Result.BROKEN, Reason.GONE),
        ("/missing", Result.BROKEN, Reason.GONE),
        ("/loop", Result.BROKEN, Reason.REDIRECT_LOOP),
        ("/busy", Result.NOT_CHECKED, Reason.STATUS),
    ],
)
def test_an_official_page_is_broken_only_when_gone_or_looping(web_server, path, result, reason):
    verdict = check_official(f"{web_server}{path}", timeout=2)
    assert (verdict.result, verdict.reason) == (result, reason)


def unreachable_address() -> str:
    """A port nobody listens on: the connection is refused, as without internet."""
    server = http.server.HTTPServer(("127.0.0.1", 0), Answers)
    port = server.server_address[1]
    server.server_close()
    return f"http://127.0.0.1:{port}/page"


def test_an_unreachable_server_is_not_checked_never_broken():
    verdict = check_official(unreachable_address(), timeout=1)
    assert (verdict.result, verdict.reason) == (Result.NOT_CHECKED, Reason.UNREACHABLE)


def test_official_checks_keep_one_result_per_source_address(web_server, monkeypatch):
    monkeypatch.setattr("linkcheck.checking.content_records", lambda: iter([source]))
    source = make_source(url=f"{web_server}/gone", url_nb=unreachable_address())
    checks = check_official_links(timeout=1)
    assert {(check.field, check.result) for check in checks} == {
        ("url", Result.BROKEN),
        ("url_nb", Result.NOT_CHECKED),
    }
    assert LinkCheck.objects.official().count() == 2


# The command -----------------------------------------------------------------------------


def test_the_command_exits_with_status_1_and_names_broken_links():
    make_guide(title_en="Guide with a bad link", body_en="[x](/en/guides/nowhere/)")
    output = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("checklinks", stdout=output)
    assert raised.value.returncode == 1
    assert "Broken: /en/guides/nowhere/ in Guide with a bad link (body_en)" in output.getvalue()


def test_the_command_succeeds_on_the_loaded_content_and_asks_no_server_unless_told(monkeypatch):
    asked = []
    monkeypatch.setattr("linkcheck.checking.check_official", lambda url, timeout: asked.append(url))
    output = io.StringIO()
    call_command("checklinks", stdout=output)
    assert " 0 broken" in output.getvalue()
    assert asked == []


def test_with_official_an_unreachable_internet_is_not_checked_and_not_a_failure(monkeypatch):
    source = make_source(url=unreachable_address())
    monkeypatch.setattr("linkcheck.checking.content_records", lambda: iter([source]))
    output = io.StringIO()
    call_command("checklinks", "--official", "--timeout", "1", stdout=output)
    assert f"Not checked: {source.url} in " in output.getvalue()
    assert "Not checked (unreachable)" in output.getvalue()
    assert "1 links checked: 0 broken, 1 not checked." in output.getvalue()
