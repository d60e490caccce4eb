"""Back up the database to a file, and restore it from one (`make backup`, `make restore`).

    python deploy/backup.py backup [FOLDER] [--keep N]   # FOLDER: backups/ by default
    python deploy/backup.py restore FILE

The database is the one DATABASE_URL names (SQLite in db.sqlite3 without it),
as for the site. SQLite is copied with SQLite's online backup, a consistent
copy even while the site writes; PostgreSQL with `pg_dump --format=custom`,
restored with `pg_restore`. Everything is in the file: content, its history,
editors and their logins. The cache needs no backup.

Restore into a fresh, empty database (for PostgreSQL, `createdb` it first),
with the site stopped, then start the site: no migrate or loadcontent is needed.
"""

import argparse
import datetime
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import dj_database_url

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{ROOT / 'db.sqlite3'}"


def database() -> dict[str, Any]:
    url = os.environ.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL
    settings: dict[str, Any] = dict(dj_database_url.parse(url))
    return settings


def is_sqlite(settings: dict[str, Any]) -> bool:
    return str(settings["ENGINE"]).endswith("sqlite3")


def postgres_environment(settings: dict[str, Any]) -> dict[str, str]:
    """The connection as libpq's variables, so no password shows in `ps`."""
    names = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD"}
    environment = dict(os.environ)
    for key, variable in names.items():
        if settings.get(key):
            environment[variable] = str(settings[key])
    environment["PGDATABASE"] = str(settings["NAME"])
    return environment


def copy_sqlite(source_path: Path, target_path: Path) -> None:
    """SQLite's online backup: a consistent copy, even while the site writes."""
    with (
        closing(sqlite3.connect(source_path)) as source,
        closing(sqlite3.connect(target_path)) as target,
    ):
        source.backup(target)


def back_up(folder: Path, keep: int | None) -> Path:
    settings = database()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    name = Path(str(settings["NAME"])).stem
    if is_sqlite(settings):
        target = folder / f"{name}-{stamp}.sqlite3"
        copy_sqlite(Path(settings["NAME"]), target)
    else:
        target = folder / f"{name}-{stamp}.dump"
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target)],
            env=postgres_environment(settings),
            check=True,
        )
    if keep:
        for old in sorted(folder.glob(f"{name}-*{target.suffix}"))[:-keep]:
            old.unlink()
    return target


def restore(backup: Path) -> None:
    settings = database()
    if is_sqlite(settings):
        if backup.suffix != ".sqlite3":
            raise SystemExit(f"{backup} is not an SQLite backup (*.sqlite3).")
        copy_sqlite(backup, Path(settings["NAME"]))
        return
    if backup.suffix != ".dump":
        raise SystemExit(f"{backup} is not a PostgreSQL backup (*.dump).")
    subprocess.run(
        [
            *("pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"),
            *("--single-transaction", "--dbname", str(settings["NAME"]), str(backup)),
        ],
        env=postgres_environment(settings),
        check=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    backup_command = commands.add_parser("backup", help="write a backup file")
    backup_command.add_argument("folder", nargs="?", type=Path, default=ROOT / "backups")
    backup_command.add_argument("--keep", type=int, help="keep only the newest N backups")
    restore_command = commands.add_parser("restore", help="restore a backup file")
    restore_command.add_argument("file", type=Path)
    args = parser.parse_args()
    if args.command == "backup":
        print(back_up(args.folder, args.keep))
    else:
        if not args.file.is_file():
            raise SystemExit(f"No backup at {args.file}.")
        restore(args.file)
        print(f"Restored {args.file}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
