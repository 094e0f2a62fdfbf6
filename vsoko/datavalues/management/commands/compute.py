import time

from django.core.management.base import BaseCommand, CommandError

from vsoko.datavalues.compute import recompute_all
from vsoko.indicators.values import UnknownYear, parse_year


class Command(BaseCommand):
    help = "Пересчитывает значения данных из записей (за все годы, если год не указан)."

    def add_arguments(self, parser):
        parser.add_argument("--year", help="учебный год, например 2024/2025")

    def handle(self, *args, year=None, **options):
        try:
            years = [parse_year(year)] if year else None
        except UnknownYear as exc:
            raise CommandError(str(exc)) from None
        started = time.monotonic()
        written = recompute_all(years)
        self.stdout.write(f"Пересчитано значений данных: {written} за {time.monotonic() - started:.1f} с.")
