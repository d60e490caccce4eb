from django.utils.translation import gettext_lazy as _

from content.apps import ContentAppConfig


class GuidanceConfig(ContentAppConfig):
    name = "guidance"
    verbose_name = _("Guides and checklist")

    def ready(self) -> None:
        from guidance import checks  # noqa: F401  (registers the checklist items' check)

    def load_content(self, loader) -> None:
        from guidance.initial_content.loader import load

        load(loader)
