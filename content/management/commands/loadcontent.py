from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from content.apps import ContentAppConfig
from content.loading import ContentError, ContentLoader


class Command(BaseCommand):
    help = (
        "Load the content files (each content app's initial_content/) into the database: "
        "create what is missing, update what no editor has changed since it was loaded, "
        "and leave everything else as the editors left it."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        loader = ContentLoader()
        try:
            # All or nothing: a mistake in any file leaves the database as it was.
            with transaction.atomic():
                for config in apps.get_app_configs():
                    if isinstance(config, ContentAppConfig) and hasattr(config, "load_content"):
                        config.load_content(loader)
        except ContentError as error:
            raise CommandError(str(error)) from None
        for line in loader.report.lines():
            self.stdout.write(line)
