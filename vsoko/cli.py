"""The `vsoko` console command: every subcommand is a Django management command.

`vsoko init`, `vsoko import PATH`, `vsoko demo` … are the commands of cli.md; the
Django ones (`vsoko migrate`, `vsoko shell`) are there too for administrators.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vsoko.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    execute_from_command_line(["vsoko", *args])


if __name__ == "__main__":
    main()
