"""Which texts lack bokmål, or were changed in one language after the other.

Per record and per translated field, read from the record's history, save by
save: a save that changes the English but not the bokmål leaves the bokmål
older than the English (it may no longer say the same), until a later save
changes the bokmål; and the other way round. A save that changes the older
language is the translation catching up, so it makes neither side older.
Works for every model registered with both modeltranslation and
django-simple-history.
"""

import enum
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator
from simple_history.utils import get_history_model_for_model

SOURCE, TARGET = "en", "nb"


class Gap(enum.StrEnum):
    # In the order a record's summary names them: the most pressing first.
    BOKMAL_MISSING = "bokmal-missing"
    BOKMAL_OLDER = "bokmal-older"
    ENGLISH_OLDER = "english-older"


GAP_LABELS = {
    Gap.BOKMAL_MISSING: _("Bokmål missing"),
    Gap.BOKMAL_OLDER: _("Bokmål older than the English"),
    Gap.ENGLISH_OLDER: _("English older than the bokmål"),
}


@dataclass
class TranslationStatus:
    """Each gap and the fields (by name) that have it."""

    gaps: dict[Gap, list[str]] = field(default_factory=dict)

    @property
    def is_complete(self) -> bool:
        return not self.gaps


def translated_fields(model: type[models.Model]) -> tuple[str, ...]:
    """In the model's own order (modeltranslation keeps them in no fixed order)."""
    names = set(translator.get_options_for_model(model).all_fields)
    return tuple(field.name for field in model._meta.fields if field.name in names)


def translation_statuses(
    model: type[models.Model], records: Iterable[models.Model]
) -> dict[int, TranslationStatus]:
    """Each record's status, by primary key, from one query on its history."""
    records = list(records)
    names = translated_fields(model)
    columns = [f"{name}_{code}" for name in names for code in (SOURCE, TARGET)]
    history = (
        get_history_model_for_model(model)
        .objects.filter(id__in=[record.pk for record in records])
        .order_by("history_date", "history_id")
        .values_list("id", *columns)
    )
    # Per record, the fields whose text in one language is older than in the other.
    older: dict[int, dict[str, str]] = defaultdict(dict)
    previous: dict[int, dict[str, str]] = {}
    for record_id, *values in history:
        texts = {column: value or "" for column, value in zip(columns, values, strict=True)}
        before = previous.get(record_id, dict.fromkeys(columns, ""))
        for name in names:
            changed = {
                code
                for code in (SOURCE, TARGET)
                if texts[f"{name}_{code}"] != before[f"{name}_{code}"]
            }
            note_save(older[record_id], name, changed)
        previous[record_id] = texts
    return {record.pk: status_of(record, names, older[record.pk]) for record in records}


def note_save(older: dict[str, str], name: str, changed: set[str]) -> None:
    """One save's effect on which language of a field is older (if either)."""
    if changed == {SOURCE, TARGET}:
        older.pop(name, None)  # written together
    elif len(changed) == 1:
        (code,) = changed
        if older.get(name) == code:
            del older[name]  # the older language caught up
        else:
            older[name] = TARGET if code == SOURCE else SOURCE


def status_of(
    record: models.Model, names: tuple[str, ...], older: dict[str, str]
) -> TranslationStatus:
    status = TranslationStatus()
    for name in names:
        english = getattr(record, f"{name}_{SOURCE}") or ""
        bokmal = getattr(record, f"{name}_{TARGET}") or ""
        if not english and not bokmal:
            continue  # an optional field nobody filled in
        gap: Gap | None = None
        if not bokmal:
            gap = Gap.BOKMAL_MISSING
        elif english and name in older:
            gap = Gap.BOKMAL_OLDER if older[name] == TARGET else Gap.ENGLISH_OLDER
        if gap is not None:
            status.gaps.setdefault(gap, []).append(name)
    status.gaps = {gap: status.gaps[gap] for gap in Gap if gap in status.gaps}
    return status


def records_with_gap[M: models.Model](queryset: models.QuerySet[M], gap: Gap) -> models.QuerySet[M]:
    statuses = translation_statuses(queryset.model, queryset)
    return queryset.filter(pk__in=[pk for pk, status in statuses.items() if gap in status.gaps])
