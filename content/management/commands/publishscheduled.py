from typing import Any

from django.core.management.base import BaseCommand

from content.scheduling import publish_due_changes


class Command(BaseCommand):
    help = (
        "Publish the approved changes and expiries whose time has come. Optional: "
        "the site does this itself on the first request after each time; run this "
        "from cron if pages must change on time even when nobody visits."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        applied = publish_due_changes()
        if options["verbosity"] > 0:
            self.stdout.write(f"Published {applied} scheduled change(s).")
