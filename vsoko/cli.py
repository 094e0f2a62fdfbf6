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

BAD_ARGUMENTS = 2


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vsoko.settings")
    from django.core.management import ManagementUtility, get_commands

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
    Utility(["vsoko", *args]).execute()


if __name__ == "__main__":
    main()
