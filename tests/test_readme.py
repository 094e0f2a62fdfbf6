"""README's table of commands against the commands themselves: a newcomer reads the table, not --help,
so a report kind or a subcommand missing from it is one they never learn of (support, procedure, mo-year,
oo1 and `plan review` were)."""

import argparse
import re
from pathlib import Path

from django.core.management import load_command_class

from vsoko.reports.enums import ReportKind

README = Path(__file__).resolve().parent.parent / "README.md"


def command_row(command: str) -> str:
    """The row of README's «Команды» table whose first cell starts with `vsoko <command>`."""
    rows = [line for line in README.read_text(encoding="utf-8").splitlines()
            if line.startswith(f"| `vsoko {command}")]
    assert len(rows) == 1, f"README has {len(rows)} rows for vsoko {command}"
    return rows[0]


def subcommands(app: str, name: str) -> set[str]:
    parser = load_command_class(app, name).create_parser("vsoko", name)
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return set(actions[0].choices)


def test_every_report_kind_is_in_the_readme():
    row = command_row("report")
    named = set(re.findall(r"`([a-z][a-z0-9-]*)` — ", row))  # not `--school` — …
    assert named == {kind.value for kind in ReportKind}


def test_every_plan_subcommand_is_in_the_readme():
    usage = re.match(r"\| `(.+?)` \|", command_row("plan")).group(1)  # vsoko plan a\|b --year Y …
    named = set(re.findall(r"[a-z]+", usage.split("--year")[0])) - {"vsoko", "plan"}
    assert named == subcommands("vsoko.plan", "plan")
