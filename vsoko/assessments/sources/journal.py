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
the sheet name or the file name; the class from a «Класс» column or «Класс: 8А».
"""

from __future__ import annotations

import re
from pathlib import Path

from vsoko.assessments.enums import ColumnRole as R
from vsoko.assessments.matching import PersonRef, class_key
from vsoko.assessments.sources.grid import Sheet, column_letter, norm
from vsoko.assessments.sources.headers import classify
from vsoko.assessments.sources.protocol import MarkRow, Protocol
from vsoko.assessments.subjects import find_subject, subject_key
from vsoko.records.enums import Period, PeriodSystem

SCHOOL_YEAR = re.compile(r"\b(20\d\d)\s*[/\-–—]\s*(20\d\d|\d\d)\b")
CLASS_LABEL = re.compile(r"класс\s*:?\s*(\d{1,2}\s*[-«\"]?\s*[а-яё]?)(?![а-яё])", re.IGNORECASE)
CLASS_BEFORE = re.compile(r"\b(\d{1,2}\s*[-«\"]?\s*[а-яё])[»\"]?\s*класс", re.IGNORECASE)
NAME_LABEL = re.compile(r"^(?:ученик|ученица|обучающийся|обучающаяся|фио|ф\.и\.о\.?)\s*:\s*(.+)$", re.IGNORECASE)
SUBJECT_HEADERS = {"дисциплины", "дисциплина", "предмет", "предметы", "учебный предмет", "учебные предметы"}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
UNITS = [("четв", PeriodSystem.QUARTERS), ("ч", PeriodSystem.QUARTERS), ("трим", PeriodSystem.TRIMESTERS),
         ("тр", PeriodSystem.TRIMESTERS), ("полуг", PeriodSystem.HALVES), ("п", PeriodSystem.HALVES)]
PERIOD_TEXT = re.compile(r"^(iv|i{1,3}|[1-4])\s*[-–]?\s*(?:ая|я|й)?\s*([а-я]+\.?)?$")
YEAR_WORDS = {"год", "годовая", "годовые", "за год", "год.", "годовая отметка", "годовые отметки"}
FINAL_WORDS = {"итог", "итоговая", "итоговые", "итоговая отметка"}
SKIP_WORDS = {"экзамен", "экз", "экз.", "экзаменационная", "средний балл", "ср. балл", "пропуски"}

MARK_WORDS = {
    "5": "5", "4": "4", "3": "3", "2": "2", "1": "1",
    "зач": "зачет", "зачет": "зачет", "зачтено": "зачет", "з": "зачет",
    "незач": "незачет", "незачет": "незачет", "не зачтено": "незачет", "нз": "незачет", "не зачет": "незачет",
    "осв": "осв", "осв.": "осв", "освобожден": "осв", "освобождена": "осв", "освоб.": "осв",
    "н/а": "н/а", "на": "н/а", "н/a": "н/а", "н\\а": "н/а", "не аттестован": "н/а", "не аттестована": "н/а",
    "н/атт": "н/а",
}
EMPTY_MARKS = {"", "-", "—", "–"}


def period_of(text: str, system: str) -> Period | None | str:
    """The period a column header stands for; "skip" for exam and average columns, None if not a period."""
    value = norm(text)
    if value in YEAR_WORDS:
        return Period.YEAR
    if value in FINAL_WORDS:
        return "final"
    if value in SKIP_WORDS:
        return "skip"
    for period in Period:
        if norm(period.label) == value:
            return period
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
    found = CLASS_LABEL.search(text) or CLASS_BEFORE.search(text)
    return class_key(found[1]) if found else ""


def mark_word(cell: object) -> str | None:
    """The package's word for a journal mark; None for an empty cell; ValueError if unknown."""
    text = norm(cell)
    if text in EMPTY_MARKS:
        return None
    if re.fullmatch(r"[1-5]\.0", text):
        text = text[0]
    if text in MARK_WORDS:
        return MARK_WORDS[text]
    raise ValueError(text)


def is_journal(sheet: Sheet, system: str = PeriodSystem.QUARTERS) -> bool:
    return _layout(sheet, system) is not None


def _layout(sheet: Sheet, system: str):
    """(kind, header row, columns) of the first header row the sheet has, else None."""
    for number in range(1, min(40, len(sheet.rows)) + 1):
        texts = sheet.row_texts(number)
        periods = period_columns(texts, system)
        roles = {col: classify(t).role for col, t in enumerate(texts) if t}
        subject_col = next((c for c, t in enumerate(texts) if norm(t) in SUBJECT_HEADERS), None)
        name_col = next((c for c, r in roles.items() if r in (R.FULL_NAME, R.LAST_NAME)), None)
        if subject_col is not None and periods and name_col is None:
            return "blocks", number
        if name_col is not None and subject_col is not None and periods:
            return "flat", number
        if name_col is not None and subject_col is not None and any(norm(t) in ("период", "четверть") for t in texts):
            return "long", number
        subjects = [c for c, t in enumerate(texts) if t and c != name_col and roles.get(c) is None and find_subject(t)]
        if name_col is not None and len(subjects) >= 2 and not periods:
            return "summary", number
    return None


def read_journal(sheet: Sheet, path: Path, *, system: str = PeriodSystem.QUARTERS, year: int | None = None) -> Protocol:
    protocol = Protocol(sheet)
    layout = _layout(sheet, system)
    if layout is None:
        protocol.issue("marks", None, "", "", "Не найдена таблица итоговых отметок: ожидается строка «Дисциплины | I | "
                       "II | III | IV | Год» или столбцы «ФИО | Класс | Предмет | …».")
        return protocol
    kind, header_row = layout
    titles = sheet.top_texts(header_row) + [sheet.name, path.stem.replace("_", " ")]
    year = year or school_year_in(titles)
    if year is None:
        protocol.issue("marks", None, "", "", (
            "Не указан учебный год: добавьте над таблицей строку «Учебный год: 2024/2025» (или год в название листа "
            "или файла) либо укажите год на странице «Загрузка протоколов»."))
        return protocol
    default_class = next((c for c in (class_in(t) for t in titles) if c), "")
    reader = {"blocks": _read_blocks, "flat": _read_flat, "long": _read_long, "summary": _read_summary}[kind]
    reader(protocol, header_row, year, system, default_class, titles)
    return protocol


def _mark(protocol: Protocol, number: int, col: int, header: str, cell: object) -> str | None:
    try:
        return mark_word(cell)
    except ValueError:
        protocol.issue("marks", number, f"{header} [{column_letter(col)}]", cell, (
            "Непонятная отметка: допустимы 5, 4, 3, 2, 1, зачет, незачет, осв, н/а."))
        return None


def _person(sheet: Sheet, number: int, name: str, class_name: str, column: str) -> PersonRef:
    return PersonRef(row=number, source=sheet.source, name=name, class_name=class_name, column=column)


def _read_blocks(protocol, header_row, year, system, class_name, titles) -> None:
    sheet = protocol.sheet
    person, periods, subject_col, header = None, {}, 0, []
    for number, _ in sheet.filled_rows(1):
        texts = sheet.row_texts(number)
        filled = [(c, t) for c, t in enumerate(texts) if t]
        row_periods = period_columns(texts, system)
        header_subject = next((c for c, t in filled if norm(t) in SUBJECT_HEADERS), None)
        if header_subject is not None and row_periods:
            periods, subject_col, header = row_periods, header_subject, texts
            continue
        line = " ".join(t for _, t in filled)
        if class_in(line) and len(filled) <= 2:
            class_name = class_in(line)
            continue
        name = _name_in(filled)
        if name:
            person = _person(sheet, number, name, class_name, "ФИО")
            continue
        subject = sheet.text(number, subject_col)
        if not periods or not subject or person is None:
            continue
        for col, period in periods.items():
            mark = _mark(protocol, number, col, header[col], sheet.cell(number, col))
            if mark is not None:
                protocol.marks.append(MarkRow(person, year, period, subject_key(subject), mark))


def _name_in(filled: list[tuple[int, str]]) -> str:
    """A student's name row: «Ученик: Иванов Иван» or a lone cell of two or three words."""
    if not filled or len(filled) > 2:
        return ""
    text = " ".join(t for _, t in filled)
    labelled = NAME_LABEL.match(text)
    if labelled:
        return labelled[1].strip()
    words = text.replace(".", ". ").split()
    if len(filled) == 1 and 2 <= len(words) <= 4 and all(re.fullmatch(r"[А-ЯЁа-яё.\-]+", w) for w in words) \
            and words[0][:1].isupper() and not find_subject(text):
        return text
    return ""


def _flat_columns(sheet: Sheet, header_row: int) -> dict:
    texts = sheet.row_texts(header_row)
    roles = {col: classify(t).role for col, t in enumerate(texts) if t}
    return {
        "texts": texts,
        "name": next((c for c, r in roles.items() if r == R.FULL_NAME), None),
        "last": next((c for c, r in roles.items() if r == R.LAST_NAME), None),
        "first": next((c for c, r in roles.items() if r == R.FIRST_NAME), None),
        "middle": next((c for c, r in roles.items() if r == R.MIDDLE_NAME), None),
        "class": next((c for c, r in roles.items() if r == R.CLASS), None),
        "subject": next((c for c, t in enumerate(texts) if norm(t) in SUBJECT_HEADERS), None),
    }


def _row_person(sheet, number, cols, previous: PersonRef | None, default_class: str) -> PersonRef | None:
    def text(key):
        return sheet.text(number, cols[key]) if cols[key] is not None else ""

    name = text("name") or " ".join(p for p in (text("last"), text("first"), text("middle")) if p)
    if not name:
        return previous  # merged cells: the student of the row above
    column = cols["texts"][cols["name"] if cols["name"] is not None else cols["last"]]
    return _person(sheet, number, name, class_key(text("class")) or default_class, column)


def _read_flat(protocol, header_row, year, system, class_name, titles) -> None:
    sheet = protocol.sheet
    cols = _flat_columns(sheet, header_row)
    periods = period_columns(cols["texts"], system)
    person = None
    for number, _ in sheet.filled_rows(header_row + 1):
        person = _row_person(sheet, number, cols, person, class_name)
        subject = sheet.text(number, cols["subject"])
        if person is None or not subject:
            continue
        for col, period in periods.items():
            mark = _mark(protocol, number, col, cols["texts"][col], sheet.cell(number, col))
            if mark is not None:
                protocol.marks.append(MarkRow(person, year, period, subject_key(subject), mark))


def _read_long(protocol, header_row, year, system, class_name, titles) -> None:
    sheet = protocol.sheet
    cols = _flat_columns(sheet, header_row)
    texts = cols["texts"]
    period_col = next(c for c, t in enumerate(texts) if norm(t) in ("период", "четверть"))
    mark_col = next((c for c, t in enumerate(texts) if classify(t).role == R.MARK), None)
    if mark_col is None:
        protocol.issue("marks", header_row, "", "", "Нет столбца «Отметка».")
        return
    person = None
    for number, _ in sheet.filled_rows(header_row + 1):
        person = _row_person(sheet, number, cols, person, class_name)
        subject = sheet.text(number, cols["subject"])
        if person is None or not subject:
            continue
        period = period_of(sheet.text(number, period_col), system)
        if not isinstance(period, Period):
            protocol.issue("marks", number, f"{texts[period_col]} [{column_letter(period_col)}]",
                           sheet.text(number, period_col), "Непонятный период: ожидается «1 четверть», «II», «год» и т. п.")
            continue
        mark = _mark(protocol, number, mark_col, texts[mark_col], sheet.cell(number, mark_col))
        if mark is not None:
            protocol.marks.append(MarkRow(person, year, period, subject_key(subject), mark))


def _read_summary(protocol, header_row, year, system, class_name, titles) -> None:
    sheet = protocol.sheet
    cols = _flat_columns(sheet, header_row)
    texts = cols["texts"]
    period = _period_in_titles(titles, system)
    if period is None:
        protocol.issue("marks", header_row, "", "", (
            "Не указан период: добавьте в заголовок или название листа «за I четверть», «за 1 полугодие» или «годовые»."))
        return
    known = {c for c in (cols["name"], cols["last"], cols["first"], cols["middle"], cols["class"]) if c is not None}
    subjects = [c for c, t in enumerate(texts) if t and c not in known and classify(t).role is None]
    for number, _ in sheet.filled_rows(header_row + 1):
        person = _row_person(sheet, number, cols, None, class_name)
        if person is None:
            continue
        for col in subjects:
            mark = _mark(protocol, number, col, texts[col], sheet.cell(number, col))
            if mark is not None:
                protocol.marks.append(MarkRow(person, year, period, subject_key(texts[col]), mark))


def _period_in_titles(titles: list[str], system: str) -> Period | None:
    for title in titles:
        value = norm(title)
        if re.search(r"\bгодов|\bза год", value):
            return Period.YEAR
        found = re.search(r"\bза\s+(iv|i{1,3}|[1-4])\s*[-–]?\s*(?:ю|ю|ое|й)?\s*(четверть|триместр|полугодие)", value)
        if found:
            return period_of(f"{found[1]} {found[2]}", system)
    return None
