from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "vsoko.surveys"
    verbose_name = "Анкетирование"
