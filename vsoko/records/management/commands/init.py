from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from vsoko.records.enums import OrgUnitKind
from vsoko.records.models import OrgUnit
from vsoko.records.schools import DEFAULT_SCHOOL_NAME, ensure_school


class Command(BaseCommand):
    help = "Создаёт или обновляет базу данных, загружает каталоги показателей, создаёт школу, если её нет."

    def add_arguments(self, parser):
        parser.add_argument("--school", default=DEFAULT_SCHOOL_NAME, help="название школы, создаваемой при первом запуске")
        parser.add_argument("--catalog", default=None, help="код каталога, на котором основан каталог школы")

    def handle(self, *args, school, catalog, **options):
        call_command("migrate", verbosity=0, interactive=False)
        from vsoko.indicators.catalogs import CatalogError, load_shipped_catalogs, use_catalog

        try:
            load_shipped_catalogs()
        except CatalogError as exc:
            raise CommandError(str(exc)) from None
        if not OrgUnit.objects.filter(kind=OrgUnitKind.SCHOOL).exists():
            created = ensure_school(name=school)
            self.stdout.write(f"Создана школа: {created.name} (код {created.code}).")
        if catalog:
            try:
                for unit in OrgUnit.objects.filter(kind=OrgUnitKind.SCHOOL):
                    use_catalog(unit, catalog)
            except CatalogError as exc:
                raise CommandError(str(exc)) from None
        self.stdout.write("База данных готова: " + _describe_database())


def _describe_database() -> str:
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"SQLite, {settings['NAME']}"
    return f"{connection.vendor}, база {settings['NAME']} на {settings.get('HOST') or 'localhost'}"
