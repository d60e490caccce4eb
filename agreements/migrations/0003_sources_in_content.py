from django.db import migrations, models


class Migration(migrations.Migration):
    """Sources now belong to the content app; the join table stays as it is."""

    dependencies = [
        ("agreements", "0002_initial_agreements"),
        ("content", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="agreement",
                    name="sources",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="agreements",
                        to="content.source",
                        verbose_name="official sources",
                    ),
                ),
            ]
        ),
    ]
