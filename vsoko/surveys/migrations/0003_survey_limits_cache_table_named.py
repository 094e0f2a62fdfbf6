"""The «survey_limits» cache's table under the name the settings give it, vsoko_survey_limits, for a database
migrated by the first 0002, which made a table named «survey_limits» instead (the cache did not find it: every
survey answer was a server error). Nothing is done where the table is there already."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0002_survey_limits_cache_table")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
