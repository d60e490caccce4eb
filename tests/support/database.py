"""The test database as loaded at set-up (tests/conftest.py), saved so that
browser tests, whose writes really commit, can put it back; and a count of
every write to it, so that they put it back only after a test that wrote.

The count is kept by the database itself, with triggers on every table that a
model owns, so it sees writes from any connection: the test's own, the live
server's threads, or the PostgreSQL backends they use. Putting the content back
takes milliseconds: SQLite copies back its whole in-memory database, PostgreSQL
its tables saved in a schema of their own; deserialising the content (as
serialized_rollback does) took seconds for every browser test.
"""

import sqlite3

from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

# The count each database had when it last held exactly the loaded content.
CLEAN_COUNTS: dict[str, int] = {}

# SQLite: a copy of the whole in-memory database, made with SQLite's backup.
SQLITE_COPIES: dict[str, sqlite3.Connection] = {}
# PostgreSQL: each saved table with the columns to copy back (not generated ones).
SAVED_TABLES: dict[str, list[tuple[str, str]]] = {}

# The count's table and the saved tables are no model's, so flush, the
# serialised content and Django's introspection leave them alone. Table names
# come from Django's own introspection, quoted.
ADD_ONE = "UPDATE test_only_write_count SET n = n + 1"
SAVED = "test_only_saved"  # PostgreSQL: the schema holding the saved tables


def model_tables(connection: BaseDatabaseWrapper) -> list[str]:
    return sorted(
        connection.introspection.django_table_names(only_existing=True, include_views=False)
    )


def save_content(connection: BaseDatabaseWrapper) -> None:
    """Counts writes from now on, and keeps the content to put back."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE test_only_write_count (n bigint NOT NULL)")
        cursor.execute("INSERT INTO test_only_write_count (n) VALUES (0)")
        if connection.vendor == "postgresql":
            # Once per statement, not per row: a restore stays quick.
            cursor.execute(
                "CREATE FUNCTION test_only_add_write() RETURNS trigger LANGUAGE plpgsql AS "
                f"$$ BEGIN {ADD_ONE}; RETURN NULL; END $$"
            )
            cursor.execute(f"CREATE SCHEMA {SAVED}")
            saved = SAVED_TABLES[connection.alias] = []
            for number, table in enumerate(model_tables(connection)):
                cursor.execute(
                    f"CREATE TRIGGER test_only_write_{number} AFTER INSERT OR UPDATE OR DELETE "
                    f"OR TRUNCATE ON {quote(table)} "
                    "FOR EACH STATEMENT EXECUTE FUNCTION test_only_add_write()"
                )
                cursor.execute(f"CREATE TABLE {SAVED}.{quote(table)} AS TABLE {quote(table)}")
                cursor.execute(
                    "SELECT column_name FROM information_schema.columns WHERE "
                    "table_schema = current_schema() AND table_name = %s "
                    "AND is_generated = 'NEVER' ORDER BY ordinal_position",
                    [table],
                )
                saved.append((table, ", ".join(quote(name) for (name,) in cursor.fetchall())))
        elif connection.vendor == "sqlite":
            for number, table in enumerate(model_tables(connection)):
                for event in ("INSERT", "UPDATE", "DELETE"):
                    cursor.execute(
                        f"CREATE TRIGGER test_only_write_{number}_{event} AFTER {event} "
                        f"ON {quote(table)} BEGIN {ADD_ONE}; END"
                    )
        else:
            raise NotImplementedError(
                f"browser tests cannot restore a {connection.vendor} database"
            )
    if connection.vendor == "sqlite":
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        SQLITE_COPIES[connection.alias] = copy
    CLEAN_COUNTS[connection.alias] = writes(connection)


def writes(connection: BaseDatabaseWrapper) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT n FROM test_only_write_count")
        return int(cursor.fetchone()[0])


def restore_content(connection: BaseDatabaseWrapper) -> None:
    """Puts back every model's table as save_content() saved it."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        # The whole database, write count included, page by page.
        SQLITE_COPIES[connection.alias].backup(connection.connection)
    else:
        quote = connection.ops.quote_name
        saved = SAVED_TABLES[connection.alias]
        # Foreign keys are checked at commit (Django makes them deferrable),
        # so the tables may be filled in any order.
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {', '.join(quote(table) for table, _ in saved)}")
            for table, columns in saved:
                cursor.execute(
                    f"INSERT INTO {quote(table)} ({columns}) "  # noqa: S608
                    f"SELECT {columns} FROM {SAVED}.{quote(table)}"
                )
    CLEAN_COUNTS[connection.alias] = writes(connection)


def restore_content_if_written() -> list[str]:
    """Puts the loaded content back in every database written to since it
    last held it; returns the aliases of those restored."""
    restored = []
    for alias in CLEAN_COUNTS:
        connection = connections[alias]
        if writes(connection) != CLEAN_COUNTS[alias]:
            restore_content(connection)
            restored.append(alias)
    return restored
