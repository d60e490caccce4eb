import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser

from content.editors import sync_editors_group, sync_publishers_group


class Command(BaseCommand):
    help = (
        "Create (or reset) a staff login in the Editors group (with --publisher, "
        "also in the Publishers group) and print its password once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="editor")
        parser.add_argument(
            "--publisher",
            action="store_true",
            help="Also a publisher: may delete countries from agreements and unlock logins.",
        )

    def handle(self, *args: Any, username: str, publisher: bool, **options: Any) -> None:
        groups = [sync_editors_group()]
        if publisher:
            groups.append(sync_publishers_group())
        user, created = get_user_model().objects.get_or_create(username=username)
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.is_staff = True
        user.is_superuser = False
        user.save()
        user.groups.add(*groups)
        role = "publisher" if publisher else "editor"
        action = "Created" if created else "Reset the password of"
        self.stdout.write(f"{action} the {role} login '{username}'.")
        self.stdout.write(f"Password (shown only now): {password}")
        self.stdout.write("Log in at /admin/ on the running site.")
