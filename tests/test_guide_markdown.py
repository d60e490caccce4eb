"""Editors write Markdown; whatever they type, no script reaches a visitor."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from content.markdown import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    ALLOWED_URL_SCHEMES,
    cached_markdown,
    render_markdown,
)
from tests.support.factories import make_guide

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<body onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<a href="javascript:alert(1)">click</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>body{display:none}</style>",
    "<object data=javascript:alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<form action=javascript:alert(1)><button>go</button></form>",
    '<meta http-equiv=refresh content="0;url=javascript:alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](javascript&colon;alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '[click](https://example.org "x\\" onmouseover=\\"alert(1)")',
    "[click][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "![x](javascript:alert(1))",
    '![x](https://evil.example/x.png" onerror="alert(1))',
    "## <script>alert(1)</script> heading",
    "## Heading {onclick=alert(1)}",
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |",
    "> <script>alert(1)</script>",
    "<!-- --><script>alert(1)</script><!-- -->",
    "<scr<script>ipt>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]


DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))


def tags_in(html: str) -> list[tuple[str, dict[str, str | None]]]:
    collector = TagCollector()
    collector.feed(html)
    return collector.tags


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_script_attribute_or_script_link_survives_rendering(payload):
    html = render_markdown(payload).html
    for tag, attributes in tags_in(html):
        assert tag in ALLOWED_TAGS, html
        assert set(attributes) <= ALLOWED_ATTRIBUTES.get(tag, set()) | {"rel"}, html
        href = (attributes.get("href") or "").strip()
        if href:
            scheme = urlsplit(href).scheme.lower()
            assert scheme in ALLOWED_URL_SCHEMES or scheme == "", html
    assert "<script" not in html.lower()


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
@pytest.mark.django_db
def test_a_guide_body_with_a_payload_renders_without_any_script_of_its_own(client, payload):
    guide = make_guide(body_en=f"Intro.\n\n{payload}\n")
    html = client.get(f"/en/guides/{guide.slug}/").content.decode()
    body = html[
        html.index('<div class="guide__body">') : html.index('<section class="guide__sources"')
    ]
    assert not [tag for tag, _attributes in tags_in(body) if tag not in ALLOWED_TAGS | {"div"}]
    assert not [
        name
        for _tag, attributes in tags_in(body)
        for name in attributes
        if name.lower().startswith("on")
    ]
    addresses = [
        (attributes.get("href") or "").strip().lower() for _tag, attributes in tags_in(body)
    ]
    assert not [address for address in addresses if address.startswith(DANGEROUS_SCHEMES)]


def test_raw_html_is_shown_as_text_not_dropped():
    html = render_markdown("Use <b>bold</b> never.").html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_headings_get_stable_readable_anchors_and_a_table_of_contents():
    rendered = render_markdown("## Før du reiser\n\ntext\n\n### Helfo og S1\n\n## Kontakt NAV\n")
    assert '<h2 id="for-du-reiser">Før du reiser</h2>' in rendered.html
    assert '<h3 id="helfo-og-s1">Helfo og S1</h3>' in rendered.html
    assert [(heading.text, heading.anchor) for heading in rendered.table_of_contents] == [
        ("Før du reiser", "for-du-reiser"),
        ("Kontakt NAV", "kontakt-nav"),
    ]


def test_tables_lists_and_links_work():
    html = render_markdown(
        "- one\n- two\n\n1. first\n\n| Age | Amount |\n|---|---|\n| 1 | 1 968 |\n\n"
        "[NAV](https://www.nav.no/en/home)"
    ).html
    assert "<ul>\n<li>one</li>" in html
    assert "<ol>\n<li>first</li>" in html
    assert "<th>Age</th>" in html and "<td>1 968</td>" in html
    assert '<a href="https://www.nav.no/en/home" rel="noopener noreferrer">NAV</a>' in html


def test_a_saved_edit_is_rendered_afresh():
    assert "Old text" in cached_markdown("Old text").html
    assert "New text" in cached_markdown("New text").html
