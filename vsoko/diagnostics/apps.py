from django.apps import AppConfig


class DiagnosticsConfig(AppConfig):
    name = "vsoko.diagnostics"
    verbose_name = "Диагностики обучающихся"
