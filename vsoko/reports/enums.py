from django.db import models


class ReportKind(models.TextChoices):
    ANALYTIC = "analytic", "Аналитическая справка"
    SELF_EXAM = "self-exam", "Отчёт о самообследовании"
    PUBLIC = "public", "Публичный доклад"
    PLAN = "plan", "План-график мониторинга"
    PERIOD_RESULTS = "period-results", "Справка об итогах периода"
    SCHEDULE = "schedule", "График оценочных процедур"
    SUPPORT = "support", "Отчёт о работе с неуспевающими"
    PROCEDURE = "procedure", "Аналитическая справка по результатам процедуры"
    MUNICIPAL = "municipal", "Аналитическая справка по результатам ВСОКО муниципалитета"
    PROCEDURES_SUMMARY = "procedures-summary", "Сводная аналитическая справка по результатам процедур"
    MO_YEAR = "mo-year", "Анализ работы МО за учебный год"
    OO1 = "oo1", "Черновик формы ОО-1"


class Format(models.TextChoices):
    """An output format, named by the file's extension."""

    DOCX = "docx", "Word (.docx)"
    XLSX = "xlsx", "Excel (.xlsx)"
    HTML = "html", "веб-страница (.html)"
    PDF = "pdf", "PDF (.pdf)"


class SelfExamSection(models.TextChoices):
    """The analytic part of the self-examination report, in the order of the Procedure (Order of Минобрнауки
    14.06.2013 № 462, п. 6): what the self-examination assesses, then the analysis of the indicators."""

    EDUCATION = "education", "Оценка образовательной деятельности"
    MANAGEMENT = "management", "Оценка системы управления организации"
    TRAINING = "training", "Оценка содержания и качества подготовки обучающихся"
    PROCESS = "process", "Оценка организации учебного процесса"
    GRADUATES = "graduates", "Оценка востребованности выпускников"
    STAFF = "staff", "Оценка качества кадрового обеспечения"
    METHODS = "methods", "Оценка качества учебно-методического обеспечения"
    LIBRARY = "library", "Оценка качества библиотечно-информационного обеспечения"
    FACILITIES = "facilities", "Оценка качества материально-технической базы"
    VSOKO = "vsoko", "Оценка функционирования внутренней системы оценки качества образования"
    INDICATORS = "indicators", "Анализ показателей деятельности организации"

    @property
    def heading(self) -> str:
        """«3. Оценка содержания и качества подготовки обучающихся» — numbered as in the report."""
        return f"{list(SelfExamSection).index(self) + 1}. {self.label}"

    @property
    def field_label(self) -> str:
        return f"Текст школы к разделу {list(SelfExamSection).index(self) + 1}"


class PublicReportSection(models.TextChoices):
    """The parts of the public report the director writes (000 п. 5.1: «публичный доклад директора школы»): the
    address that opens it and the tasks and prospects that close it; the figures between are computed."""

    FOREWORD = "public_foreword", "Обращение директора"
    PROSPECTS = "public_prospects", "Заключение: итоги года, задачи и перспективы развития"

    @property
    def heading(self) -> str:
        return self.label

    @property
    def field_label(self) -> str:
        return self.label


class Addressee(models.TextChoices):
    """Whom a recommendation of a procedure's справка is addressed to («адресные рекомендации», положение п. 4.18)."""

    TEACHER = "teacher", "Учителю"
    MO = "mo", "Методическому объединению"
    CLASS_TEACHER = "class_teacher", "Классному руководителю"
    ADMINISTRATION = "administration", "Администрации"
