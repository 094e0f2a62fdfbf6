"""«Аналитическая справка по результатам процедуры»: what a deputy director writes after every ВПР, ОГЭ, ЕГЭ,
school test or diagnostic work (seeds/000 п. 4.18, seeds/004 разд. II, V).

Every figure is the procedure page's (vsoko.analysis.procedure.procedure_page: participation, marks by class,
the journal comparison, three years of the same procedure, task completion, the flags), with the page's
small-group rule for a reader who sees aggregates only. Pupils who got «2» are named only for a reader who
may see them (vsoko.accounts.permissions), else counted. «Выводы» and «Рекомендации» are the school's own text
(vsoko.reports.procedure_conclusion); while they are empty, the справка says so and offers suggestions made
from the weak tasks and the flags, marked as the system's.

`build` is the registry's (the «Отчёты» page and `vsoko report procedure`: the administration, everything
shown); `procedure_report(assessment, user)` + `document` is the procedure page's button, for its reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db.models import Exists, F, OuterRef, Subquery
from django.utils import timezone

from vsoko.accounts import permissions
from vsoko.analysis import benchmarks as bm
from vsoko.analysis import figures as fig
from vsoko.analysis.access import Privacy
from vsoko.analysis.procedure import ClassRow, ProcedurePage, TaskRow, procedure_page
from vsoko.analysis.risk import procedure_label
from vsoko.analysis.thresholds import mastery
from vsoko.indicators.formatting import plural, rounded
from vsoko.records.enums import Attempt, ValueScope
from vsoko.records.models import Assessment, Enrollment, OrgUnit, Result
from vsoko.records.years import year_label
from vsoko.reports.document import (
    HIDDEN,
    Cell,
    Document,
    Heading,
    Number,
    Paragraph,
    Section,
    Table,
)
from vsoko.reports.enums import Addressee
from vsoko.reports.procedure_conclusion import Conclusion, conclusion_of
from vsoko.reports.self_exam_facts import lowered

WEAKEST_WITHOUT_LEVELS = 3  # tasks listed as weak when the work gives no levels to judge mastery by
TOTAL = "Всего"
NOT_FILLED = "не заполнены"


class ProcedureMissing(Exception):
    """No procedure of the school and year to report on, or not the one asked for; the message says which there are."""


@dataclass(frozen=True)
class Pupil:
    name: str
    class_name: str
    mark: int
    journal_mark: int | None


@dataclass
class ProcedureReport:
    page: ProcedurePage
    pupils: list[Pupil] | None  # those with «2» the reader may see; None: the reader sees no names
    all_pupils: bool  # the reader sees every pupil of the procedure (else the list is partial)
    conclusion: Conclusion

    @property
    def privacy(self) -> Privacy:
        return self.page.privacy


RESERVE_DAY = "резервный день"
NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')  # what Windows or a browser refuses in a file's name


def year_procedures(school: OrgUnit, year: int) -> list[Assessment]:
    """The school's procedures of the year with results, latest first, the undated last (the «Отчёты» page's
    list); each knows whether it has a main day's result (`main_day`), else it is a reserve day."""
    with_results = Exists(Result.objects.filter(assessment=OuterRef("pk")))
    main_day = Exists(Result.objects.filter(assessment=OuterRef("pk"), attempt=Attempt.MAIN))
    return list(Assessment.objects.filter(with_results, school=school, year_id=year).annotate(main_day=main_day)
                .select_related("subject")
                .order_by(F("date").desc(nulls_last=True), "kind", "grade", "assessment_id"))


def is_reserve_day(a: Assessment) -> bool:
    """A reserve day: the procedure's results are retakes (or who wrote on the reserve day) only, none of the
    main day. A procedure without results is none."""
    main_day = getattr(a, "main_day", None)
    if main_day is not None:
        return not main_day
    attempts = set(a.results.values_list("attempt", flat=True).distinct())
    return bool(attempts) and Attempt.MAIN not in attempts


def procedure_choices(school: OrgUnit, year: int) -> list[tuple[str, str]]:
    return [(a.assessment_id, choice_label(a)) for a in year_procedures(school, year)]


def choice_label(a: Assessment) -> str:
    """«ВПР, русский язык, 5 класс, 15.04.2025», «…, 25.04.2025, резервный день»; undated — with the code."""
    return _named(a, f"{a.date:%d.%m.%Y}" if a.date else None)


def file_name(a: Assessment, extension: str) -> str:
    """The справка's file as a deputy files it: «Справка ВПР, русский язык, 5 класс, 15.04.2025.docx»; an
    undated procedure by its year and code. Characters a file name may not have become spaces."""
    label = _named(a, f"{a.date:%d.%m.%Y}" if a.date else year_label(a.year_id).replace("/", "-"))
    name = " ".join(NOT_IN_FILE_NAMES.sub(" ", f"Справка {label}").split()).replace(" ,", ",").strip(" .")
    return f"{name}.{extension}"


def _named(a: Assessment, when: str | None) -> str:
    parts = [procedure_label(a.kind, a.subject.name if a.subject else "", a.grade), when,
             RESERVE_DAY if is_reserve_day(a) else None]
    label = ", ".join(p for p in parts if p)
    return label if a.date else f"{label} ({a.assessment_id})"


def default_procedure(procedures: list[Assessment]) -> Assessment:
    """Of the year's procedures (`year_procedures`, latest first), the latest main day: a later reserve day has
    a few retakes at most."""
    return next((a for a in procedures if not is_reserve_day(a)), procedures[0])


def default_choice(school: OrgUnit, year: int) -> str | None:
    """The code of the procedure the «Отчёты» page's справка is of when none is chosen; None without any."""
    procedures = year_procedures(school, year)
    return default_procedure(procedures).assessment_id if procedures else None


def build(school: OrgUnit, year: int, assessment: str | None = None) -> Document:
    """The administration's справка (every figure, every name) of the procedure with this code, else the year's
    latest that is not a reserve day."""
    procedures = year_procedures(school, year)
    if not procedures:
        raise ProcedureMissing(f"За {year_label(year)} учебный год в школе «{school.name}» нет процедур с "
                               "результатами: загрузите протоколы (раздел «Оценочные процедуры», «Загрузить»).")
    if assessment is None:
        chosen = default_procedure(procedures)
    else:
        chosen = next((a for a in procedures if a.assessment_id == assessment), None)
    if chosen is None:
        there = ", ".join(a.assessment_id for a in procedures)
        raise ProcedureMissing(f"Процедура «{assessment}»: в школе «{school.name}» за {year_label(year)} учебный "
                               f"год нет процедуры с таким кодом и результатами. Коды процедур: {there}.")
    return document(procedure_report(chosen, None))


def procedure_report(assessment: Assessment, user) -> ProcedureReport:
    """The справка's content for a reader: `user` None is the administration (the command line, «Отчёты»)."""
    privacy = Privacy(on=False) if user is None else Privacy.for_user(user, assessment.school)
    page = procedure_page(assessment, privacy)
    pupils, everyone = failed_pupils(assessment, user)
    return ProcedureReport(page, pupils, everyone, conclusion_of(assessment))


def failed_pupils(assessment: Assessment, user) -> tuple[list[Pupil] | None, bool]:
    """The pupils with «2» (or «1») the reader may see, by class and name, and whether that is all of them."""
    if user is not None and not permissions.can_see_personal_data(user, assessment.school):
        return None, False
    class_of = Enrollment.objects.filter(student=OuterRef("student"), year=assessment.year_id).values(
        "school_class__name")[:1]
    rows = Result.objects.filter(assessment=assessment, attempt=Attempt.MAIN, absent=False, mark__lte=2)
    everyone = rows.count()
    if user is not None:
        rows = rows.filter(student__in=permissions.students_visible_to(user, assessment.year_id))
    rows = rows.annotate(class_name=Subquery(class_of)).order_by(
        "class_name", "student__last_name", "student__first_name").values_list(
        "student__last_name", "student__first_name", "student__middle_name", "class_name", "mark", "journal_mark")
    pupils = [Pupil(" ".join(p for p in (last, first, middle) if p), cls or "", mark, journal)
              for last, first, middle, cls, mark, journal in rows]
    return pupils, len(pupils) == everyone


# --- the document ------------------------------------------------------------------------------------------

def document(report: ProcedureReport) -> Document:
    page, a = report.page, report.page.assessment
    lines = [a.school.name, f"{year_label(a.year_id)} учебный год",
             f"Дата проведения: {a.date:%d.%m.%Y}" if a.date else "Дата проведения не указана",
             f"Справка составлена {timezone.localdate():%d.%m.%Y}"]
    if report.privacy.on:
        lines.append(f"Сводные данные: группы меньше {report.privacy.minimum} человек скрыты (—*), фамилий нет.")
    doc = Document(f"Аналитическая справка по результатам процедуры: {page.label}", lines)
    f = page.total
    if page.too_small or not (f.results or f.absent):
        doc.section("Результаты").blocks.append(Paragraph(
            "Результаты скрыты: участников меньше, чем допускает показ сводных данных." if page.too_small
            else "У процедуры нет результатов участников."))
        conclusions_sections(doc, report)
        return doc
    parts = [("Участие", lambda section: participation_section(section, page))]
    if f.marked:
        parts.append(("Отметки, успеваемость и качество по классам", lambda section: marks_section(section, page)))
    if page.is_exam:
        parts.append(("Минимальный порог и высокие результаты", lambda section: exam_section(section, page)))
    compared = benchmark_rows(page)
    if compared:
        parts.append((f"Сравнение с {levels_words(compared)}",
                      lambda section: benchmarks_section(section, compared)))
    parts += [("Сравнение с отметками по журналу", lambda section: journal_section(section, page)),
              ("Сравнение с прошлыми годами", lambda section: dynamics_section(section, page))]
    if page.tasks:
        parts.append(("Выполнение заданий", lambda section: tasks_section(section, page)))
    parts.append(("Признаки необъективности и риски", lambda section: flags_section(section, page)))
    if f.marked:
        parts.append(("Обучающиеся, получившие «2»", lambda section: pupils_section(section, report)))
    for number, (heading, fill) in enumerate(parts, start=1):
        fill(doc.section(f"{number}. {heading}"))
    conclusions_sections(doc, report)
    return doc


def percent_cell(value: Fraction | None) -> Cell:
    return "—" if value is None else Number.of(value, 1, " %")


def share_cell(privacy: Privacy, part: int, whole: int) -> Cell:
    """A percentage that is withheld where it would tell of a group of 1…4 people (the observer)."""
    return HIDDEN if privacy.discloses(part, whole) else percent_cell(fig.percent(part, whole))


def count_cell(privacy: Privacy, n: int) -> Cell:
    return HIDDEN if privacy.too_small(n) else Number(n)


def mean_cell(value: Fraction | None) -> Cell:
    return "—" if value is None else Number.of(value, 2)


def participation_section(section: Section, page: ProcedurePage) -> None:
    privacy = page.privacy
    table = Table(["Класс", "В протоколе", "Выполняли", "Не явились", "Доля выполнявших"])
    for row in page.classes:
        g = row.figures
        if row.hidden:
            table.add(row.name, HIDDEN, HIDDEN, HIDDEN, HIDDEN)
        else:
            table.add(row.name, Number(g.results + g.absent), Number(g.results), count_cell(privacy, g.absent),
                      share_cell(privacy, g.results, g.results + g.absent))
    f = page.total
    table.add(TOTAL, Number(f.results + f.absent), Number(f.results), count_cell(privacy, f.absent),
              share_cell(privacy, f.results, f.results + f.absent))
    table.notes.append("«В протоколе» — участники, внесённые в протокол процедуры (выполнявшие и не явившиеся).")
    section.blocks.append(table)
    if f.retakes:
        section.blocks.append(Paragraph(f"Выполняли в резервный день или пересдавали: {f.retakes}."))


def marks_section(section: Section, page: ProcedurePage) -> None:
    privacy = page.privacy
    table = Table(["Класс", "С отметкой", "«2»", "«3»", "«4»", "«5»", "Успеваемость", "Качество",
                   "Средняя отметка"])
    rows: list[tuple[str, fig.Figures, set, bool]] = [(r.name, r.figures, r.hidden_marks, r.hidden)
                                                      for r in page.classes]
    rows.append((TOTAL, page.total, page.hidden_marks, False))
    for name, g, hidden_marks, hidden in rows:
        if hidden:
            table.add(name, *[HIDDEN] * 8)
            continue
        marks = [HIDDEN if m in hidden_marks else Number(g.marks[m]) for m in fig.MARKS]
        passed, good = g.marks[3] + g.marks[4] + g.marks[5], g.marks[4] + g.marks[5]
        table.add(name, Number(g.marked), *marks, share_cell(privacy, passed, g.marked),
                  share_cell(privacy, good, g.marked), mean_cell(g.mean_mark))
    table.notes.append("Успеваемость — доля отметок «3», «4», «5»; качество — доля «4» и «5» среди работ с отметкой.")
    section.blocks.append(table)


def exam_section(section: Section, page: ProcedurePage) -> None:
    """ОГЭ, ЕГЭ, ГВЭ: the minimum threshold and, for ЕГЭ, the test scores — as the procedure page gives them."""
    f, privacy = page.total, page.privacy
    table = Table(["Показатель", "Значение"])
    table.add("Минимальный порог", page.minimum_words)
    table.add("Преодолели порог", share_cell(privacy, f.passed, f.results))
    table.add("Ниже порога", count_cell(privacy, f.failed))
    if f.failed:
        table.add("Из них преодолели порог на пересдаче", count_cell(privacy, f.failed_retake_passed))
    if page.shows_test_scores:
        table.add("Средний тестовый балл", mean_cell(f.mean_test_score))
        table.add("81–100 баллов", count_cell(privacy, f.high_scorers))
    table.add("Средний первичный балл", mean_cell(f.mean_score))
    section.blocks.append(table)


# The levels in the справка's words: its columns, its heading («Сравнение с регионом и РФ»), its sentences.
LEVEL_COLUMN = {ValueScope.MUNICIPALITY: "Муниципалитет", ValueScope.REGION: "Регион", ValueScope.COUNTRY: "РФ"}
LEVEL_WITH = {ValueScope.MUNICIPALITY: "муниципалитетом", ValueScope.REGION: "регионом", ValueScope.COUNTRY: "РФ"}
LEVEL_OF = {ValueScope.MUNICIPALITY: "муниципального", ValueScope.REGION: "регионального",
            ValueScope.COUNTRY: "общероссийского"}


ALWAYS_COMPARED = (*(f"Доля «{m}»" for m in fig.MARKS), "Успеваемость", "Качество")  # ФИС ОКО's table's rows


@dataclass(frozen=True)
class Compared:
    """One figure of the school beside the municipality's, the region's and the country's (those entered)."""

    label: str
    school: Fraction | None  # None: no figure, or withheld (`hidden`)
    levels: dict[str, Fraction]  # {scope: value} of the levels that have it
    decimals: int = 1
    percent: bool = True
    hidden: bool = False
    in_words: bool = False  # said in a sentence under the table («2», success, quality, threshold, mean)

    def cell(self, value: Fraction | None) -> Cell:
        if value is None:
            return "—"
        return Number.of(value, self.decimals, " %" if self.percent else "")


def level_sum(benchmarks: bm.Benchmarks, figures: tuple[str, ...], scope: str) -> Fraction | None:
    """A level's success or quality from its shares of marks; only when each of them was entered."""
    values = [benchmarks.get(f, scope) for f in figures]
    return None if None in values else sum(values, Fraction(0))


def benchmark_rows(page: ProcedurePage) -> list[Compared]:
    """The school's figures beside those entered on the procedure's form (vsoko.analysis.benchmarks): the marks,
    success and quality always (a level without one shows «—»), the threshold and the mean where a level has them;
    none without any value entered. The school's share is withheld where the page withholds it."""
    f, privacy, b = page.total, page.privacy, page.benchmarks
    if not b or page.too_small:
        return []

    def levels(value_of) -> dict[str, Fraction]:
        return {scope: v for scope in bm.SCOPES if (v := value_of(scope)) is not None}

    def share(label: str, part: int, whole: int, value_of, *, words: bool, hidden: bool = False) -> Compared:
        withheld = hidden or privacy.discloses(part, whole)
        return Compared(label, None if withheld else fig.percent(part, whole), levels(value_of), hidden=withheld,
                        in_words=words)

    rows = []
    if f.marked:
        for m in fig.MARKS:
            rows.append(share(f"Доля «{m}»", f.marks[m], f.marked, lambda s, m=m: b.get(str(m), s), words=m == 2,
                              hidden=m in page.hidden_marks))
        rows.append(share("Успеваемость", f.marks[3] + f.marks[4] + f.marks[5], f.marked,
                          lambda s: level_sum(b, ("3", "4", "5"), s), words=True))
        rows.append(share("Качество", f.marks[4] + f.marks[5], f.marked,
                          lambda s: level_sum(b, ("4", "5"), s), words=True))
    if page.minimum is not None:
        rows.append(share("Преодолели минимальный порог", f.passed, f.results, lambda s: b.get("passed", s),
                          words=True))
    mean = f.mean_test_score if page.is_ege else f.mean_mark
    rows.append(Compared("Средний тестовый балл" if page.is_ege else "Средняя отметка", mean,
                         levels(lambda s: b.get("mean", s)), decimals=2, percent=False, in_words=True))
    if not any(r.levels for r in rows):
        return []
    return [r for r in rows if r.levels or r.label in ALWAYS_COMPARED]


def compared_scopes(rows: list[Compared]) -> list[str]:
    return [s for s in bm.SCOPES if any(s in r.levels for r in rows)]


def levels_words(rows: list[Compared]) -> str:
    return scopes_words(compared_scopes(rows))


def scopes_words(scopes: list[str]) -> str:
    """«муниципалитетом», «регионом и РФ», «муниципалитетом, регионом и РФ»."""
    names = [LEVEL_WITH[s] for s in scopes]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " и " + names[-1]


def benchmarks_section(section: Section, rows: list[Compared]) -> None:
    scopes = compared_scopes(rows)
    table = Table(["Показатель", "Школа", *[LEVEL_COLUMN[s] for s in scopes]])
    for r in rows:
        table.add(r.label, HIDDEN if r.hidden else r.cell(r.school), *[r.cell(r.levels.get(s)) for s in scopes])
    notes = ["Значения муниципалитета, региона и РФ введены школой из ФИС ОКО (раздел «Аналитика») на странице "
             "процедуры; «—» — значение не введено."]
    if any(r.label in ("Успеваемость", "Качество") for r in rows):
        notes.append("Успеваемость уровня — сумма его долей «3», «4» и «5», качество — «4» и «5» (если они введены).")
    table.notes += notes
    section.blocks.append(table)
    section.blocks += [Paragraph(text) for text in benchmark_sentences(rows)]


def benchmark_sentences(rows: list[Compared]) -> list[str]:
    """«Качество — 50 %: выше регионального значения на 2,8 п. п., на уровне общероссийского.» The difference is
    of the figures as the table shows them, so that the reader subtracting them gets the same."""
    out = []
    for r in rows:
        if not r.in_words or r.school is None or not r.levels:
            continue
        parts = []
        for scope, value in r.levels.items():
            level = LEVEL_OF[scope] + ("" if parts else " значения")
            difference = rounded(r.school, r.decimals) - rounded(value, r.decimals)
            if difference == 0:
                parts.append(f"на уровне {level}")
                continue
            side = "выше" if difference > 0 else "ниже"
            parts.append(f"{side} {level} на {difference_words(abs(difference), r)}")
        sentence = f"{r.label} — {r.cell(r.school).text}: " + ", ".join(parts)
        out.append(sentence if sentence.endswith(".") else sentence + ".")  # «п. п.» ends with its own point
    return out


def difference_words(difference, r: Compared) -> str:
    if r.percent:
        return Number.of(difference, r.decimals, " п. п.").text
    whole = difference == int(difference)
    return Number.of(difference, r.decimals).text + " " + (
        plural(int(difference), "балл", "балла", "баллов") if whole else "балла")


def journal_section(section: Section, page: ProcedurePage) -> None:
    f, privacy = page.total, page.privacy
    if not f.compared:
        section.blocks.append(Paragraph("Отметки по журналу в протоколе не указаны — сравнение не проводится."))
        return
    table = Table(["Класс", "Сравнено", "Подтвердили", "Понизили", "Повысили"])
    for row in [*page.classes, ClassRow(TOTAL, f)]:
        g = row.figures
        if row.hidden or not g.compared:
            table.add(row.name, *([HIDDEN] * 4 if row.hidden else ["—"] * 4))
            continue
        table.add(row.name, Number(g.compared), *[share_cell(privacy, n, g.compared) if privacy.on
                                                  else f"{n} ({percent_cell(fig.percent(n, g.compared)).text})"
                                                  for n in (g.confirmed, g.lowered, g.raised)])
    table.notes.append("Понизили — отметка за работу ниже отметки по журналу; повысили — выше.")
    section.blocks.append(table)
    if not privacy.on and f.gap2:
        section.blocks.append(Paragraph(f"Отметка за работу и по журналу расходятся на 2 балла и больше: {f.gap2}."))


def dynamics_section(section: Section, page: ProcedurePage) -> None:
    privacy, max_score = page.privacy, page.assessment.max_score
    years = [y for y in page.dynamics if y.figures.results]
    if len(years) < 2:
        section.blocks.append(Paragraph(
            "В прошлые учебные годы такой процедуры (тот же вид, предмет и класс) в школе не было или её результаты "
            "не загружены — сравнивать не с чем."))
        return
    table = Table(["Учебный год", "Выполняли", "Успеваемость", "Качество", "Средняя отметка",
                   "Средний балл, % от максимума"])
    for y in years:
        g = y.figures
        if privacy.too_small(g.results):
            table.add(year_label(y.year), *[HIDDEN] * 5)
            continue
        table.add(year_label(y.year), Number(g.results),
                  share_cell(privacy, g.marks[3] + g.marks[4] + g.marks[5], g.marked),
                  share_cell(privacy, g.marks[4] + g.marks[5], g.marked), mean_cell(g.mean_mark),
                  percent_cell(g.mean_score_share(y.max_score or max_score)))
    section.blocks.append(table)
    this, before = page.dynamics[-1], page.dynamics[-2]
    if before.figures.results and not privacy.too_small(before.figures.results):
        section.blocks.append(Paragraph(change_sentence(this.figures, before.figures, before.year, privacy)))


def change_sentence(this: fig.Figures, before: fig.Figures, year: int, privacy: Privacy) -> str:
    parts = []
    for name, (rose, fell, same), now, then, good in (
            ("успеваемость", ("выросла", "снизилась", "не изменилась"), this.success, before.success, (3, 4, 5)),
            ("качество", ("выросло", "снизилось", "не изменилось"), this.quality, before.quality, (4, 5))):
        if now is None or then is None or any(privacy.discloses(sum(g.marks[m] for m in good), g.marked)
                                              for g in (this, before)):
            continue
        change = now - then
        if rounded(change, 1) == 0:
            parts.append(f"{name} {same}")
        else:
            parts.append(f"{name} {rose if change > 0 else fell} на {Number.of(abs(change), 1, ' п. п.').text}")
    if not parts:
        return f"Сравнение с {year_label(year)} учебным годом по отметкам невозможно."
    sentence = f"По сравнению с {year_label(year)} учебным годом " + ", ".join(parts)
    return sentence if sentence.endswith(".") else sentence + "."  # «… на 2 п. п.» ends with its own point


def weak_tasks(page: ProcedurePage) -> list[TaskRow]:
    """The tasks not mastered (by the level's threshold), weakest first; without levels, the lowest completions."""
    judged = [t for t in page.tasks if t.mastery is not None]
    if judged:
        weak = [t for t in judged if not t.mastery.is_mastered]
    else:
        weak = sorted((t for t in page.tasks if t.completion is not None), key=lambda t: t.completion)
        weak = weak[:WEAKEST_WITHOUT_LEVELS]
    return sorted(weak, key=lambda t: t.completion)


def task_words(t: TaskRow) -> str:
    skill = t.skill.lstrip("=").strip()
    return f"задание {t.task} ({t.difficulty_label}, {percent_cell(t.completion).text})" + (
        f" — {skill}" if skill else "")


def tasks_section(section: Section, page: ProcedurePage) -> None:
    table = Table(["Задание", "Уровень", "Проверяемое умение", "Макс. балл", "Выполнение", "Освоение"])
    for t in page.tasks:
        table.add(t.task, t.difficulty_label, t.skill.lstrip("=").strip() or "—", Number(t.max_points),
                  percent_cell(t.completion), t.mastery.label if t.mastery else "уровень не указан")
    table.notes.append("Выполнение — сумма баллов за задание / (максимальный балл × число выполнявших). Освоено: "
                       "задания базового уровня — от 60 %, повышенного и высокого — от 30 %.")
    section.blocks.append(table)
    if len(page.classes) > 1:
        section.blocks.append(Heading("Выполнение заданий по классам"))
        by_class = Table(["Задание", *[c.name for c in page.classes], TOTAL])
        for t in page.tasks:
            by_class.add(t.task, *[HIDDEN if c.hidden else percent_cell(v) for c, v in
                                   zip(page.classes, t.by_class, strict=True)], percent_cell(t.completion))
        section.blocks.append(by_class)
    compared = task_benchmark_rows(page)
    if compared:
        task_benchmarks_block(section, compared)
    weak = weak_tasks(page)
    section.blocks.append(Heading("Задания с низким выполнением"))
    if not weak:
        section.blocks.append(Paragraph("По всем выполнявшим все задания освоены; по классам — ниже."
                                        if weak_by_class(page) else "Все задания освоены."))
    for t in weak:
        section.blocks.append(Paragraph(task_words(t)[0].upper() + task_words(t)[1:] + "."))
    if weak and not any(t.mastery for t in weak):
        section.blocks.append(Paragraph("Уровни заданий не указаны: перечислены задания с самым низким выполнением."))
    for name, tasks in weak_by_class(page):
        listed = ", ".join(f"{t.task} ({percent_cell(v).text})" for t, v in tasks)
        section.blocks.append(Paragraph(f"{name}: не освоено задание {listed}." if len(tasks) == 1
                                        else f"{name}: не освоены задания {listed}."))


# --- task completion beside the levels (ФИС ОКО «Выполнение заданий») -----------------------------------

FAR_BELOW_REGION = 10  # п. п.: a task this far below the region's completion is «западающее»
LEVEL_DIFFERENCE = {ValueScope.MUNICIPALITY: "Школа − муниципалитет", ValueScope.REGION: "Школа − регион",
                    ValueScope.COUNTRY: "Школа − РФ"}


@dataclass(frozen=True)
class TaskCompared:
    """A task's completion at the school beside that of the levels entered for it ({scope: %})."""

    task: TaskRow
    levels: dict[str, Fraction]

    def difference(self, scope: str) -> Decimal | None:
        """In п. п., of the values as the table shows them (one place), so that the reader's subtraction agrees."""
        level = self.levels.get(scope)
        if level is None or self.task.completion is None:
            return None
        return rounded(self.task.completion, 1) - rounded(level, 1)


def task_benchmark_rows(page: ProcedurePage) -> list[TaskCompared]:
    """Every task of the work beside the levels' completion entered on the procedure's form (`task.<n>`); none
    when no level has any task's figure."""
    b = page.benchmarks
    rows = [TaskCompared(t, {s: v for s in bm.SCOPES if (v := b.get(f"task.{t.task}", s)) is not None})
            for t in page.tasks]
    return rows if any(r.levels for r in rows) else []


def far_below_region(rows: list[TaskCompared]) -> list[tuple[TaskRow, Decimal]]:
    """The tasks FAR_BELOW_REGION п. п. or more below the region, in the order of the work, with how far."""
    return [(r.task, -d) for r in rows
            if (d := r.difference(ValueScope.REGION)) is not None and d <= -FAR_BELOW_REGION]


def far_below_sentence(rows: list[TaskCompared]) -> str | None:
    """«Западающие задания (ниже региона на 10 п. п. и более): 1 — ниже региона на 15,4 п. п.; …»; None
    without the region's figures."""
    if not any(ValueScope.REGION in r.levels for r in rows):
        return None
    far = far_below_region(rows)
    if not far:
        return f"Заданий, выполненных ниже региона на {FAR_BELOW_REGION} п. п. и более, нет."
    listed = "; ".join(f"{t.task} — ниже региона на {Number.of(d, 1, ' п. п.').text}" for t, d in far)
    named = "Западающее задание" if len(far) == 1 else "Западающие задания"
    return f"{named} (ниже региона на {FAR_BELOW_REGION} п. п. и более): {listed}"  # «п. п.» ends it


def task_benchmarks_block(section: Section, rows: list[TaskCompared]) -> None:
    scopes = [s for s in bm.SCOPES if any(s in r.levels for r in rows)]
    section.blocks.append(Heading(f"Выполнение заданий в сравнении с {scopes_words(scopes)}"))
    table = Table(["Задание", "Уровень", "Макс. балл", "Школа",
                   *[c for s in scopes for c in (LEVEL_COLUMN[s], LEVEL_DIFFERENCE[s])]])
    for r in rows:
        t = r.task
        cells: list[Cell] = []
        for s in scopes:
            d = r.difference(s)
            cells += [percent_cell(r.levels.get(s)), "—" if d is None else Number.of(d, 1, " п. п.", signed=True)]
        table.add(t.task, t.difficulty_label, Number(t.max_points), percent_cell(t.completion), *cells)
    table.notes.append("Выполнение уровней введено школой из ФИС ОКО («Аналитика», «Выполнение заданий») на "
                       "странице процедуры; «—» — значение не введено. Разница — в процентных пунктах, из значений, "
                       "как они показаны в таблице.")
    section.blocks.append(table)
    sentence = far_below_sentence(rows)
    if sentence:
        section.blocks.append(Paragraph(sentence))


def tasks_words(tasks: list[tuple[TaskRow, Fraction]], one: str, many: str) -> str:
    """«не освоено задание 1.2», «не освоены задания 1, 2»: the words agree with the number of tasks."""
    return f"{one if len(tasks) == 1 else many} " + ", ".join(t.task for t, _ in tasks)


def weak_by_class(page: ProcedurePage) -> list[tuple[str, list[tuple[TaskRow, Fraction]]]]:
    """The tasks each class shown did not master (by the level's threshold), where the work gives levels."""
    out = []
    for i, row in enumerate(page.classes):
        if row.hidden:
            continue
        tasks = [(t, t.by_class[i]) for t in page.tasks
                 if (m := mastery(t.difficulty, t.by_class[i])) is not None and not m.is_mastered]
        if tasks:
            out.append((row.name, tasks))
    return out


def flags_section(section: Section, page: ProcedurePage) -> None:
    flags = [*page.flags, *page.risk]
    if not flags:
        section.blocks.append(Paragraph("Признаков необъективности и рисков по правилам раздела «Анализ» не найдено."))
    for flag in flags:
        where = f" ({flag.where})" if flag.where else ""
        section.blocks.append(Paragraph(f"{flag.title}{where} — риск {flag.level.label}: {flag.reason}"))


def pupils_section(section: Section, report: ProcedureReport) -> None:
    f, privacy = report.page.total, report.privacy
    failed = f.marks[2] + f.marks[1]
    if report.pupils is None:
        count = "—*" if privacy.too_small(failed) else str(failed)
        section.blocks.append(Paragraph(f"Получили «2»: {count}. Фамилии не приводятся: ваша роль позволяет видеть "
                                        "только сводные данные."))
        return
    if not report.pupils:
        section.blocks.append(Paragraph("Нет." if report.all_pupils or not failed else
                                        f"Получили «2»: {failed}; среди обучающихся, которых вам разрешено видеть, "
                                        "таких нет."))
        return
    table = Table(["Обучающийся", "Класс", "Отметка", "По журналу"])
    for p in report.pupils:
        table.add(p.name, p.class_name, Number(p.mark), "—" if p.journal_mark is None else Number(p.journal_mark))
    if not report.all_pupils:
        table.notes.append(f"Показаны только обучающиеся, которых вам разрешено видеть: {len(report.pupils)} из "
                           f"{failed}.")
    table.notes.append("Персональные данные: справка для внутреннего пользования, не для публикации.")
    section.blocks.append(table)


# --- conclusions and recommendations ---------------------------------------------------------------------

def conclusions_sections(doc: Document, report: ProcedureReport) -> None:
    conclusion = report.conclusion
    written = doc.section("Выводы")
    if conclusion.conclusions:
        written.blocks += [Paragraph(line.strip()) for line in conclusion.conclusions.split("\n") if line.strip()]
    else:
        written.blocks.append(Paragraph(f"Выводы {NOT_FILLED}."))
        suggested = suggested_conclusions(report.page)
        if suggested:
            written.blocks.append(Heading("Предложения системы (сформированы автоматически, не текст школы)"))
            written.blocks += [Paragraph(text) for text in suggested]
    addressed = doc.section("Рекомендации")
    if conclusion.recommendations:
        table = Table(["Кому", "Рекомендация"])
        for r in conclusion.recommendations:
            table.add(r.addressee.label, r.text)
        addressed.blocks.append(table)
        return
    addressed.blocks.append(Paragraph(f"Рекомендации {NOT_FILLED}."))
    suggested = suggested_recommendations(report.page)
    if suggested:
        addressed.blocks.append(Heading("Предложения системы (сформированы автоматически, не текст школы)"))
        table = Table(["Кому", "Рекомендация"])
        for addressee, text in suggested:
            table.add(addressee.label, text)
        addressed.blocks.append(table)


def suggested_conclusions(page: ProcedurePage) -> list[str]:
    f, privacy = page.total, page.privacy
    if page.too_small or not f.results:
        return []
    out = []
    if f.marked and not privacy.discloses(f.marks[3] + f.marks[4] + f.marks[5], f.marked) \
            and not privacy.discloses(f.marks[4] + f.marks[5], f.marked):
        out.append(f"Успеваемость — {percent_cell(f.success).text}, качество — {percent_cell(f.quality).text}.")
    weak = weak_tasks(page)
    if weak:
        out.append("Низкое выполнение: " + "; ".join(task_words(t) for t in weak) + ".")
    for name, tasks in weak_by_class(page):
        out.append(f"В классе {name} {tasks_words(tasks, 'не освоено задание', 'не освоены задания')}.")
    compared = task_benchmark_rows(page)
    if far_below_region(compared):
        out.append(far_below_sentence(compared))
    if f.compared and not privacy.discloses(f.lowered, f.compared):
        out.append(f"Отметку по журналу подтвердили {percent_cell(fig.percent(f.confirmed, f.compared)).text} "
                   f"выполнявших, понизили — {percent_cell(fig.percent(f.lowered, f.compared)).text}.")
    out += benchmark_sentences(benchmark_rows(page))
    if page.flags:
        out.append("Есть признаки необъективности: " + flag_words(page.flags) + ".")
    return out


def flag_words(flags) -> str:
    """The flags inside a sentence, abbreviations kept: «высокая доля «2» на ВПР; результаты ОГЭ ниже …»."""
    return "; ".join(lowered(flag.title) for flag in flags)


def suggested_recommendations(page: ProcedurePage) -> list[tuple[Addressee, str]]:
    f = page.total
    if page.too_small or not f.results:
        return []
    out = []
    weak = weak_tasks(page)
    if weak:
        skills = "; ".join(t.skill.lstrip("=").strip() or f"задание {t.task}" for t in weak)
        out.append((Addressee.TEACHER, f"Включить в уроки и текущий контроль отработку умений: {skills}."))
        out.append((Addressee.MO, f"Разобрать на заседании МО задания с низким выполнением "
                                  f"({', '.join(t.task for t in weak)}) и способы их отработки."))
    for name, tasks in weak_by_class(page):
        out.append((Addressee.TEACHER, f"В классе {name} спланировать повторение по "
                                       + tasks_words(tasks, "заданию", "заданиям")
                                       + (" и проверить его освоение." if len(tasks) == 1
                                          else " и проверить их освоение.")))
    failed = f.marks[2] + f.marks[1]
    if failed and not page.privacy.too_small(failed):
        out.append((Addressee.CLASS_TEACHER, "Сообщить родителям обучающихся, получивших «2», о результатах и "
                                             "согласовать с учителем индивидуальную работу."))
    if page.flags:
        out.append((Addressee.ADMINISTRATION, "Проверить объективность текущего оценивания и проведения процедуры: "
                                              + flag_words(page.flags) + "."))
    return out
