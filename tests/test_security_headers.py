"""Strict security headers on every response the site sends, and pages that
need nothing the Content Security Policy forbids."""

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.utils.csp import build_policy

from tests.support.pages import public_urls

pytestmark = pytest.mark.django_db

# The policy config/settings.py's SECURE_CSP must give, written out here
# rather than read from settings: a test that compared the header with the
# setting would pass just as well after the setting was loosened.
EXPECTED_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}

OTHER_RESPONSES = [
    "/",  # redirect to a language
    "/guides/",  # redirect to a language
    "/en/no-such-page/",
    "/healthz",
    "/robots.txt",
    "/sitemap.xml",
    "/favicon.ico",
    "/admin/login/",
]


def directives(policy: str) -> dict[str, list[str]]:
    """A Content-Security-Policy header as {directive: [sources]}."""
    parsed: dict[str, list[str]] = {}
    for directive in policy.split(";"):
        name, *sources = directive.split()
        assert name not in parsed, f"{name} given twice"
        parsed[name] = sources
    return parsed


def assert_security_headers(response) -> None:
    assert "Content-Security-Policy" in response, "no Content-Security-Policy header"
    assert directives(response["Content-Security-Policy"]) == EXPECTED_CSP
    assert "Content-Security-Policy-Report-Only" not in response
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("url", public_urls() + OTHER_RESPONSES)
def test_every_response_carries_the_security_headers(client, url):
    assert_security_headers(client.get(url))


def test_static_files_carry_the_security_headers_too(client):
    from django.templatetags.static import static

    response = client.get(static("css/site.css"))
    assert response.status_code == 200
    assert_security_headers(response)


def test_the_setting_holds_exactly_the_expected_policy():
    assert directives(build_policy(settings.SECURE_CSP)) == EXPECTED_CSP
    assert not settings.SECURE_CSP_REPORT_ONLY  # enforced, not merely reported


def test_the_policy_lets_pages_run_only_this_sites_own_files(client):
    """No inline code, no eval, no nonce or hash, no other origin: scripts
    and styles come from this site's files or not at all."""
    response = client.get("/en/")
    assert "Content-Security-Policy" in response, "no Content-Security-Policy header"
    policy = directives(response["Content-Security-Policy"])
    assert policy.get("default-src") == ["'self'"]
    for directive in ("script-src", "style-src"):
        # A directive left out falls back to default-src, so both count.
        assert policy.get(directive, policy["default-src"]) == ["'self'"], directive
    assert policy.get("object-src") == ["'none'"]
    assert policy.get("frame-ancestors") == ["'none'"]


class InlineCodeFinder(HTMLParser):
    """Collects what the policy would block: inline scripts and styles,
    style attributes, event-handler attributes and javascript: addresses."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            elif name == "style":
                self.found.append(f'<{tag} style="{value}">')
            elif name in ("href", "src", "action", "formaction") and (
                (value or "").strip().lower().startswith("javascript:")
            ):
                self.found.append(f'<{tag} {name}="{value}">')
        if tag == "style":
            self.found.append("<style>")
        if tag == "script":
            self.in_script = True
            if not dict(attrs).get("src"):
                self.found.append("<script> without src")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and data.strip():
            self.found.append(f"<script>{data.strip()[:40]}</script>")


def inline_code(html: str) -> list[str]:
    finder = InlineCodeFinder()
    finder.feed(html)
    finder.close()
    return finder.found


@pytest.mark.parametrize(
    ("url", "status"),
    [
        *((url, 200) for url in public_urls()),
        ("/en/no-such-page/", 404),
        ("/nb/no-such-page/", 404),
    ],
)
def test_no_page_has_inline_script_style_or_event_handlers(client, url, status):
    response = client.get(url)
    assert response.status_code == status  # a redirect's empty body would prove nothing
    assert inline_code(response.content.decode()) == []


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<script type="module">import("/x.js")</script>',
        "<style>p { color: red }</style>",
        '<p style="color: red">',
        '<button type="button" onclick="go()">Go</button>',
        "<body onload=go()>",
        '<img src="x.png" alt="" ONERROR="go()">',
        '<a href=" JavaScript:go()">Go</a>',
        '<form action="javascript:go()"></form>',
    ],
)
def test_the_page_check_finds_what_the_policy_would_block(html):
    assert inline_code(html) != []


def test_the_page_check_lets_this_sites_own_files_through():
    html = (
        '<link rel="stylesheet" href="/static/css/site.css">'
        '<script src="/static/js/site.js" defer></script>'
        '<a href="/en/guides/" class="button" data-once="">Guides</a>'
    )
    assert inline_code(html) == []
