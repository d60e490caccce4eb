from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = _("Guides and checklist")

    def ready(self) -> None:
        from config.page_cache import bump_content_version
        from guidance.editors import sync_editors_group

        # Any change to content makes every cached page out of date.
        post_save.connect(bump_content_version, dispatch_uid="page_cache_save")
        post_delete.connect(bump_content_version, dispatch_uid="page_cache_delete")
        m2m_changed.connect(bump_content_version, dispatch_uid="page_cache_m2m")

        # Not limited to this app's signal: other apps' permissions are created
        # by their own post_migrate, and the last call sees them all.
        post_migrate.connect(sync_editors_group, dispatch_uid="sync_editors_group")

        from guidance import checks  # noqa: F401  (registers the checklist items' check)
