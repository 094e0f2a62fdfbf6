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
# The plan's halves (the filter of the plan page): the second runs to the end of the school year, as the year's
# results (ГИА in June and July) are analysed after May. value → (label, months).
HALF_YEARS = {"h1": ("1 полугодие (сентябрь — декабрь)", (9, 10, 11, 12)),
              "h2": ("2 полугодие (январь — август)", (1, 2, 3, 4, 5, 6, 7, 8))}


class AmendmentKind(models.TextChoices):
    """A change of an approved plan (изменение плана): an item added, changed or deleted."""

    ADDED = "added", "добавлен пункт"
    CHANGED = "changed", "изменён пункт"
    DELETED = "deleted", "удалён пункт"


# The fields of a plan item that make the plan (what, by which indicators and methods, when, by whom, in what
# form): after the director's order approves the plan, a change of any of them is an amendment with a reason.
# The done date and the result note are the plan's execution and change freely.
PLAN_FIELDS = {
    "object": "объект мониторинга", "group": "направление", "indicators": "показатели",
    "method": "методы и источники данных", "periodicity": "периодичность", "months": "сроки",
    "responsible": "ответственный", "result_form": "форма представления результатов",
}
