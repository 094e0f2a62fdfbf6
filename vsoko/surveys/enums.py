from django.db import models


class SurveyStatus(models.TextChoices):
    UPCOMING = "upcoming", "ещё не начался"
    OPEN = "open", "идёт"
    CLOSED = "closed", "завершён"
