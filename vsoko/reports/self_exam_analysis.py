"""The analytic part of the self-examination report: what the school's data say in each section of Order 462,
п. 6 (SECTIONS — one entry per vsoko.reports.enums.SelfExamSection, in its order).

Each section's builder appends the generated paragraphs (and tables) to the section and says whether it said
anything; the school's own text follows them (vsoko.reports.self_exam). Figures are indicator values
(vsoko.reports.self_exam_facts), the results of assessment procedures (vsoko.analysis.year.year_index) and
what the other sections of the product keep (plan, surveys, decisions, diagnostics, schedule, lesson
visits) — never a number typed here. The report is published: small groups are withheld, nobody is named.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from vsoko.analysis.access import Privacy
from vsoko.analysis.figures import Figures
from vsoko.analysis.figures import percent as share_of
from vsoko.analysis.year import IndexRow, year_index
from vsoko.indicators.enums import Method
from vsoko.observations.models import LessonVisit
from vsoko.observations.summary import totals
from vsoko.oversight.report import self_exam_management
from vsoko.plan.approval import approval_sentence
from vsoko.plan.enums import PlanStatus
from vsoko.plan.models import PlanItem
from vsoko.preschool.report import self_exam_part
from vsoko.preschool.summary import has_preschool_data
from vsoko.records.enums import PeriodSystem
from vsoko.reports.decisions import HEADING as DECISIONS_HEADING
from vsoko.reports.decisions import decisions_section
from vsoko.reports.diagnostics import HEADING as DIAGNOSTICS_HEADING
from vsoko.reports.diagnostics import diagnostics_section
from vsoko.reports.document import Cell, Heading, Number, Paragraph, Section, Table, cell_text
from vsoko.reports.enums import SelfExamSection
from vsoko.reports.self_exam_facts import WITHHELD, Facts
from vsoko.schedule.load import entries_of, problems
from vsoko.schedule.wording import works
from vsoko.surveys.questionnaires import questionnaires
from vsoko.surveys.results import survey_results

LEVELS = (("core.students_level1", "1–4 классы (начальное общее образование)"),
          ("core.students_level2", "5–9 классы (основное общее образование)"),
          ("core.students_level3", "10–11 классы (среднее общее образование)"))
PROGRAMS = ("order1324.1.20", "order1324.1.21", "order1324.1.22", "order1324.1.23", "core.additional_education")
RESULTS = ("core.success", "core.quality", "core.excellent", "core.sou", "core.repeaters")
# After «Выпускники 9 класса:» the catalog's «Доля допущенных к ГИА, 9 класс» would say the grade twice.
GRADUATES = ("доля допущенных к ГИА", "доля получивших аттестат", "доля получивших аттестат с отличием")
GIA_9 = (*zip(("core.g9_admitted", "core.g9_certificate", "core.g9_certificate_honors"), GRADUATES, strict=True),
         "core.oge_passed")
GIA_11 = (*zip(("core.g11_admitted", "core.g11_certificate", "core.g11_certificate_honors"), GRADUATES, strict=True),
          "core.ege_passed", "core.ege_high")
EVENTS = ("core.events_participation", "order1324.1.19", "order1324.1.19.1", "order1324.1.19.2",
          "order1324.1.19.3", "core.vsosh_municipal", "core.vsosh_winners")
DESTINATIONS = ("reg000.4.3", "reg004.3.1.3", "reg004.3.2.10", "reg000.4.1")
STAFF = ("core.staff_total", "order1324.1.25", "core.staff_higher_ped")
CATEGORIES = ("order1324.1.29", "core.staff_higher", "core.staff_first")
COURSES = ("core.staff_courses_3y", "order1324.1.34")
AGE = ("core.staff_under_35", "order1324.1.31", "order1324.1.32", "core.staff_young", "order1324.1.30.1",
       "order1324.1.30.2")
METHODS = ("reg000.6.1", "reg000.6.2", "reg000.6.6")
LIBRARY = ("order1324.2.2", "order1324.2.4", "order1324.2.4.1", "order1324.2.4.2", "order1324.2.4.3",
           "order1324.2.4.4", "order1324.2.4.5", "order1324.2.5", "order1324.2.3")
FACILITIES = ("order1324.2.1", "order1324.2.6", "core.parents_satisfied.facilities")
# Every indicator the sections read besides the table's own (catalog order1324): evaluated with it at once.
CODES = (*(code for code, _ in LEVELS), "core.students_total", *PROGRAMS, *RESULTS,
         *(c if isinstance(c, str) else c[0] for c in (*GIA_9, *GIA_11)), *EVENTS,
         *DESTINATIONS, *STAFF, *CATEGORIES, *COURSES, *AGE, *METHODS, *LIBRARY, *FACILITIES)


# --- 1. Образовательная деятельность ------------------------------------------------------------------

def education(section: Section, facts: Facts) -> bool:
    total = facts.line("core.students_total")
    if total is None or total.current.value is None:
        section.blocks.append(Paragraph(facts.missing("о контингенте обучающихся")))
    else:
        section.blocks.append(Paragraph(
            f"Контингент на конец {facts.label} учебного года: "
            f"{facts.described(total, 'численность обучающихся', history=True)}. "
            + facts.sentence("По уровням образования", LEVELS, "о контингенте по уровням образования")))
    section.blocks.append(Paragraph(facts.sentence("Реализация образовательных программ", PROGRAMS,
                                                   "о формах реализации образовательных программ")))
    if has_preschool_data(facts.school, facts.year):  # only a school with preschool groups that year
        self_exam_part(section, facts.school, facts.year)
    return True


# --- 3. Содержание и качество подготовки обучающихся --------------------------------------------------

def training(section: Section, facts: Facts) -> bool:
    results = facts.sentence("По итогам учебного года", RESULTS, "об успеваемости обучающихся", history=True)
    if facts.known(RESULTS):
        results += " " + facts.changes(RESULTS)
    section.blocks += [Heading("Успеваемость и качество знаний"), Paragraph(results)]
    section.blocks.append(Heading("Государственная итоговая аттестация"))
    section.blocks += [Paragraph(facts.sentence(f"Выпускники {grade} класса", codes,
                                                f"о государственной итоговой аттестации выпускников {grade} класса"))
                       for grade, codes in ((9, GIA_9), (11, GIA_11))]
    section.blocks.append(Heading("Результаты оценочных процедур (ВПР, ОГЭ, ЕГЭ)"))
    procedures(section, facts)
    section.blocks += [Heading("Олимпиады, конкурсы, соревнования"), Paragraph(facts.sentence(
        "Участие обучающихся", EVENTS, "об участии обучающихся в олимпиадах, конкурсах и соревнованиях"))]
    section.blocks.append(Heading(DIAGNOSTICS_HEADING))
    diagnostics_section(section, facts.school, facts.year, suppress=True)
    return True


def procedures(section: Section, facts: Facts) -> None:
    """Main results of each procedure of the year (no retakes); a procedure with fewer participants than the
    minimum is withheld whole, a share telling of a small group alone (analysis.access.Privacy)."""
    privacy = Privacy(on=True, minimum=facts.minimum)
    table = Table(["Процедура", "Участников", "Средний балл", "Успеваемость", "Качество"])
    for group in year_index(facts.school, facts.year, privacy).groups:
        rows = [row for row in group.rows if row.figures.results]
        if rows:
            table.add(group.title, "", "", "", "", heading=True)
        for row in rows:
            table.add(row.short_label, *procedure_cells(row, privacy, facts))
    if not table.rows:
        section.blocks.append(Paragraph(facts.missing("о результатах ВПР, ОГЭ и ЕГЭ")))
        return
    section.blocks.append(Paragraph(
        f"Результаты {facts.label} учебного года по процедурам (основные результаты, без пересдач). "
        "Успеваемость — доля отметок «3»–«5» (для ЕГЭ — доля набравших не меньше минимального балла), "
        "качество — доля отметок «4» и «5»; средний балл — средняя отметка (для ЕГЭ — тестовый балл; у математики базового уровня — "
        "отметки)."))
    section.blocks.append(table)


def procedure_cells(row: IndexRow, privacy: Privacy, facts: Facts) -> list[Cell]:
    f: Figures = row.figures
    if row.hidden:
        facts.withheld = True
        return [WITHHELD] * 4
    if row.mean is not None:
        mean = Number.of(row.mean, 1 if row.mean_is_test_score else 2)
    elif f.marked and row.privacy.hides_mean(f.marks):  # the marks are there: «—» would say there are none
        facts.withheld = True
        mean = WITHHELD
    else:
        mean = "—"

    def share(part: int, whole: int) -> Cell:
        if not whole:
            return "—"
        if privacy.discloses(part, whole):
            facts.withheld = True
            return WITHHELD
        return Number.of(share_of(part, whole), 1, " %")

    if row.mean_is_test_score:  # ЕГЭ; базовая математика gives marks, as a ВПР
        return [Number.of(f.results, 0), mean, share(f.passed, f.results), "—"]
    return [Number.of(f.results, 0), mean, share(f.marks[3] + f.marks[4] + f.marks[5], f.marked),
            share(f.marks[4] + f.marks[5], f.marked)]


# --- 4. Организация учебного процесса ------------------------------------------------------------------

def process(section: Section, facts: Facts) -> bool:
    school, year, label = facts.school, facts.year, facts.label
    section.blocks.append(Paragraph(f"Учебный год делится на {PeriodSystem(school.period_system).label} (по ним "
                                    "выставляются отметки за периоды)."))
    planned = entries_of(school, year).count()
    if planned:
        breaches = [p for p in problems(school, year) if not p.kind.is_warning]
        found = "; ".join(sorted({p.kind.label for p in breaches}))
        section.blocks.append(Paragraph(
            f"В едином графике оценочных процедур на {label} учебный год — {works(planned)}; "
            + (f"нарушений федеральных рекомендаций по нагрузке — {len(breaches)} ({found})." if breaches
               else "нарушений федеральных рекомендаций по нагрузке нет.")))
    else:
        section.blocks.append(Paragraph(f"Единый график оценочных процедур на {label} учебный год в системе "
                                        "не составлен."))
    visits = totals(LessonVisit.objects.filter(school=school, year_id=year)).visits
    section.blocks.append(Paragraph(
        f"Внутришкольный контроль: за {label} учебный год посещено уроков и занятий — {visits}." if visits
        else f"Посещения уроков администрацией за {label} учебный год в системе не записаны."))
    return True


# --- 5. Востребованность выпускников --------------------------------------------------------------------

def graduates(section: Section, facts: Facts) -> bool:
    section.blocks.append(Paragraph(facts.sentence(
        "Продолжение обучения и трудоустройство выпускников", DESTINATIONS,
        "о продолжении обучения и трудоустройстве выпускников")))
    said = [text for key, who in (("graduates", "выпускников"), ("employers", "работодателей и социальных "
                                                                               "партнёров"))
            if (text := satisfaction(facts, key, who))]
    section.blocks.append(Paragraph(" ".join(said) if said else
                                    f"Ответов выпускников и работодателей на анкеты за {facts.label} учебный год "
                                    "в системе нет."))
    return True


def satisfaction(facts: Facts, key: str, who: str) -> str:
    """«Анкетирование выпускников: ответили — 24; удовлетворены в целом — 79,2 %.»; "" without answers. The
    share of fewer respondents than the minimum is withheld: it would tell their answers."""
    questionnaire = questionnaires().get(key)
    results = survey_results(facts.school, facts.year, questionnaire) if questionnaire else None
    if results is None or not results.respondents:
        return ""
    text = f"Анкетирование {who}: ответили — {results.respondents}"
    satisfied = overall_satisfied(results, facts)
    if satisfied is not None:
        text += f"; удовлетворены в целом — {cell_text(satisfied)}"
    return text + "."


def overall_satisfied(results, facts: Facts) -> Number | str | None:
    """The share satisfied on the whole (question `overall` on the scale); None without it, «скрыто» for fewer
    respondents than the minimum: the share would tell their answers."""
    overall = next((q for q in results.questions if q.question.code == "overall" and q.question.is_scale), None)
    if overall is None or overall.satisfied is None:
        return None
    if results.respondents < facts.minimum:
        facts.withheld = True
        return WITHHELD
    return Number.of(overall.satisfied, 1, " %")


# --- 6. Кадровое обеспечение ----------------------------------------------------------------------------

def staff(section: Section, facts: Facts) -> bool:
    if not facts.known(("core.staff_total",)):
        section.blocks.append(Paragraph(facts.missing("о педагогических работниках")))
        return True
    section.blocks += [Paragraph(facts.sentence(intro, codes, about)) for intro, codes, about in (
        ("Педагогические работники", STAFF, "о педагогических работниках"),
        ("Квалификационные категории", CATEGORIES, "о квалификационных категориях педагогов"),
        ("Повышение квалификации", COURSES, "о повышении квалификации педагогов"),
        ("Возраст и стаж", AGE, "о возрасте и стаже педагогов"),
    )]
    return True


# --- 7–9. Учебно-методическое, библиотечно-информационное обеспечение, материально-техническая база -----

def given(intro: str, codes: tuple[str, ...]) -> Callable[[Section, Facts], bool]:
    """A section that tells the indicators of `codes` that have a value, and nothing without any."""
    def build(section: Section, facts: Facts) -> bool:
        known = facts.known(codes)
        if known:
            section.blocks.append(Paragraph(facts.sentence(intro, known, "")))
        return bool(known)
    return build


# --- 10. Функционирование ВСОКО -------------------------------------------------------------------------

def vsoko(section: Section, facts: Facts) -> bool:
    """The monitoring plan's execution, the surveys held, the management decisions taken (without the names of
    those responsible: the report is published)."""
    school, year, label = facts.school, facts.year, facts.label
    items = list(PlanItem.objects.filter(school=school, year_id=year))
    if items:
        done = [item for item in items if item.done_on]
        text = f"План-график мониторинга на {label} учебный год: пунктов — {len(items)}, выполнено — {len(done)}."
        missed = [item.object for item in items if item.status() == PlanStatus.OVERDUE]
        if missed:
            text += " Не выполнены в срок: " + "; ".join(missed) + "."
        section.blocks.append(Paragraph(text))
        if approved := approval_sentence(school, year):
            section.blocks.append(Paragraph(approved))
    else:
        section.blocks.append(Paragraph(f"План-график мониторинга на {label} учебный год в системе не составлен."))
    table = Table(["Анкета", "Кто отвечал", "Ответили", "Удовлетворены в целом"])
    for questionnaire in questionnaires().values():
        results = survey_results(school, year, questionnaire)
        if not results.respondents:
            continue
        satisfied = overall_satisfied(results, facts)
        table.add(questionnaire.title, questionnaire.audience, Number.of(results.respondents, 0),
                  "—" if satisfied is None else satisfied)
    if table.rows:
        table.notes.append("Доля удовлетворённых — ответы «полностью» и «скорее удовлетворен» от всех ответивших.")
        section.blocks.append(table)
    else:
        section.blocks.append(Paragraph(f"Ответов на анкеты в {label} учебном году нет."))
    section.blocks.append(Heading(DECISIONS_HEADING))
    decisions_section(section, school, year, names=False, withhold=facts.withhold)
    return True


# --- 11. Анализ показателей деятельности ----------------------------------------------------------------

def indicators(section: Section, facts: Facts) -> bool:
    """How many lines of the table of Order 1324 (facts.table) have a value, and which moved since last year."""
    lines = facts.lines(facts.table)
    valued = [line for line in lines if line.current.value is not None]
    entered = [line for line in valued if line.indicator.method == Method.ENTERED]
    section.blocks.append(Paragraph(
        "Показатели деятельности школы по приложению 2 к приказу Минобрнауки России от 10.12.2013 № 1324 "
        f"приведены в таблице ниже (строк в таблице — {len(lines)}). За {facts.label} учебный год вычислены по данным "
        f"школы — {len(valued) - len(entered)}, введены школой — {len(entered)}, нет данных — "
        f"{len(lines) - len(valued)}."))
    if valued:
        section.blocks.append(Paragraph(facts.changes(facts.table, lambda line: f"{line.indicator.item} "
                                                                                f"{line.indicator.name}")))
    return True


@dataclass(frozen=True)
class Part:
    build: Callable[[Section, Facts], bool] | None  # → whether it said anything; None: the school writes it all
    about: str  # «о системе управления организации»: what «данных … нет» says is missing
    generated: str  # what the report makes of the data, as the page of texts says it
    prompt: str  # what the school writes, as the page suggests


SECTIONS: dict[SelfExamSection, Part] = {
    SelfExamSection.EDUCATION: Part(
        education, "об образовательной деятельности",
        "контингент на конец года по уровням образования с изменением за год; углублённое и профильное обучение, "
        "ДОТ, сетевая форма, охват дополнительным образованием",
        "образовательные программы школы, учебный план, внеурочная деятельность, дополнительное образование"),
    SelfExamSection.MANAGEMENT: Part(
        self_exam_management, "о системе управления организации",
        "лицензия и аккредитация, проверки контрольно-надзорных органов за год и устранение нарушений, результаты "
        "НОКО с динамикой, число процедур с общественными наблюдателями",
        "структура управления: директор, заместители, органы управления (общее собрание работников, "
        "педагогический совет, управляющий совет), методические объединения, их взаимодействие"),
    SelfExamSection.TRAINING: Part(
        training, "о содержании и качестве подготовки обучающихся",
        "успеваемость, качество знаний, отличники, СОУ за три года и их изменение; ГИА 9 и 11 классов; ВПР, ОГЭ, "
        "ЕГЭ по процедурам; олимпиады и конкурсы; диагностики обучающихся",
        "выводы о результатах, причины изменений, работа с неуспевающими и одарёнными"),
    SelfExamSection.PROCESS: Part(
        process, "об организации учебного процесса",
        "периоды учебного года, график оценочных процедур и проверка нагрузки, число посещённых уроков",
        "режим работы (смены, продолжительность урока, пятидневная или шестидневная неделя), расписание, "
        "формы обучения"),
    SelfExamSection.GRADUATES: Part(
        graduates, "о востребованности выпускников",
        "продолжение обучения выпускников 9 и 11 классов и не учащиеся и не работающие; удовлетворённость "
        "выпускников и работодателей по анкетам",
        "куда поступили выпускники (по профилю, в вузы региона), связь с колледжами и работодателями"),
    SelfExamSection.STAFF: Part(
        staff, "о кадровом обеспечении",
        "педагогические работники, образование, квалификационные категории, курсы, возраст и стаж",
        "укомплектованность штата, вакансии, наставничество, участие педагогов в конкурсах"),
    SelfExamSection.METHODS: Part(
        given("Методическая работа", METHODS), "об учебно-методическом обеспечении",
        "доли учителей, использующих современные технологии и ИКТ (по посещению уроков), и выступавших на РМО",
        "методическая тема школы, работа методических объединений, рабочие программы, учебники по федеральному "
        "перечню"),
    SelfExamSection.LIBRARY: Part(
        given("Библиотечно-информационное обеспечение", LIBRARY), "о библиотечно-информационном обеспечении",
        "введённые школой показатели 2.2–2.5 приказа № 1324: литература на одного учащегося, читальный зал, "
        "Интернет, электронный документооборот",
        "фонд библиотеки (учебники, художественная литература, электронные ресурсы), обеспеченность учебниками, "
        "сайт школы"),
    SelfExamSection.FACILITIES: Part(
        given("Материально-техническая база", FACILITIES), "о материально-технической базе",
        "компьютеры и площадь на одного учащегося (показатели 2.1 и 2.6), удовлетворённость родителей "
        "условиями",
        "здания и помещения, оснащение кабинетов и лабораторий, спортивный зал и площадка, столовая, медицинский "
        "кабинет, безопасность, доступная среда, что обновлено за год"),
    SelfExamSection.VSOKO: Part(
        vsoko, "о функционировании ВСОКО",
        "выполнение плана мониторинга, анкетирования, управленческие решения и их результативность",
        "положение о ВСОКО, кто проводит оценку, как результаты используются"),
    SelfExamSection.INDICATORS: Part(
        indicators, "об анализе показателей деятельности",
        "сколько показателей приказа № 1324 вычислено, введено и не заполнено; что улучшилось и ухудшилось",
        "выводы по показателям и задачи на следующий год"),
}
