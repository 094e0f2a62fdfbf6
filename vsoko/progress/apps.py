from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "vsoko.progress"
    verbose_name = "Итоги учебных периодов"
