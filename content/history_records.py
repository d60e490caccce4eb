"""One history entry per save, many-to-many relations included.

django-simple-history (with `m2m_fields`) keeps a record's sources and
related guides with each version. It writes the version when the record is
saved, though, and admin (like `loadcontent`) sets the relations only after
that save: the library would then add one more version for every relation
changed, each missing from the version the editor's save made. Here the
relations set right after a save complete that save's version instead, so a
save is one entry that holds everything, and a revert restores it whole.
"""

from collections.abc import Iterable
from typing import Any

from django.apps.registry import Apps
from django.db import models
from simple_history.models import HistoricalRecords

# On the saved object: the version its last save wrote, until it is saved again.
THIS_SAVE = "_history_version_of_this_save"


# The base is untyped: django-simple-history ships no type hints.
class HistoricalRecordsWithRelations(HistoricalRecords):  # type: ignore[misc]
    def create_historical_record_m2ms(self, history_instance: Any, instance: Any) -> None:
        super().create_historical_record_m2ms(history_instance, instance)
        setattr(instance, THIS_SAVE, history_instance)

    def m2m_changed(
        self,
        instance: Any,
        action: str,
        attr: str,
        pk_set: Any,
        reverse: bool,
        **kwargs: Any,
    ) -> None:
        version = getattr(instance, THIS_SAVE, None)
        if version is None or reverse or hasattr(instance, "skip_history_when_saving"):
            # Relations changed on their own are a version of their own.
            super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        elif action in ("post_add", "post_remove", "post_clear"):
            for field in version._history_m2m_fields:
                self.m2m_models[field].objects.filter(history=version).delete()
            self.create_historical_record_m2ms(version, instance)


def fill_relations_of_earlier_versions(
    apps: Apps, app_label: str, model_name: str, field_names: Iterable[str]
) -> None:
    """For a data migration: versions saved before their relations were kept
    get the relations as they are now. Their past relations are unknown; the
    present ones show no change that never happened, and a revert to such a
    version leaves the relations as they are."""
    model = apps.get_model(app_label, model_name)
    history = apps.get_model(app_label, f"Historical{model_name}")
    for name in field_names:
        field = model._meta.get_field(name)
        assert isinstance(field, models.ManyToManyField)  # noqa: S101  # a wrong name is a bug
        through = field.remote_field.through
        assert through is not None  # noqa: S101  # Django made it
        kept = apps.get_model(app_label, f"Historical{model_name}_{name}")
        own, other = field.m2m_field_name(), field.m2m_reverse_field_name()
        links: dict[Any, list[dict[str, Any]]] = {}
        for row in through._default_manager.values("id", f"{own}_id", f"{other}_id"):
            links.setdefault(row[f"{own}_id"], []).append(row)
        rows = [
            kept(history_id=version_id, **link)
            for version_id, record_id in history._default_manager.exclude(
                history_id__in=kept._default_manager.values("history_id")
            ).values_list("history_id", "id")
            for link in links.get(record_id, [])
        ]
        kept._default_manager.bulk_create(rows, batch_size=500)
