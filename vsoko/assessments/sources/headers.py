"""A tolerant header matcher: what each column of a protocol holds, whatever the exporter called it.

ФИС ОКО, the forms of the ВПР and the regional processing centres (РЦОИ) name the
same columns in many ways: «ФИО», «Ф.И.О. участника», «Фамилия, имя, отчество»;
«Первичный балл», «Сумма первичных баллов»; «Отметка», «Оценка», «Балл по
пятибалльной шкале». A header is matched by exact phrases first, then by
keywords; a task header such as «1 (2б)», «9.1(1б)», «2К1 (1б)», «Задание 5»,
«В3», «С2», «ГК1» is a task with its maximum when written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vsoko.assessments.enums import ColumnRole as R
from vsoko.assessments.sources.grid import Sheet, norm

EXACT: dict[str, R] = {}
for role, phrases in {
    R.STUDENT_ID: ("код обучающегося", "student_id", "id обучающегося", "идентификатор обучающегося", "код ученика"),
    R.PARTICIPANT_CODE: ("код участника", "код", "код работы", "номер участника", "код обучающегося (впр)"),
    R.FULL_NAME: (
        "фио", "ф.и.о", "ф.и.о.", "фио участника", "ф.и.о. участника", "фио обучающегося", "фио ученика",
        "фамилия имя отчество", "фамилия, имя, отчество", "фамилия, имя, отчество участника", "участник",
        "ученик", "обучающийся", "фамилия и имя", "фамилия, имя", "фио выпускника", "выпускник",
        "ученики", "обучающиеся", "учащийся", "учащиеся", "фи", "ф.и.", "фамилия имя",
    ),
    R.LAST_NAME: ("фамилия", "фамилия участника"),
    R.FIRST_NAME: ("имя",),
    R.MIDDLE_NAME: ("отчество",),
    R.CLASS: ("класс", "кл", "кл.", "класс/группа", "класс (группа)", "литера класса"),
    R.VARIANT: ("вариант", "номер варианта", "№ варианта", "вар."),
    R.PRIMARY_SCORE: (
        "первичный балл", "первичный", "сумма первичных баллов", "сумма баллов", "итого баллов",
        "первичный балл (сумма)", "итоговый первичный балл", "сумма", "итого", "итог", "всего баллов",
    ),
    R.TEST_SCORE: (
        "тестовый балл", "тестовый", "балл по 100-балльной шкале", "балл по стобалльной шкале",
        "стобалльный балл", "вторичный балл", "балл (100)", "балл егэ",
    ),
    R.MARK: (
        "отметка", "оценка", "отметка за работу", "оценка за работу", "отметка по пятибалльной шкале",
        "балл по пятибалльной шкале", "балл по 5-балльной шкале", "отметка (5-балльная шкала)", "итоговая отметка",
    ),
    R.JOURNAL_MARK: (
        "отметка по журналу", "оценка по журналу", "отметка за предыдущий период", "отметка за четверть",
        "отметка за предыдущую четверть", "отметка в журнале",
    ),
    R.ABSENT: ("отсутствовал", "неявка", "не явился", "отсутствие", "явка"),
    R.SUBJECT: ("предмет", "учебный предмет", "название предмета", "наименование предмета"),
    R.DATE: ("дата", "дата экзамена", "дата проведения"),
    R.DOCUMENT: (
        "документ", "серия", "номер", "серия документа", "номер документа", "серия и номер документа",
        "документ, удостоверяющий личность", "паспорт", "снилс",
    ),
    R.SCHOOL: (
        "оо", "код оо", "название оо", "наименование оо", "образовательная организация", "муниципалитет",
        "ато", "код ато", "ате", "ппэ", "код ппэ", "регион", "код региона",
    ),
    R.OTHER: ("№", "№ п/п", "n", "п/п", "пол", "минимальный балл", "статус", "логин", "аудитория", "примечание"),
}.items():
    for phrase in phrases:
        EXACT[norm(phrase)] = role

# Keyword rules for headers the exact table misses, checked in order.
KEYWORDS: list[tuple[re.Pattern, R]] = [
    (re.compile(r"кратк\w* ответ|часть\s*(1|i|в)\b|тестов\w* част"), R.SHORT_ANSWERS),
    (re.compile(r"развернут\w* ответ|часть\s*(2|ii|с)\b|критери"), R.LONG_ANSWERS),
    (re.compile(r"по журналу|в журнале"), R.JOURNAL_MARK),
    (re.compile(r"первичн"), R.PRIMARY_SCORE),
    (re.compile(r"тестов\w* балл|100[- ]?балльн|стобалльн"), R.TEST_SCORE),
    (re.compile(r"^(отметка|оценка)\b|5[- ]?балльн|пятибалльн"), R.MARK),
    (re.compile(r"^ф\.?\s?и\.?\s?о|фамилия.*имя"), R.FULL_NAME),
    (re.compile(r"код участника|код работы"), R.PARTICIPANT_CODE),
    (re.compile(r"код обучающегося"), R.STUDENT_ID),
    (re.compile(r"^класс"), R.CLASS),
    (re.compile(r"вариант"), R.VARIANT),
    (re.compile(r"документ|паспорт"), R.DOCUMENT),
    (re.compile(r"\bоо\b|организац|муниципал|ппэ"), R.SCHOOL),
]

# «1 (2б)», «9.1(1б)», «2К1 (1 балл)», «Задание 5», «№ 5», «5», «В3», «С2», «ГК1», «К1», «ИК2»
TASK = re.compile(
    r"^(?:задание|зад\.?|№)?\s*"
    r"(?P<task>\d{1,2}(?:[.,]\d{1,2})?(?:\s*[кk]\s*\d{1,2})?|(?:гк|ик|ск|фк|к|в|с|b|c)\s*\d{1,2}(?:[.,]\d{1,2})?)"
    r"\s*(?:\(\s*(?:макс\.?\s*)?(?P<max>\d{1,3})\s*(?:б|балл\w*)?\.?\s*\))?$"
)


@dataclass(frozen=True)
class HeaderCell:
    col: int
    text: str
    role: R | None
    task: str = ""
    max_points: int | None = None


def task_code(raw: str) -> str:
    """«2 к 1» → «2К1», «9,1» → «9.1», «гк1» → «ГК1», «b3» → «В3»."""
    code = raw.upper().replace(" ", "").replace(",", ".").replace("K", "К")
    return code.replace("B", "В").replace("C", "С")


def classify(text: str) -> HeaderCell:
    """The role of one header cell (col is filled in by the caller)."""
    value = norm(text)
    if not value:
        return HeaderCell(-1, "", None)
    task = TASK.match(value)
    if task:
        limit = int(task["max"]) if task["max"] else None
        return HeaderCell(-1, text, R.TASK, task_code(task["task"]), limit)
    if value in EXACT:
        return HeaderCell(-1, text, EXACT[value])
    for pattern, role in KEYWORDS:
        if pattern.search(value):
            return HeaderCell(-1, text, role)
    return HeaderCell(-1, text, None)


def classify_row(cells: list[str]) -> list[HeaderCell]:
    found = []
    for col, text in enumerate(cells):
        cell = classify(text)
        if cell.text:
            found.append(HeaderCell(col, cell.text, cell.role, cell.task, cell.max_points))
    return found


@dataclass
class HeaderRow:
    row: int
    cells: list[HeaderCell]

    def col(self, role: R) -> int | None:
        """The first column with this role (a layout has one of each but tasks)."""
        return next((c.col for c in self.cells if c.role == role), None)

    def tasks(self) -> list[HeaderCell]:
        return [c for c in self.cells if c.role == R.TASK]

    def unknown(self) -> list[HeaderCell]:
        return [c for c in self.cells if c.role is None]

    def has(self, *roles: R) -> bool:
        return all(self.col(r) is not None for r in roles)


PERSON_ROLES = (R.STUDENT_ID, R.PARTICIPANT_CODE, R.FULL_NAME, R.LAST_NAME)
SCORE_ROLES = (R.PRIMARY_SCORE, R.TEST_SCORE, R.MARK, R.TASK, R.SHORT_ANSWERS, R.LONG_ANSWERS)


def find_header_row(sheet: Sheet, *, scan: int = 40) -> HeaderRow | None:
    """The row of the first `scan` that best looks like a results header.

    It must name a person (code, student id or name) and at least one score; of
    several such rows the one with the most recognised columns wins. A two-row
    header (merged «Результаты» above «Первичный балл | Тестовый балл», or «ФИО»
    merged down over two rows) is read as one: blanks of a row take the text above.
    """
    best: HeaderRow | None = None
    best_score = 0
    for number in range(1, min(scan, len(sheet.rows)) + 1):
        texts = sheet.row_texts(number)
        above = sheet.row_texts(number - 1)
        for candidate in (texts, [t or (above[i] if i < len(above) else "") for i, t in enumerate(texts)]):
            cells = classify_row(candidate)
            roles = {c.role for c in cells}
            if not roles & set(PERSON_ROLES) or not roles & set(SCORE_ROLES):
                continue
            score = sum(1 for c in cells if c.role is not None) - len([c for c in cells if c.role is None]) / 2
            if score > best_score:
                best, best_score = HeaderRow(number, cells), score
    return best
