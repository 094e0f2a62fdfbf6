from django.db import models


class SurveyStatus(models.TextChoices):
    UPCOMING = "upcoming", "ещё не начался"
    OPEN = "open", "идёт"
    CLOSED = "closed", "завершён"


class Respondents(models.TextChoices):
    """Who answers a questionnaire: decides whether a grade can be asked and whom the response rate counts."""

    PARENTS = "parents", "родители (законные представители) обучающихся"
    STUDENTS = "students", "обучающиеся"
    STAFF = "staff", "педагогические работники"
    GRADUATES = "graduates", "выпускники"
    EMPLOYERS = "employers", "работодатели и социальные партнёры"

    @property
    def are_pupils_or_parents(self) -> bool:
        """Respondents who answer for a pupil of a class: only they can be asked for a grade."""
        return self in (Respondents.PARENTS, Respondents.STUDENTS)
