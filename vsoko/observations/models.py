"""«Посещение уроков»: the journal of lessons and other activities visited by the administration
(внутришкольный контроль).

Regulation 000, п. 1.15 names «система контрольно-инспекционной деятельности» among the ways quality is
assessed and п. 1.16 «посещение уроков и внеклассных мероприятий» among its data sources; its indicators
reg000.6.1 and reg000.6.2 (shares of teachers using modern technologies and ИКТ) are computed from these
visits (vsoko.datavalues.extractors.observations). A visit is about the teacher's lesson: its texts
never name pupils.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models

from vsoko.observations.criteria import level_of, total_of
from vsoko.observations.enums import LessonLevel, VisitKind, VisitPurpose
from vsoko.records.models import OrgUnit, SchoolClass, SchoolYear, StaffMember, Subject
from vsoko.records.years import school_year_days

ABOUT_THE_LESSON = ("О проведении урока учителем; не указывайте фамилии и оценки отдельных обучающихся — "
                    "запись видят учитель, руководитель МО и администрация.")


class LessonVisit(models.Model):
    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="lesson_visits")
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    date = models.DateField("дата посещения")
    observer = models.ForeignKey(StaffMember, verbose_name="кто посетил", on_delete=models.PROTECT,
                                 related_name="visits_made")
    teacher = models.ForeignKey(StaffMember, verbose_name="учитель", on_delete=models.PROTECT,
                                related_name="visits_received")
    school_class = models.ForeignKey(SchoolClass, verbose_name="класс", null=True, blank=True,
                                     on_delete=models.PROTECT)
    subject = models.ForeignKey(Subject, verbose_name="предмет", null=True, blank=True, on_delete=models.PROTECT)
    kind = models.CharField("что посещено", max_length=20, choices=VisitKind.choices, default=VisitKind.LESSON)
    purpose = models.CharField("цель посещения", max_length=20, choices=VisitPurpose.choices,
                               default=VisitPurpose.THEMATIC)
    topic = models.CharField("тема", max_length=300, blank=True)
    modern_technologies = models.BooleanField("применялись современные педагогические технологии", default=False)
    ict = models.BooleanField("использовались ИКТ", default=False)
    differentiation = models.BooleanField("дифференцированный подход", default=False)
    # Points per criterion key of vsoko.observations.criteria.CRITERIA; total and level follow from them.
    scores = models.JSONField("баллы по критериям", default=dict)
    total = models.PositiveSmallIntegerField("сумма баллов", default=0)
    level = models.CharField("уровень урока", max_length=20, choices=LessonLevel.choices, default=LessonLevel.LOW)
    conclusions = models.TextField("выводы", blank=True, help_text=ABOUT_THE_LESSON)
    recommendations = models.TextField("рекомендации", blank=True, help_text=ABOUT_THE_LESSON)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="записал", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("записано", auto_now_add=True)

    class Meta:
        verbose_name = "посещение урока"
        verbose_name_plural = "посещения уроков"
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["school", "year"])]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} — {self.teacher}"

    def save(self, *args, **kwargs):
        self.total = total_of(self.scores)
        self.level = level_of(self.total)
        super().save(*args, **kwargs)

    @property
    def school_year_days(self) -> tuple[datetime.date, datetime.date]:
        """1 September to 31 August of the visit's school year."""
        return school_year_days(self.year_id)
