from django.db import migrations


class Migration(migrations.Migration):
    """Sources, topics and guides used to be loaded here; `manage.py loadcontent` loads them now.

    A data migration runs with the code of its day only once; content loaded
    by one could not grow new fields, and re-running it overwrote editors'
    changes. Kept, empty, so that databases which applied it still migrate.
    """

    dependencies = [("guidance", "0003_topic_guide")]

    operations: list[migrations.operations.base.Operation] = []
