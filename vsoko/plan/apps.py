from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "vsoko.plan"
    verbose_name = "План мониторинга"
