"""What every third-party reader produces, and its translation into the package's tables.

A reader (ФИС ОКО, РЦОИ, the journal) turns a file into a Protocol: procedures
with their tasks, participants' results and period marks, each row still naming
its person as the file does (code, name, class). `to_source_tables` then matches
the people (matching.py) and writes the rows of the canonical package
(assessments, assessment_tasks, results, marks) exactly as a school would fill
the template by hand, so validation and storing are the canonical importer's.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from vsoko.assessments.enums import MatchStatus
from vsoko.assessments.grading import ScaleError, derive_mark, scale_defaults, scale_for
from vsoko.assessments.matching import PersonRef, RowMatch, match_students
from vsoko.assessments.sources.grid import Sheet
from vsoko.assessments.subjects import stored_subject_names, subject_key, subject_name_for
from vsoko.imports.cells import cell_text
from vsoko.imports.issues import HEADER_REPEATED, ImportIssue
from vsoko.imports.readers import RawTable, SourceTables
from vsoko.imports.tables import TABLES
from vsoko.records import years
from vsoko.records.enums import AssessmentKind, Attempt, Difficulty, Period
from vsoko.records.models import Assessment, OrgUnit


@dataclass
class TaskDef:
    task: str
    max_points: int
    difficulty: str = ""  # Difficulty value


@dataclass
class AssessmentDef:
    kind: AssessmentKind
    subject: str
    grade: int | None
    year: int
    row: int
    date: datetime.date | None = None
    max_score: int | None = None
    tasks: list[TaskDef] = field(default_factory=list)
    stored_id: str = ""  # the code the school already keeps this procedure under (adopt_stored_codes)
    replaced_tasks: list[str] = field(default_factory=list)  # stored tasks the file would remove (imports.task_lists)

    @property
    def assessment_id(self) -> str:
        return self.stored_id or assessment_code(self.kind, self.year, self.subject, self.grade)


def adopt_stored_codes(protocols: list[Protocol], *, school: OrgUnit) -> None:
    """A procedure the school already has under its own code (its package's «vpr-2026-4-rus») keeps that code, so
    the protocol updates it rather than adding a second procedure of the same work: the one stored procedure of the
    same kind, school year, subject and grade (one query). With several (a reserve day beside the main one) and
    none of them under the protocol's own code, the protocol's code stays."""
    defs = [a for p in protocols for a in p.assessments]
    if not defs:
        return
    stored: dict[tuple, list[str]] = defaultdict(list)
    for code, kind, year, grade, subject in (
            Assessment.objects.filter(school=school, year_id__in={a.year for a in defs},
                                      kind__in={a.kind for a in defs})
            .values_list("assessment_id", "kind", "year_id", "grade", "subject__name").order_by("assessment_id")):
        stored[(kind, year, grade, subject_key(subject or ""))].append(code)
    for a in defs:
        codes = stored.get((a.kind, a.year, a.grade, subject_key(a.subject)), [])
        if len(codes) == 1 and codes[0] != a.assessment_id:
            a.stored_id = codes[0]


def assessment_code(kind: str, year: int, subject: str, grade: int | None) -> str:
    """The procedure's code in the package: «ВПР-2025-русский язык-4», «ЕГЭ-2024-математика (профиль)»."""
    parts = [AssessmentKind(kind).label, str(year), subject_key(subject)]
    if grade and kind not in (AssessmentKind.OGE, AssessmentKind.EGE):
        parts.append(str(grade))
    return "-".join(parts)[:64]


@dataclass
class ResultRow:
    person: PersonRef
    assessment: AssessmentDef
    absent: bool = False
    attempt: str = Attempt.MAIN
    primary_score: Decimal | None = None
    test_score: Decimal | None = None
    mark: int | None = None
    journal_mark: int | None = None
    points: dict[str, Decimal] = field(default_factory=dict)


@dataclass
class MarkRow:
    person: PersonRef
    year: int
    period: Period
    subject: str
    mark: str
    row: int | None = None  # the row of the mark when it is not the person's (a journal's subject row)


@dataclass
class Protocol:
    sheet: Sheet
    assessments: list[AssessmentDef] = field(default_factory=list)
    results: list[ResultRow] = field(default_factory=list)
    marks: list[MarkRow] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    corrections: list[ImportIssue] = field(default_factory=list)  # what was read otherwise than typed

    def issue(self, table: str, row: int | None, column: str, value: object, message: str) -> None:
        self.issues.append(ImportIssue(table, row, column, cell_text(value), message, self.sheet.source))

    def data_rows(self, table: str, header_row: int, start: int | None = None):
        """The filled rows below the header; an exact copy of the header row is skipped and said."""
        for number, cells in self.sheet.filled_rows(header_row + 1 if start is None else start):
            if self.sheet.repeats_row(number, header_row):
                self.corrections.append(ImportIssue(table, number, "", "", HEADER_REPEATED, self.sheet.source))
                continue
            yield number, cells

    def people(self) -> dict[int, list[PersonRef]]:
        """People to match (each once), by school year."""
        found: dict[int, dict[PersonRef, None]] = defaultdict(dict)
        for result in self.results:
            found[result.assessment.year][result.person] = None
        for mark in self.marks:
            found[mark.year][mark.person] = None
        return {year: list(people) for year, people in found.items()}


def match_protocol(protocol: Protocol, *, school: OrgUnit) -> list[RowMatch]:
    """The match table of a protocol, in row order."""
    matches = []
    for year, people in sorted(protocol.people().items()):
        matches += match_students(people, school=school, year=year)
    return sorted(matches, key=lambda m: m.person.row)


def to_source_tables(protocol: Protocol, *, school: OrgUnit, matches: list[RowMatch] | None = None) -> SourceTables:
    """The canonical tables of a protocol; unmatched people become issues naming their rows."""
    matches = match_protocol(protocol, school=school) if matches is None else matches
    found = {(m.person.row, m.person.assessment_id): m for m in matches}
    source = SourceTables(issues=list(protocol.issues), corrections=list(protocol.corrections))
    present = {r.person for r in protocol.results if not r.absent} | {m.person for m in protocol.marks}
    for match in matches:
        # An absentee nobody can name carries no result: the row is left out, not an error.
        if match.status != MatchStatus.MATCHED and match.person in present:
            source.issues.append(ImportIssue(
                "results" if protocol.results else "marks", match.person.row, match.person.column,
                match.person.label, match.message, protocol.sheet.source))

    def student_id(person: PersonRef) -> str | None:
        match = found.get((person.row, person.assessment_id))
        return match.student.student_id if match and match.status == MatchStatus.MATCHED else None

    where = protocol.sheet.source
    subjects = stored_subject_names()
    if protocol.assessments:
        source.add(RawTable(TABLES["assessments"], where, ASSESSMENT_COLUMNS, iter(_assessment_rows(protocol, subjects))))
        source.add(RawTable(TABLES["assessment_tasks"], where, TASK_COLUMNS, iter(_task_rows(protocol))))
    if protocol.results:
        source.add(RawTable(TABLES["results"], where, RESULT_COLUMNS, iter(_result_rows(protocol, student_id))))
    if protocol.marks:
        source.add(RawTable(TABLES["marks"], where, MARK_COLUMNS, iter(_mark_rows(protocol, student_id, subjects))))
    return source


ASSESSMENT_COLUMNS = ["assessment_id", "year", "kind", "subject", "grade", "date", "max_score", "min_score",
                      "mark_scale", "test_scale"]
TASK_COLUMNS = ["assessment_id", "task", "max_points", "difficulty"]
RESULT_COLUMNS = ["assessment_id", "student_id", "attempt", "absent", "primary_score", "test_score", "mark",
                  "journal_mark", "task_scores"]
MARK_COLUMNS = ["year", "period", "student_id", "subject", "mark"]


def _assessment_rows(protocol: Protocol, subjects: dict[str, str]):
    for a in protocol.assessments:
        scale = scale_defaults(kind=a.kind, subject=a.subject, grade=a.grade, year=a.year)
        yield a.row, [
            a.assessment_id, school_year_label(a.year), AssessmentKind(a.kind).label, subject_name_for(a.subject, subjects),
            a.grade, a.date, a.max_score if a.max_score is not None else scale.get("max_score"),
            scale.get("min_score"), scale.get("mark_scale"), scale.get("test_scale"),
        ]


def _task_rows(protocol: Protocol):
    for a in protocol.assessments:
        for task in a.tasks:
            difficulty = Difficulty(task.difficulty).label if task.difficulty else None
            yield a.row, [a.assessment_id, task.task, task.max_points, difficulty]


def _result_rows(protocol: Protocol, student_id):
    scales = {a.assessment_id: scale_for(a.kind, a.subject, a.grade, a.year) for a in protocol.assessments}
    for r in protocol.results:
        code = student_id(r.person)
        if code is None:
            continue
        tasks = r.assessment.tasks
        scores = ";".join(_plain(r.points.get(t.task)) for t in tasks) if r.points and not r.absent else None
        mark = r.mark if r.mark is not None or r.absent else conditional_mark(scales[r.assessment.assessment_id], r)
        yield r.person.row, [
            r.assessment.assessment_id, code, Attempt(r.attempt).label, r.absent, r.primary_score, r.test_score,
            mark, r.journal_mark, scores,
        ]


def conditional_mark(scale, result: ResultRow) -> int | None:
    """The mark of a scale with extra conditions (ОГЭ: ГК1–ГК4, geometry), when the file has the task points.

    Without conditions, or without the points they need, the mark is left to the
    canonical importer, which derives it from the procedure's mark scale.
    """
    if scale is None or not scale.conditions or not scale.mark_scale or not result.points:
        return None
    needed = {task for condition in scale.conditions for task in condition["tasks"]}
    if not needed <= set(result.points):
        return None
    primary = result.primary_score if result.primary_score is not None else sum(result.points.values(), Decimal(0))
    try:
        return derive_mark(scale.mark_scale, primary, conditions=scale.conditions, task_points=result.points)
    except ScaleError:
        return None  # the canonical importer reports a score outside the scale


def _mark_rows(protocol: Protocol, student_id, subjects: dict[str, str]):
    for m in protocol.marks:
        code = student_id(m.person)
        if code is not None:
            yield m.row or m.person.row, [school_year_label(m.year), m.period.label, code, subject_name_for(m.subject, subjects), m.mark]


def _plain(value: Decimal | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == value.to_integral_value() else str(value)


def school_year_label(year: int) -> str:
    return f"{year}/{year + 1}"


# reading cells of protocols

NOT_DONE = {"x", "х", "-", "—", "–"}  # ФИС ОКО: «X» — задание не выполнялось, counted as 0 points
NO_MARK = {"", "-", "—", "нет отметки", "нет", "н/о", "не указана"}


class ValueProblem(ValueError):
    """A protocol cell that cannot be read; the message is for the user."""


def read_points(cell: object, max_points: int | None) -> Decimal | None:
    """Points for a task: a number, «X»/«-» = 0, empty = not given."""
    text = cell_text(cell).strip()
    if text == "":
        return None
    if text.lower() in NOT_DONE:
        return Decimal(0)
    value = read_number(text, "балл за задание")
    if value < 0 or (max_points is not None and value > max_points):
        raise ValueProblem(f"балл за задание должен быть от 0 до {max_points}")
    return value


def read_number(cell: object, what: str) -> Decimal:
    text = cell_text(cell).replace(" ", "").replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueProblem(f"{what}: ожидается число") from None
    if not value.is_finite() or value != value.quantize(Decimal("0.1")):
        raise ValueProblem(f"{what}: ожидается число (не больше одного знака после запятой)")
    return value.quantize(Decimal("0.1")) if value != value.to_integral_value() else Decimal(int(value))


def read_mark(cell: object, *, low: int = 2) -> int | None:
    text = cell_text(cell).strip().lower()
    if text in NO_MARK:
        return None
    if re.fullmatch(r"[1-5](\.0)?", text) and int(float(text)) >= low:
        return int(float(text))
    raise ValueProblem(f"отметка должна быть от {low} до 5 (или «нет отметки»)")


def school_year_of(date: datetime.date | None, calendar_year: int | None) -> int | None:
    """The school year (its start) of a procedure held on `date`, or in spring of `calendar_year`."""
    if date is not None:
        return years.school_year_of(date)
    return calendar_year - 1 if calendar_year else None


DATE_TEXT = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
ISO_DATE_TEXT = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")  # «2026-06-02», as the package accepts it


def read_date(cell: object) -> datetime.date | None:
    if isinstance(cell, datetime.datetime):
        return cell.date()
    if isinstance(cell, datetime.date):
        return cell
    text = cell_text(cell)
    if found := DATE_TEXT.search(text):
        day, month, year = found.groups()
    elif found := ISO_DATE_TEXT.search(text):
        year, month, day = found.groups()
    else:
        return None
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None
