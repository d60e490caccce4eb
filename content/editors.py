"""Who may do what in Django admin: two groups, kept in sync after every migrate.

Editors write: they may add, change and view everything in the content apps
(sources, guides, checklist items, agreements), but delete nothing and see
nothing else (not users, not groups).

Publishers do what an editor does, and also approve, publish and unpublish
(permission content.publish: content/workflow.py), delete what may be deleted
(an agreement's country added by mistake, a draft nobody wants; checklist
items are never deletable, whatever the permission says) and unlock logins:
they see admin's list of failed logins (django-axes) and may delete an entry,
which lifts its lock.

The permissions are refreshed after every migrate, so a new content model is
editable as soon as it exists.
"""

from typing import Any

from django.apps import AppConfig, apps
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from content.apps import content_app_labels

EDITORS_GROUP = "Editors"
PUBLISHERS_GROUP = "Publishers"
EDITOR_ACTIONS = ("add", "change", "view")
PUBLISHER_ACTIONS = (*EDITOR_ACTIONS, "delete")
# django-axes' records of failed logins: deleting one lifts the lock it holds.
UNLOCK_PERMISSIONS = {
    "axes": ("view_accessattempt", "delete_accessattempt", "view_accessfailurelog")
}
# Approving and publishing drafts, publishing and unpublishing (content/workflow.py).
PUBLISH_PERMISSIONS = {"content": ("publish",)}


def content_permissions(actions: tuple[str, ...]) -> list[Permission]:
    labels = content_app_labels()
    codenames = [
        f"{action}_{model._meta.model_name}"
        for app_label in labels
        for model in apps.get_app_config(app_label).get_models()
        for action in actions
    ]
    return list(
        Permission.objects.filter(content_type__app_label__in=labels, codename__in=codenames)
    )


def editor_permissions() -> list[Permission]:
    return content_permissions(EDITOR_ACTIONS)


def publisher_permissions() -> list[Permission]:
    unlock = Q()
    for app_label, codenames in (*UNLOCK_PERMISSIONS.items(), *PUBLISH_PERMISSIONS.items()):
        unlock |= Q(content_type__app_label=app_label, codename__in=codenames)
    return [*content_permissions(PUBLISHER_ACTIONS), *Permission.objects.filter(unlock)]


def sync_editors_group(sender: AppConfig | None = None, **kwargs: Any) -> Group:
    group, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.set(editor_permissions())
    return group


def sync_publishers_group(sender: AppConfig | None = None, **kwargs: Any) -> Group:
    group, _created = Group.objects.get_or_create(name=PUBLISHERS_GROUP)
    group.permissions.set(publisher_permissions())
    return group


def sync_groups(sender: AppConfig | None = None, **kwargs: Any) -> None:
    """post_migrate receiver: both groups, with the permissions that exist now."""
    sync_editors_group()
    sync_publishers_group()
