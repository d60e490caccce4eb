from django.utils.translation import gettext_lazy as _

from content.apps import ContentAppConfig


class AgreementsConfig(ContentAppConfig):
    name = "agreements"
    verbose_name = _("Social security agreements")

    def load_content(self, loader) -> None:
        from agreements.initial_content.loader import load

        load(loader)
