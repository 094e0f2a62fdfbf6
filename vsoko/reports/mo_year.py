"""«Анализ работы методического объединения за учебный год»: the document each МО head writes every June (seeds/004,
раздел IV, п. 11: the МО analyses the intermediate attestation, the teachers' training and the assessment
procedures; seeds/000, пп. 3.1, 3.5), its figures taken from the school's data, its conclusions left to the МО.

An МО is a set of subjects: those of one «руководитель МО» of the school (his roles, one subject each), or, where
the school gave no such role, one subject taught in the year (`associations`). The document's seven parts:

1. the МО's teachers (staff records of the year teaching its subjects): category, стаж, courses of the year;
2. the year marks per subject and grade — успеваемость and качество with their change from the year before
   (vsoko.progress.figures.subject_results, as «По учителям МО»);
3. ВПР, ОГЭ and ЕГЭ of the subjects: participants, mean, «2», «4» и «5», objectivity flags (vsoko.analysis);
4. olympiads and contests whose «предмет» is one of the subjects, or without a «предмет» whose name names one of
   them and no other subject, by level and result; how many of the school's olympiad records have no «предмет» and
   a name that names none, so belong to no МО (`Olympiads`);
5. courses of the year and who is due for attestation and courses next year (the perspective plan's rules,
   vsoko.web.staff_development);
6. the lesson visits to the МО's teachers (vsoko.observations.summary);
7. «Выводы и задачи на следующий год»: sentences from the figures, and lines for the МО to write on.

Pupils are never named. A group of pupils smaller than VSOKO_MIN_GROUP_SIZE (a subject in a grade, a procedure)
shows «—*» instead of its shares, as the analysis pages and the parents' справка withhold a group too small
(`Privacy.too_small`): a share of three pupils tells of each of them. In a row shown, its total is printed
(«Отметок», «Участников»), so a share whose part is a small group gives it back by subtraction (15 marks at 86,7 %:
2 failing): the row's groups of marks (failing, «3», «4» и «5») go through the complementary suppression of
vsoko.publication.suppression (`Privacy.hidden_groups`) — a share is withheld when its group is, and the smallest
other group goes with it, so that no share left gives the hidden one back (`withheld_shares`,
`withheld_procedure_cells`). Teachers are named: an internal document,
each export audit-logged (the registry's `personal_data`). Set-based: seventeen queries at most whatever the МО's size (the demo school's МО of mathematics, 15 teachers: 0.35 s).
"""

from __future__ import annotations

import datetime
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Count

from vsoko.accounts.enums import Role
from vsoko.accounts.models import Membership
from vsoko.analysis import figures as fig
from vsoko.analysis.access import Privacy
from vsoko.analysis.flags import Flag, objectivity_flags
from vsoko.analysis.risk import procedure_label
from vsoko.analysis.thresholds import Thresholds
from vsoko.indicators.enums import Unit
from vsoko.indicators.formatting import as_shown, plural
from vsoko.observations.criteria import MAX_TOTAL
from vsoko.observations.models import LessonVisit
from vsoko.observations.summary import TeacherRow, teacher_rows
from vsoko.progress.figures import SubjectResult, subject_order, subject_results
from vsoko.progress.page import Change
from vsoko.records.enums import AssessmentKind, EventKind, EventLevel, EventResult, Period
from vsoko.records.models import (
    Assessment,
    Event,
    OrgUnit,
    PeriodMark,
    SchoolClass,
    StaffEvent,
    StaffYear,
    Subject,
)
from vsoko.records.years import year_label
from vsoko.reports.council import capitalised, flags_words, with_main_results
from vsoko.reports.document import HIDDEN, Cell, Document, Number, Paragraph, Section, Table
from vsoko.reports.procedure import mean_cell, percent_cell
from vsoko.web.staff_development import COURSE_KINDS, DevelopmentRow, development_rows

PROCEDURE_KINDS = (AssessmentKind.VPR, AssessmentKind.OGE, AssessmentKind.EGE)
BLANK_LINE = "_" * 90  # a line of «Задачи» the МО writes on in Word


class AssociationMissing(Exception):
    """The school has neither an МО head nor a subject with year marks; or the МО asked for is not one of it."""


@dataclass(frozen=True)
class Association:
    """An МО: its subjects (by name) and its head, if the school gave the role."""

    subjects: tuple[tuple[int, str], ...]  # (subject id, name), by name
    head: str = ""

    @property
    def key(self) -> str:
        """«3-7-9»: the subjects' ids, the value of the «Отчёты» list and of ?mo=."""
        return "-".join(str(pk) for pk in sorted(pk for pk, _ in self.subjects))

    @property
    def subject_ids(self) -> set[int]:
        return {pk for pk, _ in self.subjects}

    @property
    def names(self) -> str:
        return ", ".join(name for _, name in self.subjects)

    @property
    def label(self) -> str:
        """The list's item and the download's file name (no «:», which Windows refuses in a name)."""
        return self.names + (f" (руководитель — {self.head})" if self.head else "")

    @property
    def heading(self) -> str:
        return f"Методическое объединение: {self.label}"


def associations(school: OrgUnit, year: int) -> list[Association]:
    """The МО of the school's МО heads (by head), then each subject with year marks no МО has: two queries."""
    heads: dict[int, tuple[str, dict[int, str]]] = {}
    for user_id, last, first, subject_id, name in (
        Membership.objects.filter(role=Role.MO_HEAD, org_unit=school, subject__isnull=False)
        .order_by("user__last_name", "user__first_name", "user_id")
        .values_list(
            "user_id", "user__last_name", "user__first_name", "subject_id", "subject__name"
        )
    ):
        who = " ".join(p for p in (last, first) if p)
        heads.setdefault(user_id, (who, {}))[1][subject_id] = name
    found = [Association(_by_name(subjects), head) for head, subjects in heads.values()]
    covered = {pk for a in found for pk in a.subject_ids}
    marked = (
        PeriodMark.objects.filter(school=school, year_id=year, period=Period.YEAR)
        .exclude(subject_id__in=covered)
        .values_list("subject_id", "subject__name")
        .distinct()
        .order_by()
    )
    return found + [
        Association(((pk, name),)) for pk, name in sorted(set(marked), key=lambda s: _folded(s[1]))
    ]


def _by_name(subjects: dict[int, str]) -> tuple[tuple[int, str], ...]:
    return tuple(sorted(subjects.items(), key=lambda s: _folded(s[1])))


def _folded(name: str) -> str:
    return name.casefold().replace("ё", "е")


def association_choices(school: OrgUnit, year: int) -> list[tuple[str, str]]:
    return [(a.key, a.label) for a in associations(school, year)]


def default_association(school: OrgUnit, year: int) -> str | None:
    found = associations(school, year)
    return found[0].key if found else None


def association_of(school: OrgUnit, year: int, key: str | None) -> Association:
    """The МО `key` names (else the first of the school); AssociationMissing says what there is."""
    found = associations(school, year)
    if not found:
        raise AssociationMissing(
            f"В школе «{school.name}» нет ни руководителя МО (роль «руководитель МО» с предметом), ни предметов с "
            f"годовыми отметками за {year_label(year)} учебный год: анализировать работу МО не по чему."
        )
    chosen = next((a for a in found if a.key == key), None) if key else found[0]
    if chosen is None:
        raise AssociationMissing(
            f"В школе «{school.name}» нет такого МО; можно выбрать: "
            + "; ".join(a.label for a in found)
            + "."
        )
    return chosen


def association_teaching(school: OrgUnit, year: int, subject: str) -> str:
    """The key of the МО one of whose subjects is `subject` («физика», in any case): the command line names an МО
    so. AssociationMissing lists the МО there are."""
    found = associations(school, year)
    wanted = _folded(subject.strip())
    chosen = next((a for a in found if any(_folded(name) == wanted for _, name in a.subjects)), None)
    if chosen is None:
        raise AssociationMissing(
            f"В школе «{school.name}» нет МО с предметом «{subject}»; можно выбрать: "
            + "; ".join(a.names for a in found)
            + "."
        )
    return chosen.key


def subjects_association(subject_ids: set[int], head: str = "") -> Association:
    """The МО of these subjects (an МО head's own), named as the school names them."""
    subjects = dict(Subject.objects.filter(pk__in=subject_ids).values_list("pk", "name"))
    return Association(_by_name(subjects), head)


# --- 1, 5. the teachers ----------------------------------------------------------------------------------


@dataclass
class Teacher:
    development: DevelopmentRow
    experience: int | None  # full years of pedagogical стаж on 1 September of the year
    courses: list[StaffEvent] = field(default_factory=list)  # of the year

    @property
    def name(self) -> str:
        return self.development.staff.full_name or self.development.staff.staff_id


def teachers(school: OrgUnit, year: int, mo: Association, today: datetime.date) -> list[Teacher]:
    """The pedagogical staff of the year who teach a subject of the МО, by name: four queries."""
    rows = StaffYear.objects.filter(
        school=school, year_id=year, pedagogical=True, subjects__in=mo.subject_ids
    )
    since = dict(rows.values_list("staff_id", "experience_since").distinct())
    development = development_rows(school.staff.filter(pk__in=list(since)), school, year, today)
    courses: dict[int, list[StaffEvent]] = defaultdict(list)
    for event in StaffEvent.objects.filter(
        school=school, year_id=year, staff_id__in=since, kind__in=COURSE_KINDS
    ).order_by("date", "title"):
        courses[event.staff_id].append(event)
    first_day = datetime.date(year, 9, 1)
    return [
        Teacher(row, _full_years(since[row.staff.pk], first_day), courses[row.staff.pk])
        for row in development
    ]


def _full_years(start: datetime.date | None, day: datetime.date) -> int | None:
    if start is None or start > day:
        return None
    return day.year - start.year - ((day.month, day.day) < (start.month, start.day))


# --- 2. the year marks ---------------------------------------------------------------------------------


@dataclass
class GradeLine:
    """One subject in one grade: the year marks of this year and the year before."""

    subject: str
    grade: int
    now: SubjectResult
    before: SubjectResult | None
    privacy: Privacy

    @property
    def withheld(self) -> bool:
        return self.privacy.too_small(self.now.graded)

    @property
    def hidden(self) -> set[str]:
        """The shares of the row withheld although the row is shown: «success», «quality» (`withheld_shares`)."""
        return withheld_shares(self.now, self.privacy)

    def change(self, name: str) -> Change | None:
        """None: nothing to say (a year before too small a group to compare with, its share withheld then, or no
        marks). A share withheld this year has no change either: the change and last year's share would give it."""
        if self.before is None or self.privacy.too_small(self.before.graded):
            return None
        if name in self.hidden or name in withheld_shares(self.before, self.privacy):
            return None
        return Change(getattr(self.now, name), getattr(self.before, name))


def withheld_shares(result: SubjectResult, privacy: Privacy) -> set[str]:
    """Which of a row's shares — «success» (its part: the marks without «2», «1», «н/а», «незачёт») and «quality»
    («4» и «5») — tell of a small group, the row's total (`graded`) being shown. The row's marks are three groups:
    failing, «3» and «зачёт», «4» и «5»; success gives the first away (total − part), quality the last; the middle
    one is never printed but follows from the two. The groups of 1…minimum−1 and their complement are hidden
    (`Privacy.hidden_groups`: a line with one hidden group hides the smallest other one too), and a share is
    withheld when its group is."""
    marks = result.marks
    good = marks["n5"] + marks["n4"]
    middle = marks["n3"] + marks["passed"]
    hidden = privacy.hidden_groups({"failing": result.graded - good - middle, "middle": middle, "good": good})
    return {name for name, group in (("success", "failing"), ("quality", "good")) if group in hidden}


def grade_lines(school: OrgUnit, year: int, mo: Association, privacy: Privacy) -> list[GradeLine]:
    """Per subject of the МО and grade, the year marks summed over the grade's classes (subject_results, one
    GROUP BY class × subject per year, and the classes' grades): four queries."""
    now = _by_grade(school, year, mo)
    before = _by_grade(school, year - 1, mo)
    return [
        GradeLine(result.name, grade, result, before.get((subject_id, grade)), privacy)
        for (subject_id, grade), result in sorted(
            now.items(), key=lambda item: (subject_order(item[1]), item[0][1])
        )
    ]


def _by_grade(school: OrgUnit, year: int, mo: Association) -> dict[tuple[int, int], SubjectResult]:
    _, by_class = subject_results(school, year, Period.YEAR)
    grades = dict(SchoolClass.objects.filter(pk__in=list(by_class)).values_list("pk", "grade"))
    out: dict[tuple[int, int], SubjectResult] = {}
    for class_id, results in by_class.items():
        for s in results:
            if s.subject_id in mo.subject_ids:
                key = (s.subject_id, grades[class_id])
                out.setdefault(key, SubjectResult(s.subject_id, s.name)).marks.update(s.marks)
    return out


# --- 3. the procedures ---------------------------------------------------------------------------------


@dataclass
class ProcedureLine:
    assessment: Assessment
    label: str
    figures: fig.Figures
    flags: list[Flag]
    withheld: bool
    hidden: set[str] = field(default_factory=set)  # cells withheld in a row shown (`withheld_procedure_cells`)

    @property
    def ege(self) -> bool:
        return self.assessment.kind == AssessmentKind.EGE


def withheld_procedure_cells(f: fig.Figures, ege: bool, privacy: Privacy) -> set[str]:
    """The cells of a procedure's row withheld although the row is shown: «low» (the «2» share; ЕГЭ — below the
    minimum), «high» («4» и «5»; ЕГЭ — 81–100 баллов) and «mean». ВПР, ОГЭ: the marks are three groups (1–2, 3,
    4–5) of the printed participants, treated as the year marks (`withheld_shares`); the mean mark is withheld with
    a share, since with the total and the other share it narrows the hidden group down to a value or two. ЕГЭ: the
    two shares are of different totals (participants; those with a test score), each withheld when its part or
    its rest is a small group (`Privacy.discloses`); the mean test score tells no group's size."""
    if ege:
        cells = {"low"} if privacy.discloses(f.failed, f.results) else set()
        return cells | ({"high"} if privacy.discloses(f.high_scorers, f.test_scored) else set())
    low, middle, good = f.marks[1] + f.marks[2], f.marks[3], f.marks[4] + f.marks[5]
    hidden = privacy.hidden_groups({"low": low, "middle": middle, "good": good})
    cells = {name for name, group in (("low", "low"), ("high", "good")) if group in hidden}
    return cells | {"mean"} if cells else cells


def procedure_lines(
    school: OrgUnit, year: int, mo: Association, privacy: Privacy
) -> list[ProcedureLine]:
    """ВПР, ОГЭ, ЕГЭ of the МО's subjects with results, by kind, subject and grade: two queries."""
    procedures = list(
        Assessment.objects.filter(
            with_main_results(),
            school=school,
            year_id=year,
            kind__in=PROCEDURE_KINDS,
            subject_id__in=mo.subject_ids,
        )
        .select_related("subject")
        .order_by("kind", "subject__name", "grade", "date", "assessment_id")
    )
    order = {kind: n for n, kind in enumerate(PROCEDURE_KINDS)}
    procedures.sort(
        key=lambda a: order[AssessmentKind(a.kind)]
    )  # stable: subject, grade and date within a kind
    loaded = (
        fig.load(
            [school.pk],
            [year],
            by=("assessment",),
            assessments=[a.assessment_id for a in procedures],
            codes=fig.SUMMARY_CODES,
        )
        if procedures
        else {}
    )
    t = Thresholds.configured()
    lines = []
    for a in procedures:
        f = loaded.get((year, a.assessment_id), fig.Figures())
        flags = objectivity_flags(
            f, max_score=a.max_score, mark_scale=a.mark_scale, t=t, assessment=a.pk
        )
        lines.append(
            ProcedureLine(
                a,
                procedure_label(a.kind, a.subject.name if a.subject else "", a.grade),
                f,
                flags,
                privacy.too_small(f.results),
                withheld_procedure_cells(f, a.kind == AssessmentKind.EGE, privacy),
            )
        )
    return lines


# --- 4. olympiads --------------------------------------------------------------------------------------


OLYMPIAD_KINDS = (EventKind.VSOSH, EventKind.LISTED_OLYMPIAD, EventKind.OLYMPIAD)
SHORT_STEM = 3  # a word of a subject's name whose stem is shorter is matched whole («ИЗО», «и»)


@dataclass
class Olympiads:
    """Section 4's figures. `by_level`: {level: {result: participations}} of the МО's subjects — the records whose
    «предмет» is one of them, and those without a «предмет» whose event's name names one of them and no other
    subject («Олимпиада по математике»); `by_name` of them attributed by the name. `unattributed`: the school's
    olympiad records of the year (ВСОШ, перечневая, олимпиада; or no kind and «олимпиад» in the name) without a
    «предмет» and whose name names no subject, or several («Физтех», «Высшая проба»): no МО's, counted so that the
    document says they exist."""

    by_level: dict[EventLevel, Counter] = field(default_factory=dict)
    by_name: int = 0
    unattributed: int = 0

    @property
    def participations(self) -> int:
        return sum(sum(c.values()) for c in self.by_level.values())


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", _folded(text))


def _stems(name: str) -> tuple[str, ...]:
    """A subject's name as the beginnings of its words without their endings («математика» → «математик»,
    «русский язык» → «русск», «язык»): the name declined in an event's («по математике», «по русскому языку»)
    begins with them."""
    out = []
    for word in _words(name):
        stem = word.rstrip("аеиоуыэюяйь")
        out.append(stem if len(stem) >= SHORT_STEM else word + " ")  # a space: the whole word, see `_names`
    return tuple(out)


def _names(stems: tuple[str, ...], words: list[str]) -> bool:
    """Whether `words` (an event's name) hold the subject's stems one after another."""
    return bool(stems) and any(
        all((words[i + j] + " " == stem) if stem.endswith(" ") else words[i + j].startswith(stem)
            for j, stem in enumerate(stems))
        for i in range(len(words) - len(stems) + 1)
    )


def subject_named(event: str, subjects: dict[int, tuple[str, ...]]) -> int | None:
    """The subject (id) the event's name names, if exactly one: {id: `_stems` of its name}. A subject named inside
    another's name is the other («олимпиада по родному русскому языку» — «Родной русский язык», not «Русский
    язык»); two subjects named, or none — None."""
    words = _words(event)
    found = {pk: stems for pk, stems in subjects.items() if _names(stems, words)}
    kept = [pk for pk, stems in found.items()
            if not any(other != pk and len(o) > len(stems) and _names(stems, [w.rstrip() for w in o])
                       for other, o in found.items())]
    return kept[0] if len(kept) == 1 else None


def olympiads(school: OrgUnit, year: int, mo: Association) -> Olympiads:
    """Two GROUP BYs: the records with a «предмет» (any case, «ё» as «е»), and those without by the event's name;
    and the names of the subjects, to tell which one a name names."""
    names = {_folded(name) for _, name in mo.subjects}
    out = Olympiads()

    def add(level: str, result: str, n: int) -> None:
        out.by_level.setdefault(EventLevel(level), Counter())[EventResult(result)] += n

    events = Event.objects.filter(school=school, year_id=year)
    for subject, level, result, n in (
        events.exclude(subject="").values_list("subject", "level", "result").annotate(n=Count("pk")).order_by()
    ):
        if _folded(subject.strip()) in names:
            add(level, result, n)
    without = list(events.filter(subject="").values_list("event", "kind", "level", "result")
                   .annotate(n=Count("pk")).order_by())
    if without:
        subjects = {pk: _stems(name) for pk, name in Subject.objects.values_list("pk", "name")}
        ours = {pk for pk, _ in mo.subjects}
        for event, kind, level, result, n in without:
            named = subject_named(event, subjects)
            if named in ours:
                add(level, result, n)
                out.by_name += n
            elif named is None and (kind in OLYMPIAD_KINDS or (not kind and "олимпиад" in _folded(event))):
                out.unattributed += n
    out.by_level = dict(sorted(out.by_level.items(), key=lambda item: list(EventLevel).index(item[0])))
    return out


# --- the whole -----------------------------------------------------------------------------------------


@dataclass
class Analysis:
    school: OrgUnit
    year: int
    mo: Association
    teachers: list[Teacher]
    grades: list[GradeLine]
    procedures: list[ProcedureLine]
    olympiads: Olympiads
    visits: list[TeacherRow]
    privacy: Privacy

    @property
    def attestation_next_year(self) -> list[Teacher]:
        return [t for t in self.teachers if t.development.attestation_year == self.year + 1]

    @property
    def courses_next_year(self) -> list[Teacher]:
        return [t for t in self.teachers if t.development.next_course_year == self.year + 1]

    @property
    def overdue(self) -> list[Teacher]:
        """The category expired or expiring this year, or courses overdue or never taken: late already."""
        return [
            t
            for t in self.teachers
            if t.development.needs_attestation or t.development.needs_courses
        ]


def analysis(
    school: OrgUnit, year: int, mo: Association, today: datetime.date | None = None
) -> Analysis:
    privacy = Privacy(on=True)
    staff = teachers(school, year, mo, today or datetime.date.today())
    visits = LessonVisit.objects.filter(
        school=school, year_id=year, teacher_id__in=[t.development.staff.pk for t in staff]
    )
    return Analysis(
        school,
        year,
        mo,
        staff,
        grade_lines(school, year, mo, privacy),
        procedure_lines(school, year, mo, privacy),
        olympiads(school, year, mo),
        teacher_rows(visits),
        privacy,
    )


def build(school: OrgUnit, year: int, mo: str | None = None) -> Document:
    """The registry's: the МО `mo` (Association.key), else the school's first."""
    return document(analysis(school, year, association_of(school, year, mo)))


# --- the document --------------------------------------------------------------------------------------


def title(a: Analysis) -> str:
    return f"Анализ работы методического объединения за {year_label(a.year)} учебный год"


def document(a: Analysis) -> Document:
    doc = Document(
        title(a),
        [
            a.school.name,
            a.mo.heading,
            f"Составлен по данным ВСОКО {datetime.date.today():%d.%m.%Y}. Для внутреннего "
            "пользования: называет педагогов; обучающиеся не названы.",
        ],
    )
    staff_section(doc.section("1. Состав методического объединения"), a)
    marks_section(doc.section("2. Итоги учебного года по предметам МО"), a)
    procedures_section(doc.section("3. Оценочные процедуры"), a)
    olympiads_section(doc.section("4. Олимпиады и конкурсы"), a)
    training_section(doc.section("5. Повышение квалификации и аттестация"), a)
    visits_section(doc.section("6. Посещённые уроки"), a)
    conclusions = doc.section("7. Выводы и задачи на следующий год")
    conclusions.blocks += [Paragraph(text) for text in conclusion_sentences(a)]
    conclusions.blocks += [
        Paragraph("Задачи МО на следующий учебный год:"),
        *(Paragraph(f"{n}. {BLANK_LINE}") for n in range(1, 6)),
    ]
    doc.signature = [
        "Руководитель МО ____________________ / ____________________ /",
        "Дата: «____» ____________ 20___ г.",
    ]
    return doc


def staff_section(section: Section, a: Analysis) -> None:
    if not a.teachers:
        section.blocks.append(
            Paragraph(
                f"В сведениях о педагогах за {year_label(a.year)} учебный год нет учителей предметов МО ({a.mo.names}): "
                "загрузите лист «Педагоги» пакета данных с предметами каждого учителя."
            )
        )
        return
    table = Table(
        [
            "Учитель",
            "Должность",
            "Предметы",
            "Категория",
            "Дата аттестации",
            "Стаж, лет",
            "Курсы в этом году",
        ]
    )
    for t in a.teachers:
        d = t.development
        table.add(
            t.name,
            d.position or "—",
            d.subject_names or "—",
            d.category or "нет",
            d.category_date or "—",
            Number(t.experience) if t.experience is not None else "—",
            "; ".join(_course(e) for e in t.courses) or "нет",
        )
    table.notes.append(
        "Учителя — педагогические работники из сведений о педагогах этого учебного года, в предметах "
        "которых есть предмет МО; стаж — полных лет педагогического стажа на 1 сентября."
    )
    section.blocks.append(table)


def _course(event: StaffEvent) -> str:
    hours = f", {event.hours} ч" if event.hours else ""
    return f"{event.title}{hours}"


def change_cell(change: Change | None) -> Cell:
    """«+8,3 п. п.» a number (right-aligned, a number in a spreadsheet), as the shares it compares; «без изменений»
    where the shown shares are equal, «—» where there is nothing to compare."""
    if change is None or change.delta is None:
        return "—"
    if as_shown(change.delta, Unit.PERCENT) == 0:
        return change.signed  # «без изменений»
    return Number.of(as_shown(change.delta, Unit.PERCENT), 1, " п. п.", signed=True)


def marks_section(section: Section, a: Analysis) -> None:
    if not a.grades:
        section.blocks.append(
            Paragraph(
                f"Годовых отметок по предметам МО за {year_label(a.year)} учебный год нет: "
                "загрузите лист «Отметки за периоды» пакета данных (период «год»)."
            )
        )
        return
    before = year_label(a.year - 1)
    table = Table(
        [
            "Предмет",
            "Класс (параллель)",
            "Отметок",
            "Успеваемость, %",
            f"Изменение к {before}",
            "Качество, %",
            f"Изменение к {before}",
        ]
    )
    for line in a.grades:
        if line.withheld:
            table.add(
                capitalised(line.subject),
                f"{line.grade} класс",
                HIDDEN,
                HIDDEN,
                HIDDEN,
                HIDDEN,
                HIDDEN,
            )
            continue
        hidden = line.hidden
        table.add(
            capitalised(line.subject),
            f"{line.grade} класс",
            Number(line.now.graded),
            HIDDEN if "success" in hidden else percent_cell(line.now.success),
            change_cell(line.change("success")),
            HIDDEN if "quality" in hidden else percent_cell(line.now.quality),
            change_cell(line.change("quality")),
        )
    table.notes += [
        "Годовые отметки обучающихся 2–11 классов, состоящих в контингенте на конец года; успеваемость — доля "
        "отметок без «2», «1», «н/а» и «незачёт», качество — доля «4» и «5» (как «Итоги периода»). Изменение — "
        f"к той же параллели в {before} учебном году (другие обучающиеся), в процентных пунктах.",
        f"«—*» — не указано: в параллели меньше {a.privacy.minimum} отметок по предмету, по долям можно узнать "
        "отметки отдельных обучающихся; или доля говорит о группе меньше "
        f"{a.privacy.minimum} обучающихся (например, неуспевающих) — вычитанием из числа отметок, — или позволяет "
        "вычислить такую группу по другой доле. «—» в изменении — год назад сравнивать не с чем или доля не "
        "указывается.",
    ]
    if any(HIDDEN in row.cells for row in table.rows):
        # The table may run over pages: «—*» is read on the first of them, its note is under the last.
        section.blocks.append(Paragraph(
            f"«{HIDDEN.text}» в таблице — значение не указывается: оно говорит о группе меньше {a.privacy.minimum} "
            "обучающихся или позволяет её вычислить (подробнее — под таблицей)."))
    section.blocks.append(table)


def procedures_section(section: Section, a: Analysis) -> None:
    if not a.procedures:
        section.blocks.append(
            Paragraph(
                f"ВПР, ОГЭ и ЕГЭ по предметам МО за {year_label(a.year)} учебный год с "
                "результатами нет."
            )
        )
        return
    table = Table(
        [
            "Процедура",
            "Дата",
            "Участников",
            "Средняя отметка (ЕГЭ — средний тестовый балл)",
            "«2» (ЕГЭ — ниже порога)",
            "«4» и «5» (ЕГЭ — 81–100 баллов)",
            "Признаки необъективности",
        ]
    )
    for line in a.procedures:
        f = line.figures
        if line.withheld:
            table.add(
                line.label, line.assessment.date or "—", HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN
            )
            continue
        table.add(
            line.label,
            line.assessment.date or "—",
            Number(f.results),
            *procedure_cells(line),
            flags_words(line.flags),
        )
    table.notes.append(
        "Участники — выполнявшие работу в основной день; доли — среди работ с отметкой (ЕГЭ — среди "
        "участников). Признаки необъективности — по правилам раздела «Анализ» (docs/analysis.md). "
        f"«—*» — меньше {a.privacy.minimum} участников; в строке с числом участников — доля, которая говорит о "
        f"группе меньше {a.privacy.minimum} человек или позволяет её вычислить (и средняя отметка с ней)."
    )
    section.blocks.append(table)


def procedure_cells(line: ProcedureLine) -> list[Cell]:
    f = line.figures
    if line.ege:
        cells = [
            mean_cell(f.mean_test_score),
            percent_cell(f.failed_share),
            percent_cell(fig.percent(f.high_scorers, f.test_scored)),
        ]
    else:
        cells = [mean_cell(f.mean_mark), percent_cell(f.twos), percent_cell(f.quality)]
    return [HIDDEN if name in line.hidden else cell for name, cell in zip(("mean", "low", "high"), cells, strict=True)]


def olympiads_section(section: Section, a: Analysis) -> None:
    if not a.olympiads.by_level:
        section.blocks.append(
            Paragraph(
                f"Участий в олимпиадах и конкурсах по предметам МО ({a.mo.names}) за {year_label(a.year)} учебный год в "
                "данных нет (учитываются записи листа «Олимпиады и конкурсы», где указан предмет МО, а без предмета "
                "— если предмет МО назван в названии мероприятия)."
            )
        )
        section.blocks += [Paragraph(text) for text in unattributed_sentences(a.olympiads)]
        return
    table = Table(["Уровень", "Участий всего", "Победители", "Призёры"])
    for level, results in a.olympiads.by_level.items():
        table.add(
            level.label,
            Number(sum(results.values())),
            Number(results[EventResult.WINNER]),
            Number(results[EventResult.PRIZE]),
        )
    table.notes.append(
        "Участия — записи об участии обучающихся (один обучающийся в двух олимпиадах — два участия); "
        "учтены записи, где в графе «предмет / направление» указан предмет МО"
        + (
            f", и {a.olympiads.by_name} {plural(a.olympiads.by_name, 'запись', 'записи', 'записей')} без предмета, "
            "в названии мероприятия которых назван предмет МО и никакой другой (например, «олимпиада по "
            "математике»)."
            if a.olympiads.by_name
            else "."
        )
    )
    section.blocks.append(table)
    section.blocks += [Paragraph(text) for text in unattributed_sentences(a.olympiads)]


def unattributed_sentences(o: Olympiads) -> list[str]:
    """The school's olympiad records without a subject that no МО's analysis counts, if any."""
    if not o.unattributed:
        return []
    n = o.unattributed
    return [
        f"В данных школы за год {n} {plural(n, 'запись', 'записи', 'записей')} об участии в олимпиадах без "
        "предмета, и по названию олимпиады предмет не определить (например, многопрофильная олимпиада): "
        f"{plural(n, 'она не отнесена', 'они не отнесены', 'они не отнесены')} ни к одному МО и здесь не "
        "учтены. Чтобы учесть, укажите предмет в графе «предмет / направление» листа «Олимпиады и конкурсы»."
    ]


def training_section(section: Section, a: Analysis) -> None:
    if not a.teachers:
        section.blocks.append(
            Paragraph("Учителей МО в сведениях о педагогах этого года нет (раздел 1).")
        )
        return
    trained = [t for t in a.teachers if t.courses]
    n = len(a.teachers)
    section.blocks.append(
        Paragraph(
            f"Курсы повышения квалификации или переподготовку в {year_label(a.year)} учебном году прошли "
            f"{len(trained)} из {n} {plural(n, 'учителя', 'учителей', 'учителей')} МО"
            + (f": {', '.join(t.name for t in trained)}." if trained else ".")
        )
    )
    due = Table(["Учитель", "Категория", "Действует до", "Аттестация", "Курсы"])
    listed = [
        t
        for t in a.teachers
        if t in a.attestation_next_year or t in a.courses_next_year or t in a.overdue
    ]
    for t in listed:
        d = t.development
        expires = d.category_expires - datetime.timedelta(days=1) if d.category_expires else "—"
        due.add(
            t.name, d.category or "нет", expires, d.category_status.label, _courses_due(d, a.year)
        )
    if listed:
        due.notes.append(
            "Категория действует 5 лет; курсы — раз в 3 года (правила перспективного плана аттестации и "
            "курсов, раздел «Педагоги»). В таблице — кому аттестация или курсы нужны в следующем учебном "
            "году, и у кого срок уже прошёл."
        )
        section.blocks.append(due)
    else:
        section.blocks.append(
            Paragraph(
                "Аттестация и курсы в следующем учебном году никому из учителей МО не "
                "требуются, просроченных нет."
            )
        )


def _courses_due(d: DevelopmentRow, year: int) -> str:
    if d.next_course_year == year + 1:
        return f"нужны в {year_label(year + 1)} учебном году"
    return d.course_status.label


def visits_section(section: Section, a: Analysis) -> None:
    if not a.visits:
        section.blocks.append(
            Paragraph("Посещения уроков учителей МО за этот учебный год в журнале не записаны.")
        )
        return
    visits = sum(r.visits for r in a.visits)
    section.blocks.append(
        Paragraph(
            f"Посещено уроков и мероприятий учителей МО: {visits}, у {len(a.visits)} "
            f"{plural(len(a.visits), 'учителя', 'учителей', 'учителей')}; средний балл — "
            f"{_text(mean_score(a.visits))} из {MAX_TOTAL}."
        )
    )
    table = Table(["Учитель", "Посещений", f"Средний балл (из {MAX_TOTAL})", "Последнее посещение"])
    for r in a.visits:
        table.add(
            r.teacher.full_name,
            Number(r.visits),
            "—" if r.mean_score is None else Number.of(r.mean_score, 1),
            r.last_visit,
        )
    section.blocks.append(table)


def mean_score(rows: list[TeacherRow]) -> Fraction | None:
    """The mean total score over every visit (each teacher's mean weighed by their visits)."""
    scored = [(r.mean_score, r.visits) for r in rows if r.mean_score is not None]
    visits = sum(n for _, n in scored)
    return sum((Fraction(m) * n for m, n in scored), Fraction(0)) / visits if visits else None


def _text(value: Fraction | None) -> str:
    return "—" if value is None else Number.of(value, 1).text


def conclusion_sentences(a: Analysis) -> list[str]:
    """What the figures say, for the МО to agree with or to correct before the meeting."""
    out = []
    shown = [line for line in a.grades if not line.withheld]
    perfect = [line for line in shown if line.now.success == 100]
    failing = [line for line in shown if line.now.success is not None and line.now.success < 100
               and "success" not in line.hidden]
    if failing:
        out.append(
            "Успеваемость ниже 100 %: "
            + "; ".join(
                f"{line.subject.lower()}, {line.grade} класс — {_text(line.now.success)} %"
                for line in failing
            )
            + "."
        )
    elif perfect:
        out.append("Успеваемость по предметам МО — 100 % во всех параллелях, где её можно указать.")
    compared = [(line, line.change("quality")) for line in shown]
    rose = [(line, c) for line, c in compared if c is not None and c.arrow == "▲"]
    fell = [(line, c) for line, c in compared if c is not None and c.arrow == "▼"]
    if rose:
        out.append(
            f"Качество выросло по сравнению с {year_label(a.year - 1)} учебным годом: "
            + "; ".join(_moved(line, c) for line, c in rose)
            + "."
        )
    if fell:
        out.append(
            f"Качество снизилось по сравнению с {year_label(a.year - 1)} учебным годом: "
            + "; ".join(_moved(line, c) for line, c in fell)
            + "."
        )
    flagged = [line for line in a.procedures if line.flags and not line.withheld]
    if flagged:
        out.append(
            "Признаки необъективности результатов: "
            + "; ".join(line.label for line in flagged)
            + " — сверить отметки по журналу с результатами работ."
        )
    elif a.procedures:
        out.append(
            "Признаков необъективности результатов ВПР, ОГЭ и ЕГЭ по предметам МО не выявлено."
        )
    winners = sum(c[EventResult.WINNER] + c[EventResult.PRIZE] for c in a.olympiads.by_level.values())
    if a.olympiads.by_level:
        out.append(f"Победителей и призёров олимпиад и конкурсов по предметам МО — {winners}.")
    if a.attestation_next_year:
        out.append(
            f"В {year_label(a.year + 1)} учебном году аттестация: "
            + ", ".join(t.name for t in a.attestation_next_year)
            + "."
        )
    if late := a.overdue:
        out.append(
            "Срок аттестации или курсов уже прошёл либо истекает в этом году: "
            + ", ".join(t.name for t in late)
            + "."
        )
    if not out:
        out.append("Данных для выводов за этот учебный год недостаточно.")
    return out


def _moved(line: GradeLine, change: Change) -> str:
    return f"{line.subject.lower()}, {line.grade} класс ({change.signed})"
