from django.apps import AppConfig


class DataValuesConfig(AppConfig):
    name = "vsoko.datavalues"
    verbose_name = "Значения данных"
