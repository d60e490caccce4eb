"""Editors write Markdown; visitors get sanitised HTML.

markdown-it-py renders CommonMark plus tables with raw HTML switched off, and
nh3 then removes anything not on a short allowlist. Either alone would stop a
script typed into a guide; both together also stop what a future plugin or a
parser bug might let through. Level-2 and level-3 headings get stable anchors
(derived from their text) for the table of contents and for deep links.
Before any of that, shortcuts such as {G} become the amount in force
(content/rates.py).

What the site cannot show (images, raw HTML, headings other than ## and ###)
is refused when an editor saves (`validate_renderable_markdown`), rather than
silently dropped or shown as text on the page.
"""

import hashlib
import itertools
from dataclasses import dataclass

import nh3
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin

from content.rates import fill_in_rates

ALLOWED_TAGS = frozenset(
    {
        *("h2", "h3", "h4", "p", "br", "hr", "blockquote"),
        *("ul", "ol", "li", "strong", "em", "code", "pre", "a"),
        *("table", "thead", "tbody", "tr", "th", "td"),
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "h2": {"id"}, "h3": {"id"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = frozenset({"https", "http", "mailto", "tel"})
TRANSLITERATION = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a"})
CACHE_SECONDS = 60 * 60 * 24


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class RenderedMarkdown:
    html: str
    headings: tuple[Heading, ...]

    @property
    def table_of_contents(self) -> tuple[Heading, ...]:
        return tuple(heading for heading in self.headings if heading.level == 2)


def heading_anchor(text: str) -> str:
    """ "Før du reiser" -> "for-du-reiser": readable, ASCII, stable."""
    return slugify(text.translate(TRANSLITERATION)) or "section"


_parser = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    .enable("table")
    .use(anchors_plugin, min_level=2, max_level=3, slug_func=heading_anchor)
)


def render_markdown(text: str) -> RenderedMarkdown:
    tokens = _parser.parse(text or "")
    headings = tuple(
        Heading(int(token.tag[1]), inline.content, str(token.attrGet("id")))
        for token, inline in itertools.pairwise(tokens)
        if token.type == "heading_open" and token.attrGet("id")
    )
    html = nh3.clean(
        _parser.renderer.render(tokens, _parser.options, {}),
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer",
    )
    return RenderedMarkdown(html=html, headings=headings)


def cached_markdown(text: str) -> RenderedMarkdown:
    """Render once per distinct text, keyed on the text with the rates filled
    in: a saved edit, a changed rate or a value coming into force is a new
    text, so a new key."""
    text = fill_in_rates(text or "")
    key = "markdown:" + hashlib.sha256(text.encode()).hexdigest()
    rendered: RenderedMarkdown | None = cache.get(key)
    if rendered is None:
        rendered = render_markdown(text)
        cache.set(key, rendered, CACHE_SECONDS)
    return rendered


# Only to find what the site would drop: raw HTML is recognised here, never rendered.
_finder = MarkdownIt("commonmark", {"html": True}).enable("table")
SHOWN_HEADING_TAGS = frozenset({"h2", "h3"})


def unrenderable_parts(text: str) -> list[str]:
    """What in this Markdown the site's pages would not show as written."""
    found: list[str] = []
    for token in _finder.parse(text or ""):
        if token.type == "heading_open" and token.tag not in SHOWN_HEADING_TAGS:
            found.append(_("a heading with %(marks)s") % {"marks": token.markup or token.tag})
        elif token.type == "html_block":
            found.append(_("raw HTML (%(html)s)") % {"html": token.content.strip()[:40]})
        for child in token.children or ():
            if child.type == "image":
                found.append(_("an image (%(source)s)") % {"source": child.attrGet("src")})
            elif child.type == "html_inline":
                found.append(_("raw HTML (%(html)s)") % {"html": child.content[:40]})
    return found


def validate_renderable_markdown(text: str) -> None:
    """A form validator: refuses Markdown the pages would drop or show as code."""
    found = unrenderable_parts(text)
    if found:
        raise ValidationError(
            _(
                "The site cannot show %(parts)s. Use '## ' or '### ' for headings, a link "
                "instead of an image, and Markdown instead of HTML."
            )
            % {"parts": "; ".join(dict.fromkeys(found))},
            code="unrenderable_markdown",
        )
