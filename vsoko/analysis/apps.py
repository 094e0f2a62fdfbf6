from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "vsoko.analysis"
    verbose_name = "Анализ оценочных процедур"
