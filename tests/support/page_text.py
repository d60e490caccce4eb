"""Read a page the way a visitor does: its visible text and labels."""

from html.parser import HTMLParser

# Attributes a visitor (or a screen reader) meets as text.
TEXT_ATTRIBUTES = ("title", "alt", "aria-label", "placeholder")
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


class _TextCollector(HTMLParser):
    def __init__(self, skip_language: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_language = skip_language
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden from this reading)
        self.texts: list[str] = []

    @property
    def hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        hidden = (
            self.hidden
            or tag in ("script", "style", "template")
            or (self.skip_language is not None and attributes.get("lang") == self.skip_language)
        )
        if not hidden:
            for name in TEXT_ATTRIBUTES:
                if attributes.get(name):
                    self.texts.append(attributes[name].strip())
            if tag == "meta" and attributes.get("name") == "description":
                self.texts.append((attributes.get("content") or "").strip())
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, hidden))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and not self.hidden:
            self.texts.append(text)


def visible_texts(html: str, skip_language: str | None = None) -> list[str]:
    """Every text node and text attribute, whitespace folded.

    Elements marked lang=skip_language are left out: on a Norwegian page, text
    deliberately shown in English (such as the "English" link) says so itself.
    """
    collector = _TextCollector(skip_language)
    collector.feed(html)
    return [text for text in collector.texts if text]
