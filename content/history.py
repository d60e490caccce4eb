"""How a change shows in admin's history list.

django-simple-history shows a changed field as its old and new value, each cut
to 100 characters. For a guide's body (thousands of characters) that hides
what changed, so multi-line texts show the lines that changed instead, and
within a line that was reworded rather than rewritten, the words that changed
are marked. Empty values read "(empty)" rather than "None", and a field with
choices shows its label ("Published") rather than the stored value.
"""

import difflib
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from simple_history.models import ModelChange
from simple_history.template_utils import HistoricalRecordContextHelper

MAX_LINES = 12
MAX_LINE_LENGTH = 300
# Below this share of words in common, a line was rewritten, not reworded:
# marking nearly every word would say less than showing both lines.
REWORDED_AT_LEAST = 0.5


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    """The lines only in the old text, and the lines only in the new one."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    removed: list[str] = []
    added: list[str] = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag != "equal":
            removed += old_lines[old_start:old_end]
            added += new_lines[new_start:new_end]
    return removed, added


def changed_words(old: str, new: str) -> tuple[SafeString, SafeString] | None:
    """Both lines with the words that changed in <mark>, or None when the
    line was rewritten rather than reworded."""
    old_words, new_words = old.split(" "), new.split(" ")
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    if matcher.ratio() < REWORDED_AT_LEAST:
        return None
    old_parts: list[SafeString] = []
    new_parts: list[SafeString] = []
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        for words, start, end, parts in (
            (old_words, old_start, old_end, old_parts),
            (new_words, new_start, new_end, new_parts),
        ):
            if start == end:
                continue
            text = " ".join(words[start:end])
            parts.append(format_html("{}", text) if tag == "equal" else marked(text))
    return mark_safe(" ".join(old_parts)), mark_safe(" ".join(new_parts))  # noqa: S308  # parts are escaped


def marked(text: str) -> SafeString:
    return format_html("<mark>{}</mark>", text)


def as_html(lines: list[str]) -> SafeString:
    shown = [line[:MAX_LINE_LENGTH] for line in lines[:MAX_LINES]]
    if len(lines) > MAX_LINES:
        shown.append(f"… (+{len(lines) - MAX_LINES})")
    return format_html_join("", "{}<br>", ((line,) for line in shown))  # escapes each line


def as_word_diff(removed: list[str], added: list[str]) -> tuple[SafeString, SafeString] | None:
    """One line reworded into one line: the words that changed, marked."""
    if len(removed) != 1 or len(added) != 1:
        return None
    words = changed_words(removed[0][:MAX_LINE_LENGTH], added[0][:MAX_LINE_LENGTH])
    if words is None:
        return None
    return format_html("{}<br>", words[0]), format_html("{}<br>", words[1])


# The base is untyped: django-simple-history ships no type hints.
class LineDiffContextHelper(HistoricalRecordContextHelper):  # type: ignore[misc]
    def stringify_delta_change_values(
        self, change: ModelChange, old: Any, new: Any
    ) -> tuple[SafeString, SafeString]:
        if isinstance(old, str) and isinstance(new, str) and ("\n" in old or "\n" in new):
            removed, added = changed_lines(old, new)
            if removed or added:  # else only spaces at line ends changed: show it plainly
                return as_word_diff(removed, added) or (as_html(removed), as_html(added))
        old, new = self.readable(change, old), self.readable(change, new)
        values: tuple[SafeString, SafeString] = super().stringify_delta_change_values(
            change, old, new
        )
        return values

    def readable(self, change: ModelChange, value: Any) -> Any:
        """A choice's label, and "(empty)" for nothing."""
        if value is None or value == "" or value == []:
            return _("(empty)")
        try:
            field = self.model._meta.get_field(change.field)
        except FieldDoesNotExist:
            return value
        choices = dict(field.flatchoices) if getattr(field, "choices", None) else {}
        return choices.get(value, value)
