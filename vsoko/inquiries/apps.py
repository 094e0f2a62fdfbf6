from django.apps import AppConfig


class InquiriesConfig(AppConfig):
    name = "vsoko.inquiries"
    verbose_name = "Запросы и анкеты органов управления"
