from django.db import migrations, models


class Migration(migrations.Migration):
    """Sources now belong to the content app (content/migrations/0001_initial.py
    adopts their tables); the join tables stay as they are."""

    dependencies = [
        ("agreements", "0003_sources_in_content"),
        ("content", "0001_initial"),
        ("guidance", "0006_initial_checklist_items"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="guide",
                    name="sources",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="guides",
                        to="content.source",
                        verbose_name="official sources",
                    ),
                ),
                migrations.AlterField(
                    model_name="checklistitem",
                    name="sources",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="checklist_items",
                        to="content.source",
                        verbose_name="official sources",
                    ),
                ),
                migrations.DeleteModel(name="HistoricalSource"),
                migrations.DeleteModel(name="Source"),
            ]
        ),
    ]
