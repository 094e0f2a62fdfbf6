"""Consistent copies of the whole database: `vsoko backup FILE` and `vsoko restore FILE`.

SQLite uses its online backup API, so a backup taken while the web server runs is
consistent. PostgreSQL uses pg_dump's custom format and pg_restore, which must be
installed beside the server (Debian: postgresql-client).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection


class BackupError(Exception):
    """A backup or restore could not be made; the message is for the user."""


def backup_database(target: Path) -> None:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        _sqlite_backup(target)
    elif connection.vendor == "postgresql":
        _pg_run("pg_dump", ["--format=custom", "--no-owner", f"--file={target}"])
    else:
        raise BackupError(f"Резервное копирование для базы {connection.vendor} не поддерживается.")


def restore_database(source: Path) -> None:
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"Файл резервной копии не найден: {source}")
    if connection.vendor == "sqlite":
        _sqlite_restore(source)
    elif connection.vendor == "postgresql":
        connection.close()
        _pg_run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", str(source)])
    else:
        raise BackupError(f"Восстановление для базы {connection.vendor} не поддерживается.")


def _sqlite_backup(target: Path) -> None:
    connection.ensure_connection()
    partial = target.with_suffix(target.suffix + ".part")
    dest = sqlite3.connect(partial)
    try:
        connection.connection.backup(dest)
    finally:
        dest.close()
    partial.replace(target)


def _sqlite_restore(source: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        if src.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError(f"Файл {source} повреждён: проверка целостности SQLite не пройдена.")
        if not src.execute("SELECT 1 FROM sqlite_master WHERE name = 'django_migrations'").fetchone():
            raise BackupError(f"Файл {source} — не резервная копия vsoko (нет таблицы django_migrations).")
        connection.ensure_connection()
        src.backup(connection.connection)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"Файл {source} — не база SQLite: {exc}") from exc
    finally:
        src.close()


def _pg_run(program: str, args: list[str]) -> None:
    if not shutil.which(program):
        raise BackupError(f"Не найдена программа {program}: установите клиент PostgreSQL (пакет postgresql-client).")
    settings = connection.settings_dict
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    command = [program, f"--dbname={settings['NAME']}"]
    if settings.get("HOST"):
        command.append(f"--host={settings['HOST']}")
    if settings.get("PORT"):
        command.append(f"--port={settings['PORT']}")
    if settings.get("USER"):
        command.append(f"--username={settings['USER']}")
    completed = subprocess.run(command + args, env=env, capture_output=True, text=True)
    if completed.returncode != 0:
        raise BackupError(f"{program} завершился с ошибкой: {completed.stderr.strip()[:2000]}")
