from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vsoko.assessments.participant_codes import load_participant_codes
from vsoko.imports.readers import PackageError
from vsoko.indicators.values import UnknownYear, parse_year
from vsoko.records.schools import SchoolNotFound, resolve_school


class Command(BaseCommand):
    help = ("Загружает список кодов участников ВПР: «Код участника» и «Код обучающегося» (или «ФИО» и «Класс»). "
            "Сохраняется весь список или ничего.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="файл .xlsx, .xls, .ods или .csv")
        parser.add_argument("--year", required=True, help="учебный год, например 2025/2026")
        parser.add_argument("--school", help="код школы (если их несколько)")

    def handle(self, *args, path, year, school, **options):
        try:
            start = parse_year(year)
            unit = resolve_school(school)
            result = load_participant_codes(Path(path), school=unit, year=start)
        except (UnknownYear, SchoolNotFound, PackageError, FileNotFoundError) as exc:
            raise CommandError(str(exc)) from None
        if not result.ok:
            raise CommandError("Коды не сохранены:\n" + "\n".join(result.problems))
        self.stdout.write(f"Сохранено кодов участников: {result.saved}.")
