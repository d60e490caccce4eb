"""`manage.py checklinks [--official]`: checks every link in the content and
exits with status 1 when one is broken, for cron or CI."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from linkcheck.checking import check_internal_links, check_official_links
from linkcheck.models import LinkCheck
from linkcheck.official import TIMEOUT_SECONDS


class Command(BaseCommand):
    help = (
        "Checks the links in guides, checklist items and agreements to pages of this site; "
        "with --official, also every web address (official sources), by asking its server."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--official", action="store_true", help="Also ask official sites' servers."
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=TIMEOUT_SECONDS,
            help="Seconds to wait for each server (default %(default)s).",
        )

    def handle(self, *args: Any, official: bool, timeout: float, **options: Any) -> None:
        checks = check_internal_links()
        if official:
            checks += check_official_links(timeout)
        for check in checks:
            if check.result != LinkCheck.Result.OK:
                self.stdout.write(line(check))
        broken = sum(check.result == LinkCheck.Result.BROKEN for check in checks)
        unchecked = sum(check.result == LinkCheck.Result.NOT_CHECKED for check in checks)
        self.stdout.write(f"{len(checks)} links checked: {broken} broken, {unchecked} not checked.")
        if broken:
            raise CommandError(f"{broken} broken links.", returncode=1)


def line(check: LinkCheck) -> str:
    detail = f" {check.detail}" if check.detail else ""
    return (
        f"{check.get_result_display()}: {check.url} in {check.record_name} ({check.field}):"
        f" {check.get_reason_display()}{detail}"
    )
