"""The `vsoko` console command: every subcommand is a Django management command.

`vsoko init`, `vsoko import PATH`, `vsoko demo` … are the commands of cli.md; the
Django ones (`vsoko migrate`, `vsoko shell`) are there too for administrators.
Exit codes (cli.md): 0 success, 1 a user error, 2 bad arguments — an unknown
subcommand included, which Django itself ends with 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
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
        with argparse_in_russian():
            Utility(["vsoko", *args]).execute()
    except DatabaseError:
        problem = database_problem()
        if problem is None:
            raise
        sys.stderr.write(problem + "\n")
        sys.exit(USER_ERROR)


# argparse's own messages (Python 3.12's texts) in Russian: a missing or mistyped argument is a user's mistake
# too, and argparse has no Russian catalog. A text not listed (a new Python's) stays English.
ARGPARSE_MESSAGES = {
    "usage: ": "использование: ",
    "%(prog)s: error: %(message)s\n": "%(prog)s: ошибка: %(message)s\n",
    "the following arguments are required: %s": "не хватает обязательных аргументов: %s",
    "unrecognized arguments: %s": "неизвестные аргументы: %s",
    "argument %(argument_name)s: %(message)s": "аргумент %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "недопустимое значение %(value)r (можно: %(choices)s)",
    # our arguments convert with int or with a function of their own that explains itself (ArgumentTypeError)
    "invalid %(type)s value: %(value)r": "недопустимое значение %(value)r: нужно целое число",
    "expected one argument": "после аргумента нужно значение",
    "expected at most one argument": "нужно не больше одного значения",
    "expected at least one argument": "нужно хотя бы одно значение",
    "ambiguous option: %(option)s could match %(matches)s": "неоднозначный аргумент %(option)s: подходят %(matches)s",
    "not allowed with argument %s": "нельзя вместе с аргументом %s",
    "one of the arguments %s is required": "нужен один из аргументов: %s",
    "ignored explicit argument %r": "лишнее значение %r",
    "show this help message and exit": "показать эту справку и выйти",
    "positional arguments": "позиционные аргументы",
    "options": "параметры",
}


@contextmanager
def argparse_in_russian() -> Iterator[None]:
    """argparse looks its texts up through its module's `_` and `ngettext` when it says them: answer in
    Russian while the command line is read, and put them back after (call_command in the same process)."""
    saved = argparse._, argparse.ngettext
    argparse._ = lambda message: ARGPARSE_MESSAGES.get(message, message)
    argparse.ngettext = lambda one, many, n: (
        "нужно значений: %s" if one == "expected %s argument" else saved[1](one, many, n))
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


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
