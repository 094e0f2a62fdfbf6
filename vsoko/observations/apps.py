from django.apps import AppConfig


class ObservationsConfig(AppConfig):
    name = "vsoko.observations"
    verbose_name = "Посещение уроков"
