from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "vsoko.reports"
    verbose_name = "Отчёты"
