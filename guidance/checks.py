"""A system check: every checklist item the rules can give exists for visitors.

The rules (guidance/rules.py) refer to items by key only, so nothing else
notices when an editor unpublishes an item, or a new rule arrives without
its text. The result page then leaves the item out (and logs it); this check
makes the gap loud for whoever runs `manage.py check --database default`
(a deployment runs it with `--fail-level WARNING`).

A warning, not an error: an editor may unpublish an item on purpose, and
that must not stop the next `migrate`.
"""

from collections.abc import Iterable

from django.core import checks
from django.db import DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor

from guidance.rules import ITEM_KEYS


@checks.register(checks.Tags.database)
def check_checklist_items(app_configs=None, databases: Iterable[str] | None = None, **kwargs):
    from guidance.models import ChecklistItem

    errors = []
    for alias in databases or ():
        # Before a migrate: the migrations about to run may bring the items
        # (and refusing to migrate would keep them out for good).
        if has_unapplied_migrations(alias):
            continue
        try:
            ready = ChecklistItem.objects.using(alias).keys_ready_to_show()
        except DatabaseError:
            continue
        missing = [key for key in ITEM_KEYS if key not in ready]
        if missing:
            errors.append(
                checks.Warning(
                    "Checklist items the rules can give are missing, unpublished or "
                    f"without a title and body in every language: {', '.join(missing)}.",
                    hint="Add or publish them in admin (Guides and checklist › Checklist items).",
                    obj=ChecklistItem,
                    id="guidance.W001",
                )
            )
    return errors


def has_unapplied_migrations(alias: str) -> bool:
    executor = MigrationExecutor(connections[alias])
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
