from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "vsoko.decisions"
    verbose_name = "Управленческие решения"
