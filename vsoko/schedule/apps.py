from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    name = "vsoko.schedule"
    verbose_name = "График оценочных процедур"
