from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from content.apps import ContentAppConfig

if TYPE_CHECKING:
    from content.loading import ContentLoader


class AgreementsConfig(ContentAppConfig):
    name = "agreements"
    verbose_name = _("Social security agreements")

    def load_content(self, loader: "ContentLoader") -> None:
        from agreements.initial_content.loader import load

        load(loader)
