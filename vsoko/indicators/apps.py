from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "vsoko.indicators"
    verbose_name = "Показатели"
