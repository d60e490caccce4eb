from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from content.apps import ContentAppConfig

if TYPE_CHECKING:
    from content.loading import ContentLoader


class GuidanceConfig(ContentAppConfig):
    name = "guidance"
    verbose_name = _("Guides and checklist")

    def ready(self) -> None:
        from guidance import checks  # noqa: F401  (registers the checklist items' check)

    def load_content(self, loader: "ContentLoader") -> None:
        from guidance.initial_content.loader import load

        load(loader)
