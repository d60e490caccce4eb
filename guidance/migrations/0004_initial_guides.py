from django.db import migrations

from guidance.initial_content.loader import load


class Migration(migrations.Migration):
    """Sources, topics and guides from guidance/initial_content/*.toml."""

    dependencies = [("guidance", "0003_topic_guide")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
