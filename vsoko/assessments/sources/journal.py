"""The electronic journal's «итоговые отметки»: students × subjects × periods → marks rows.

Layouts recognised (ru-domain.md §4, §7.5):
- blocks per student: a name row («Иванов Иван» or «Ученик: Иванов Иван»), then
  `Дисциплины | I | II | III | IV | Год` and a row per subject (ruobr, СГО);
- a flat sheet `ФИО | Класс | Предмет | I | II | III | IV | Год` (a blank ФИО
  continues the student above, as merged cells do);
- a long sheet `ФИО | Класс | Предмет | Период | Отметка`;
- a class summary `ФИО | Русский язык | Математика | …` whose period is in the title
  or the sheet name («Итоговые отметки за I четверть», «Годовые»).

Roman periods follow the school's period system (quarters, trimesters, halves).
The school year comes from «Учебный год: 2024/2025» (or «2024-2025») in the title,
the sheet name or the file name; the class from a «Класс» column, «Класс: 8А»,
«8А класс» in the title or a sheet named «8А».

Deputies edit these files before sending them, so the reader takes a header merged
over two rows, skips totals («Средний балл», «Качество») and empty columns, and
refuses — naming the cell — what it would otherwise lose or import unseen: marks in
a column without a header or under a header that is no period, the same mark twice,
hidden rows, columns and sheets with data.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from vsoko.assessments.enums import ColumnRole as R
from vsoko.assessments.matching import PersonRef, class_key, normalize_name
from vsoko.assessments.sources.grid import Sheet, column_letter, norm
from vsoko.assessments.sources.headers import classify
from vsoko.assessments.sources.protocol import MarkRow, Protocol
from vsoko.assessments.subjects import find_subject, subject_key
from vsoko.imports.cells import cell_text
from vsoko.records.enums import Period, PeriodSystem

SCHOOL_YEAR = re.compile(r"\b(20\d\d)\s*[/\-–—]\s*(20\d\d|\d\d)\b")
CLASS_LABEL = re.compile(r"класс\s*:?\s*(\d{1,2}\s*[-«\"]?\s*[а-яё]?)(?![а-яё])", re.IGNORECASE)
CLASS_BEFORE = re.compile(r"\b(\d{1,2}\s*[-«\"]?\s*[а-яё])[»\"]?\s*класс", re.IGNORECASE)
# A cell or sheet name that is only a class: «8А», «8 «А»», «8-а».
CLASS_ONLY = re.compile(r"^\s*(\d{1,2}\s*[-«\"]?\s*[а-яё])[»\"]?\s*$", re.IGNORECASE)
CLASS_WORD = re.compile(r"\bкласс\w*|\bкл\b\.?", re.IGNORECASE)
NAME_LABEL = re.compile(r"^(?:ученик|ученица|обучающийся|обучающаяся|фио|ф\.и\.о\.?)\s*:\s*(.+)$", re.IGNORECASE)
NAME_AND_CLASS = re.compile(r"^(.+?)\s*[,(]\s*(\d{1,2}\s*[-«\"]?\s*[а-яё][»\"]?\s*(?:класс\w*|кл\.?)?)\s*\)?$",
                            re.IGNORECASE)
SUBJECT_HEADERS = {"дисциплины", "дисциплина", "предмет", "предметы", "учебный предмет", "учебные предметы"}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
UNITS = [("четв", PeriodSystem.QUARTERS), ("ч", PeriodSystem.QUARTERS), ("трим", PeriodSystem.TRIMESTERS),
         ("тр", PeriodSystem.TRIMESTERS), ("полуг", PeriodSystem.HALVES), ("п", PeriodSystem.HALVES)]
PERIOD_TEXT = re.compile(r"^(iv|i{1,3}|[1-4])\s*[-–]?\s*(?:ая|я|й|ое|е)?\s*([а-я]+\.?)?$")
UNIT_FIRST = re.compile(r"^([а-я]+\.?)\s*(iv|i{1,3}|[1-4])$")  # «Четверть 1», «Триместр II»
# «Год», «Годовая», «Годовая оценка», «За год», «Оценка за год», «Год. отм.»; not «Учебный год», «Полугодие».
YEAR_TEXT = re.compile(r"^(?:(?:отметка|оценка|отм\.|итоговая|итоговые)\s+)?(?:за\s+)?год(?:ов\w*)?\.?"
                       r"(?:\s*(?:отметка|оценка|отметки|оценки|отм\.?))?$")
FINAL_TEXT = re.compile(r"^итог(?:овая|овые|\.)?(?:\s+(?:отметка|оценка|отметки|оценки))?$")
# Columns that hold no period's mark: exams, averages, absences, counts, the teacher.
SKIP_HEADER = re.compile(r"экзам|^экз\b|средн|^ср\.?\s*балл|пропус|пропущ|качеств|успеваем|^соу\b|^кол-?во|количеств"
                         r"|учител|педагог|^%|процент")
# Rows under the table that are no pupil and no subject: «Средний балл», «Итого», «Качество знаний, %».
TOTALS = re.compile(r"^(?:средн(?:ий|яя|ее|ие)\b|ср\.\s*балл|итого\b|всего\b|качеств\w*\b|успеваемост|соу\b"
                    r"|степень обученности|кол-?во\b|количество\b|процент|%)")

MARK_WORDS = {
    "5": "5", "4": "4", "3": "3", "2": "2", "1": "1",
    "зач": "зачет", "зачет": "зачет", "зачтено": "зачет", "з": "зачет",
    "незач": "незачет", "незачет": "незачет", "не зачтено": "незачет", "нз": "незачет", "не зачет": "незачет",
    "осв": "осв", "осв.": "осв", "освобожден": "осв", "освобождена": "осв", "освоб.": "осв",
    "н/а": "н/а", "на": "н/а", "н/a": "н/а", "н\\а": "н/а", "не аттестован": "н/а", "не аттестована": "н/а",
    "н/атт": "н/а",
}
# No mark for the period: an empty cell, a dash, «нет» (the journal's «нет отметки»).
EMPTY_MARKS = {"", "-", "—", "–", "нет", "нет отметки"}
MARK_ADVICE = "Непонятная отметка: допустимы 5, 4, 3, 2, 1, зачет, незачет, осв, н/а (пустая ячейка, «-» или «нет» — отметки нет)."
# Header roles that say what a column is (so its values are no marks to look for).
DESCRIBED = {R.STUDENT_ID, R.PARTICIPANT_CODE, R.FULL_NAME, R.LAST_NAME, R.FIRST_NAME, R.MIDDLE_NAME, R.CLASS,
             R.VARIANT, R.ABSENT, R.SUBJECT, R.DATE, R.DOCUMENT, R.SCHOOL, R.OTHER}


def period_of(text: str, system: str) -> Period | None | str:
    """The period a column header stands for; "skip" for exam and average columns, None if not a period."""
    value = norm(text)
    if SKIP_HEADER.search(value):
        return "skip"
    value = re.sub(r"\s*\([^)]*\)\s*", " ", value).strip()  # «Год (итог.)», «I четверть (отметка)»
    if YEAR_TEXT.match(value):
        return Period.YEAR
    if FINAL_TEXT.match(value):
        return "final"
    for period in Period:
        if norm(period.label) == value:
            return period
    unit_first = UNIT_FIRST.match(value)
    if unit_first:
        value = f"{unit_first[2]} {unit_first[1]}"
    found = PERIOD_TEXT.match(value)
    if not found or (found[1].isdigit() and not found[2]):
        return None
    number, unit = ROMAN[found[1]], (found[2] or "").rstrip(".")
    unit_system = next((s for prefix, s in UNITS if unit.startswith(prefix)), None) if unit else system
    if unit and unit_system is None:
        return None
    periods = [p for p in Period.for_system(unit_system) if p != Period.YEAR]
    return periods[number - 1] if number <= len(periods) else None


def period_columns(cells: list[str], system: str) -> dict[int, Period]:
    """Column → period of a header row; «Итоговая» counts as the year only without a «Год» column."""
    found = {col: period_of(text, system) for col, text in enumerate(cells) if text}
    columns = {col: p for col, p in found.items() if isinstance(p, Period)}
    if Period.YEAR not in columns.values():
        columns |= {col: Period.YEAR for col, p in found.items() if p == "final"}
    return columns


def school_year_in(texts: list[str]) -> int | None:
    for text in texts:
        found = SCHOOL_YEAR.search(text)
        if found:
            start, end = int(found[1]), found[2]
            end = int(end) if len(end) == 4 else start // 100 * 100 + int(end)
            if end == start + 1:
                return start
    return None


def class_in(text: str) -> str:
    found = CLASS_LABEL.search(text) or CLASS_BEFORE.search(text) or CLASS_ONLY.match(text)
    return class_key(found[1]) if found else ""


def journal_class(text: str) -> str:
    """A class cell as journals write it: «5 А», «5-а», «5 «А»», «5а класс» → «5А»."""
    return class_key(CLASS_WORD.sub(" ", text))


def mark_word(cell: object) -> str | None:
    """The package's word for a journal mark; None for no mark; ValueError if unknown."""
    return _mark_word(cell) if isinstance(cell, str | int | float | None) else _mark_word(cell_text(cell))


@lru_cache(maxsize=512, typed=True)  # a school's file holds a handful of distinct cells, read 100 000 times
def _mark_word(cell: object) -> str | None:
    text = norm(cell)
    if text in EMPTY_MARKS:
        return None
    text = text.replace(",", ".")
    if re.fullmatch(r"[1-5]\.0+", text):
        text = text[0]
    if text in MARK_WORDS:
        return MARK_WORDS[text]
    raise ValueError(text)


def is_mark(cell: object) -> bool:
    try:
        return mark_word(cell) is not None
    except ValueError:
        return False


def is_totals(text: str) -> bool:
    return bool(TOTALS.match(text.lower()))


def is_journal(sheet: Sheet, system: str = PeriodSystem.QUARTERS) -> bool:
    return _layout(sheet, system) is not None


def _layout(sheet: Sheet, system: str) -> tuple[str, int, list[str]] | None:
    """(kind, header row, header texts) of the first header row the sheet has, else None.

    A header merged over two rows («ФИО» and «Предмет» down, «Отметки за периоды»
    across above «I | II | … | Год») is read as one: blanks of a row take the text above.
    """
    for number in range(1, min(40, len(sheet.rows)) + 1):
        texts = sheet.row_texts(number)
        above = sheet.row_texts(number - 1)
        merged = [t or (above[i] if i < len(above) else "") for i, t in enumerate(texts)]
        for candidate in (texts, merged) if merged != texts else (texts,):
            kind = _kind(candidate, system)
            if kind:
                return kind, number, candidate
    return None


def _kind(texts: list[str], system: str) -> str | None:
    periods = period_columns(texts, system)
    roles = {col: classify(t).role for col, t in enumerate(texts) if t}
    subject_col = next((c for c, t in enumerate(texts) if norm(t) in SUBJECT_HEADERS), None)
    name_col = next((c for c, r in roles.items() if r in (R.FULL_NAME, R.LAST_NAME)), None)
    if subject_col is not None and periods and name_col is None:
        return "blocks"
    if name_col is not None and subject_col is not None and periods:
        return "flat"
    if name_col is not None and subject_col is not None and any(norm(t) in ("период", "четверть") for t in texts):
        return "long"
    subjects = [c for c, t in enumerate(texts) if t and c != name_col and roles.get(c) is None and find_subject(t)]
    if name_col is not None and len(subjects) >= 2 and not periods:
        return "summary"
    return None


def read_journal(sheet: Sheet, path: Path, *, system: str = PeriodSystem.QUARTERS, year: int | None = None) -> Protocol:
    protocol = Protocol(sheet)
    layout = _layout(sheet, system)
    if layout is None:
        protocol.issue("marks", None, "", "", "Не найдена таблица итоговых отметок: ожидается строка «Дисциплины | I | "
                       "II | III | IV | Год» или столбцы «ФИО | Класс | Предмет | …».")
        return protocol
    if sheet.hidden:
        protocol.issue("marks", None, "", "", (
            "Лист скрыт, но в нём есть отметки: покажите его (правой кнопкой по ярлычку листа → Показать), "
            "проверьте и загрузите снова — или удалите лист."))
        return protocol
    if _refuse_hidden_cells(protocol):
        return protocol
    kind, header_row, header = layout
    titles = sheet.top_texts(header_row) + [sheet.name, path.stem.replace("_", " ")]
    year = year or school_year_in(titles)
    if year is None:
        protocol.issue("marks", None, "", "", (
            "Не указан учебный год: добавьте над таблицей строку «Учебный год: 2024/2025» (или год в название листа "
            "или файла) либо укажите год на странице «Загрузка протоколов»."))
        return protocol
    default_class = next((c for c in (class_in(t) for t in titles) if c), "")
    reader = {"blocks": _read_blocks, "flat": _read_flat, "long": _read_long, "summary": _read_summary}[kind]
    reader(_Marks(protocol, year, header_row), header_row, header, system, default_class, titles)
    return protocol


def _refuse_hidden_cells(protocol: Protocol) -> bool:
    """Hidden rows or columns with something in them: the user never saw what would be imported."""
    sheet = protocol.sheet
    rows = sorted(r for r in sheet.hidden_rows if any(sheet.row_texts(r)))
    columns = sorted(c for c in sheet.hidden_columns if any(sheet.text(r, c) for r in range(1, len(sheet.rows) + 1)))
    if not rows and not columns:
        return False
    parts = []
    if rows:
        parts.append("строки " + ", ".join(str(r) for r in rows[:10]) + (" и другие" if len(rows) > 10 else ""))
    if columns:
        parts.append("столбцы " + ", ".join(column_letter(c) for c in columns[:10]) + (" и другие" if len(columns) > 10 else ""))
    protocol.issue("marks", None, "", "", (
        f"Скрыты {' и '.join(parts)}, а в них есть данные: покажите их (выделите лист, правой кнопкой по заголовкам "
        "строк и столбцов → Показать), проверьте и загрузите снова — или удалите лишнее."))
    return True


class _Marks:
    """The marks of one sheet as they are read: each kept once, a repeated one named with the row it repeats."""

    def __init__(self, protocol: Protocol, year: int, header_row: int):
        self.protocol, self.year = protocol, year
        self.header_row = header_row  # of the table being read (a sheet of blocks has one per pupil)
        self.sheet = protocol.sheet
        self.seen: dict[tuple, int] = {}
        self.reported: set[tuple] = set()
        # Worked out once: a pupil has a dozen subjects, a subject hundreds of pupils.
        self.people: dict[PersonRef, tuple[str, str]] = {}
        self.subjects: dict[str, str] = {}

    def cell(self, number: int, col: int, header: str) -> str | None:
        """The mark in a cell; an unknown one is an issue naming the cell (and None)."""
        cell = self.sheet.cell(number, col)
        try:
            return mark_word(cell)
        except ValueError:
            self.protocol.issue("marks", number, f"{header} [{column_letter(col)}]", cell, MARK_ADVICE)
            return None

    def add(self, person: PersonRef, period: Period, subject: str, mark: str, number: int, *, repeated: tuple) -> None:
        """Keep a mark; `repeated` = (column, value, what) names the place when the same mark was read before."""
        who = self.people.get(person)
        if who is None:
            who = self.people[person] = (person.name_key, journal_class(person.class_name))
        subject = self.subjects.get(subject) or self.subjects.setdefault(subject, subject_key(subject))
        key = (*who, subject, period)
        first = self.seen.get(key)
        if first is not None:  # on the same row: two columns of one period, refused with the header
            column, value, what = repeated
            if first != number and (number, first) not in self.reported:
                self.reported.add((number, first))
                self.protocol.issue("marks", number, column, value,
                                    f"{what} уже есть в строке {first}: удалите повторяющуюся строку.")
            return
        self.seen[key] = number
        self.protocol.marks.append(MarkRow(person, self.year, period, subject, mark, row=number))

    def unowned(self, number: int, columns, header: list[str], why: str) -> None:
        """Marks on a row the reader cannot give to a pupil or a subject: said, not dropped."""
        col = next((c for c in columns if is_mark(self.sheet.cell(number, c))), None)
        if col is not None:
            self.protocol.issue("marks", number, f"{header[col]} [{column_letter(col)}]", self.sheet.cell(number, col),
                                f"В строке есть отметки, но {why}.")

    def stray(self, number: int, header: list[str], used: set[int], *, marks_only_in_periods: bool = True) -> None:
        """Values in columns the reader does not read: under no header, or marks under a header that is no period."""
        for col, cell in enumerate(self.sheet.rows[number - 1]):
            text = cell_text(cell)
            if col in used or not text or ("column", col) in self.reported:
                continue
            title = header[col] if col < len(header) else ""
            if not title:
                self.reported.add(("column", col))
                self.protocol.issue("marks", number, column_letter(col), text, (
                    "В столбце нет заголовка, а в строке есть значение: подпишите столбец (например, «Год» или "
                    "«II четверть») или удалите его."))
            elif marks_only_in_periods and is_mark(cell):
                self.reported.add(("column", col))
                self.protocol.issue("marks", self.header_row, column_letter(col), title, (
                    "Столбец с отметками не распознан как период: назовите его «I четверть», «2 полугодие», «Год» "
                    "и т. п. или удалите."))


def _repeated_periods(protocol: Protocol, header_row: int, header: list[str], periods: dict[int, Period]) -> bool:
    """Two columns of one period («Год» and «Годовая оценка»): which one holds the mark is not ours to guess."""
    first: dict[Period, int] = {}
    repeated = False
    for col, period in sorted(periods.items()):
        seen = first.setdefault(period, col)
        if seen != col:
            repeated = True
            protocol.issue("marks", header_row, column_letter(col), header[col], (
                f"Столбец за тот же период ({period.label}), что и столбец {column_letter(seen)} («{header[seen]}»): "
                "оставьте один."))
    return repeated


def _described(header: list[str]) -> set[int]:
    """Columns whose header says what they hold (name, class, №, exam, average…): never marks of a period."""
    return {col for col, text in enumerate(header)
            if text and (classify(text).role in DESCRIBED or period_of(text, PeriodSystem.QUARTERS) == "skip"
                         or norm(text) in SUBJECT_HEADERS)}


def _person(sheet: Sheet, number: int, name: str, class_name: str, column: str) -> PersonRef:
    return PersonRef(row=number, source=sheet.source, name=name, class_name=class_name, column=column)


def _read_blocks(marks: _Marks, header_row, header, system, class_name, titles) -> None:
    sheet = marks.sheet
    person, periods, subject_col, header, used = None, {}, 0, [], set()
    named = False  # a name row since the last header: else the block below would go to the pupil above
    orphan = False  # subject rows nobody owns, already said
    previous: tuple[int, str] | None = None
    for number, _ in sheet.filled_rows(1):
        texts = sheet.row_texts(number)
        filled = [(c, t) for c, t in enumerate(texts) if t]
        row_periods = period_columns(texts, system)
        header_subject = next((c for c, t in filled if norm(t) in SUBJECT_HEADERS), None)
        if header_subject is not None and row_periods:
            if periods and not named:
                where, text = previous or (number, "")
                marks.protocol.issue("marks", where, "", text, (
                    "Над таблицей предметов нет строки с ФИО обучающегося (или она не распознана): не понятно, чьи "
                    "это отметки. Запишите ФИО одной ячейкой: «Иванов Иван Иванович» или «Ученик: Иванов Иван "
                    "Иванович»."))
                person, orphan = None, True
            periods, subject_col, header, named = row_periods, header_subject, texts, False
            marks.header_row = number
            used = set(periods) | _described(texts)
            if tuple(texts) not in marks.reported and _repeated_periods(marks.protocol, number, texts, periods):
                marks.reported.add(tuple(texts))  # the same header above every pupil: said once
            continue
        previous = (number, " ".join(t for _, t in filled))
        line = " ".join(t for _, t in filled)
        if class_in(line) and len(filled) <= 2 and not _name_in(filled)[0]:
            class_name = class_in(line)
            continue
        name, own_class = _name_in(filled)
        if name:
            person, named, orphan = _person(sheet, number, name, own_class or class_name, "ФИО"), True, False
            continue
        subject = sheet.text(number, subject_col)
        if not periods or is_totals(filled[0][1]) or is_totals(subject):
            continue
        if not subject:
            marks.unowned(number, periods, header, _no_subject(header, subject_col))
            continue
        if person is None:
            if not orphan:
                marks.protocol.issue("marks", number, f"{header[subject_col]} [{column_letter(subject_col)}]", subject, (
                    "Строка предмета до первой строки с ФИО: не понятно, чьи это отметки. Добавьте над таблицей "
                    "строку с ФИО обучающегося («Ученик: Иванов Иван Иванович»)."))
                orphan = True  # said once for the block
            continue
        marks.stray(number, header, used)
        for col, period in periods.items():
            mark = marks.cell(number, col, header[col])
            if mark is not None:
                marks.add(person, period, subject, mark, number, repeated=(
                    f"{header[subject_col]} [{column_letter(subject_col)}]", subject,
                    f"Предмет «{subject}» у обучающегося «{person.name}»"))


def _no_subject(header: list[str], col: int) -> str:
    return f"не указан предмет: впишите его в столбец «{header[col]}» [{column_letter(col)}]"


def _name_in(filled: list[tuple[int, str]]) -> tuple[str, str]:
    """(name, class) of a student's name row: «Ученик: Иванов Иван, 5А», «1. Иванов Иван Ильич»,
    «Иванов Иван Ильич | 5 А» or a lone cell of two to four words."""
    if not filled or len(filled) > 2:
        return "", ""
    cells = [t for _, t in filled]
    klass = ""
    if len(cells) == 2 and CLASS_ONLY.match(cells[1]):
        cells, klass = cells[:1], journal_class(cells[1])
    elif len(cells) == 2 and re.fullmatch(r"\d{1,3}[.)]?", cells[0]):
        cells = cells[1:]  # the pupil's number in the list
    text = re.sub(r"^\d{1,3}\s*[.)]\s*", "", " ".join(cells))
    labelled = NAME_LABEL.match(text)
    name = labelled[1].strip() if labelled else text
    with_class = NAME_AND_CLASS.match(name)
    if with_class:
        name, klass = with_class[1], journal_class(with_class[2])
    if labelled:
        return name, klass
    words = name.replace(".", ". ").split()
    if len(cells) == 1 and 2 <= len(words) <= 4 and all(re.fullmatch(r"[А-ЯЁа-яё.\-]+", w) for w in words) \
            and words[0][:1].isupper() and not find_subject(name) and not is_totals(name):
        return name, klass
    return "", ""


def _flat_columns(header: list[str]) -> dict:
    roles = {col: classify(t).role for col, t in enumerate(header) if t}
    return {
        "texts": header,
        "name": next((c for c, r in roles.items() if r == R.FULL_NAME), None),
        "last": next((c for c, r in roles.items() if r == R.LAST_NAME), None),
        "first": next((c for c, r in roles.items() if r == R.FIRST_NAME), None),
        "middle": next((c for c, r in roles.items() if r == R.MIDDLE_NAME), None),
        "class": next((c for c, r in roles.items() if r == R.CLASS), None),
        "subject": next((c for c, t in enumerate(header) if norm(t) in SUBJECT_HEADERS), None),
    }


def _name_columns(cols: dict) -> set[int]:
    return {c for c in (cols["name"], cols["last"], cols["first"], cols["middle"], cols["class"]) if c is not None}


def _row_person(sheet, number, cols, previous: PersonRef | None, default_class: str) -> PersonRef | None:
    def text(key):
        return sheet.text(number, cols[key]) if cols[key] is not None else ""

    name = text("name") or " ".join(p for p in (text("last"), text("first"), text("middle")) if p)
    if not name:
        return previous  # merged cells: the student of the row above
    column = cols["texts"][cols["name"] if cols["name"] is not None else cols["last"]]
    return _person(sheet, number, name, journal_class(text("class")) or default_class, column)


def _totals_row(sheet: Sheet, number: int, cols: dict) -> bool:
    """«Средний балл», «Итого», «Качество знаний» under the table (in the name, subject or first filled cell)."""
    texts = [sheet.text(number, c) for c in (cols["name"], cols["last"], cols["subject"]) if c is not None]
    first = next((cell_text(c) for c in sheet.rows[number - 1] if isinstance(c, str) and c.strip()), "")
    return any(is_totals(t) for t in [*texts, first] if t)


def _read_flat(marks: _Marks, header_row, header, system, class_name, titles) -> None:
    sheet = marks.sheet
    cols = _flat_columns(header)
    periods = period_columns(header, system)
    if _repeated_periods(marks.protocol, header_row, header, periods):
        return
    used = set(periods) | _described(header) | _name_columns(cols)
    person = None
    for number, _ in marks.protocol.data_rows("marks", header_row):
        if _totals_row(sheet, number, cols):
            person = None
            continue
        person = _row_person(sheet, number, cols, person, class_name)
        subject = sheet.text(number, cols["subject"])
        if person is None or not subject:
            why = "нет ФИО обучающегося (и выше нет строки с ФИО): впишите ФИО" if person is None else _no_subject(header, cols["subject"])
            marks.unowned(number, periods, header, why)
            continue
        marks.stray(number, header, used)
        where = f"{header[cols['subject']]} [{column_letter(cols['subject'])}]"
        for col, period in periods.items():
            mark = marks.cell(number, col, header[col])
            if mark is not None:
                marks.add(person, period, subject, mark, number,
                          repeated=(where, subject, f"Предмет «{subject}» у обучающегося «{person.name}»"))


def _read_long(marks: _Marks, header_row, header, system, class_name, titles) -> None:
    sheet = marks.sheet
    cols = _flat_columns(header)
    period_col = next(c for c, t in enumerate(header) if norm(t) in ("период", "четверть"))
    mark_col = next((c for c, t in enumerate(header) if classify(t).role == R.MARK), None)
    if mark_col is None:
        marks.protocol.issue("marks", header_row, "", "", "Нет столбца «Отметка».")
        return
    used = _described(header) | _name_columns(cols) | {period_col, mark_col}
    person = None
    for number, _ in marks.protocol.data_rows("marks", header_row):
        if _totals_row(sheet, number, cols):
            person = None
            continue
        person = _row_person(sheet, number, cols, person, class_name)
        subject = sheet.text(number, cols["subject"])
        if person is None or not subject:
            why = "нет ФИО обучающегося (и выше нет строки с ФИО): впишите ФИО" if person is None else _no_subject(header, cols["subject"])
            marks.unowned(number, [mark_col], header, why)
            continue
        marks.stray(number, header, used)
        period = period_of(sheet.text(number, period_col), system)
        if not isinstance(period, Period):
            marks.protocol.issue("marks", number, f"{header[period_col]} [{column_letter(period_col)}]",
                                 sheet.text(number, period_col),
                                 "Непонятный период: ожидается «1 четверть», «II», «год» и т. п.")
            continue
        mark = marks.cell(number, mark_col, header[mark_col])
        if mark is not None:
            marks.add(person, period, subject, mark, number, repeated=(
                f"{header[cols['subject']]} [{column_letter(cols['subject'])}]", subject,
                f"Отметка обучающегося «{person.name}» по предмету «{subject}» за {period.label}"))


def _read_summary(marks: _Marks, header_row, header, system, class_name, titles) -> None:
    sheet = marks.sheet
    cols = _flat_columns(header)
    period = _period_in_titles(titles, system)
    if period is None:
        marks.protocol.issue("marks", header_row, "", "", (
            "Не указан период: добавьте в заголовок или название листа «за I четверть», «за 1 полугодие» или «годовые»."))
        return
    known = _name_columns(cols)
    described = _described(header)
    subjects = [c for c, t in enumerate(header) if t and c not in known | described and classify(t).role is None]
    if _repeated_subject_columns(marks.protocol, header_row, header, subjects):
        return
    used = known | described | set(subjects)
    for number, _ in marks.protocol.data_rows("marks", header_row):
        if _totals_row(sheet, number, cols):
            continue
        person = _row_person(sheet, number, cols, None, class_name)
        if person is None:
            marks.unowned(number, subjects, header, "нет ФИО обучающегося: впишите ФИО")
            continue
        marks.stray(number, header, used, marks_only_in_periods=False)
        for col in subjects:
            mark = marks.cell(number, col, header[col])
            if mark is not None:
                marks.add(person, period, header[col], mark, number,
                          repeated=(person.column, person.label, f"Обучающийся «{person.name}»"))


def _repeated_subject_columns(protocol: Protocol, header_row: int, header: list[str], subjects: list[int]) -> bool:
    first: dict[str, int] = {}
    repeated = False
    for col in subjects:
        seen = first.setdefault(subject_key(header[col]), col)
        if seen != col:
            repeated = True
            protocol.issue("marks", header_row, column_letter(col), header[col], (
                f"Предмет уже есть в столбце {column_letter(seen)} («{header[seen]}»): оставьте один столбец."))
    return repeated


def _period_in_titles(titles: list[str], system: str) -> Period | None:
    for title in titles:
        value = norm(title)
        if re.search(r"\bгодов|\bза год", value):
            return Period.YEAR
        found = re.search(r"\bза\s+(iv|i{1,3}|[1-4])\s*[-–]?\s*(?:ю|ю|ое|й)?\s*(четверть|триместр|полугодие)", value)
        if found:
            return period_of(f"{found[1]} {found[2]}", system)
    return None


def repeated_across_sheets(protocols: list[Protocol]) -> list[Protocol]:
    """The same pupil's mark for a subject and period on two sheets is refused, naming both places.

    Within a sheet `_Marks` finds repeats; a workbook with a sheet per class and a
    sheet «Все» would otherwise store whichever sheet came last. A class written on
    one sheet only does not make two pupils.
    """
    first: dict[tuple, list[tuple[str, Protocol, MarkRow]]] = {}
    reported = set()
    for protocol in protocols:
        kept = []
        for mark in protocol.marks:
            key = (normalize_name(mark.person.name), mark.subject, mark.period)
            klass = journal_class(mark.person.class_name)
            earlier = next((e for c, p, e in first.get(key, []) if p is not protocol and (not klass or not c or c == klass)),
                           None)
            if earlier is None:
                first.setdefault(key, []).append((klass, protocol, mark))
                kept.append(mark)
                continue
            place = (id(protocol), mark.person, earlier.person.source)
            if place not in reported:
                reported.add(place)
                sheet_name = earlier.person.source.rsplit("лист ", 1)[-1]
                protocol.issue("marks", mark.row or mark.person.row, mark.person.column, mark.person.label, (
                    f"Отметки этого обучающегося уже есть на листе {sheet_name} (строка {earlier.row or earlier.person.row}): "
                    "оставьте один лист или удалите повторяющиеся строки."))
        protocol.marks = kept
    return protocols
