"""The surveys' migrations make the tables the settings name (Django's test database gets the cache tables from
`createcachetable` on its own, so only a migration run against a database without them shows what a new school's
`vsoko init` gets)."""

import importlib
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["0002_survey_limits_cache_table", "0003_survey_limits_cache_table_named"])
def test_the_migration_creates_the_table_the_answer_limit_cache_reads(name):
    table = settings.CACHES["survey_limits"]["LOCATION"]  # vsoko_survey_limits
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)}")
    migration = importlib.import_module(f"vsoko.surveys.migrations.{name}")

    migration.create_cache_table(None, SimpleNamespace(connection=connection))

    assert table in connection.introspection.table_names()
