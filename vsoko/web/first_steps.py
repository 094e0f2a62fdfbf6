"""«Начало работы»: what a new school has loaded for the year and what is still missing, each with the page
that fills it. Shown on the overview to those who load the school's data, until everything is there.

One COUNT (or GROUP BY) per table, each on the school × year index: six small queries whatever the school's size,
kept under the school's data generation (vsoko.datavalues.generation: every import, entry and survey recount makes
a new one), so a school that has everything pays one query, its token. The catalogs are chosen without a recount:
their line is read only while the list is shown, and an unchosen catalog (all are shown) keeps no list open.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from vsoko.datavalues.generation import cached
from vsoko.indicators.models import SchoolCatalog
from vsoko.records.enums import AssessmentKind, ValueScope
from vsoko.records.models import (
    Assessment,
    Enrollment,
    ManualValue,
    OrgUnit,
    PeriodMark,
    StaffYear,
    SurveyAnswer,
)
from vsoko.web.templatetags.vsoko_format import grouped

DATA = "/data/"
PROTOCOLS = "/assessments/import/"
CATALOGS = "Каталоги показателей"
EXAMS = (AssessmentKind.VPR, AssessmentKind.OGE, AssessmentKind.EGE)


@dataclass(frozen=True)
class Step:
    title: str
    done: bool
    state: str  # what is there: «612 обучающихся в 27 классах», «не загружены»
    todo: str  # what to do, in a sentence
    url: str  # the page that fills it; empty while it cannot be filled yet
    link: str  # the link's words
    required: bool  # without it the school's indicators are empty


@dataclass(frozen=True)
class FirstSteps:
    year: int | None
    steps: list[Step]

    @property
    def done(self) -> int:
        return sum(step.done for step in self.steps)

    @property
    def complete(self) -> bool:
        """Every line but the catalogs' choice is done (no catalog chosen: all are shown, which is fine)."""
        return all(step.done for step in self.steps if step.title != CATALOGS)

    @property
    def essentials_done(self) -> bool:
        """The pupils, staff and marks are in: the list folds away, the rest is optional for many schools."""
        return all(step.done for step in self.steps if step.required)


def first_steps(school: OrgUnit, year: int | None) -> FirstSteps:
    """The checklist of one school for one year (None: the school has no year yet, so nothing of a year)."""
    counts = cached("first_steps", [school.pk], lambda ids: {pk: _counts(pk, year) for pk in ids}, year)[school.pk] \
        if year is not None else {}
    pupils, classes = counts.get("pupils", 0), counts.get("classes", 0)
    staff, marks = counts.get("staff", 0), counts.get("marks", 0)
    exams: dict[str, int] = counts.get("exams", {})
    # In the autumn the year has no ВПР yet; last spring's protocols are the previous year's.
    spring: dict[str, int] = counts.get("last_year_exams", {})
    answers, values = counts.get("answers", 0), counts.get("values", 0)
    if year is not None and all(counts[key] for key in ("pupils", "staff", "marks", "answers", "values")) \
            and any([*counts["exams"].values(), *counts["last_year_exams"].values()]):
        return FirstSteps(year, [])  # complete: the catalogs' choice is optional (without it all are shown)
    catalogs = SchoolCatalog.objects.filter(school=school).count()
    steps = [
        Step("Обучающиеся и классы", pupils > 0,
             # everyone enrolled in the year: the card beside the list counts the year's end, without who left
             f"обучающихся за год (с выбывшими) — {grouped(pupils)}, классов — {grouped(classes)}" if pupils
             else "не загружены",
             "Скачайте шаблон, заполните листы «Обучающиеся» и «Контингент» (кто в каком классе в этом учебном "
             "году) из списка учеников по классам и загрузите файл. Это первый шаг: отметки и результаты "
             "загружаются только для обучающихся, которые уже есть.",
             DATA, "Загрузить обучающихся", True),
        Step("Педагогические работники", staff > 0,
             f"работников — {grouped(staff)}" if staff else "не загружены",
             "Заполните лист «Педагогические работники» шаблона из списка сотрудников и загрузите его.",
             DATA, "Загрузить работников", True),
        Step("Отметки за периоды", marks > 0,
             f"отметок — {grouped(marks)}" if marks else "не загружены",
             "После обучающихся: лист «Отметки за периоды» шаблона или выгрузка итоговых отметок электронного "
             "журнала на странице «Загрузка протоколов».",
             PROTOCOLS if pupils else "", "Загрузить отметки", True),
        Step("ВПР, ОГЭ, ЕГЭ", any([*exams.values(), *spring.values()]),
             _exams_words(exams) + (f"; за {year - 1}/{year} учебный год: {_exams_words(spring)}"
                                    if spring and not any(exams.values()) else ""),
             "После обучающихся: протоколы ФИС ОКО («Индивидуальные результаты») и ведомости РЦОИ загружаются "
             "на странице «Загрузка протоколов» как есть. Весенние ВПР — это прошлый учебный год: для них нужен и "
             "«Контингент» прошлого года (в каком классе ученик учился весной).",
             PROTOCOLS if pupils else "", "Загрузить протоколы", False),
        Step("Анкеты", answers > 0,
             f"ответивших — {grouped(answers)}" if answers else "ответов нет",
             "Создайте опрос родителей, обучающихся или педагогов и раздайте ссылку или QR-код.",
             "/surveys/", "Открыть «Анкеты»", False),
        Step("Показатели, вводимые вручную", values > 0,
             f"введено значений — {grouped(values)}" if values else "не введены",
             "То, чего нет в файлах (лицензия, площади, доля педагогов с наградами), вводится на странице "
             "«Ввод значений» — когда в году уже есть обучающиеся или работники.",
             "/indicators/entry/" if year is not None else "", "Ввести значения", False),
        Step(CATALOGS, catalogs > 0,
             f"выбрано каталогов — {grouped(catalogs)}" if catalogs else "не выбраны: показываются все",
             "Отметьте каталоги, по которым работает школа: базовые показатели, приказ № 1324, положение о ВСОКО.",
             "/indicators/settings/", "Выбрать каталоги", False),
    ]
    return FirstSteps(year, steps)


def _exams_words(counts: dict[str, int]) -> str:
    """{"vpr": 4} → «ВПР — 4, ОГЭ — 0, ЕГЭ — 0» (procedures)."""
    return ", ".join(f"{kind.label} — {grouped(counts.get(kind, 0))}" for kind in EXAMS)


def _counts(school: int, year: int) -> dict:
    enrolled = Enrollment.objects.filter(school=school, year_id=year).aggregate(
        pupils=Count("student_id", distinct=True), classes=Count("school_class_id", distinct=True))
    exams = (Assessment.objects.filter(school=school, year_id__in=[year, year - 1], kind__in=EXAMS)
             .values("year_id", "kind").annotate(n=Count("pk")).order_by())
    return {
        **enrolled,
        "staff": StaffYear.objects.filter(school=school, year_id=year).count(),
        "marks": PeriodMark.objects.filter(school=school, year_id=year).count(),
        "exams": {row["kind"]: row["n"] for row in exams if row["year_id"] == year},
        "last_year_exams": {row["kind"]: row["n"] for row in exams if row["year_id"] == year - 1},
        "answers": SurveyAnswer.objects.filter(school=school, year_id=year)
        .aggregate(n=Count("respondent", distinct=True))["n"],
        "values": ManualValue.objects.filter(school=school, year_id=year, scope=ValueScope.SCHOOL).count(),
    }
