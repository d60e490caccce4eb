"""Every link in a text: Markdown links and autolinks, and bare paths of this
site written as plain text ("see /en/guides/moving-to-norway/").

Read from markdown-it's tokens, as the pages render them, so that a link
inside `code` is not a link, and a reference-style link is.
"""

import functools
import re
from urllib.parse import urlsplit

from markdown_it import MarkdownIt

_parser = MarkdownIt("commonmark", {"html": False}).enable("table")

# A path of this site in running text: a language prefix or one of the
# site's sections, not part of a longer word or address ("24/7", "a/b").
BARE_PATH = re.compile(r"(?<![\w/.:-])/(?:en|nb|guides|agreements|checklist)/[\w\-/#.]*")
CHECKED_SCHEMES = frozenset({"http", "https"})


# Parsing is most of a full check's time; a save re-checks every text, few of them changed.
@functools.lru_cache(maxsize=2048)
def links_in_markdown(text: str) -> tuple[str, ...]:
    """Each distinct link in the text, in order of appearance."""
    found: list[str] = []
    for token in _parser.parse(text or ""):
        for child in token.children or ():
            if child.type == "link_open":
                found.append(str(child.attrGet("href") or ""))
            elif child.type == "text":
                found.extend(match.rstrip(".") for match in BARE_PATH.findall(child.content))
    return tuple(link for link in dict.fromkeys(found) if is_checkable(link))


def is_checkable(link: str) -> bool:
    """A path of this site, or a web address; not mailto:, tel: or "#section"."""
    if link.startswith("/") and not link.startswith("//"):
        return True
    return urlsplit(link).scheme in CHECKED_SCHEMES


def is_internal(link: str) -> bool:
    return link.startswith("/") and not link.startswith("//")
