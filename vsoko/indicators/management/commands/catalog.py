from django.core.management.base import BaseCommand, CommandError

from vsoko.indicators.export import FORMATS
from vsoko.indicators.models import Indicator
from vsoko.indicators.values import UnknownYear, coverage, parse_year
from vsoko.records.schools import SchoolNotFound, resolve_school

CATALOG_COLUMNS = ["code", "catalog", "document", "section", "item", "text", "method"]
CATALOG_HEADERS = ["Код", "Каталог", "Документ", "Раздел", "Пункт", "Текст", "Способ"]
COVERAGE_COLUMNS = ["catalog", "name", "total", "computed", "entered", "missing", "entered_without_value"]
COVERAGE_HEADERS = ["Каталог", "Название", "Всего", "Вычисляются", "Вводятся вручную", "Отсутствуют", "Вводимые без значения за год"]


class Command(BaseCommand):
    help = "Каталог показателей: код, каталог, документ, раздел, текст, вычисляется или вводится; «coverage» — покрытие."

    def add_arguments(self, parser):
        parser.add_argument("action", nargs="?", choices=["coverage"], help="coverage — покрытие каталогов")
        parser.add_argument("--format", choices=["table", "json", "csv"], default="table")
        parser.add_argument("--year", help="учебный год для coverage (по умолчанию последний с данными)")
        parser.add_argument("--school", help="код школы для coverage")

    def handle(self, *args, action, format, year, school, **options):
        if action == "coverage":
            records, columns, headers = self._coverage(year, school), COVERAGE_COLUMNS, COVERAGE_HEADERS
        else:
            records = [
                {"code": i.code, "catalog": i.catalog.code, "document": i.document, "section": i.section,
                 "item": i.item, "text": i.text, "method": i.method}
                for i in Indicator.objects.filter(retired=False).select_related("catalog")
                .order_by("catalog__code", "position")
            ]
            columns, headers = CATALOG_COLUMNS, CATALOG_HEADERS
        self.stdout.write(FORMATS[format](records, columns, headers).decode(), ending="")

    def _coverage(self, year, school):
        from vsoko.datavalues.compute import years_with_records

        try:
            unit = resolve_school(school)
            start = parse_year(year) if year else (years_with_records([unit.pk]) or [None])[-1]
        except SchoolNotFound:
            unit, start = None, None
        except UnknownYear as exc:
            raise CommandError(str(exc)) from None
        return [c.as_json() for c in coverage(unit, start)]
