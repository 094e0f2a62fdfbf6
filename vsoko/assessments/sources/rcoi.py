"""ОГЭ and ЕГЭ result sheets from the regional processing centre (РЦОИ).

Regions export differently, so the reader goes by what the columns mean (the
tolerant matcher in headers.py), not by their positions: ФИО (or Фамилия, Имя,
Отчество), документ, ОО, класс, задания с кратким ответом (a string such as
`++-+1-+` or `1;0;1`), задания с развёрнутым ответом (criteria points such as
`2(2)1(3)0(2)` or `2 1 0`), or one column per task, первичный балл, тестовый балл
(ЕГЭ), отметка (ОГЭ, ЕГЭ по математике базового уровня). A «Предмет» column allows
one sheet for several subjects; otherwise the subject, the exam and its date come
from the title rows, the sheet name or the file name.

Short-answer tasks are numbered 1…n and detailed-answer tasks n+1…; a task's
maximum is written in the criteria string (`2(3)`) or, for short answers, the
highest points anyone got (at least 1).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from vsoko.assessments.enums import ColumnRole as R
from vsoko.assessments.matching import PersonRef, class_key
from vsoko.assessments.sources.grid import Sheet, column_letter, norm
from vsoko.assessments.sources.headers import HeaderCell, HeaderRow, find_header_row
from vsoko.assessments.sources.protocol import (
    AssessmentDef,
    Protocol,
    ResultRow,
    TaskDef,
    ValueProblem,
    assessment_code,
    read_date,
    read_mark,
    read_number,
    read_points,
    school_year_of,
)
from vsoko.assessments.subjects import find_subject, subject_key
from vsoko.records.enums import AssessmentKind

EXAMS = [
    (re.compile(r"гвэ\s*[-–]?\s*9"), AssessmentKind.GVE9),
    (re.compile(r"гвэ\s*[-–]?\s*11"), AssessmentKind.GVE11),
    (re.compile(r"\bегэ\b|гиа\s*[-–]?\s*11"), AssessmentKind.EGE),
    (re.compile(r"\bогэ\b|гиа\s*[-–]?\s*9"), AssessmentKind.OGE),
]
GRADES = {AssessmentKind.OGE: 9, AssessmentKind.GVE9: 9, AssessmentKind.EGE: 11, AssessmentKind.GVE11: 11}
ABSENT_WORDS = ("неявк", "не явил", "отсутств", "удален", "не закончил")
YEAR = re.compile(r"\b(20\d\d)\b")
CRITERIA = re.compile(r"(\d+(?:[.,]\d)?)\s*\(\s*(\d+)\s*\)")
ANSWER_WORDS = {"+": Decimal(1), "-": Decimal(0), "x": Decimal(0), "х": Decimal(0)}


@dataclass
class ExamInfo:
    kind: AssessmentKind | None = None
    subject: str = ""
    date: object = None
    calendar_year: int | None = None
    row: int = 1
    school_year: int | None = None  # said by the user: wins over dates and titles


@dataclass
class _Row:
    number: int
    person: PersonRef
    subject: str
    absent: bool
    short: list[Decimal] = field(default_factory=list)
    long: list[tuple[Decimal, int | None]] = field(default_factory=list)
    tasks: dict[str, Decimal] = field(default_factory=dict)
    primary: Decimal | None = None
    test: Decimal | None = None
    mark: int | None = None
    date: object = None


def rcoi_header(sheet: Sheet) -> HeaderRow | None:
    """A header with a person's name and exam columns (answers, test score, or primary score and mark)."""
    header = find_header_row(sheet)
    if header is None or not (header.has(R.FULL_NAME) or header.has(R.LAST_NAME)):
        return None
    exam_columns = header.has(R.SHORT_ANSWERS) or header.has(R.LONG_ANSWERS) or header.has(R.TEST_SCORE)
    scored = header.has(R.PRIMARY_SCORE) and (header.has(R.MARK) or header.has(R.DOCUMENT))
    return header if exam_columns or scored else None


def is_rcoi(sheet: Sheet, path: Path) -> bool:
    header = rcoi_header(sheet)
    if header is None:
        return False
    return header.has(R.TEST_SCORE) or header.has(R.SHORT_ANSWERS) or header.has(R.LONG_ANSWERS) \
        or exam_info(sheet, path, header.row).kind is not None


def exam_info(sheet: Sheet, path: Path, last_row: int) -> ExamInfo:
    info = ExamInfo()
    lines = [(n, " ".join(t for t in sheet.row_texts(n) if t)) for n in range(1, max(last_row, 1))]
    lines += [(1, sheet.name), (1, path.stem.replace("_", " "))]
    for number, line in lines:
        value = norm(line)
        if not value:
            continue
        if info.kind is None:
            for pattern, kind in EXAMS:
                if pattern.search(value):
                    info.kind, info.row = kind, number
                    break
        if not info.subject and (subject := find_subject(value)):
            info.subject = subject
        if info.date is None:
            info.date = read_date(line)
        if info.calendar_year is None and (year := YEAR.search(value)):
            info.calendar_year = int(year[1])
    return info


def read_rcoi(sheet: Sheet, path: Path, overrides: dict | None = None, *, header: HeaderRow | None = None) -> Protocol:
    """`overrides` (kind, subject, date, calendar_year) are what the user said on the import page."""
    protocol = Protocol(sheet)
    header = header or rcoi_header(sheet)
    if header is None:
        protocol.issue("", None, "", "", "Не найдена строка заголовков: нужны столбцы ФИО (или Фамилия, Имя) и "
                       "результаты (первичный балл, тестовый балл или отметка).")
        return protocol
    info = exam_info(sheet, path, header.row)
    for key, attr in (("kind", "kind"), ("subject", "subject"), ("date", "date"), ("year", "school_year")):
        if (overrides or {}).get(key):
            setattr(info, attr, overrides[key])
    if info.kind is not None:
        info.kind = AssessmentKind(info.kind)
    info.subject = subject_key(info.subject) if info.subject else ""
    if info.kind is None:
        info.kind = AssessmentKind.EGE if header.has(R.TEST_SCORE) else None
    if info.kind is None:
        protocol.issue("assessments", None, "", "", "Не удалось определить экзамен (ОГЭ, ЕГЭ, ГВЭ): его нет ни в "
                       "заголовке листа, ни в названии листа или файла. Укажите его на странице «Загрузка протоколов».")
        return protocol
    rows = _read_rows(protocol, header, info)
    by_subject: dict[str, list[_Row]] = defaultdict(list)
    for row in rows:
        by_subject[row.subject].append(row)
    for subject, subject_rows in by_subject.items():
        if not subject:
            protocol.issue("results", subject_rows[0].number, "", "", (
                "Не удалось определить предмет: нет ни столбца «Предмет», ни названия предмета в заголовке, "
                "названии листа или файла."))
            continue
        _assessment(protocol, header, info, subject, subject_rows)
    return protocol


def _read_rows(protocol: Protocol, header: HeaderRow, info: ExamInfo) -> list[_Row]:
    sheet = protocol.sheet
    col = {role: header.col(role) for role in R}
    cell_of = {c.role: c for c in header.cells if c.role}
    unknown_score = [c for c in header.unknown() if norm(c.text) in ("балл", "баллы", "результат")]
    if unknown_score and col[R.TEST_SCORE] is None and info.kind in (AssessmentKind.EGE,) and col[R.PRIMARY_SCORE] is not None:
        col[R.TEST_SCORE], cell_of[R.TEST_SCORE] = unknown_score[0].col, unknown_score[0]
    elif unknown_score and col[R.PRIMARY_SCORE] is None:
        col[R.PRIMARY_SCORE], cell_of[R.PRIMARY_SCORE] = unknown_score[0].col, unknown_score[0]
    grade = GRADES.get(info.kind)
    rows = []
    for number, _ in protocol.data_rows("results", header.row):
        def text(role: R, number: int = number) -> str:
            return sheet.text(number, col[role]) if col.get(role) is not None else ""

        name = text(R.FULL_NAME) or " ".join(p for p in (text(R.LAST_NAME), text(R.FIRST_NAME), text(R.MIDDLE_NAME)) if p)
        if not name and not text(R.STUDENT_ID):
            continue  # totals, signatures, spacer rows
        subject = subject_key(text(R.SUBJECT)) if text(R.SUBJECT) else info.subject
        status = " ".join(norm(sheet.text(number, c.col)) for c in header.cells if c.role in (R.ABSENT, R.OTHER))
        absent = any(word in status for word in ABSENT_WORDS) or norm(text(R.ABSENT)) in ("да", "+", "1")
        name_cell = cell_of.get(R.FULL_NAME) or cell_of.get(R.LAST_NAME)
        person = PersonRef(
            row=number, source=sheet.source, student_id=text(R.STUDENT_ID), name=name,
            class_name=class_key(text(R.CLASS)), grade=grade,
            assessment_id=_code(info, subject), column=name_cell.text if name_cell else "",
        )
        row = _Row(number, person, subject, absent, date=read_date(sheet.cell(number, col[R.DATE])) if col[R.DATE] is not None else None)
        if not absent and _read_scores(protocol, sheet, number, header, col, cell_of, row):
            rows.append(row)
        elif absent:
            rows.append(row)
    return rows


def _code(info: ExamInfo, subject: str) -> str:
    year = info.school_year or school_year_of(info.date, info.calendar_year) or 0
    return assessment_code(info.kind, year, subject or "?", GRADES.get(info.kind))


def _read_scores(protocol, sheet, number, header, col, cell_of, row: _Row) -> bool:
    ok = True

    def problem(role_cell: HeaderCell, value: object, message: str) -> None:
        nonlocal ok
        protocol.issue("results", number, f"{role_cell.text} [{column_letter(role_cell.col)}]", value, message)
        ok = False

    if col[R.SHORT_ANSWERS] is not None:
        raw = sheet.text(number, col[R.SHORT_ANSWERS])
        try:
            row.short = short_answers(raw)
        except ValueProblem as exc:
            problem(cell_of[R.SHORT_ANSWERS], raw, str(exc))
    if col[R.LONG_ANSWERS] is not None:
        raw = sheet.text(number, col[R.LONG_ANSWERS])
        try:
            row.long = long_answers(raw)
        except ValueProblem as exc:
            problem(cell_of[R.LONG_ANSWERS], raw, str(exc))
    for task_cell in header.tasks():
        try:
            value = read_points(sheet.cell(number, task_cell.col), task_cell.max_points)
        except ValueProblem as exc:
            problem(task_cell, sheet.cell(number, task_cell.col), str(exc).capitalize() + ".")
            continue
        if value is not None:
            row.tasks[task_cell.task] = value
    for role, attr, reader in ((R.PRIMARY_SCORE, "primary", lambda v: read_number(v, "первичный балл")),
                               (R.TEST_SCORE, "test", lambda v: read_number(v, "тестовый балл")),
                               (R.MARK, "mark", read_mark)):
        raw = sheet.text(number, col[role]) if col[role] is not None else ""
        if not raw:
            continue
        try:
            setattr(row, attr, reader(raw))
        except ValueProblem as exc:
            problem(cell_of[role], raw, str(exc).capitalize() + ".")
    if row.test is not None and not 0 <= row.test <= 100:
        problem(cell_of[R.TEST_SCORE], str(row.test), "Тестовый балл должен быть от 0 до 100.")
    return ok


def short_answers(text: str) -> list[Decimal]:
    """`++-+1-` or `1;0;1` or `1 0 1` → points per task."""
    value = text.strip().lower()
    if not value:
        return []
    parts = re.split(r"[;,\s]+", value) if re.search(r"[;,\s]", value) else list(value)
    points = []
    for part in parts:
        if part in ANSWER_WORDS:
            points.append(ANSWER_WORDS[part])
        elif part.isdigit():
            points.append(Decimal(int(part)))
        else:
            raise ValueProblem(f"Непонятный ответ «{part}»: ожидаются «+», «-» или число баллов за каждое задание.")
    return points


def long_answers(text: str) -> list[tuple[Decimal, int | None]]:
    """`2(2)1(3)0(2)` → [(2, 2), (1, 3), (0, 2)]; `2 1 0` → maxima unknown."""
    value = text.strip().lower()
    if not value:
        return []
    found = CRITERIA.findall(value)
    if found and CRITERIA.sub("", value).strip(" ;,") == "":
        pairs = [(Decimal(p.replace(",", ".")), int(m)) for p, m in found]
        for points, limit in pairs:
            if points > limit:
                raise ValueProblem(f"Балл {points} больше максимума {limit}.")
        return pairs
    return [(p, None) for p in short_answers(value)]


def _assessment(protocol: Protocol, header: HeaderRow, info: ExamInfo, subject: str, rows: list[_Row]) -> None:
    dates = [r.date for r in rows if r.date] or ([info.date] if info.date else [])
    date = min(dates) if dates else None
    year = info.school_year or school_year_of(date, info.calendar_year)
    if year is None:
        protocol.issue("assessments", info.row, "", "", (
            "Не удалось определить год экзамена: нет ни даты, ни года в заголовке, названии листа или файла."))
        return
    tasks = _tasks(protocol, header, rows)
    if tasks is None:
        return
    assessment = AssessmentDef(info.kind, subject, GRADES.get(info.kind), year, info.row, date=date, tasks=tasks)
    for row in rows:
        person = replace(row.person, assessment_id=assessment.assessment_id)
        result = ResultRow(person, assessment, absent=row.absent, primary_score=row.primary,
                           test_score=row.test, mark=row.mark)
        if not row.absent:
            names = [t.task for t in tasks]
            values = row.short + [p for p, _ in row.long]
            result.points = dict(zip(names, values, strict=False)) | row.tasks
        protocol.results.append(result)
    protocol.assessments.append(assessment)


def _tasks(protocol: Protocol, header: HeaderRow, rows: list[_Row]) -> list[TaskDef] | None:
    present = [r for r in rows if not r.absent]
    short_n = {len(r.short) for r in present if r.short}
    long_n = {len(r.long) for r in present if r.long}
    for counts, role, what in ((short_n, R.SHORT_ANSWERS, "кратким"), (long_n, R.LONG_ANSWERS, "развёрнутым")):
        if len(counts) > 1:
            usual = max(counts, key=lambda n: sum(1 for r in present if len(r.short if role == R.SHORT_ANSWERS else r.long) == n))
            for r in present:
                given = r.short if role == R.SHORT_ANSWERS else r.long
                if given and len(given) != usual:
                    cell = next(c for c in header.cells if c.role == role)
                    protocol.issue("results", r.number, f"{cell.text} [{column_letter(cell.col)}]", "", (
                        f"Заданий с {what} ответом {len(given)}, а в других строках {usual}."))
            return None
    n_short, n_long = max(short_n, default=0), max(long_n, default=0)
    tasks = []
    for i in range(n_short):
        top = max((r.short[i] for r in present if len(r.short) > i), default=Decimal(1))
        tasks.append(TaskDef(str(i + 1), max(int(top), 1)))
    for i in range(n_long):
        limits = [r.long[i][1] for r in present if len(r.long) > i and r.long[i][1] is not None]
        top = max((r.long[i][0] for r in present if len(r.long) > i), default=Decimal(1))
        tasks.append(TaskDef(str(n_short + i + 1), max(limits) if limits else max(int(top), 1)))
    taken = {t.task for t in tasks}
    for cell in header.tasks():
        if cell.task in taken:
            continue
        top = max((r.tasks.get(cell.task, Decimal(0)) for r in present), default=Decimal(1))
        tasks.append(TaskDef(cell.task, cell.max_points or max(int(top), 1)))
    return tasks
