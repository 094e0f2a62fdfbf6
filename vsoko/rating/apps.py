from django.apps import AppConfig


class RatingConfig(AppConfig):
    name = "vsoko.rating"
    verbose_name = "Рейтинг педагогов"
