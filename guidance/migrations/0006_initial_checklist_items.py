from django.db import migrations


class Migration(migrations.Migration):
    """Checklist items used to be loaded here; `manage.py loadcontent` loads them now.

    A data migration runs with the code of its day only once; content loaded
    by one could not grow new fields, and re-running it overwrote editors'
    changes. Kept, empty, so that databases which applied it still migrate.
    """

    dependencies = [("guidance", "0005_checklist_item")]

    operations: list[migrations.operations.base.Operation] = []
