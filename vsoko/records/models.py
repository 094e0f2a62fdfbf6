"""School records: the tables of the canonical data package (spec/data-format.md).

Every record belongs to a school (an org unit of kind «школа»), so one database
holds a whole municipality and every query can be scoped to what a user may see.
Natural keys of the package are unique constraints here: re-importing a package
updates rows in place.

A school year is identified by the calendar year it starts in (2024 = 2024/2025);
`SchoolYear.start` is the primary key, so `year_id` is that number everywhere.
"""

from __future__ import annotations

import datetime

from django.db import models

from vsoko.records import enums
from vsoko.records.years import year_label


class OrgUnit(models.Model):
    """Region > municipality > school."""

    code = models.CharField("код", max_length=64, unique=True)
    name = models.CharField("название", max_length=300)
    kind = models.CharField("вид", max_length=20, choices=enums.OrgUnitKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="вышестоящая единица", null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    period_system = models.CharField(
        "учебные периоды", max_length=20, choices=enums.PeriodSystem.choices,
        default=enums.PeriodSystem.QUARTERS,
    )

    class Meta:
        verbose_name = "организационная единица"
        verbose_name_plural = "организационные единицы"
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    def descendant_schools(self) -> models.QuerySet[OrgUnit]:
        """Schools at or under this unit (the hierarchy is at most three levels deep)."""
        if self.kind == enums.OrgUnitKind.SCHOOL:
            return OrgUnit.objects.filter(pk=self.pk)
        return OrgUnit.objects.filter(kind=enums.OrgUnitKind.SCHOOL).filter(
            models.Q(parent=self) | models.Q(parent__parent=self)
        )


class SchoolYear(models.Model):
    start = models.PositiveSmallIntegerField("год начала", primary_key=True)

    class Meta:
        verbose_name = "учебный год"
        verbose_name_plural = "учебные годы"
        ordering = ["start"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return year_label(self.start)

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.start, 9, 1)

    @property
    def end_of_year_cutoff(self) -> datetime.date:
        """25 May of the second calendar year: who left before it is not counted at the year's end."""
        return datetime.date(self.start + 1, 5, 25)


class Subject(models.Model):
    name = models.CharField("название", max_length=200, unique=True)

    class Meta:
        verbose_name = "предмет"
        verbose_name_plural = "предметы"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SchoolClass(models.Model):
    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="classes")
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    name = models.CharField("класс", max_length=20)
    grade = models.PositiveSmallIntegerField("параллель")
    letter = models.CharField("литера", max_length=10, blank=True)

    class Meta:
        verbose_name = "класс"
        verbose_name_plural = "классы"
        ordering = ["year", "grade", "letter"]
        constraints = [models.UniqueConstraint(fields=["school", "year", "name"], name="class_unique")]

    def __str__(self) -> str:
        return self.name


class Student(models.Model):
    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="students")
    student_id = models.CharField("код обучающегося", max_length=64)
    last_name = models.CharField("фамилия", max_length=100, blank=True)
    first_name = models.CharField("имя", max_length=100, blank=True)
    middle_name = models.CharField("отчество", max_length=100, blank=True)
    birth_date = models.DateField("дата рождения", null=True, blank=True)
    sex = models.CharField("пол", max_length=1, choices=enums.Sex.choices, blank=True)

    class Meta:
        verbose_name = "обучающийся"
        verbose_name_plural = "обучающиеся"
        ordering = ["last_name", "first_name"]
        constraints = [models.UniqueConstraint(fields=["school", "student_id"], name="student_unique")]

    def __str__(self) -> str:
        return self.full_name or self.student_id

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)


class Enrollment(models.Model):
    """The class a student was in during a year, and how the year ended (контингент)."""

    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE)
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    student = models.ForeignKey(Student, verbose_name="обучающийся", on_delete=models.CASCADE, related_name="enrollments")
    school_class = models.ForeignKey(SchoolClass, verbose_name="класс", on_delete=models.PROTECT, related_name="enrollments")
    enrolled_on = models.DateField("дата зачисления", null=True, blank=True)
    left_on = models.DateField("дата выбытия", null=True, blank=True)
    ovz = models.BooleanField("ОВЗ", default=False)
    disability = models.BooleanField("инвалидность", default=False)
    non_native_russian = models.BooleanField("неродной русский язык", default=False)
    health_group = models.PositiveSmallIntegerField("группа здоровья", null=True, blank=True)
    pe_group = models.CharField("физкультурная группа", max_length=20, choices=enums.PeGroup.choices, blank=True)
    outcome = models.CharField("итог года", max_length=20, choices=enums.Outcome.choices, blank=True)
    gia_admitted = models.BooleanField("допущен к ГИА", null=True, blank=True)
    certificate = models.CharField("аттестат", max_length=20, choices=enums.Certificate.choices, blank=True)
    destination = models.CharField("продолжение обучения", max_length=20, choices=enums.Destination.choices, blank=True)
    destination_matches_profile = models.BooleanField("по профилю", null=True, blank=True)

    class Meta:
        verbose_name = "зачисление"
        verbose_name_plural = "контингент"
        constraints = [models.UniqueConstraint(fields=["student", "year"], name="enrollment_unique")]
        indexes = [models.Index(fields=["school", "year"])]


class SocialStatus(models.Model):
    """Social status and профилактический учёт — a sensitive category."""

    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE)
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    student = models.ForeignKey(Student, verbose_name="обучающийся", on_delete=models.CASCADE, related_name="social")
    category = models.CharField("категория", max_length=20, choices=enums.SocialCategory.choices)
    since = models.DateField("с", null=True, blank=True)
    until = models.DateField("по", null=True, blank=True)

    class Meta:
        verbose_name = "социальный статус"
        verbose_name_plural = "социальный статус и профилактика"
        constraints = [models.UniqueConstraint(fields=["student", "year", "category"], name="social_unique")]


class StaffMember(models.Model):
    """A person; what changes from year to year is in StaffYear."""

    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="staff")
    staff_id = models.CharField("код работника", max_length=64)
    last_name = models.CharField("фамилия", max_length=100, blank=True)
    first_name = models.CharField("имя", max_length=100, blank=True)
    middle_name = models.CharField("отчество", max_length=100, blank=True)
    birth_date = models.DateField("дата рождения", null=True, blank=True)

    class Meta:
        verbose_name = "работник"
        verbose_name_plural = "работники"
        ordering = ["last_name", "first_name"]
        constraints = [models.UniqueConstraint(fields=["school", "staff_id"], name="staff_unique")]

    def __str__(self) -> str:
        return self.full_name or self.staff_id

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)


class StaffYear(models.Model):
    """A staff member's state on 1 September of a year."""

    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE)
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    staff = models.ForeignKey(StaffMember, verbose_name="работник", on_delete=models.CASCADE, related_name="years")
    position = models.CharField("должность", max_length=200, blank=True)
    pedagogical = models.BooleanField("педагогический работник", default=True)
    education = models.CharField("образование", max_length=20, choices=enums.Education.choices, blank=True)
    profile_match = models.BooleanField("образование по профилю", null=True, blank=True)
    category = models.CharField("категория", max_length=20, choices=enums.QualificationCategory.choices, blank=True)
    category_date = models.DateField("дата аттестации", null=True, blank=True)
    experience_since = models.DateField("педагогический стаж с", null=True, blank=True)
    employment = models.CharField("занятость", max_length=20, choices=enums.Employment.choices, blank=True)
    weekly_hours = models.DecimalField("нагрузка, ч в неделю", max_digits=5, decimal_places=1, null=True, blank=True)
    subjects = models.ManyToManyField(Subject, verbose_name="предметы", blank=True)

    class Meta:
        verbose_name = "работник в учебном году"
        verbose_name_plural = "педагогические работники"
        constraints = [models.UniqueConstraint(fields=["staff", "year"], name="staffyear_unique")]
        indexes = [models.Index(fields=["school", "year"])]


class StaffEvent(models.Model):
    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE)
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    staff = models.ForeignKey(StaffMember, verbose_name="работник", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("вид", max_length=30, choices=enums.StaffEventKind.choices)
    title = models.CharField("название", max_length=500)
    date = models.DateField("дата", null=True, blank=True)
    level = models.CharField("уровень", max_length=20, choices=enums.StaffEventLevel.choices, blank=True)
    hours = models.PositiveIntegerField("часов", null=True, blank=True)
    topics = models.JSONField("темы", default=list, blank=True)
    result = models.CharField("результат", max_length=20, choices=enums.AwardResult.choices, blank=True)

    class Meta:
        verbose_name = "событие развития педагога"
        verbose_name_plural = "развитие педагогов"
        constraints = [models.UniqueConstraint(fields=["staff", "year", "kind", "title"], name="staffevent_unique")]


class PeriodMark(models.Model):
    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE)
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    period = models.CharField("период", max_length=10, choices=enums.Period.choices)
    student = models.ForeignKey(Student, verbose_name="обучающийся", on_delete=models.CASCADE, related_name="marks")
    subject = models.ForeignKey(Subject, verbose_name="предмет", on_delete=models.PROTECT)
    mark = models.CharField("отметка", max_length=10, choices=enums.Mark.choices)

    class Meta:
        verbose_name = "отметка за период"
        verbose_name_plural = "отметки за периоды"
        constraints = [
            models.UniqueConstraint(fields=["student", "year", "period", "subject"], name="mark_unique")
        ]
        # The period's figures (vsoko.progress.figures) count marks per pupil and per class × subject from the
        # index alone: (school, year, period) finds the period's marks, the rest is what the counts read.
        indexes = [models.Index(fields=["school", "year", "period", "student", "subject", "mark"],
                                name="mark_period_counts")]


class Assessment(models.Model):
    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="assessments")
    assessment_id = models.CharField("код процедуры", max_length=64)
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    kind = models.CharField("вид", max_length=20, choices=enums.AssessmentKind.choices)
    subject = models.ForeignKey(Subject, verbose_name="предмет", on_delete=models.PROTECT, null=True, blank=True)
    grade = models.PositiveSmallIntegerField("класс (параллель)", null=True, blank=True)
    date = models.DateField("дата", null=True, blank=True)
    max_score = models.PositiveIntegerField("максимальный первичный балл", null=True, blank=True)
    min_score = models.PositiveIntegerField("минимальный порог", null=True, blank=True)
    mark_scale = models.CharField("шкала перевода в отметку", max_length=200, blank=True)
    test_scale = models.TextField("шкала перевода в тестовый балл", blank=True)

    class Meta:
        verbose_name = "оценочная процедура"
        verbose_name_plural = "оценочные процедуры"
        ordering = ["-year", "kind", "grade"]
        constraints = [models.UniqueConstraint(fields=["school", "assessment_id"], name="assessment_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.subject or ''} {self.grade or ''}".strip()


class AssessmentTask(models.Model):
    assessment = models.ForeignKey(Assessment, verbose_name="процедура", on_delete=models.CASCADE, related_name="tasks")
    task = models.CharField("задание", max_length=20)
    position = models.PositiveSmallIntegerField("порядок")
    max_points = models.PositiveSmallIntegerField("макс. балл")
    difficulty = models.CharField("уровень", max_length=10, choices=enums.Difficulty.choices, blank=True)
    skill = models.TextField("проверяемое умение", blank=True)
    metasubject = models.BooleanField("метапредметное", null=True, blank=True)
    functional_literacy = models.BooleanField("функциональная грамотность", null=True, blank=True)

    class Meta:
        verbose_name = "задание"
        verbose_name_plural = "задания"
        ordering = ["assessment", "position"]
        constraints = [models.UniqueConstraint(fields=["assessment", "task"], name="task_unique")]


class Result(models.Model):
    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE)
    assessment = models.ForeignKey(Assessment, verbose_name="процедура", on_delete=models.CASCADE, related_name="results")
    student = models.ForeignKey(Student, verbose_name="обучающийся", on_delete=models.CASCADE, related_name="results")
    attempt = models.CharField("попытка", max_length=10, choices=enums.Attempt.choices, default=enums.Attempt.MAIN)
    absent = models.BooleanField("не явился", default=False)
    primary_score = models.DecimalField("первичный балл", max_digits=6, decimal_places=1, null=True, blank=True)
    test_score = models.DecimalField("тестовый балл", max_digits=6, decimal_places=1, null=True, blank=True)
    mark = models.PositiveSmallIntegerField("отметка", null=True, blank=True)
    journal_mark = models.PositiveSmallIntegerField("отметка по журналу", null=True, blank=True)

    class Meta:
        verbose_name = "результат участника"
        verbose_name_plural = "результаты участников"
        constraints = [models.UniqueConstraint(fields=["assessment", "student"], name="result_unique")]


class TaskScore(models.Model):
    """Points of one result on one task; a row per task keeps task analysis a GROUP BY."""

    result = models.ForeignKey(Result, verbose_name="результат", on_delete=models.CASCADE, related_name="task_scores")
    task = models.ForeignKey(AssessmentTask, verbose_name="задание", on_delete=models.CASCADE, related_name="scores")
    points = models.DecimalField("баллы", max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = "баллы за задание"
        verbose_name_plural = "баллы за задания"
        constraints = [models.UniqueConstraint(fields=["result", "task"], name="taskscore_unique")]


class Event(models.Model):
    """Olympiads, contests, competitions."""

    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE)
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    student = models.ForeignKey(Student, verbose_name="обучающийся", on_delete=models.CASCADE, related_name="events")
    event = models.CharField("мероприятие", max_length=500)
    level = models.CharField("уровень", max_length=20, choices=enums.EventLevel.choices)
    kind = models.CharField("вид", max_length=20, choices=enums.EventKind.choices, blank=True)
    subject = models.CharField("предмет / направление", max_length=200, blank=True)
    result = models.CharField("результат", max_length=20, choices=enums.EventResult.choices, default=enums.EventResult.PARTICIPANT)

    class Meta:
        verbose_name = "участие в мероприятии"
        verbose_name_plural = "олимпиады, конкурсы, соревнования"
        constraints = [models.UniqueConstraint(fields=["student", "year", "event", "level"], name="event_unique")]


class Program(models.Model):
    """Additional education and extracurricular engagement."""

    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE)
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    student = models.ForeignKey(Student, verbose_name="обучающийся", on_delete=models.CASCADE, related_name="programs")
    program = models.CharField("программа / объединение", max_length=500)
    kind = models.CharField("вид", max_length=30, choices=enums.ProgramKind.choices, blank=True)
    certificate = models.BooleanField("сертификат ДО", null=True, blank=True)
    individual_route = models.BooleanField("индивидуальный маршрут", null=True, blank=True)

    class Meta:
        verbose_name = "занятость в программе"
        verbose_name_plural = "дополнительное образование и занятость"
        constraints = [models.UniqueConstraint(fields=["student", "year", "program"], name="program_unique")]


class ManualValue(models.Model):
    """A value entered by hand (or imported as an aggregate) for an indicator, or a benchmark."""

    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE)
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    indicator = models.CharField("показатель", max_length=100)
    scope = models.CharField("уровень", max_length=20, choices=enums.ValueScope.choices, default=enums.ValueScope.SCHOOL)
    value = models.DecimalField("значение", max_digits=14, decimal_places=4, null=True, blank=True)
    numerator = models.DecimalField("числитель", max_digits=14, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField("знаменатель", max_digits=14, decimal_places=4, null=True, blank=True)
    comment = models.TextField("комментарий", blank=True)
    source = models.CharField("источник", max_length=500, blank=True)
    # The value of a text indicator («Реквизиты лицензии»): a fact, not a number, so it is never mirrored into
    # the additive data values nor summed across schools (DESIGN.md, «additive data values»).
    text = models.TextField("текст", blank=True)

    class Meta:
        verbose_name = "значение, введённое вручную"
        verbose_name_plural = "значения, введённые вручную"
        constraints = [
            models.UniqueConstraint(fields=["school", "year", "indicator", "scope"], name="manualvalue_unique")
        ]


class SurveyAnswer(models.Model):
    """One answer of one anonymous respondent; no link to a student is ever stored."""

    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE)
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    survey = models.CharField("анкета", max_length=50)
    respondent = models.CharField("респондент", max_length=64)
    grade = models.PositiveSmallIntegerField("класс (параллель)", null=True, blank=True)
    question = models.CharField("вопрос", max_length=50)
    answer = models.TextField("ответ", blank=True)
    channel = models.CharField("получен", max_length=10, choices=enums.SurveyChannel.choices,
                               default=enums.SurveyChannel.PACKAGE)

    class Meta:
        verbose_name = "ответ анкеты"
        verbose_name_plural = "ответы анкет"
        constraints = [
            models.UniqueConstraint(
                fields=["school", "year", "survey", "respondent", "question"], name="surveyanswer_unique"
            )
        ]
        indexes = [models.Index(fields=["school", "year", "survey"])]


class YearApproval(models.Model):
    """Submission and approval of a school's data for a year (period empty) or one period.

    Approved data, and the values computed from them, are read-only until the director
    reopens them; `vsoko.records.approval` enforces it and the audit log keeps the history.
    """

    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE)
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    period = models.CharField("период", max_length=10, choices=enums.Period.choices, blank=True)
    status = models.CharField("состояние", max_length=20, choices=enums.ApprovalStatus.choices, default=enums.ApprovalStatus.OPEN)
    changed_at = models.DateTimeField("изменено", auto_now=True)
    changed_by = models.ForeignKey("auth.User", verbose_name="кем", null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = "утверждение данных"
        verbose_name_plural = "утверждение данных"
        constraints = [models.UniqueConstraint(fields=["school", "year", "period"], name="approval_unique")]
