from django.db import models


class PlanStatus(models.TextChoices):
    PLANNED = "planned", "запланировано"
    DUE = "due", "в этом месяце"
    OVERDUE = "overdue", "срок прошёл"
    DONE = "done", "выполнено"


# The months of a school year in their order, September first.
SCHOOL_MONTHS = (9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8)
MONTH_NAMES = {1: "январь", 2: "февраль", 3: "март", 4: "апрель", 5: "май", 6: "июнь", 7: "июль", 8: "август",
               9: "сентябрь", 10: "октябрь", 11: "ноябрь", 12: "декабрь"}
