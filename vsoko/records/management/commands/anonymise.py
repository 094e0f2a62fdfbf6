from django.conf import settings
from django.core.management.base import BaseCommand

from vsoko.records.retention import anonymise_students, students_to_anonymise


class Command(BaseCommand):
    help = "Обезличивает обучающихся, выбывших более N лет назад; показатели прошлых лет не меняются."

    def add_arguments(self, parser):
        parser.add_argument("--left-years", type=int, default=settings.VSOKO_RETENTION_YEARS,
                            help=f"сколько лет хранить данные выбывших (по умолчанию {settings.VSOKO_RETENTION_YEARS})")
        parser.add_argument("--dry-run", action="store_true", help="только показать, сколько будет обезличено")

    def handle(self, *args, left_years, dry_run, **options):
        if dry_run:
            count = students_to_anonymise(left_years_ago=left_years).count()
            self.stdout.write(f"Будет обезличено обучающихся: {count}")
            return
        count = anonymise_students(left_years_ago=left_years)
        self.stdout.write(f"Обезличено обучающихся: {count}")
