"""«Сводная аналитическая справка по результатам процедур»: every procedure of one kind (ВПР, ОГЭ …) of a school's
period — the spring or the autumn, or the whole year — in one справка for the pedagogical council (seeds/000
п. 4.18: a справка after each procedure with addressed recommendations, discussed at the council).

It sums up what each procedure's справка (vsoko.reports.procedure) says at length: a row per procedure (participants
of those enrolled in the grade, mean mark, «2», «4» и «5», the journal's confirmation, the objectivity flags of
vsoko.analysis.flags); the same procedure a year before and the same cohort (grade N−1 a year before); the tasks
not mastered (vsoko.analysis.thresholds) by subject; the classes at risk (vsoko.analysis.risk); the school's
recommendations of each procedure, else the system's suggestions (procedure.suggested_recommendations), by
subject; a draft decision of the council; «Выводы» made from the figures. Classes and subjects only: no pupil and
no teacher is named.

Set-based: the procedures, one grouped read of their figures by class, their tasks, the enrolled (one aggregate),
the previous year's procedures and figures, the risk flags (kept per data generation), the saved recommendations —
the same dozen queries for two procedures or thirty.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Count, Exists, F, OuterRef, Q

from vsoko.analysis import benchmarks as bm
from vsoko.analysis import figures as fig
from vsoko.analysis.access import Privacy
from vsoko.analysis.flags import Flag, Level, objectivity_flags
from vsoko.analysis.procedure import ClassRow, ProcedurePage, TaskRow, class_order
from vsoko.analysis.risk import fold_classes, procedure_label, risk_flags, task_order
from vsoko.analysis.thresholds import Thresholds, mastery
from vsoko.indicators.formatting import plural, rounded
from vsoko.records.enums import AssessmentKind, Attempt
from vsoko.records.models import Assessment, AssessmentTask, Enrollment, OrgUnit, Result
from vsoko.records.years import year_label
from vsoko.reports.document import Document, Heading, Number, Paragraph, Section, Table
from vsoko.reports.enums import Addressee
from vsoko.reports.models import ProcedureConclusion
from vsoko.reports.procedure import mean_cell, percent_cell, suggested_recommendations, weak_tasks
from vsoko.schedule.enums import Half

SEASON = {Half.FIRST: "осень", Half.SECOND: "весна"}
SEASON_ACCUSATIVE = {Half.FIRST: "осень", Half.SECOND: "весну"}  # «за весну»
SUMMARY_AND_TASKS = (*fig.SUMMARY_CODES, *fig.TASK_CODES)
PREVIOUS_CODES = ("assessment.results", "assessment.marks")


class NothingToSummarise(Exception):
    """No procedure of the kind in the period; the message says what there is."""


def in_half(half: Half | None, year: int) -> Q:
    """Procedures dated in the half of school year `year` (the schedule's bounds); any date for the whole year."""
    return Q() if half is None else Q(date__range=half.bounds(year))


def with_main_results() -> Exists:
    return Exists(Result.objects.filter(assessment=OuterRef("pk"), attempt=Attempt.MAIN, absent=False))


def kind_choices(school: OrgUnit, year: int) -> list[tuple[str, str]]:
    """The kinds of the year's procedures with results («ВПР», «ОГЭ» …), in AssessmentKind's order."""
    present = set(Assessment.objects.filter(with_main_results(), school=school, year_id=year)
                  .values_list("kind", flat=True).distinct())
    return [(k.value, k.label) for k in AssessmentKind if k.value in present]


def default_kind(school: OrgUnit, year: int) -> str | None:
    kinds = [k for k, _ in kind_choices(school, year)]
    return AssessmentKind.VPR.value if AssessmentKind.VPR.value in kinds else (kinds[0] if kinds else None)


def half_choices(school: OrgUnit, year: int) -> list[tuple[str, str]]:
    return [(str(h.value), f"{SEASON[h]} ({h.label})") for h in Half]


# --- the figures -----------------------------------------------------------------------------------------

@dataclass
class Row:
    """One procedure of the period with its figures."""

    assessment: Assessment
    label: str
    subject: str
    total: fig.Figures
    classes: list[ClassRow]
    tasks: list[TaskRow]
    enrolled: int
    flags: list[Flag]  # objectivity
    risk: list[Flag]  # weak results, of the procedure and its classes
    year_before: fig.Figures | None = None  # the same kind, subject and grade a year before
    cohort: fig.Figures | None = None  # the same kind and subject, grade N−1, a year before
    recommendations: list[tuple[Addressee, str]] = field(default_factory=list)
    school_wrote: bool = False  # the recommendations are the school's own (saved with its справка)

    @property
    def grade(self) -> int | None:
        return self.assessment.grade

    @property
    def page(self) -> ProcedurePage:
        """The procedure as its page sees it, as far as the suggestions of its справка read it."""
        return ProcedurePage(
            assessment=self.assessment, label=self.label, total=self.total, classes=self.classes, tasks=self.tasks,
            flags=self.flags, risk=self.risk, benchmarks=bm.Benchmarks({}), boundaries=[], spikes=set(),
            dynamics=[], privacy=Privacy(on=False), hidden_marks=set(), hidden_journal=set(),
            hidden_mark_groups=set())


@dataclass
class Summary:
    school: OrgUnit
    year: int
    kind: AssessmentKind
    half: Half | None
    rows: list[Row]

    @property
    def period_words(self) -> str:
        """«весна 2024/2025 учебного года», «2024/2025 учебный год»."""
        if self.half is None:
            return f"{year_label(self.year)} учебный год"
        return f"{SEASON[self.half]} {year_label(self.year)} учебного года"


def summary(school: OrgUnit, year: int, kind: AssessmentKind, half: Half | None,
            thresholds: Thresholds | None = None) -> Summary:
    t = thresholds or Thresholds.configured()
    procedures = list(Assessment.objects.filter(with_main_results(), in_half(half, year), school=school, year_id=year,
                                                kind=kind).select_related("subject")
                      .order_by("subject__name", "grade", F("date").asc(nulls_last=True), "assessment_id"))
    if not procedures:
        raise NothingToSummarise(missing_words(school, year, kind, half))
    codes = [a.assessment_id for a in procedures]
    loaded = fig.load([school.pk], [year], by=("assessment", "class"), assessments=codes, codes=SUMMARY_AND_TASKS)
    per_class: dict[str, dict[str | None, fig.Figures]] = defaultdict(dict)
    for (_, code, name), f in loaded.items():
        per_class[code][name] = f
    tasks: dict[int, list[AssessmentTask]] = defaultdict(list)
    for task in AssessmentTask.objects.filter(assessment__in=procedures).order_by("assessment", "position"):
        tasks[task.assessment_id].append(task)
    enrolled = enrolled_counts(school, year, procedures)
    risk_of: dict[int, list[Flag]] = defaultdict(list)
    for flag in risk_flags([school], year, thresholds=t):
        risk_of[flag.assessment].append(flag)
    rows = []
    for a in procedures:
        by_class = per_class.get(a.assessment_id, {})
        total = fig.total(by_class.values())
        classes = sorted((ClassRow(name, f) for name, f in by_class.items() if name is not None and f.results),
                         key=lambda c: class_order(c.name))
        subject = a.subject.name if a.subject else ""
        rows.append(Row(a, procedure_label(a.kind, subject, a.grade), subject, total, classes,
                        task_rows(tasks[a.pk], total, classes), enrolled.get(a.pk, 0),
                        objectivity_flags(total, max_score=a.max_score, mark_scale=a.mark_scale, t=t,
                                          assessment=a.pk),
                        fold_classes(risk_of.get(a.pk, []))))
    add_year_before(rows, school, year, kind, half)
    add_recommendations(rows)
    return Summary(school, year, AssessmentKind(kind), half, rows)


def missing_words(school: OrgUnit, year: int, kind: str, half: Half | None) -> str:
    period = f"за {SEASON_ACCUSATIVE[half]} ({half.label}) {year_label(year)} учебного года" if half else \
        f"за {year_label(year)} учебный год"
    there = ", ".join(label for _, label in kind_choices(school, year))
    return (f"Сводную справку составить не из чего: в школе «{school.name}» {period} нет процедур "
            f"«{AssessmentKind(kind).label}» с результатами. "
            + (f"Процедуры с результатами этого года: {there}." if there else
               "В этом году нет ни одной процедуры с результатами: загрузите протоколы (раздел «Оценочные "
               "процедуры», «Загрузить»)."))


def task_rows(tasks: list[AssessmentTask], total: fig.Figures, classes: list[ClassRow]) -> list[TaskRow]:
    """As the procedure page's (vsoko.analysis.procedure.task_rows), from tasks read for all the procedures at once."""
    out = []
    for task in tasks:
        completion = total.completion(task.task)
        out.append(TaskRow(task=task.task, max_points=task.max_points, difficulty=task.difficulty, skill=task.skill,
                           completion=completion, mastery=mastery(task.difficulty, completion), by_mark=[],
                           by_class=[c.figures.completion(task.task) for c in classes], benchmark=[]))
    return out


def enrolled_counts(school: OrgUnit, year: int, procedures: list[Assessment]) -> dict[int, int]:
    """{procedure pk: pupils enrolled in its grade on its day (the year's enrolment, undated: all of it)}, in one
    aggregate query whatever the number of procedures."""
    counted = {}
    for a in procedures:
        if a.grade is None:
            continue
        when = Q(school_class__grade=a.grade)
        if a.date:
            when &= (Q(enrolled_on__isnull=True) | Q(enrolled_on__lte=a.date)) & (
                Q(left_on__isnull=True) | Q(left_on__gte=a.date))
        counted[f"p{a.pk}"] = Count("pk", filter=when)
    if not counted:
        return {}
    found = Enrollment.objects.filter(school=school, year_id=year).aggregate(**counted)
    return {int(key[1:]): n for key, n in found.items()}


def add_year_before(rows: list[Row], school: OrgUnit, year: int, kind: str, half: Half | None) -> None:
    """The same procedure a year before (same subject and grade) and the same cohort (grade N−1): two queries."""
    before = list(Assessment.objects.filter(with_main_results(), in_half(half, year - 1), school=school, year_id=year - 1,
                                            kind=kind).values_list("assessment_id", "subject_id", "grade"))
    if not before:
        return
    loaded = fig.load([school.pk], [year - 1], by=("assessment",), assessments=[c for c, _, _ in before],
                      codes=PREVIOUS_CODES)
    by_key: dict[tuple, fig.Figures] = defaultdict(fig.Figures)
    for code, subject, grade in before:
        f = loaded.get((year - 1, code))
        if f is not None:
            by_key[(subject, grade)].add(f)
    for row in rows:
        a = row.assessment
        row.year_before = by_key.get((a.subject_id, a.grade))
        if a.grade:
            row.cohort = by_key.get((a.subject_id, a.grade - 1))


def add_recommendations(rows: list[Row]) -> None:
    """The school's recommendations saved with each procedure's справка; where none, its suggestions."""
    saved = {c.assessment_id: c for c in ProcedureConclusion.objects.filter(
        assessment__in=[r.assessment for r in rows]).prefetch_related("recommendations")}
    for row in rows:
        conclusion = saved.get(row.assessment.pk)
        written = [(Addressee(r.addressee), r.text) for r in conclusion.recommendations.all()] if conclusion else []
        row.school_wrote = bool(written)
        row.recommendations = written or suggested_recommendations(row.page)


# --- the document ----------------------------------------------------------------------------------------

def build(school: OrgUnit, year: int, procedure_kind: str | None = None, half: Half | None = None) -> Document:
    """The registry's: the procedures of the kind (else ВПР, else the year's first kind) in the half-year (else all
    the year)."""
    kind = procedure_kind or default_kind(school, year) or AssessmentKind.VPR
    return document(summary(school, year, AssessmentKind(kind), half))


def title(s: Summary) -> str:
    """«Сводная аналитическая справка по результатам ВПР, весна 2024/2025 учебного года»."""
    return f"Сводная аналитическая справка по результатам {s.kind.label}, {s.period_words}"


def document(s: Summary) -> Document:
    doc = Document(title(s), [s.school.name, f"Процедур: {len(s.rows)}",
                              f"Для педагогического совета. Справка составлена {datetime.date.today():%d.%m.%Y}",
                              "Без персональных данных: классы и предметы."])
    summary_section(doc.section("1. Результаты по процедурам"), s)
    dynamics_section(doc.section("2. Динамика: год назад и та же когорта"), s)
    tasks_section(doc.section("3. Задания с низким выполнением по предметам"), s)
    risk_section(doc.section("4. Классы в зоне риска"), s)
    recommendations_section(doc.section("5. Рекомендации по методическим объединениям (предметам)"), s)
    conclusions = doc.section("6. Выводы")
    conclusions.blocks += [Paragraph(text) for text in conclusions_words(s)]
    decision_section(doc.section("7. Проект решения педагогического совета"), s)
    return doc


def short_label(row: Row) -> str:
    """«Математика, 5 класс» — within a справка of one kind."""
    parts = [capitalised(row.subject) or row.assessment.assessment_id]
    if row.grade:
        parts.append(f"{row.grade} класс")
    return ", ".join(parts)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def people(n: int) -> str:
    return f"{n} {plural(n, 'человек', 'человека', 'человек')}"


def participation(row: Row) -> str:
    """«24 из 26 (92,3 %)»: wrote the work of those enrolled in the grade on its day."""
    wrote = row.total.results
    if not row.enrolled:
        return f"{wrote} из —"
    return f"{wrote} из {row.enrolled} ({percent_cell(fig.percent(wrote, row.enrolled)).text})"


def journal_words(f: fig.Figures) -> str:
    if not f.compared:
        return "—"
    return " / ".join(percent_cell(fig.percent(n, f.compared)).text for n in (f.confirmed, f.lowered, f.raised))


def flags_words(flags: list[Flag]) -> str:
    return "; ".join(f"{flag.title} ({flag.level.label})" for flag in flags) or "нет"


def is_ege(s: Summary) -> bool:
    """ЕГЭ gives test scores, not marks: its columns are the mean test score, below the minimum, 81–100."""
    return s.kind == AssessmentKind.EGE


def figure_cells(s: Summary, f: fig.Figures) -> list:
    if is_ege(s):
        return [mean_cell(f.mean_test_score), percent_cell(f.failed_share),
                percent_cell(fig.percent(f.high_scorers, f.test_scored))]
    return [mean_cell(f.mean_mark), percent_cell(f.twos), percent_cell(f.quality)]


def summary_section(section: Section, s: Summary) -> None:
    figures = ["Средний тестовый балл", "Ниже минимального порога", "81–100 баллов"] if is_ege(s) else [
        "Средняя отметка", "«2»", "«4» и «5»"]
    table = Table(["Процедура", "Дата", "Выполняли из обучающихся параллели", *figures,
                   "Подтвердили / понизили / повысили", "Признаки необъективности"])
    everyone = fig.Figures()
    enrolled = 0
    for row in s.rows:
        f = row.total
        everyone.add(f)
        enrolled += row.enrolled
        table.add(short_label(row), row.assessment.date or "—", participation(row), *figure_cells(s, f),
                  journal_words(f), flags_words(row.flags))
    table.add("Все процедуры", "", f"{everyone.results} из {enrolled}" if enrolled else "—",
              *figure_cells(s, everyone), journal_words(everyone), "")
    table.notes += [
        "Выполняли — участники основного дня; обучающиеся параллели — зачисленные в классы этой параллели на день "
        "процедуры. "
        + ("Доли — среди выполнявших" if is_ege(s) else "Доли «2», «4» и «5» — среди работ с отметкой")
        + "; «Все процедуры» — по сумме работ, не среднее процентов.",
        "Подтвердили / понизили / повысили — доли выполнявших, чья отметка за работу равна отметке по журналу, ниже "
        "или выше её. Признаки необъективности — по правилам раздела «Анализ» (docs/analysis.md).",
    ]
    section.blocks.append(table)


def change_cell(now: Fraction | None, then: Fraction | None, decimals: int, suffix: str) -> str:
    """«50,0 % (+8,3 п. п.)»: the value a year before and how far this year's is from it."""
    if then is None:
        return "—"
    text = Number.of(then, decimals, suffix).text
    if now is None:
        return text
    change = rounded(now, decimals) - rounded(then, decimals)
    unit = " п. п." if suffix else ""
    return f"{text} ({Number.of(change, decimals, unit, signed=True).text})"


def dynamics_section(section: Section, s: Summary) -> None:
    if not any(r.year_before or r.cohort for r in s.rows):
        section.blocks.append(Paragraph(f"За {year_label(s.year - 1)} учебный год процедур «{s.kind.label}» "
                                        f"{'этого периода ' if s.half else ''}с результатами нет: сравнивать не с чем."))
        return
    before = year_label(s.year - 1)
    table = Table(["Процедура", "Средняя отметка", f"Та же параллель, {before}", f"Та же когорта, {before}",
                   "«4» и «5»", f"Та же параллель, {before}", f"Та же когорта, {before}"])
    for row in s.rows:
        f, y, c = row.total, row.year_before, row.cohort
        table.add(short_label(row), mean_cell(f.mean_mark),
                  change_cell(f.mean_mark, y and y.mean_mark, 2, ""), change_cell(f.mean_mark, c and c.mean_mark, 2, ""),
                  percent_cell(f.quality), change_cell(f.quality, y and y.quality, 1, " %"),
                  change_cell(f.quality, c and c.quality, 1, " %"))
    table.notes.append("Та же параллель — та же процедура по предмету в этом классе год назад (другие обучающиеся); "
                       "та же когорта — эти же классы год назад, на класс младше. В скобках — изменение к этому году; "
                       "«—» — процедуры не было.")
    section.blocks.append(table)


def tasks_section(section: Section, s: Summary) -> None:
    """The tasks not mastered (a basic task below 60 %, an advanced or high one below 30 %), by subject."""
    by_subject: dict[str, list[tuple[Row, TaskRow]]] = defaultdict(list)
    judged = False
    for row in s.rows:
        judged = judged or any(t.mastery is not None for t in row.tasks)
        for t in weak_tasks(row.page):
            if t.mastery is not None:
                by_subject[row.subject].append((row, t))
    if not by_subject:
        section.blocks.append(Paragraph("Все задания с указанным уровнем освоены." if judged else
                                        "У заданий процедур не указан уровень (Б, П, В) или нет поэлементных "
                                        "результатов: судить об освоении не по чему."))
        return
    for subject in sorted(by_subject):
        section.blocks.append(Heading(capitalised(subject)))
        table = Table(["Класс (параллель)", "Задание", "Уровень", "Проверяемое умение", "Выполнение"])
        for row, t in sorted(by_subject[subject], key=lambda rt: (rt[0].grade or 0, task_order(rt[1].task))):
            table.add(f"{row.grade} класс" if row.grade else "—", t.task, t.difficulty_label,
                      t.skill.lstrip("=").strip() or "—", percent_cell(t.completion))
        section.blocks.append(table)
    section.blocks.append(Paragraph("Не освоено: задание базового уровня выполнено меньше чем на 60 %, повышенного и "
                                    "высокого — меньше чем на 30 % (пороги раздела «Анализ»)."))


def risk_section(section: Section, s: Summary) -> None:
    flags = [(row, flag) for row in s.rows for flag in row.risk]
    if not flags:
        section.blocks.append(Paragraph("Флагов риска по правилам раздела «Анализ» нет."))
        return
    flags.sort(key=lambda rf: (rf[1].level != Level.HIGH, class_order(flag_classes(*rf)[0]), rf[0].subject))
    table = Table(["Класс", "Процедура", "Флаг риска", "Риск", "Основание"])
    for row, flag in flags:
        table.add(", ".join(flag_classes(row, flag)), short_label(row), flag.title, flag.level.label, flag.reason)
    table.notes.append("Флаг всей параллели называет её классы; классы, отмеченные тем же флагом отдельно, — после "
                       "него. Правила — раздел «Анализ», «Флаги риска».")
    section.blocks.append(table)


def flag_classes(row: Row, flag: Flag) -> list[str]:
    """The classes a risk flag is about: its own, those folded under a procedure's flag, else the procedure's."""
    if flag.where:
        return [flag.where]
    return [c.where for c in flag.classes] or [c.name for c in row.classes] or ["вся параллель"]


def risk_classes(rows: list[Row]) -> list[str]:
    return sorted({name for r in rows for f in r.risk for name in flag_classes(r, f) if name != "вся параллель"},
                  key=class_order)


def recommendations_section(section: Section, s: Summary) -> None:
    by_subject: dict[str, list[tuple[Row, Addressee, str]]] = defaultdict(list)
    for row in s.rows:
        for addressee, text in row.recommendations:
            by_subject[row.subject].append((row, addressee, text))
    if not by_subject:
        section.blocks.append(Paragraph("Рекомендаций нет: в справках по процедурам они не записаны, а по данным "
                                        "предложить нечего."))
        return
    for subject in sorted(by_subject):
        section.blocks.append(Heading(f"{capitalised(subject)}: методическому объединению учителей предмета"))
        table = Table(["Процедура", "Кому", "Рекомендация", "Источник"])
        for row, addressee, text in by_subject[subject]:
            table.add(short_label(row), addressee.label, text,
                      "справка по процедуре" if row.school_wrote else "предложение системы")
        section.blocks.append(table)
    section.blocks.append(Paragraph("«Справка по процедуре» — рекомендации, записанные школой в справке по этой "
                                    "процедуре; «предложение системы» — сформированы по данным, пока школа их не "
                                    "записала (страница процедуры, «Выводы и рекомендации»)."))


def ranked(rows: list[Row]) -> list[Row]:
    return sorted((r for r in rows if r.total.quality is not None), key=lambda r: r.total.quality)


def conclusions_words(s: Summary) -> list[str]:
    everyone = fig.total(r.total for r in s.rows)
    enrolled = sum(r.enrolled for r in s.rows)
    subjects = sorted({r.subject for r in s.rows if r.subject})
    n = len(s.rows)
    out = [f"Проведено {n} {plural(n, 'процедура', 'процедуры', 'процедур')} «{s.kind.label}» "
           f"({', '.join(s.lower() for s in subjects) or 'предметы не указаны'}); выполняли "
           + (f"{people(everyone.results)} из {enrolled} обучающихся параллелей "
              f"({percent_cell(fig.percent(everyone.results, enrolled)).text})." if enrolled
              else f"{people(everyone.results)}.")]
    if everyone.marked:
        out.append(f"По всем работам с отметкой: средняя отметка — {mean_cell(everyone.mean_mark).text}, «2» — "
                   f"{percent_cell(everyone.twos).text}, «4» и «5» — {percent_cell(everyone.quality).text}.")
        order = ranked(s.rows)
        if len(order) > 1:
            best, worst = order[-1], order[0]
            out.append(f"Выше всего доля «4» и «5» — {short_label(best).lower()} "
                       f"({percent_cell(best.total.quality).text}), ниже всего — {short_label(worst).lower()} "
                       f"({percent_cell(worst.total.quality).text}).")
    if everyone.compared:
        out.append(f"Отметку по журналу подтвердили {percent_cell(fig.percent(everyone.confirmed, everyone.compared)).text}"
                   f" выполнявших, понизили — {percent_cell(fig.percent(everyone.lowered, everyone.compared)).text}, "
                   f"повысили — {percent_cell(fig.percent(everyone.raised, everyone.compared)).text}.")
    compared = [(r, r.year_before) for r in s.rows if r.year_before and r.year_before.quality is not None
                and r.total.quality is not None]
    if compared:
        rose = sum(1 for r, y in compared if rounded(r.total.quality, 1) > rounded(y.quality, 1))
        fell = sum(1 for r, y in compared if rounded(r.total.quality, 1) < rounded(y.quality, 1))
        out.append(f"По сравнению с {year_label(s.year - 1)} учебным годом доля «4» и «5» выросла в {rose}, "
                   f"снизилась в {fell} из {len(compared)} процедур, которые можно сравнить.")
    flagged = [r for r in s.rows if r.flags]
    out.append("Признаков необъективности нет." if not flagged else
               f"Признаки необъективности — {len(flagged)} из {n}: "
               + "; ".join(short_label(r).lower() for r in flagged) + ".")
    classes = risk_classes(s.rows)
    weak = sum(1 for r in s.rows for t in weak_tasks(r.page) if t.mastery is not None)
    out.append((f"В зоне риска классы: {', '.join(classes)}. " if classes else "Классов в зоне риска нет. ")
               + (f"Не освоено заданий: {weak}." if weak else "Все задания с указанным уровнем освоены."))
    return out


def decision_section(section: Section, s: Summary) -> None:
    """A draft the deputy edits in Word: what the council decides, addressed, each point from the figures."""
    section.blocks.append(Paragraph("Проект — формулировки, сроки и ответственных уточните перед педагогическим "
                                    "советом."))
    points = [f"Принять к сведению сводную аналитическую справку по результатам {s.kind.label} ({s.period_words})."]
    weak_subjects = sorted({r.subject for r in s.rows for t in weak_tasks(r.page) if t.mastery is not None})
    if weak_subjects:
        points.append("Руководителям методических объединений (" + ", ".join(x.lower() for x in weak_subjects)
                      + ") в срок до ________ рассмотреть на заседаниях МО задания с низким выполнением и включить "
                        "их отработку в рабочие программы и текущий контроль.")
    classes = risk_classes(s.rows)
    if classes:
        points.append(f"Учителям-предметникам, работающим в классах {', '.join(classes)}, спланировать "
                      "индивидуальную работу с обучающимися, получившими «2», и повторную проверку освоения.")
    flagged = [r for r in s.rows if r.flags]
    if flagged:
        points.append("Заместителю директора по УВР в срок до ________ проверить объективность оценивания: "
                      + "; ".join(short_label(r).lower() for r in flagged) + ".")
    if any(r.total.marks[2] + r.total.marks[1] for r in s.rows):
        points.append("Классным руководителям довести результаты до родителей (законных представителей) "
                      "обучающихся, получивших «2».")
    points.append("Контроль исполнения решения возложить на заместителя директора по УВР.")
    section.blocks += [Paragraph(f"{i}. {text}") for i, text in enumerate(points, start=1)]
