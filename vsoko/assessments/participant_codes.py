"""The school's list of ВПР participant codes: «Код участника» beside the student.

ФИС ОКО gives the school five-digit codes; which code is whose is known only in
the school (ru-domain.md §2.1). A list with a «Код участника» column and either
«Код обучающегося» (the package's student_id) or ФИО and «Класс» is matched like
any protocol and stored all-or-nothing; a «Код процедуры» column ties a code to
one procedure instead of the whole year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from vsoko.assessments.enums import ColumnRole as R
from vsoko.assessments.enums import MatchStatus
from vsoko.assessments.matching import (
    PersonRef,
    RowMatch,
    class_key,
    match_students,
    remember_codes,
)
from vsoko.assessments.sources.grid import Sheet, norm, read_sheets
from vsoko.assessments.sources.headers import HeaderRow, classify_row
from vsoko.records.models import OrgUnit


@dataclass
class CodeList:
    saved: int = 0
    matches: list[RowMatch] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _header(sheet: Sheet) -> HeaderRow | None:
    for number in range(1, min(20, len(sheet.rows)) + 1):
        header = HeaderRow(number, classify_row(sheet.row_texts(number)))
        if header.has(R.PARTICIPANT_CODE) and (header.has(R.STUDENT_ID) or header.has(R.FULL_NAME) or header.has(R.LAST_NAME)):
            return header
    return None


def load_participant_codes(path: Path, *, school: OrgUnit, year: int, name: str = "") -> CodeList:
    """Read, match and (when every row is found) store a code list; nothing is stored otherwise. `name` is the file's
    name as the user gave it, quoted in the messages (the copy on disk has a neutral one); the path's name by default."""
    result = CodeList()
    file_name = name or Path(path).name
    people: list[tuple[str, str, PersonRef]] = []
    for sheet in read_sheets(Path(path), file_name):
        header = _header(sheet)
        if header is None:
            continue
        assessment_col = next((c.col for c in header.cells if norm(c.text) == "код процедуры"), None)
        for number, _ in sheet.filled_rows(header.row + 1):
            def text(role: R, number: int = number, sheet: Sheet = sheet, header: HeaderRow = header) -> str:
                col = header.col(role)
                return sheet.text(number, col) if col is not None else ""

            code = text(R.PARTICIPANT_CODE)
            name = text(R.FULL_NAME) or " ".join(p for p in (text(R.LAST_NAME), text(R.FIRST_NAME), text(R.MIDDLE_NAME)) if p)
            if not code:
                if name or text(R.STUDENT_ID):
                    result.problems.append(f"{sheet.source}, строка {number}: не указан код участника.")
                continue
            assessment_id = sheet.text(number, assessment_col) if assessment_col is not None else ""
            person = PersonRef(row=number, source=sheet.source, student_id=text(R.STUDENT_ID), name=name,
                               class_name=class_key(text(R.CLASS)), column="ФИО")
            people.append((code, assessment_id, person))
    if not people and not result.problems:
        result.problems.append(
            f"Файл «{file_name}»: не найдена таблица со столбцами «Код участника» и «Код обучающегося» "
            "(или «ФИО» и «Класс»).")
        return result
    result.matches = match_students([p for _, _, p in people], school=school, year=year)
    for (code, _, person), match in zip(people, result.matches, strict=True):
        if match.status != MatchStatus.MATCHED:
            result.problems.append(f"{person.source}, строка {person.row}, код {code}, «{person.label}»: {match.message}")
    seen: dict[tuple[str, str], int] = {}
    for code, assessment_id, person in people:
        first = seen.setdefault((code, assessment_id), person.row)
        if first != person.row:
            result.problems.append(f"{person.source}, строка {person.row}: код {code} уже указан в строке {first}.")
    if result.problems:
        return result
    with transaction.atomic():
        for (code, assessment_id, _), match in zip(people, result.matches, strict=True):
            result.saved += remember_codes(school=school, year=year, pairs=[(code, match.student)],
                                           assessment_id=assessment_id)
    return result
