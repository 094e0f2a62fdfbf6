"""vsoko template --out FILE.xlsx: the empty data package with the instruction and drop-down lists."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from xlsxwriter.exceptions import FileCreateError

from vsoko.imports.template import build_template


class Command(BaseCommand):
    help = "Записывает пустой шаблон пакета данных (.xlsx): лист на таблицу, инструкция, списки значений."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="файл .xlsx")

    def handle(self, *args, out, **options):
        if not out.lower().endswith(".xlsx"):
            raise CommandError("Шаблон записывается в файл .xlsx: --out ШАБЛОН.xlsx")
        if not Path(out).parent.is_dir():
            raise CommandError(f"Папка «{Path(out).parent}» для файла «{out}» не существует.")
        try:
            build_template(out)
        except (OSError, FileCreateError) as exc:
            raise CommandError(f"Не удалось записать «{out}»: {exc}.") from None
        self.stdout.write(f"Шаблон записан: {out}")
