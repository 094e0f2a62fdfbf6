from django.apps import AppConfig


class SiteauditConfig(AppConfig):
    name = "vsoko.siteaudit"
    verbose_name = "Аудит официального сайта"
