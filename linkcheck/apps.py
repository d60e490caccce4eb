from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinkcheckConfig(AppConfig):
    """Checks of the links in guides, checklist items, agreements and sources.

    Not a content app: storing a check's result must not empty the page cache.
    """

    name = "linkcheck"
    verbose_name = _("Link checks")

    def ready(self) -> None:
        from linkcheck.on_save import connect_admin_warnings

        connect_admin_warnings()
