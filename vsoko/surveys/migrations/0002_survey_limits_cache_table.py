"""The table of the «survey_limits» cache (settings.CACHES): `vsoko serve` and `vsoko init` migrate, so a server
gets it without a separate `createcachetable`."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # No table names: `createcachetable` takes table names, not cache aliases — given «survey_limits» it made a
    # table of that name, while the cache reads settings.CACHES' LOCATION, vsoko_survey_limits (every answer 500).
    # Without names it makes the table of every database cache as the settings name it.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
