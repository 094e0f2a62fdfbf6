from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from vsoko.audit.retention import cutoff_date, entries_to_prune, prune_journal


class Command(BaseCommand):
    help = "Журнал доступа: удалить записи старше N лет (prune)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["prune"], help="prune — удалить старые записи")
        parser.add_argument("--keep-years", type=int, default=settings.VSOKO_AUDIT_YEARS,
                            help=f"сколько лет хранить записи (по умолчанию {settings.VSOKO_AUDIT_YEARS})")
        parser.add_argument("--dry-run", action="store_true", help="только показать, сколько записей будет удалено")

    def handle(self, *args, action, keep_years, dry_run, **options):
        if keep_years < 1:
            raise CommandError(f"--keep-years {keep_years}: журнал хранится не меньше одного года.")
        kept_from = f"{cutoff_date(keep_years):%d.%m.%Y}"
        if dry_run:
            count = entries_to_prune(keep_years=keep_years).count()
            self.stdout.write(f"Будет удалено записей журнала (сделанных до {kept_from}): {count}")
            return
        count = prune_journal(keep_years=keep_years)
        self.stdout.write(f"Удалено записей журнала (сделанных до {kept_from}): {count}")
