"""External assessment of the school and public participation in its own (regulation 000, п. 4.4.2, §1.5, section 5;
regulation 004: the independent assessment of the quality of conditions, НОКО).

- Credential: the licence and the state accreditation, with their history (the current one is the latest issued);
- Inspection and Finding: the inspections of the supervisory bodies and what they ordered to put right;
- NokoResult and NokoMeasure: the school's scores on the five general criteria of НОКО per year and the measures
  of the improvement plan;
- PublicExpert and Participation: the public observers and experts and the assessment procedures they attended.

Nothing computed is stored: whether a finding is overdue, the integral НОКО score, the summaries
(vsoko.oversight.summary).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from vsoko.oversight.enums import (
    Body,
    CredentialKind,
    InspectionKind,
    InspectionResult,
    ParticipationRole,
    Progress,
    Represents,
)
from vsoko.records.models import Assessment, OrgUnit, StaffMember
from vsoko.records.years import school_year_of


def progress(done_on: datetime.date | None, deadline: datetime.date | None, today: datetime.date) -> Progress:
    """Done if it has a date of being done; overdue once the deadline is behind today (a deadline of today is
    still in time)."""
    if done_on is not None:
        return Progress.DONE
    if deadline is not None and deadline < today:
        return Progress.OVERDUE
    return Progress.OPEN


SCORE_VALIDATORS = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class Credential(models.Model):
    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="credentials")
    kind = models.CharField("документ", max_length=20, choices=CredentialKind.choices)
    number = models.CharField("номер", max_length=100)
    issued_on = models.DateField("дата")
    issuer = models.CharField("кем выдана (предоставлена)", max_length=300)
    scope = models.TextField("образовательные программы, уровни образования")
    indefinite = models.BooleanField("бессрочно", default=True)
    valid_until = models.DateField("действует до", null=True, blank=True)
    note = models.CharField("примечание", max_length=300, blank=True)

    class Meta:
        verbose_name = "лицензия или аккредитация"
        verbose_name_plural = "лицензия и аккредитация"
        ordering = ["kind", "-issued_on", "-pk"]
        indexes = [models.Index(fields=["school", "kind"])]

    def __str__(self) -> str:
        return f"№ {self.number} от {self.issued_on:%d.%m.%Y}"

    @property
    def term(self) -> str:
        if self.indefinite:
            return "бессрочно"
        return f"до {self.valid_until:%d.%m.%Y}" if self.valid_until else "срок не указан"


class Inspection(models.Model):
    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="inspections")
    year = models.PositiveSmallIntegerField("учебный год (год начала)", editable=False)
    body = models.CharField("орган", max_length=20, choices=Body.choices)
    body_note = models.CharField("наименование органа", max_length=300, blank=True)
    kind = models.CharField("вид", max_length=20, choices=InspectionKind.choices)
    started_on = models.DateField("дата начала")
    finished_on = models.DateField("дата окончания", null=True, blank=True)
    subject = models.TextField("предмет проверки")
    result = models.CharField("результат", max_length=20, choices=InspectionResult.choices)
    act = models.CharField("акт (номер, дата)", max_length=200, blank=True)

    class Meta:
        verbose_name = "проверка"
        verbose_name_plural = "проверки"
        ordering = ["-started_on", "-pk"]
        indexes = [models.Index(fields=["school", "year"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_on:%d.%m.%Y}, {self.get_body_display()}"

    def save(self, *args, **kwargs):
        self.year = school_year_of(self.started_on)
        super().save(*args, **kwargs)

    @property
    def dates(self) -> str:
        if self.finished_on and self.finished_on != self.started_on:
            return f"{self.started_on:%d.%m.%Y}–{self.finished_on:%d.%m.%Y}"
        return f"{self.started_on:%d.%m.%Y}"


class Finding(models.Model):
    """A violation found and the order (предписание) to put it right."""

    inspection = models.ForeignKey(Inspection, verbose_name="проверка", on_delete=models.CASCADE,
                                   related_name="findings")
    text = models.TextField("нарушение (предписание)")
    deadline = models.DateField("срок устранения")
    fixed_on = models.DateField("устранено (дата)", null=True, blank=True)
    responsible = models.ForeignKey(StaffMember, verbose_name="ответственный", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    note = models.TextField("примечание", blank=True)

    class Meta:
        verbose_name = "нарушение"
        verbose_name_plural = "нарушения"
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    def status(self, today: datetime.date) -> Progress:
        return progress(self.fixed_on, self.deadline, today)


class NokoResult(models.Model):
    """The school's scores in the independent assessment of the quality of conditions of a year (0–100 each)."""

    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="noko_results")
    year = models.PositiveSmallIntegerField("учебный год (год начала)")
    openness = models.DecimalField("открытость и доступность информации", max_digits=5, decimal_places=2,
                                   null=True, blank=True, validators=SCORE_VALIDATORS)
    comfort = models.DecimalField("комфортность условий", max_digits=5, decimal_places=2, null=True, blank=True,
                                  validators=SCORE_VALIDATORS)
    accessibility = models.DecimalField("доступность услуг для инвалидов", max_digits=5, decimal_places=2,
                                        null=True, blank=True, validators=SCORE_VALIDATORS)
    courtesy = models.DecimalField("доброжелательность и вежливость работников", max_digits=5, decimal_places=2,
                                   null=True, blank=True, validators=SCORE_VALIDATORS)
    satisfaction = models.DecimalField("удовлетворённость условиями", max_digits=5, decimal_places=2,
                                       null=True, blank=True, validators=SCORE_VALIDATORS)
    place = models.PositiveIntegerField("место в муниципалитете", null=True, blank=True)
    places = models.PositiveIntegerField("всего организаций в рейтинге", null=True, blank=True)
    note = models.TextField("примечание", blank=True)

    class Meta:
        verbose_name = "результаты НОКО"
        verbose_name_plural = "результаты НОКО"
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["school", "year"], name="noko_result_unique")]

    def __str__(self) -> str:
        return f"НОКО {self.year}/{self.year + 1}"


# The five general criteria of НОКО, in their order: (field, name).
CRITERIA: tuple[tuple[str, str], ...] = tuple(
    (name, NokoResult._meta.get_field(name).verbose_name)
    for name in ("openness", "comfort", "accessibility", "courtesy", "satisfaction")
)


class NokoMeasure(models.Model):
    """A measure of the plan to improve the conditions after НОКО (regulation 004: «анализ результатов
    независимой оценки»)."""

    result = models.ForeignKey(NokoResult, verbose_name="результаты НОКО", on_delete=models.CASCADE,
                               related_name="measures")
    text = models.TextField("мероприятие")
    deadline = models.DateField("срок")
    done_on = models.DateField("выполнено (дата)", null=True, blank=True)

    class Meta:
        verbose_name = "мероприятие плана по улучшению"
        verbose_name_plural = "план по улучшению"
        ordering = ["deadline", "pk"]

    def status(self, today: datetime.date) -> Progress:
        return progress(self.done_on, self.deadline, today)


class PublicExpert(models.Model):
    """A public observer or expert: an adult's personal data, for the school's administration only."""

    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE,
                               related_name="public_experts")
    last_name = models.CharField("фамилия", max_length=100)
    first_name = models.CharField("имя", max_length=100)
    middle_name = models.CharField("отчество", max_length=100, blank=True)
    represents = models.CharField("кого представляет", max_length=20, choices=Represents.choices)
    represents_note = models.CharField("организация, уточнение", max_length=300, blank=True)
    trained_on = models.DateField("обучение пройдено (дата)", null=True, blank=True)
    training = models.CharField("обучение (программа, кем проведено)", max_length=300, blank=True)

    class Meta:
        verbose_name = "общественный наблюдатель (эксперт)"
        verbose_name_plural = "общественные наблюдатели и эксперты"
        ordering = ["last_name", "first_name", "pk"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)


class Participation(models.Model):
    expert = models.ForeignKey(PublicExpert, verbose_name="наблюдатель (эксперт)", on_delete=models.CASCADE,
                               related_name="participations")
    assessment = models.ForeignKey(Assessment, verbose_name="оценочная процедура", on_delete=models.CASCADE,
                                   related_name="public_participations")
    date = models.DateField("дата")
    role = models.CharField("роль", max_length=20, choices=ParticipationRole.choices,
                            default=ParticipationRole.OBSERVER)
    remark = models.CharField("замечание", max_length=500, blank=True)

    class Meta:
        verbose_name = "участие в процедуре"
        verbose_name_plural = "участие в процедурах"
        ordering = ["date", "pk"]
        constraints = [models.UniqueConstraint(fields=["expert", "assessment"], name="participation_unique")]
