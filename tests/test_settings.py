import os
import subprocess
import sys
from pathlib import Path

from vsoko.settings import database_from_url

ROOT = Path(__file__).resolve().parent.parent


def test_database_url_postgres_is_parsed(tmp_path):
    db = database_from_url("postgres://vsoko:s%40cret@db.local:5433/school?sslmode=require", tmp_path)

    assert (db["ENGINE"], db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "django.db.backends.postgresql", "school", "vsoko", "s@cret", "db.local", "5433",
    )
    assert db["OPTIONS"] == {"sslmode": "require"}


def test_no_database_url_means_sqlite_in_wal_mode_in_the_data_folder(tmp_path):
    db = database_from_url("", tmp_path)

    assert db["NAME"] == str(tmp_path / "vsoko.sqlite3")
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]


def test_production_settings_pass_the_deploy_check(tmp_path):
    env = dict(os.environ, DEBUG="False", SECRET_KEY="x" * 60 + "production-key-not-for-real-use",
               ALLOWED_HOSTS="vsoko.example.ru", VSOKO_DATA_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3")
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    completed = subprocess.run([sys.executable, "-m", "vsoko", "check", "--deploy", "--fail-level", "WARNING"],
                               cwd=ROOT, env=env, capture_output=True, text=True)

    assert completed.returncode == 0, completed.stderr
