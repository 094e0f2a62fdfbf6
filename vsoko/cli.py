"""The `vsoko` console command: every subcommand is a Django management command.

`vsoko init`, `vsoko import PATH`, `vsoko demo` … are the commands of cli.md; the
Django ones (`vsoko migrate`, `vsoko shell`) are there too for administrators.
Exit codes (cli.md): 0 success, 1 a user error, 2 bad arguments — an unknown
subcommand included, which Django itself ends with 1.
"""

from __future__ import annotations

import os
import sys
from difflib import get_close_matches

USER_ERROR = 1
BAD_ARGUMENTS = 2


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vsoko.settings")
    from django.core.management import ManagementUtility, get_commands
    from django.db import DatabaseError

    class Utility(ManagementUtility):
        def fetch_command(self, subcommand):
            commands = get_commands()
            if subcommand not in commands:
                close = get_close_matches(subcommand, commands)
                hint = f" Возможно, имелась в виду «{close[0]}»." if close else ""
                sys.stderr.write(f"Неизвестная команда «{subcommand}».{hint} Список команд: vsoko help.\n")
                sys.exit(BAD_ARGUMENTS)
            return super().fetch_command(subcommand)

    args = list(sys.argv[1:] if argv is None else argv)
    try:
        Utility(["vsoko", *args]).execute()
    except DatabaseError:
        problem = database_problem()
        if problem is None:
            raise
        sys.stderr.write(problem + "\n")
        sys.exit(USER_ERROR)


def database_problem() -> str | None:
    """Why commands cannot use the database, in Russian: unreachable, or not migrated (a command run before
    `vsoko init`, or after an upgrade before it); None when the database is fine and the error is another."""
    from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        return f"Не удаётся открыть базу данных ({exc}): проверьте DATABASE_URL."
    if pending:
        return "База данных не создана или не обновлена до этой версии vsoko: выполните «vsoko init» (данные не пропадут)."
    return None


if __name__ == "__main__":
    main()
