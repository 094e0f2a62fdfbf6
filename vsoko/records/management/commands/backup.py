from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vsoko.backup import BackupError, backup_database


class Command(BaseCommand):
    help = "Сохраняет согласованную копию всей базы данных в файл."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="файл резервной копии")

    def handle(self, *args, file, **options):
        try:
            backup_database(file)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(f"Не удалось записать резервную копию в «{file}»: папку нельзя создать или в неё "
                               f"нельзя писать ({exc.strerror}).") from None
        self.stdout.write(f"Резервная копия сохранена: {file}")
