import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser

from content.editors import sync_editors_group


class Command(BaseCommand):
    help = "Create (or reset) a staff login in the Editors group and print its password once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="editor")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        group = sync_editors_group()
        user, created = get_user_model().objects.get_or_create(username=username)
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.is_staff = True
        user.is_superuser = False
        user.save()
        user.groups.add(group)
        action = "Created" if created else "Reset the password of"
        self.stdout.write(f"{action} the editor login '{username}'.")
        self.stdout.write(f"Password (shown only now): {password}")
        self.stdout.write("Log in at /admin/ on the running site.")
