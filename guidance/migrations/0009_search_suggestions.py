"""pg_trgm for the search's "did you mean" on PostgreSQL, where the database
allows it: without the extension, suggestions come from edit distance, as on
SQLite (guidance/search.py), so a database that refuses it is no error."""

from django.db import migrations

CREATE_WHERE_ALLOWED = """
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
    RAISE NOTICE 'pg_trgm is not available: search suggestions use edit distance';
END
$$;
"""


def create_trigram_extension(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_WHERE_ALLOWED)


class Migration(migrations.Migration):
    dependencies = [("guidance", "0008_checklist_item_plan")]

    # Not undone: other apps in the same database may use the extension.
    operations = [migrations.RunPython(create_trigram_extension, migrations.RunPython.noop)]
