from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "vsoko.web"
    verbose_name = "Веб-интерфейс"
