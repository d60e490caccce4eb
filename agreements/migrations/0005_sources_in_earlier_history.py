from django.db import migrations

from content.history_records import fill_relations_of_earlier_versions


def fill(apps, schema_editor):
    fill_relations_of_earlier_versions(apps, "agreements", "Agreement", ["sources"])


class Migration(migrations.Migration):
    dependencies = [("agreements", "0004_history_of_sources")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
