"""How a change shows in admin's history list.

django-simple-history shows a changed field as its old and new value, each cut
to 100 characters. For a guide's body (thousands of characters) that hides
what changed, so multi-line texts show the lines that changed instead, and
within a line that was reworded rather than rewritten, the words that changed
are marked. Empty values read "(empty)" rather than "None", and a field with
choices shows its label ("Published") rather than the stored value.

A version also holds its many-to-many relations (content/history_records.py)
and, for an agreement, its countries as they were until the next version:
those changes read as the names added and removed. compare_versions() puts
any two versions side by side, for the History page's comparison and for a
save refused because someone else saved first (content/locking.py).
"""

import difflib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import ManyToManyField
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from simple_history.models import ModelChange
from simple_history.template_utils import HistoricalRecordContextHelper

# On the record a revert form shows (content/history_admin.py): the version
# it came from, whose rows (an agreement's countries) the form shows too.
REVERTED_FROM = "_reverted_from_version"

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

    def context_for_delta_changes(self, delta: Any) -> list[dict[str, Any]]:
        """As the library's, and a relation's change (sources, related
        guides) as the names added and removed rather than two long lists."""
        changes: list[dict[str, Any]] = []
        for change in delta.changes:
            field = self.model._meta.get_field(change.field)
            if isinstance(field, ManyToManyField):
                old = self.prepare_delta_change_value(change, change.old)
                new = self.prepare_delta_change_value(change, change.new)
                changes.append(relation_change(field.verbose_name, old, new))
            else:
                formatted = self.format_delta_change(change)
                changes.append(
                    {"field": formatted.field, "old": formatted.old, "new": formatted.new}
                )
        return changes


class WordDiffContextHelper(LineDiffContextHelper):
    """For a comparison of two versions, where the detail matters: one-line
    texts (titles, summaries) also show the words that changed."""

    def stringify_delta_change_values(
        self, change: ModelChange, old: Any, new: Any
    ) -> tuple[SafeString, SafeString]:
        one_line = isinstance(old, str) and isinstance(new, str) and "\n" not in old + new
        if one_line and old and new:
            words = changed_words(old[:MAX_LINE_LENGTH], new[:MAX_LINE_LENGTH])
            if words is not None:
                return words
        return super().stringify_delta_change_values(change, old, new)


def relation_change(label: Any, old: list[Any], new: list[Any]) -> dict[str, Any]:
    """The related records (by name) in `new` only and in `old` only."""
    old_names = [str(related) for related in old]
    new_names = [str(related) for related in new]
    return {
        "field": capfirst(label),
        "added": sorted(name for name in new_names if name not in old_names),
        "removed": sorted(name for name in old_names if name not in new_names),
    }


@dataclass(frozen=True)
class Children:
    """Rows edited inline with their record, such as an agreement's
    countries: each has a history of its own, and a version of the record
    holds them as they were until its next version."""

    model: type[models.Model]
    fk_name: str
    heading: Any

    def history_of(self, parent_pk: Any) -> list[Any]:
        manager = getattr(self.model, "history")  # noqa: B009  # added at run time
        rows = manager.filter(**{f"{self.fk_name}_id": parent_pk})
        return list(rows.order_by("history_date", "history_id"))

    def changes(
        self, rows: list[Any], old_until: datetime | None, new_until: datetime | None
    ) -> list[dict[str, Any]]:
        """What differs between the rows as they were before `old_until` and
        before `new_until` (None: now): those added, removed and changed."""
        old, new = rows_as_of(rows, old_until), rows_as_of(rows, new_until)
        added = [label(new[pk]) for pk in new.keys() - old.keys()]
        removed = [label(old[pk]) for pk in old.keys() - new.keys()]
        changes: list[dict[str, Any]] = []
        if added or removed:
            changes.append(
                {
                    "field": capfirst(self.heading),
                    "added": sorted(added),
                    "removed": sorted(removed),
                }
            )
        for pk in sorted(old.keys() & new.keys(), key=lambda pk: label(new[pk])):
            delta = new[pk].diff_against(old[pk], excluded_fields=[self.fk_name])
            for change in LineDiffContextHelper(self.model, new[pk]).context_for_delta_changes(
                delta
            ):
                change["field"] = f"{capfirst(self.heading)} – {label(new[pk])}: {change['field']}"
                changes.append(change)
        return changes


def rows_as_of(rows: list[Any], until: datetime | None) -> dict[Any, Any]:
    """Each row's last version before `until` (or its last), deleted rows left out."""
    latest: dict[Any, Any] = {}
    for row in rows:  # oldest first
        if until is None or row.history_date < until:
            latest[record_pk(row)] = row
    return {pk: row for pk, row in latest.items() if row.history_type != "-"}


def record_pk(version: Any) -> Any:
    """The primary key of the record a version is of (its own is history_id)."""
    return getattr(version, version.instance_type._meta.pk.attname)


def label(row: Any) -> str:
    """A row by the name editors know it by (a country's name), else as it prints."""
    instance = row.instance
    return str(getattr(instance, "name", None) or instance)


def version_after(version: Any) -> Any:
    """The next version of the same record, or None for its newest."""
    manager = type(version)._default_manager
    return (
        manager.filter(
            **{version.instance_type._meta.pk.attname: record_pk(version)},
            history_date__gt=version.history_date,
        )
        .order_by("history_date", "history_id")
        .first()
    )


def compare_versions(
    model: type[models.Model], older: Any, newer: Any, children: list[Children]
) -> list[dict[str, Any]]:
    """Field by field, what changed from one version of a record to a later
    one: texts word by word, choices by label, relations and inline rows by
    name. Each change is a dict with "field" and either "old" and "new" or
    "added" and "removed"."""
    delta = newer.diff_against(older, foreign_keys_are_objs=True)
    changes = WordDiffContextHelper(model, newer).context_for_delta_changes(delta)
    older_next, newer_next = version_after(older), version_after(newer)
    for child in children:
        changes += child.changes(
            child.history_of(record_pk(newer)),
            older_next.history_date if older_next else None,
            newer_next.history_date if newer_next else None,
        )
    return changes
