"""vsoko import PATH [--school CODE] [--report FILE]: a data package, all or nothing."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from xlsxwriter.exceptions import FileCreateError

from vsoko.imports.issues import write_issues
from vsoko.imports.service import import_package
from vsoko.imports.tables import TABLES
from vsoko.records.schools import SchoolNotFound, resolve_school


class Command(BaseCommand):
    help = "Загружает пакет данных (книга .xlsx, .xls или .ods, папка или .zip с CSV, CSV-файл таблицы): всё или ничего."

    def add_arguments(self, parser):
        parser.add_argument("path", help="файл .xlsx, .xls, .ods, .zip или .csv, или папка с CSV-файлами")
        parser.add_argument("--school", help="код школы (если их в базе несколько)")
        parser.add_argument("--report", help="файл для списка ошибок (.xlsx или .csv)")

    def handle(self, *args, path, school, report, **options):
        try:
            unit = resolve_school(school)
        except SchoolNotFound as exc:
            raise CommandError(str(exc)) from None
        if report:
            check_report_path(Path(report))  # before the import: a mistyped path must not lose the errors
        bar = ProgressBar(self.stderr)
        result = import_package(Path(path), school=unit, progress=bar)
        bar.finish()
        if not result.ok:
            for issue in result.errors:
                self.stderr.write(str(issue))
            if report:
                try:
                    write_issues(result.errors, report)
                except (OSError, FileCreateError) as exc:
                    raise CommandError(f"Не удалось записать список ошибок в «{report}»: {exc}.") from None
                self.stderr.write(f"Список ошибок записан в {report}")
            raise CommandError(f"Ошибок: {len(result.errors)}. Ничего не загружено.")
        self.stdout.write(f"Загружено в «{unit.name}»:")
        for key, counts in result.counts.items():
            self.stdout.write(f"  {TABLES[key].title}: добавлено {counts.added}, изменено {counts.changed}, "
                              f"без изменений {counts.unchanged}")
        if not result.counts:
            self.stdout.write("  пакет не содержит строк")
        if result.corrections:
            self.stdout.write("Прочитано иначе, чем написано в файле:")
            for correction in result.corrections:
                self.stdout.write(f"  {correction}")
        if result.notices:
            self.stdout.write("Загружено, но не учитывается в показателях:")
            for notice in result.notices:
                self.stdout.write(f"  {notice.message}")


REPORT_SUFFIXES = (".xlsx", ".csv")


def check_report_path(report: Path) -> None:
    if report.suffix.lower() not in REPORT_SUFFIXES:
        raise CommandError(f"Список ошибок записывается в файл .xlsx или .csv, а задан «{report}».")
    if not report.parent.is_dir():
        raise CommandError(f"Папка «{report.parent}» для списка ошибок «{report}» не существует.")


class ProgressBar:
    """A one-line bar on a terminal; on a pipe or a file, one line per stage."""

    WIDTH = 30

    def __init__(self, out):
        self.out = out
        self.tty = hasattr(out, "isatty") and out.isatty()
        self.stage = None

    def __call__(self, done: int, total: int, stage: str) -> None:
        if self.tty:
            filled = self.WIDTH * done // max(total, 1)
            line = f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {100 * done // max(total, 1):3d}% {stage}"
            self.out.write(line[:100].ljust(100), ending="")
            self.out.flush()
        elif stage.split(" (")[0] != self.stage:
            self.stage = stage.split(" (")[0]
            self.out.write(f"{100 * done // max(total, 1):3d}% {self.stage}")

    def finish(self) -> None:
        if self.tty:
            self.out.write("")
