from django.db import migrations


class Migration(migrations.Migration):
    """Agreements and their sources used to be loaded here; `manage.py
    loadcontent` loads them now (see guidance/migrations/0004_initial_guides.py).
    Kept, empty, so that databases which applied it still migrate.
    """

    dependencies = [("agreements", "0001_agreements"), ("guidance", "0002_source")]

    operations: list[migrations.operations.base.Operation] = []
