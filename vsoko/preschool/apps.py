from django.apps import AppConfig


class PreschoolConfig(AppConfig):
    name = "vsoko.preschool"
    verbose_name = "Мониторинг качества дошкольного образования"
