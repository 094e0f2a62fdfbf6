from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "vsoko.oversight"
    verbose_name = "Внешняя оценка и общественное участие"
