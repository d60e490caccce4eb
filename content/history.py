"""How a change shows in admin's history list.

django-simple-history shows a changed field as its old and new value, each cut
to 100 characters. For a guide's body (thousands of characters) that hides
what changed, so multi-line texts show the lines that changed instead.
"""

import difflib
from typing import Any

from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from simple_history.models import ModelChange
from simple_history.template_utils import HistoricalRecordContextHelper

MAX_LINES = 12
MAX_LINE_LENGTH = 300


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


def as_html(lines: list[str]) -> SafeString:
    shown = [line[:MAX_LINE_LENGTH] for line in lines[:MAX_LINES]]
    if len(lines) > MAX_LINES:
        shown.append(f"… (+{len(lines) - MAX_LINES})")
    return format_html_join("", "{}<br>", ((line,) for line in shown))  # escapes each line


# The base is untyped: django-simple-history ships no type hints.
class LineDiffContextHelper(HistoricalRecordContextHelper):  # type: ignore[misc]
    def stringify_delta_change_values(
        self, change: ModelChange, old: Any, new: Any
    ) -> tuple[SafeString, SafeString]:
        if isinstance(old, str) and isinstance(new, str) and ("\n" in old or "\n" in new):
            removed, added = changed_lines(old, new)
            if removed or added:  # else only spaces at line ends changed: show it plainly
                return as_html(removed), as_html(added)
        values: tuple[SafeString, SafeString] = super().stringify_delta_change_values(
            change, old, new
        )
        return values
