from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "vsoko.records"
    verbose_name = "Записи школы"
