from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vsoko.backup import BackupError, restore_database


class Command(BaseCommand):
    help = "Восстанавливает всю базу данных из резервной копии (текущее содержимое заменяется)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="файл резервной копии")

    def handle(self, *args, file, **options):
        try:
            restore_database(file)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"База данных восстановлена из {file}")
