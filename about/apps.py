from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from content.apps import ContentAppConfig

if TYPE_CHECKING:
    from content.loading import ContentLoader


class AboutConfig(ContentAppConfig):
    name = "about"
    verbose_name = _("About this site")

    def load_content(self, loader: "ContentLoader") -> None:
        from about.initial_content.loader import load

        load(loader)
