"""A backup (`make backup`, deploy/backup.py) restores into a fresh database
with the same content and the same history.

Runs on the database the suite runs on: SQLite, or PostgreSQL (the test
makes two scratch databases beside the test database, and drops them).
"""

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
CHANGE_A_GUIDE = (
    "from guidance.models import Guide; "
    "guide = Guide.objects.get(slug='certificate-s1'); "
    "guide.title_en = 'Certificate S1, as changed before the backup'; "
    "guide.save()"
)
# Everything an editor makes: the content apps (with their history) and the logins.
DUMPED = ["content", "agreements", "guidance", "auth.user", "auth.group"]


def run(database_url: str, *command: str) -> str:
    environment = {**os.environ, "DATABASE_URL": database_url, "DJANGO_LOG_LEVEL": "WARNING"}
    environment.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def everything_in(database_url: str) -> list[dict]:
    dump = run(database_url, "manage.py", "dumpdata", *DUMPED, "--indent", "0")
    return sorted(json.loads(dump), key=lambda row: (row["model"], str(row["pk"])))


@pytest.fixture
def two_databases(tmp_path) -> Iterator[tuple[str, str]]:
    """A database to back up and a fresh, empty one to restore into, of the suite's kind."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'site.sqlite3'}", f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    if connection.vendor != "postgresql":
        pytest.skip(f"no backup for {connection.vendor}")
    import psycopg

    params = connection.settings_dict
    server = psycopg.connect(
        host=params["HOST"] or None,
        port=params["PORT"] or None,
        user=params["USER"] or None,
        password=params["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    names = [f"guide_backup_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("site", "fresh")]
    login = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
    address = f"{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}"
    try:
        for name in names:
            server.execute(f'CREATE DATABASE "{name}"')
        yield tuple(f"postgres://{login}@{address}/{name}" for name in names)
    finally:
        for name in names:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.close()


def test_a_backup_restores_into_a_fresh_database_with_the_same_content_and_history(
    two_databases, tmp_path
):
    site, fresh = two_databases
    run(site, "manage.py", "migrate", "--noinput", "--verbosity", "0")
    run(site, "manage.py", "loadcontent", "--verbosity", "0")
    run(site, "manage.py", "shell", "--command", CHANGE_A_GUIDE)
    backup = Path(run(site, "deploy/backup.py", "backup", str(tmp_path / "backups")).strip())
    assert backup.is_file() and backup.parent == tmp_path / "backups"

    run(fresh, "deploy/backup.py", "restore", str(backup))

    restored = everything_in(fresh)
    assert restored == everything_in(site)
    history = [row for row in restored if row["model"] == "guidance.historicalguide"]
    titles = {
        row["fields"]["title_en"] for row in history if row["fields"]["slug"] == "certificate-s1"
    }
    assert "Certificate S1, as changed before the backup" in titles
    assert len(titles) >= 2  # the loaded title, then the change: history survived


def test_backups_beyond_the_newest_few_are_removed(two_databases, tmp_path):
    site, _fresh = two_databases
    run(site, "manage.py", "migrate", "--noinput", "--verbosity", "0")
    folder = tmp_path / "backups"
    folder.mkdir()
    name, suffix = site.rsplit("/", 1)[1].split(".")[0], ".sqlite3" if "sqlite" in site else ".dump"
    older = [folder / f"{name}-2026010{day}-031500{suffix}" for day in (1, 2, 3)]
    for path in older:
        path.write_bytes(b"an older night's backup")
    newest = Path(run(site, "deploy/backup.py", "backup", str(folder), "--keep", "2").strip())
    assert sorted(folder.iterdir()) == sorted([older[-1], newest])


def test_restoring_a_missing_file_says_so(tmp_path):
    result = subprocess.run(
        [sys.executable, "deploy/backup.py", "restore", str(tmp_path / "nothing.dump")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "No backup at" in result.stderr
