import io

from django.core.management import call_command


def test_the_migrations_match_the_models(db):
    """The statuses are part of the model's state: a status added to the enum without a migration shows here."""
    out = io.StringIO()

    call_command("makemigrations", "siteaudit", "--check", "--dry-run", stdout=out)

    assert "No changes detected" in out.getvalue()
