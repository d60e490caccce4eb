from typing import TYPE_CHECKING, Any

from django.apps import AppConfig, apps
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from content.loading import ContentLoader


class ContentAppConfig(AppConfig):
    """An app whose models are content: edited by the Editors group, and
    whose saves make every cached page out of date.

    `load_content`, where an app defines it, is called by
    `manage.py loadcontent` (in INSTALLED_APPS order) with a ContentLoader.
    """


def content_app_labels() -> list[str]:
    configs = apps.get_app_configs()
    return [config.label for config in configs if isinstance(config, ContentAppConfig)]


# Content models that no public page shows: a pending version (a draft of a
# live page) reaches visitors only when it is published, and publishing saves
# the record itself, which does move the version on.
NOT_ON_PAGES = {"pendingchange"}


def forget_cached_content(sender: type[Model], **kwargs: Any) -> None:
    """Signal receiver: a content record changed, so every cache built on it is stale."""
    from content.cache import bump_content_version

    # Not every sender is an installed app's (the migration recorder's is not).
    if sender._meta.model_name in NOT_ON_PAGES:
        return
    if isinstance(apps.app_configs.get(sender._meta.app_label), ContentAppConfig):
        bump_content_version()


class ContentConfig(ContentAppConfig):
    name = "content"
    verbose_name = _("Sources, rates and publishing")

    def ready(self) -> None:
        from content.editors import sync_groups

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(forget_cached_content, dispatch_uid=f"forget_cached_content:{signal}")
        # Not limited to one app's signal: other apps' permissions are created
        # by their own post_migrate, and the last call sees them all.
        post_migrate.connect(sync_groups, dispatch_uid="sync_editors_group")

    def load_content(self, loader: "ContentLoader") -> None:
        from content.initial_content.loader import load

        load(loader)
