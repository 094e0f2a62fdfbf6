import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vsoko.indicators.export import FORMATS, render_values
from vsoko.indicators.models import Catalog
from vsoko.indicators.values import UnknownYear, catalogs_for, parse_year, values_for
from vsoko.records.schools import SchoolNotFound, resolve_school


class Command(BaseCommand):
    help = "Значения показателей за учебный год (spec/core-indicators.md, «Machine-readable output»)."

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="учебный год, например 2024/2025")
        parser.add_argument("--catalog", help="код каталога (по умолчанию core и каталоги школы)")
        parser.add_argument("--school", help="код школы (если их несколько)")
        parser.add_argument("--format", choices=sorted(FORMATS), default="table", help="формат вывода")
        parser.add_argument("--out", help="файл для записи (для xlsx обязателен)")

    def handle(self, *args, year, catalog, school, format, out, **options):
        try:
            start = parse_year(year)
            unit = resolve_school(school)
            catalogs = catalogs_for(unit, catalog)
        except (UnknownYear, SchoolNotFound, Catalog.DoesNotExist) as exc:
            raise CommandError(str(exc)) from None
        if format == "xlsx" and not out:
            raise CommandError("Для формата xlsx укажите файл: --out ПУТЬ.xlsx")
        data = render_values(values_for(unit, start, catalogs), format)
        if out:
            Path(out).write_bytes(data)
            self.stderr.write(f"Записано: {out}")
        else:
            sys.stdout.flush()
            self.stdout.write(data.decode(), ending="")
