"""Loading the content files (TOML) into the database without overwriting editors.

`manage.py loadcontent` runs each content app's loader with one
ContentLoader. It creates what is missing and updates a record only while
nobody has changed it since it was last loaded: a LoadedRecord keeps a
fingerprint of each field the files set, as it was right after loading.
A record whose fields no longer match it belongs to the editors, and is
left alone, published or not. Every record created or updated gets a
history entry, so editors see what the files changed.

A mistake in a file stops loading with a message naming the file and the
key, before anything of that file is written.
"""

import hashlib
import json
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import translation

from content.models import LoadedRecord, Source
from content.sources import publisher_of, validate_official_url

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
HISTORY_REASON = "Loaded from the content files"
# History entries written by the data migrations that loaded content before
# this command existed: such a record counts as loaded, not as edited.
EARLIER_LOADER_REASONS = frozenset({"Initial content", HISTORY_REASON})


class ContentError(Exception):
    """A content file says something the site cannot load."""


def read_toml(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"{path.name}: not valid TOML ({error}).") from None


def check_keys(
    where: str, entry: dict[str, Any], allowed: set[str], required: Iterable[str]
) -> None:
    for key in required:
        if entry.get(key) in (None, ""):
            raise ContentError(f"{where}: '{key}' is missing.")
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise ContentError(f"{where}: unknown key '{unknown[0]}'.")


def translated(entry: dict[str, Any], name: str) -> dict[str, str]:
    """The field's column per language (title_en, title_nb); a missing
    translation is left empty, and pages then show the English text."""
    return {
        f"{name}_{language}": (entry.get(f"{name}_{language}") or "").strip()
        for language in LANGUAGES
    }


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # changed by an editor: left alone
    removed: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        lines = [
            f"Created {len(self.created)}, updated {len(self.updated)}, "
            f"unchanged {len(self.unchanged)}, left alone {len(self.kept)}, "
            f"removed {len(self.removed)}."
        ]
        for label, names in (
            ("Created", self.created),
            ("Updated", self.updated),
            ("Removed", self.removed),
            ("Left alone, changed by an editor since it was loaded", self.kept),
        ):
            lines += [f"  {label}: {name}" for name in names]
        return lines


SOURCE_KEYS = {"key", "publisher", "url", "url_nb", "title_en", "title_nb"}


def load_sources(loader: "ContentLoader", path: Path) -> dict[str, Source]:
    """Every source in a sources file, saved; returned by key."""
    sources: dict[str, Source] = {}
    for number, entry in enumerate(read_toml(path).get("source", []), 1):
        where = f"{path.name}, source {entry.get('key') or f'#{number}'}"
        check_keys(where, entry, SOURCE_KEYS, ("key", "publisher", "url", "title_en"))
        key, url = entry["key"], entry["url"].strip()
        if key in sources:
            raise ContentError(f"{where}: the key '{key}' is used twice.")
        try:
            validate_official_url(url)
        except ValidationError:
            raise ContentError(
                f"{where}: '{url}' is not an https address on an official site."
            ) from None
        if publisher_of(url) != entry["publisher"]:
            raise ContentError(
                f"{where}: '{url}' belongs to '{publisher_of(url)}', not '{entry['publisher']}'."
            )
        url_nb = entry.get("url_nb", "").strip()
        if url_nb and publisher_of(url_nb) != entry["publisher"]:
            raise ContentError(f"{where}: 'url_nb' is not on the publisher's site.")
        values = {
            **translated(entry, "title"),
            "publisher": entry["publisher"],
            "url_nb": url_nb,
        }
        sources[key] = loader.save(Source, {"url": url}, values)
    return sources


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    return value


class ContentLoader:
    """Saves records as the content files describe them, minding editors' changes."""

    def __init__(self) -> None:
        self.report = LoadReport()
        # What each record was given in this run: two files that describe one
        # record (a source cited by both apps) must agree, or every run would
        # flip it from one to the other.
        self._given: dict[str, dict[str, Any]] = {}

    def save[M: models.Model](
        self,
        model: type[M],
        lookup: dict[str, Any],
        values: dict[str, Any],
        many: Mapping[str, Sequence[models.Model]] | None = None,
        key: str | None = None,
    ) -> M:
        """The record matching `lookup`, created or brought up to date with
        `values` (fields) and `many` (many-to-many fields), unless an editor
        has changed it since it was last loaded. `key` names the record in
        the report (by default, the lookup's values)."""
        many = many or {}
        label = model._meta.label_lower
        key = key or ":".join(str(_plain(value)) for value in lookup.values())
        name = f"{label} {key}"
        given = {field_name: _plain(value) for field_name, value in values.items()}
        if self._given.setdefault(name, given) != given:
            raise ContentError(f"{name} is described twice, differently: make the files agree.")
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            instance = model._default_manager.filter(**lookup).first()
            if instance is None:
                instance = model(**lookup)
                self._write(instance, values, many)
                self._remember(label, key, instance, values, many)
                self.report.created.append(name)
                return instance
            loaded = LoadedRecord.objects.filter(model=label, natural_key=key).first()
            current = self.fingerprints(instance, values, many)
            if loaded is None:
                untouched = self._only_loaded(instance)
            else:
                untouched = all(
                    current.get(name, digest) == digest
                    for name, digest in loaded.fingerprints.items()
                )
            if not untouched:
                self.report.kept.append(name)
                return instance
            wanted = self.fingerprints(instance, values, many, wanted=True)
            if wanted == current:
                if name not in self.report.created:
                    self.report.unchanged.append(name)
                if loaded is None:
                    self._remember(label, key, instance, values, many)
                return instance
            self._write(instance, values, many)
            self._remember(label, key, instance, values, many)
            if name not in self.report.created:
                self.report.updated.append(name)
            return instance

    def remove_unlisted(
        self,
        model: type[models.Model],
        unlisted: Mapping[str, models.Model],
        fields: Iterable[str],
    ) -> None:
        """Deletes records the files no longer list (by natural key), but only
        those still as they were loaded: what an editor added or changed stays."""
        label = model._meta.label_lower
        values = dict.fromkeys(fields)
        for key, instance in unlisted.items():
            loaded = LoadedRecord.objects.filter(model=label, natural_key=key).first()
            if loaded is None:
                continue
            current = self.fingerprints(instance, values, {})
            if any(
                current.get(name, digest) != digest for name, digest in loaded.fingerprints.items()
            ):
                self.report.kept.append(f"{label} {key}")
                continue
            instance._change_reason = HISTORY_REASON  # type: ignore[attr-defined]  # read by simple_history
            instance.delete()
            loaded.delete()
            self.report.removed.append(f"{label} {key}")

    @staticmethod
    def fingerprints(
        instance: models.Model,
        values: dict[str, Any],
        many: Mapping[str, Sequence[models.Model]],
        wanted: bool = False,
    ) -> dict[str, str]:
        """A hash of each field the files set: as the record holds it, or
        (`wanted`) as the files want it."""
        state: dict[str, Any] = {}
        for name in sorted(values):
            if wanted:
                state[name] = _plain(values[name])
            else:
                # The files set the record's own fields, never a reverse relation.
                own_field = cast("models.Field[Any, Any]", instance._meta.get_field(name))
                state[name] = own_field.value_from_object(instance)
        for name in sorted(many):
            if wanted:
                state[name] = sorted(related.pk for related in many[name])
            elif instance.pk is None:
                state[name] = []
            else:
                state[name] = sorted(getattr(instance, name).values_list("pk", flat=True))
        return {
            name: hashlib.sha256(json.dumps(value, default=str).encode()).hexdigest()
            for name, value in state.items()
        }

    def _write(
        self,
        instance: models.Model,
        values: dict[str, Any],
        many: Mapping[str, Sequence[models.Model]],
    ) -> None:
        for name, value in values.items():
            setattr(instance, name, value)
        # Many-to-many fields are set after the save; the history entry is
        # written by the save, so it records the fields and who: nobody.
        instance._change_reason = HISTORY_REASON  # type: ignore[attr-defined]  # read by simple_history
        instance.save()
        for name, related in many.items():
            getattr(instance, name).set(related)

    def _remember(
        self,
        label: str,
        key: str,
        instance: models.Model,
        values: dict[str, Any],
        many: Mapping[str, Sequence[models.Model]],
    ) -> None:
        LoadedRecord.objects.update_or_create(
            model=label,
            natural_key=key,
            defaults={"fingerprints": self.fingerprints(instance, values, many)},
        )

    @staticmethod
    def _only_loaded(instance: models.Model) -> bool:
        """A record loaded before fingerprints were kept (by the old data
        migrations) is untouched while its history holds only loads."""
        history = getattr(instance, "history", None)
        if history is None:
            return False
        reasons = history.values_list("history_change_reason", "history_user")
        return all(reason in EARLIER_LOADER_REASONS and user is None for reason, user in reasons)
