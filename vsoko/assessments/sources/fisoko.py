"""ВПР files from ФИС ОКО: «Индивидуальные результаты» (Ф1) and the «Форма сбора результатов».

Ф1 (ru-domain.md §2.4 а): above the table the rows «ВПР 2026 Русский язык 4 класс»,
«Предмет», «Максимальный первичный балл», «Дата» and the school line «<ОО>
(edu123456) | Кол-во участников: 25»; the header row `ОО | Муниципалитет | Название
ОО | Код участника | Класс | Вариант | [Пол] | [ФИО] | 1 (2б) | 9.1 (1б) | 2К1 (1б)
… | Первичный балл | Отметка | Отметка по журналу`, optionally with a row of levels
Б/П above the task headers. «X»/«Х» and «-» in a task mean it was not done (0 points).

The form (§2.4 б): sheet «Протокол», header `1(1б) … K(Nб)` in row 1, the participant
code in column A, «отсутствовал» left of the points for an absentee, X = 0. The form
does not say which ВПР it is: that comes from a title on any sheet, the file name
(«ВПР 2026 Русский язык 4 класс.xlsx») or the import page.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from vsoko.assessments.enums import ColumnRole as R
from vsoko.assessments.matching import PersonRef, class_key
from vsoko.assessments.sources.grid import Sheet, column_letter, norm
from vsoko.assessments.sources.headers import HeaderCell, HeaderRow, classify_row, find_header_row
from vsoko.assessments.sources.protocol import (
    AssessmentDef,
    Protocol,
    ResultRow,
    TaskDef,
    ValueProblem,
    read_date,
    read_mark,
    read_number,
    read_points,
    school_year_of,
)
from vsoko.assessments.subjects import find_subject, subject_key
from vsoko.records.enums import AssessmentKind, Difficulty

TITLE = re.compile(r"впр\s*[-–]?\s*(\d{4})\s+(.+?)\s+(\d{1,2})\s*(?:класс|кл\b)", re.IGNORECASE)
SPRING_YEAR = re.compile(r"\b(20\d\d)\b")
GRADE = re.compile(r"\b(\d{1,2})\s*(?:-?\s*(?:й|ый|ой))?\s*(?:класс|кл\b)", re.IGNORECASE)
LEVELS = {"б": Difficulty.BASIC, "п": Difficulty.ADVANCED, "в": Difficulty.HIGH}
TASK_NUMBER = re.compile(r"^(\d+)")
ABSENT_WORDS = {"отсутствовал", "отсутствовала", "отсутствует", "не писал", "не писала", "неявка"}


@dataclass
class VprInfo:
    """What a file says about its ВПР; empty fields are unknown."""

    calendar_year: int | None = None
    subject: str = ""
    grade: int | None = None
    date: datetime.date | None = None
    max_score: int | None = None
    row: int = 1
    school_year: int | None = None  # said by the user: wins over the date and the title

    def merged(self, other: VprInfo) -> VprInfo:
        return VprInfo(
            self.calendar_year or other.calendar_year, self.subject or other.subject, self.grade or other.grade,
            self.date or other.date, self.max_score or other.max_score, self.row,
            self.school_year or other.school_year,
        )

    @property
    def year(self) -> int | None:
        return self.school_year or school_year_of(self.date, self.calendar_year)

    @classmethod
    def from_overrides(cls, overrides: dict) -> VprInfo:
        """What the user said on the import page: subject, grade, year (school year start), date."""
        return cls(subject=overrides.get("subject") or "", grade=overrides.get("grade"),
                   date=overrides.get("date"), school_year=overrides.get("year"))


def is_f1(sheet: Sheet) -> bool:
    if "индивидуальн" in sheet.name.lower():
        return True
    return any(TITLE.search(t) for t in sheet.top_texts(12)) and _header(sheet) is not None


def is_vpr_form(sheets: list[Sheet]) -> bool:
    return any(norm(s.name) == "протокол" for s in sheets) and not any(is_f1(s) for s in sheets)


def vpr_info(sheet: Sheet, *, last_row: int = 15) -> VprInfo:
    """The title and metadata rows above the table."""
    info = VprInfo()
    for number in range(1, min(last_row, len(sheet.rows)) + 1):
        texts = sheet.row_texts(number)
        line = " ".join(t for t in texts if t)
        title = TITLE.search(line)
        if title and info.calendar_year is None:
            info = VprInfo(int(title[1]), title[2].strip(), int(title[3]), info.date, info.max_score, number)
        for col, text in enumerate(texts):
            label = norm(text)
            value = _value_after(sheet, number, col, text)
            if label.startswith("предмет") and value and not info.subject:
                info.subject = value
            elif label.startswith("максимальный первичный балл") and value:
                try:
                    info.max_score = int(read_number(value, "максимальный балл"))
                except ValueProblem:
                    pass
            elif label.startswith("дата") and info.date is None:
                info.date = read_date(sheet.cell(number, col + 1)) or read_date(value)
    return info


def _value_after(sheet: Sheet, row: int, col: int, text: str) -> str:
    """«Предмет: Русский язык» in one cell, or «Предмет» | «Русский язык» in two."""
    if ":" in text:
        return text.split(":", 1)[1].strip()
    return next((t for t in sheet.row_texts(row)[col + 1:] if t), "")


def info_from_text(text: str) -> VprInfo:
    """«ВПР 2026 Русский язык 4 класс» anywhere in a file name or a title."""
    text = text.replace("_", " ")
    title = TITLE.search(text)
    if title:
        return VprInfo(int(title[1]), title[2].strip(), int(title[3]))
    year, grade = SPRING_YEAR.search(text), GRADE.search(text)
    return VprInfo(int(year[1]) if year else None, find_subject(text) or "", int(grade[1]) if grade else None)


def _header(sheet: Sheet) -> HeaderRow | None:
    header = find_header_row(sheet)
    return header if header and header.tasks() else None


def read_f1(sheet: Sheet) -> Protocol:
    protocol = Protocol(sheet)
    header = _header(sheet)
    if header is None:
        protocol.issue("", None, "", "", "Не найдена строка заголовков таблицы: ожидаются столбцы «Код участника», "
                       "«Класс», задания вида «1 (2б)», «Первичный балл», «Отметка».")
        return protocol
    info = vpr_info(sheet, last_row=header.row - 1)
    assessment = _assessment(protocol, info, header, difficulty_row=header.row - 1)
    if assessment is None:
        return protocol
    _read_rows(protocol, assessment, header, first_row=header.row + 1)
    return protocol


def read_vpr_form(
    sheet: Sheet, info: VprInfo, *, header: HeaderRow | None = None, kind: AssessmentKind = AssessmentKind.VPR,
) -> Protocol:
    """The «Протокол» sheet (or a mapped layout); `info` from the workbook, its file name or the user."""
    protocol = Protocol(sheet)
    header = header or _form_header(sheet)
    if header is None:
        protocol.issue("", 1, "", "", "На листе «Протокол» не найдена строка заголовков с заданиями вида «1(1б)».")
        return protocol
    assessment = _assessment(protocol, info, header, difficulty_row=header.row - 1, kind=kind)
    if assessment is None:
        return protocol
    _read_rows(protocol, assessment, header, first_row=header.row + 1)
    return protocol


def _form_header(sheet: Sheet) -> HeaderRow | None:
    """The first row with task headers; column A is the participant code when its header is not a name."""
    for number in range(1, min(10, len(sheet.rows)) + 1):
        cells = classify_row(sheet.row_texts(number))
        if any(c.role == R.TASK and c.max_points for c in cells):
            header = HeaderRow(number, cells)
            if header.col(R.PARTICIPANT_CODE) is None and header.col(R.FULL_NAME) is None:
                first = next((c for c in cells if c.col == 0), None)
                if first is None or first.role in (None, R.OTHER):
                    text = first.text if first else "столбец A"
                    cells = [c for c in cells if c.col != 0] + [HeaderCell(0, text, R.PARTICIPANT_CODE)]
                    header = HeaderRow(number, sorted(cells, key=lambda c: c.col))
            return header
    return None


def _assessment(
    protocol: Protocol, info: VprInfo, header: HeaderRow, *, difficulty_row: int,
    kind: AssessmentKind = AssessmentKind.VPR,
) -> AssessmentDef | None:
    missing = [what for what, value in (("год", info.year), ("предмет", info.subject), ("класс", info.grade)) if not value]
    if missing:
        protocol.issue("assessments", info.row, "", "", (
            f"Не удалось определить {', '.join(missing)} процедуры: нет строки вида «ВПР 2026 Русский язык 4 класс» "
            "ни над таблицей, ни в имени файла. Добавьте её или укажите сведения о процедуре на странице "
            "«Загрузка протоколов»."))
        return None
    tasks = []
    for cell in header.tasks():
        if cell.max_points is None:
            protocol.issue("assessment_tasks", header.row, _where(cell), cell.text,
                           "Не указан максимальный балл задания: заголовок должен быть вида «1 (2б)».")
            continue
        level = LEVELS.get(norm(protocol.sheet.text(difficulty_row, cell.col))) if difficulty_row >= 1 else None
        tasks.append(TaskDef(cell.task, cell.max_points, level or ""))
    duplicates = sorted({t.task for t in tasks if [x.task for x in tasks].count(t.task) > 1})
    if duplicates:
        protocol.issue("assessment_tasks", header.row, "", ", ".join(duplicates), "Задание повторяется в заголовке.")
    total = sum(t.max_points for t in tasks)
    skipped = skipped_tasks([c.task for c in header.tasks()])
    if skipped:
        protocol.issue("assessment_tasks", header.row, "", ", ".join(skipped), (
            f"В заголовке нет {'столбца задания' if len(skipped) == 1 else 'столбцов заданий'} "
            f"{', '.join(skipped)}: задания ВПР нумеруются подряд, а баллы за пропущенные не попали бы в загрузку. "
            "Верните столбец (выгрузите файл из ФИС ОКО заново)."))
    elif info.max_score is not None and tasks and total != info.max_score:
        protocol.issue("assessment_tasks", header.row, "", str(total), (
            f"Сумма максимальных баллов заданий ({total}) не равна максимальному первичному баллу "
            f"из шапки файла ({info.max_score})."))
    assessment = AssessmentDef(
        kind, subject_key(info.subject), info.grade, info.year, info.row or header.row,
        date=info.date, max_score=info.max_score or (total or None), tasks=tasks,
    )
    protocol.assessments.append(assessment)
    return assessment


def skipped_tasks(tasks: list[str]) -> list[str]:
    """Numbers missing between the first and the last numbered task («1, 2, 4» → ["3"])."""
    numbers = {int(m[1]) for t in tasks if (m := TASK_NUMBER.match(t))}
    if len(numbers) < 2:
        return []
    return [str(n) for n in range(min(numbers), max(numbers) + 1) if n not in numbers]


def _where(cell: HeaderCell) -> str:
    return f"{cell.text} [{column_letter(cell.col)}]"


def _read_rows(protocol: Protocol, assessment: AssessmentDef, header: HeaderRow, *, first_row: int) -> None:
    sheet = protocol.sheet
    cols = {role: header.col(role) for role in (R.PARTICIPANT_CODE, R.STUDENT_ID, R.FULL_NAME, R.LAST_NAME,
                                                 R.FIRST_NAME, R.MIDDLE_NAME, R.CLASS, R.PRIMARY_SCORE, R.MARK,
                                                 R.JOURNAL_MARK, R.ABSENT)}
    tasks = {c.task: c for c in header.tasks() if c.max_points is not None}
    first_task = min((c.col for c in tasks.values()), default=0)
    cells_by_role = {c.role: c for c in header.cells if c.role}
    for number, _ in protocol.data_rows("results", header.row, first_row):
        def text(role: R, number: int = number) -> str:
            return sheet.text(number, cols[role]) if cols.get(role) is not None else ""

        name = text(R.FULL_NAME) or " ".join(p for p in (text(R.LAST_NAME), text(R.FIRST_NAME), text(R.MIDDLE_NAME)) if p)
        code, student_id = text(R.PARTICIPANT_CODE), text(R.STUDENT_ID)
        left = [norm(sheet.text(number, c)) for c in range(0, first_task)]
        absent = any(word in ABSENT_WORDS for word in left) or norm(text(R.ABSENT)) in ABSENT_WORDS | {"да", "+"}
        if not (code or name or student_id):
            if any(sheet.text(number, c.col) for c in tasks.values()):
                protocol.issue("results", number, "", "", "В строке есть баллы, но нет ни кода участника, ни ФИО.")
            continue  # a footer («Итого», «Среднее») or a spacer row
        person_column = cells_by_role.get(R.FULL_NAME) or cells_by_role.get(R.LAST_NAME) or cells_by_role.get(R.PARTICIPANT_CODE)
        person = PersonRef(
            row=number, source=sheet.source, student_id=student_id, code=code, name=name,
            class_name=_class_name(text(R.CLASS), assessment.grade), grade=assessment.grade,
            assessment_id=assessment.assessment_id, column=person_column.text if person_column else "",
        )
        result = ResultRow(person, assessment, absent=absent)
        ok = True
        for task, cell in tasks.items():
            try:
                value = None if absent else read_points(sheet.cell(number, cell.col), cell.max_points)
            except ValueProblem as exc:
                protocol.issue("results", number, _where(cell), sheet.cell(number, cell.col), str(exc).capitalize() + ".")
                ok = False
                continue
            if value is not None:
                result.points[task] = value
        for role, attr, reader in ((R.PRIMARY_SCORE, "primary_score", lambda v: read_number(v, "первичный балл")),
                                   (R.MARK, "mark", read_mark), (R.JOURNAL_MARK, "journal_mark",
                                                                  lambda v: read_mark(v, low=1))):
            raw = text(role)
            if not raw or absent:
                continue
            try:
                setattr(result, attr, reader(raw))
            except ValueProblem as exc:
                protocol.issue("results", number, _where(cells_by_role[role]), raw, str(exc).capitalize() + ".")
                ok = False
        if result.primary_score is not None and assessment.max_score and result.primary_score > assessment.max_score:
            protocol.issue("results", number, _where(cells_by_role[R.PRIMARY_SCORE]), text(R.PRIMARY_SCORE),
                           f"Первичный балл больше максимального ({assessment.max_score}).")
            ok = False
        if not absent and not result.points and result.primary_score is None and result.mark is None:
            result.absent = True  # no work: a participant listed without results
        if ok:
            protocol.results.append(result)


def _class_name(text: str, grade: int | None) -> str:
    """«А» in a 4th-grade file → «4А»; «4 а» → «4А»."""
    key = class_key(text)
    if key and not key[0].isdigit() and grade:
        return f"{grade}{key}"
    return key


def form_info(sheets: list[Sheet], path: Path) -> VprInfo:
    """What a «Форма сбора результатов» says about its ВПР: titles on its sheets, then the file name."""
    info = VprInfo()
    for sheet in sheets:
        info = info.merged(vpr_info(sheet, last_row=8))
    return info.merged(info_from_text(path.stem))
