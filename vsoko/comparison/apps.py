from django.apps import AppConfig


class ComparisonConfig(AppConfig):
    name = "vsoko.comparison"
    verbose_name = "Сравнение школ"
