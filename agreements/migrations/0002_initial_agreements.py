from django.db import migrations

from agreements.initial_content.loader import load


class Migration(migrations.Migration):
    """Agreements and their sources from agreements/initial_content/."""

    dependencies = [("agreements", "0001_agreements"), ("guidance", "0002_source")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
