from django.db import migrations


def create_editors_group(apps, schema_editor):
    # Permissions are granted after every migrate (content.editors), so that
    # content models added later are covered too.
    apps.get_model("auth", "Group").objects.get_or_create(name="Editors")


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_editors_group, migrations.RunPython.noop)]
