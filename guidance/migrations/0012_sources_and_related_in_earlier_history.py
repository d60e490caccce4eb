from django.db import migrations

from content.history_records import fill_relations_of_earlier_versions


def fill(apps, schema_editor):
    fill_relations_of_earlier_versions(apps, "guidance", "Guide", ["sources", "related"])
    fill_relations_of_earlier_versions(
        apps, "guidance", "ChecklistItem", ["sources", "deadline_sources"]
    )


class Migration(migrations.Migration):
    dependencies = [("guidance", "0011_history_of_sources_and_related")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
