from typing import Any

from axes.utils import reset
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Lift the lock that failed logins put on a user name (at every address), "
        "as a publisher does in admin under Axes › Access attempts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        removed = reset(username=username)
        if removed:
            self.stdout.write(
                f"Unlocked '{username}' ({removed} record(s) of failed logins removed)."
            )
        else:
            self.stdout.write(f"'{username}' was not locked: no failed logins are recorded.")
