from django.db import migrations

from guidance.initial_content.loader import load_checklist


class Migration(migrations.Migration):
    """Checklist items from guidance/initial_content/checklist.toml."""

    dependencies = [("guidance", "0005_checklist_item")]

    operations = [migrations.RunPython(load_checklist, migrations.RunPython.noop)]
