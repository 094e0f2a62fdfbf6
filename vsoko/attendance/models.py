"""Attendance (посещаемость): what the electronic journal's «Итоги посещаемости класса за период» says of each
pupil — lessons and days missed, in all, by illness, for a good reason, without one — for a period of a school year.
The data package does not carry it (the owner's contract); the school uploads the journal's summary sheet
(vsoko.attendance.reader). A record is one pupil × year × period; a new file for a class and period replaces that
class's records of the period."""

from __future__ import annotations

from django.db import models

from vsoko.records.models import OrgUnit, SchoolClass, SchoolYear, Student


class PeriodKind(models.TextChoices):
    MONTH = "month", "месяц"
    QUARTER = "quarter", "четверть"
    TRIMESTER = "trimester", "триместр"
    HALF = "half", "полугодие"
    YEAR = "year", "год"


MONTHS = ("", "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
          "ноябрь", "декабрь")
ROMAN = ("", "I", "II", "III", "IV")


def period_label(kind: str, number: int) -> str:
    """«I четверть», «октябрь», «год»."""
    if kind == PeriodKind.YEAR:
        return "год"
    if kind == PeriodKind.MONTH:
        return MONTHS[number] if 1 <= number <= 12 else str(number)
    return f"{ROMAN[number] if 1 <= number <= 4 else number} {PeriodKind(kind).label}"


class AttendanceRecord(models.Model):
    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE,
                               related_name="attendance_records")
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    student = models.ForeignKey(Student, verbose_name="обучающийся", on_delete=models.CASCADE,
                                related_name="attendance_records")
    school_class = models.ForeignKey(SchoolClass, verbose_name="класс", on_delete=models.CASCADE,
                                     related_name="attendance_records")
    period_kind = models.CharField("вид периода", max_length=10, choices=PeriodKind.choices)
    # The month (1…12), the quarter, trimester or half (1…4); 0 for the year.
    period_number = models.PositiveSmallIntegerField("номер периода", default=0)
    lessons_missed = models.PositiveIntegerField("пропущено уроков всего", default=0)
    lessons_ill = models.PositiveIntegerField("уроков по болезни", default=0)
    lessons_excused = models.PositiveIntegerField("уроков по уважительной причине", default=0)
    lessons_unexcused = models.PositiveIntegerField("уроков без уважительной причины", default=0)
    days_missed = models.PositiveIntegerField("пропущено дней всего", default=0)
    days_ill = models.PositiveIntegerField("дней по болезни", default=0)

    class Meta:
        verbose_name = "посещаемость обучающегося"
        verbose_name_plural = "посещаемость"
        constraints = [
            models.UniqueConstraint(fields=["student", "year", "period_kind", "period_number"],
                                    name="attendance_once"),
        ]
        indexes = [models.Index(fields=["school", "year", "period_kind", "period_number"])]

    def __str__(self) -> str:
        return f"{self.student}, {period_label(self.period_kind, self.period_number)}"
