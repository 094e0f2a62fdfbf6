"""The report kinds (one registry: REPORTS) and writing a report to a file.

Each kind names its builder (school, year → Document) and the formats it is given in; any
writer writes any document (vsoko.reports.writers.WRITERS), so a new kind needs no writer. A kind's options the
«Отчёты» page offers as lists are its `choices` (`chosen_options` reads and checks a page's request).
Reports are built synchronously: a school's Word report takes 0.2–0.45 s, the municipality's at 50 schools 2.2 s (docs/reports.md).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.progress import document as period_results
from vsoko.progress.figures import periods_with_marks
from vsoko.records.enums import OrgUnitKind, Period
from vsoko.records.models import OrgUnit
from vsoko.records.years import year_label
from vsoko.reports import (
    analytic,
    council,
    mo_year,
    municipal,
    oo1,
    plan,
    procedure,
    public,
    schedule,
    self_exam,
)
from vsoko.reports.document import Document
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.writers import WRITERS
from vsoko.schedule.enums import Half
from vsoko.support import document as support


@dataclass(frozen=True)
class Choice:
    """An option of a kind (the builder's keyword argument `name`) the «Отчёты» page offers as a list."""

    name: str
    label: str  # the list's label
    default: str  # what the builder does without it: the list's first, empty item
    values: Callable[[OrgUnit, int], list[tuple[str, str]]]  # (value, label) offered for the school and year
    parse: Callable[[str], object]  # an offered value → the builder's argument
    # The value the builder takes without a choice, where it can be named beforehand: the download's file name
    # and the audit entry then say which one it is.
    default_value: Callable[[OrgUnit, int], str | None] | None = None


PERIOD = Choice("period", "Период", "последний с отметками",
                lambda school, year: [(p.value, p.label) for p in periods_with_marks(school, year)], Period)
HALF = Choice("half", "Полугодие", "весь год", lambda school, year: [(str(h.value), h.label) for h in Half],
              lambda value: Half(int(value)))
ASSESSMENT = Choice("assessment", "Процедура", "последняя по дате, кроме резервных дней", procedure.procedure_choices,
                    str, procedure.default_choice)
PROCEDURE_KIND = Choice("procedure_kind", "Вид процедур", "ВПР (если есть)", council.kind_choices, str,
                        council.default_kind)
SEASON = Choice("half", "Период", "весь год", council.half_choices, lambda value: Half(int(value)))
ASSOCIATION = Choice("mo", "Методическое объединение", "первое в списке", mo_year.association_choices, str,
                     mo_year.default_association)


@dataclass(frozen=True)
class Report:
    build: Callable[..., Document]  # (school, year, **options) → Document
    formats: tuple[Format, ...]
    contents: str  # what is inside, as the «Отчёты» page says it
    options: tuple[str, ...] = ()  # keyword arguments the builder takes besides school and year
    personal_data: bool = False  # names people: an internal document, each export audit-logged (record_export)
    # The org unit the builder takes as `school`: a school, or a municipality (its schools side by side).
    unit: OrgUnitKind = OrgUnitKind.SCHOOL
    audited: bool = False  # each export audit-logged although nobody is named (every school's figures leave)
    choices: tuple[Choice, ...] = ()  # those of `options` the «Отчёты» page offers as lists
    # Writes the kind's Excel file in place of the one-sheet writer (the ОО-1 draft: a sheet per section).
    xlsx_book: Callable[[Document], bytes] | None = None

    @property
    def extensions(self) -> str:
        return ", ".join(f".{f.value}" for f in self.formats)


REPORTS: dict[ReportKind, Report] = {
    ReportKind.ANALYTIC: Report(analytic.build, (Format.DOCX,), (
        "Показатели выбранных каталогов за три года с изменением, целями и оценкой; результаты ВПР, ОГЭ и ЕГЭ "
        "по процедурам; результаты анкетирования; выводы. Называет педагогов (посещение уроков с их оценкой) — для "
        "внутреннего пользования; каждое скачивание записывается в журнал доступа."), personal_data=True),
    ReportKind.SELF_EXAM: Report(self_exam.build, (Format.DOCX, Format.XLSX), (
        "Аналитическая часть по п. 6 приказа Минобрнауки № 462 — одиннадцать разделов: сведения по данным школы "
        "и текст, который пишет школа; затем таблица показателей деятельности по приложению 2 к приказу № 1324. "
        "Для сайта школы: без фамилий обучающихся, малые группы скрыты — и в аналитической части, и в таблице.")),
    ReportKind.PUBLIC: Report(public.build, (Format.HTML, Format.PDF), (
        "Базовые показатели с динамикой для сайта школы: без персональных данных, малые группы скрыты.")),
    ReportKind.PLAN: Report(plan.build, (Format.DOCX, Format.XLSX), (
        "План-график мониторинга на учебный год — приложение к приказу директора: объекты, показатели, методы, "
        "сроки, ответственные, отметки о выполнении.")),
    ReportKind.PERIOD_RESULTS: Report(period_results.build, (Format.DOCX,), (
        "Справка об итогах последнего периода года с отметками (четверть, триместр, полугодие или год): "
        "классы и школа, сравнение с прошлым периодом и прошлым годом, предметы; без списков обучающихся. "
        "Другой период и списки — кнопка «Справка в Word» в разделе «Успеваемость».")),
    ReportKind.SCHEDULE: Report(schedule.build, (Format.XLSX, Format.DOCX), (
        "Единый график оценочных процедур для сайта школы: классы по строкам, месяцы по столбцам, даты работ "
        "с предметами; без персональных данных. Весь год или одно полугодие — список «Полугодие»."), options=("half",),
        choices=(HALF,)),
    ReportKind.SUPPORT: Report(support.build, (Format.DOCX,), (
        "Работа с неуспевающими за период года с отметками (список «Период»; по умолчанию — последний): группа "
        "риска по классам, сопровождение, меры со сроками и выполнением, результат на конец периода. Содержит "
        "персональные данные обучающихся (фамилии, классы, предметы) — для внутреннего пользования, не для сайта; "
        "каждое скачивание записывается в журнал доступа. Отчёт по своим классам учителя получают в разделе "
        "«Работа с неуспевающими»."),
        options=("period",), personal_data=True, choices=(PERIOD,)),
    ReportKind.PROCEDURE: Report(procedure.build, (Format.DOCX,), (
        "Справка по одной оценочной процедуре года (список «Процедура»; по умолчанию — последняя по дате, кроме "
        "резервных дней): участие, отметки, успеваемость и качество по классам, сравнение с муниципалитетом, регионом "
        "и РФ (если их значения введены на странице процедуры), с журналом и прошлыми годами, задания с низким "
        "выполнением, признаки необъективности, выводы и рекомендации школы. Содержит фамилии обучающихся, "
        "получивших «2», — для внутреннего пользования; каждое скачивание записывается в журнал доступа. Справку "
        "для своего читателя даёт кнопка «Справка (Word)» на странице процедуры."),
        options=("assessment",), personal_data=True, choices=(ASSESSMENT,)),
    ReportKind.MUNICIPAL: Report(municipal.build, (Format.DOCX, Format.XLSX), (
        "Для управления образованием: ключевые показатели муниципалитета за три года (все школы вместе — по суммам "
        "данных), места школ по каждому показателю, группы похожих школ, школы, требующие внимания, школы с "
        "отрицательной динамикой, ВПР, ОГЭ и ЕГЭ по школам с признаками необъективности, результаты в социальном контексте (качество знаний социальных категорий "
        "по школам); малые группы скрыты. Строится со страницы «Сравнение школ» — по "
        "выбранным там показателям и числу групп."),
        options=("catalog", "indicators", "groups"), unit=OrgUnitKind.MUNICIPALITY, audited=True),
    ReportKind.PROCEDURES_SUMMARY: Report(council.build, (Format.DOCX, Format.PDF), (
        "Для педагогического совета: все процедуры одного вида (ВПР, ОГЭ …) за весну, осень или весь год в одной "
        "справке — по процедуре строка (участие, средняя отметка, «2», «4» и «5», подтверждение отметок по "
        "журналу, признаки необъективности), динамика к прошлому году и той же когорте, задания с низким "
        "выполнением по предметам, классы в зоне риска, рекомендации по МО, выводы и проект решения педсовета. "
        "Без персональных данных; каждое скачивание записывается в журнал доступа."),
        options=("procedure_kind", "half"), audited=True, choices=(PROCEDURE_KIND, SEASON)),
    ReportKind.MO_YEAR: Report(mo_year.build, (Format.DOCX,), (
        "Анализ работы методического объединения за учебный год (список «Методическое объединение»: МО "
        "руководителей МО школы, затем предметы без МО): состав МО с категориями, стажем и курсами; успеваемость и "
        "качество по годовым отметкам по предметам и параллелям с изменением к прошлому году; ВПР, ОГЭ и ЕГЭ "
        "предметов МО с признаками необъективности; олимпиады и конкурсы; аттестация и курсы на следующий год; "
        "посещённые уроки; выводы и строки для задач. Называет педагогов, обучающихся — нет; малые группы скрыты. "
        "Для внутреннего пользования; каждое скачивание записывается в журнал доступа. Руководитель МО получает "
        "анализ своего МО в разделе «Успеваемость», «По учителям МО»."),
        options=("mo",), personal_data=True, choices=(ASSOCIATION,)),
    ReportKind.OO1: Report(oo1.build, (Format.XLSX,), (
        "Числа для формы федерального статистического наблюдения № ОО-1, которые можно посчитать по данным школы, "
        "— чтобы перенести их в форму в федеральной системе, а не считать по журналу: обучающиеся по классам (на "
        "20 сентября) и по возрасту и полу (полных лет на 1 января), выпускники прошлого года, педагогические "
        "работники по должностям, образованию, категориям, стажу и возрасту. Только числа, без фамилий; "
        "официальная форма сдаётся в федеральной системе. Каждое скачивание записывается в журнал доступа."),
        options=("suppress",), audited=True, xlsx_book=oo1.workbook),
}


class ReportError(Exception):
    """A request the report cannot be made for; the message says what and where, in Russian."""


def chosen_options(kind: ReportKind, school: OrgUnit, year: int, asked: Mapping[str, str]) -> dict[str, object]:
    """The kind's `choices` a page asks for (?period=q2) as the builder's arguments; an empty one is left to the
    builder. ReportError names a value not offered for the school and year, and the values that are."""
    options = {}
    for choice in REPORTS[kind].choices:
        value = asked.get(choice.name, "") or (choice.default_value and choice.default_value(school, year))
        if not value:
            continue
        offered = dict(choice.values(school, year))
        if value not in offered:
            there = f"можно выбрать: {', '.join(offered.values())}" if offered else "выбирать не из чего"
            raise ReportError(f"{kind.label}: {choice.label.lower()} «{value[:20]}» нельзя выбрать — в школе "
                              f"«{school.name}» за {year_label(year)} учебный год {there}.")
        options[choice.name] = choice.parse(value)
    return options


def output_format(kind: ReportKind, path: Path) -> Format:
    """The format named by the file's extension, if the kind is given in it."""
    report = REPORTS[kind]
    extension = path.suffix.lower().lstrip(".")
    if extension not in {f.value for f in report.formats}:
        named = f"расширение «{path.suffix}»" if path.suffix else "нет расширения"
        raise ReportError(f"Файл «{path}»: у него {named}, а {kind.label.lower()} ({kind.value}) "
                          f"выводится только в форматах {report.extensions}.")
    return Format(extension)


def render(kind: ReportKind, school: OrgUnit, year: int, fmt: Format, **options) -> bytes:
    if fmt not in REPORTS[kind].formats:
        raise ReportError(f"{kind.label} выводится только в форматах {REPORTS[kind].extensions}.")
    try:
        document = REPORTS[kind].build(school, year, **options)
    except (plan.PlanMissing, period_results.PeriodMarksMissing,
            schedule.ScheduleMissing, support.PeriodMissing, procedure.ProcedureMissing, municipal.CatalogNotFound,
            municipal.ChoiceNotOffered, council.NothingToSummarise, mo_year.AssociationMissing) as exc:
        raise ReportError(str(exc)) from None
    if fmt == Format.XLSX and REPORTS[kind].xlsx_book:
        return REPORTS[kind].xlsx_book(document)
    return WRITERS[fmt](document)


def write_report(kind: ReportKind, school: OrgUnit, year: int, path: Path, **options) -> Format:
    """Builds the report and writes it whole or not at all: a temporary file beside `path`, then a rename."""
    fmt = output_format(kind, path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ReportError(f"Папка «{folder}» для файла «{path}» не существует.")
    data = render(kind, school, year, fmt, **options)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o666 & ~current_umask())  # mkstemp makes it private; a report is an ordinary file
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    record_export(kind, school, year, fmt, **options)
    return fmt


def record_export(kind: ReportKind, school: OrgUnit, year: int, fmt: Format, *, user=None, request=None,
                  **options) -> None:
    """A report naming people (or `audited`) goes to the audit log once made, as the pages' exports do; no user:
    the command line (`vsoko report`)."""
    if not (REPORTS[kind].personal_data or REPORTS[kind].audited):
        return
    details = {"format": fmt.value, "учебный год": year_label(year),
               **{name: getattr(value, "value", value) for name, value in options.items()}}
    record(user=user, action=AuditAction.EXPORT, object_type="report", object_id=kind.value, school=school,
           details=details if user is not None else {**details, "откуда": "команда vsoko report"}, request=request)


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
