import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vsoko.datavalues.models import DataValue
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
        if out and not Path(out).parent.is_dir():
            raise CommandError(f"Папка «{Path(out).parent}» для файла «{out}» не существует.")
        if not DataValue.objects.filter(org_unit=unit, year_id=start).exists():
            self.stderr.write(no_data_warning(unit, start))
        data = render_values(values_for(unit, start, catalogs), format)
        if out:
            try:
                Path(out).write_bytes(data)
            except OSError as exc:
                raise CommandError(f"Не удалось записать «{out}»: {exc.strerror}.") from None
            self.stderr.write(f"Записано: {out}")
        else:
            sys.stdout.flush()
            self.stdout.write(data.decode(), ending="")


def no_data_warning(unit, start: int) -> str:
    """A year without a single value is most often a mistyped year: say so, and which years have data.
    The output is still printed (every value null), as the contract asks for a year without data."""
    years = sorted(DataValue.objects.filter(org_unit=unit).values_list("year_id", flat=True).distinct())
    having = ", ".join(f"{y}/{y + 1}" for y in years) or "ни одного — загрузите данные («vsoko import»)"
    return (f"Внимание: за {start}/{start + 1} учебный год у школы «{unit.name}» нет ни одного значения — "
            f"все показатели пусты. Учебные годы с данными: {having}.")
