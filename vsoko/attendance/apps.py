from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    name = "vsoko.attendance"
    verbose_name = "Посещаемость"
