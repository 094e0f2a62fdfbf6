from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "vsoko.support"
    verbose_name = "Работа с неуспевающими"
