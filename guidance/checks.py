"""System checks: every checklist item the rules can give has its text.

The rules (guidance/rules.py) refer to items by key only, so nothing else
notices when a new rule arrives without its item, or an item without its
text. The result page then leaves the item out (and logs it); W001 makes the
gap loud for whoever runs `manage.py check --database default` (a deployment
runs it with `--fail-level WARNING`, so the gap stops the deploy).

An item an editor unpublished is a decision, not a gap: it is reported as
I001 (information, which `--fail-level WARNING` lets through), and editors
see it named above the checklist items' list and on admin's index. Nor is a
missing bokmål text a gap: pages show the English (the translation status in
admin lists what lacks bokmål).

W001 is a warning, not an error, so that it never stops the next `migrate`,
which may be what brings the items.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from django.apps import AppConfig
from django.core import checks
from django.db import DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor

from guidance import country_groups
from guidance.rules import ITEM_KEYS


@checks.register(checks.Tags.database)
def check_checklist_items(
    app_configs: Sequence[AppConfig] | None = None,
    databases: Iterable[str] | None = None,
    **kwargs: Any,
) -> list[checks.CheckMessage]:
    from guidance.models import ChecklistItem

    errors: list[checks.CheckMessage] = []
    for alias in databases or ():
        # Before a migrate: the migrations about to run may bring the items
        # (and refusing to migrate would keep them out for good).
        if has_unapplied_migrations(alias):
            continue
        try:
            items = ChecklistItem.objects.using(alias).filter(key__in=ITEM_KEYS)
            written = set(
                items.exclude(title_en="")
                .exclude(title_en__isnull=True)
                .exclude(body_en="")
                .exclude(body_en__isnull=True)
                .values_list("key", flat=True)
            )
            unpublished = set(items.filter(published=False).values_list("key", flat=True))
        except DatabaseError:
            continue
        missing = [key for key in ITEM_KEYS if key not in written]
        if missing:
            errors.append(
                checks.Warning(
                    "Checklist items the rules can give are missing or have no English "
                    f"title or body: {', '.join(missing)}.",
                    hint="Add them, or write their text, in admin (Checklist items).",
                    obj=ChecklistItem,
                    id="guidance.W001",
                )
            )
        if on_purpose := sorted(unpublished & written):
            errors.append(
                checks.Info(
                    f"Checklist items unpublished by an editor: {', '.join(on_purpose)}. "
                    "No visitor gets them.",
                    hint="Publish them again in admin (Checklist items) when they are ready.",
                    obj=ChecklistItem,
                    id="guidance.I001",
                )
            )
    return errors


# The agreement kinds whose countries the rules know by law (guidance/country_groups.py).
GROUPS_BY_KIND = {
    "eea": country_groups.EEA - {country_groups.NORWAY},
    "nordic": country_groups.NORDIC - {country_groups.NORWAY},
    "switzerland": frozenset({country_groups.SWITZERLAND}),
}


@checks.register(checks.Tags.database)
def check_country_groups(
    app_configs: Sequence[AppConfig] | None = None,
    databases: Iterable[str] | None = None,
    **kwargs: Any,
) -> list[checks.CheckMessage]:
    """The EEA, Nordic and Swiss country rows agree with the groups the rules use."""
    from agreements.models import AgreementCountry

    errors: list[checks.CheckMessage] = []
    for alias in databases or ():
        if has_unapplied_migrations(alias):
            continue
        try:
            rows = list(
                AgreementCountry.objects.using(alias)
                .published()
                .filter(agreement__kind__in=GROUPS_BY_KIND)
                .values_list("agreement__kind", "country")
            )
        except DatabaseError:
            continue
        for kind, expected in GROUPS_BY_KIND.items():
            found = {code.lower() for row_kind, code in rows if row_kind == kind}
            if rows and found != expected:
                errors.append(
                    checks.Warning(
                        f"The published '{kind}' agreement rows ({', '.join(sorted(found))}) "
                        f"differ from the countries the checklist's rules know "
                        f"({', '.join(sorted(expected))}).",
                        hint="Correct the agreement's countries in admin, or, if the law has "
                        "changed, guidance/country_groups.py.",
                        obj=AgreementCountry,
                        id="guidance.W002",
                    )
                )
    return errors


def has_unapplied_migrations(alias: str) -> bool:
    executor = MigrationExecutor(connections[alias])
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
