from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "vsoko.imports"
    verbose_name = "Загрузка данных"
