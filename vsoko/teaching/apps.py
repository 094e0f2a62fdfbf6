from django.apps import AppConfig


class TeachingConfig(AppConfig):
    name = "vsoko.teaching"
    verbose_name = "Распределение нагрузки"
