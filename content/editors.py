"""The Editors group: people who keep the content correct in Django admin.

Editors may add, change and view everything in the content apps (sources,
guides, checklist items, agreements) but nothing else: not users, not groups. Their
permissions are refreshed after every migrate, so a new content model is
editable as soon as it exists.
"""

from typing import Any

from django.apps import AppConfig, apps
from django.contrib.auth.models import Group, Permission

from content.apps import content_app_labels

EDITORS_GROUP = "Editors"
EDITOR_ACTIONS = ("add", "change", "view")


def editor_permissions() -> list[Permission]:
    labels = content_app_labels()
    codenames = [
        f"{action}_{model._meta.model_name}"
        for app_label in labels
        for model in apps.get_app_config(app_label).get_models()
        for action in EDITOR_ACTIONS
    ]
    return list(
        Permission.objects.filter(content_type__app_label__in=labels, codename__in=codenames)
    )


def sync_editors_group(sender: AppConfig | None = None, **kwargs: Any) -> Group:
    group, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.set(editor_permissions())
    return group
