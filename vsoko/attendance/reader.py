"""The journal's attendance summary, read: «Итоги посещаемости класса за период» (СГО), «Посещаемость: Классы»
(Дневник.ру) or the product's template — a row per pupil with lessons and days missed.

- The header is found in the first 20 rows by the pupil's column (ФИО, Ученик, Обучающийся); a header of two rows
  («Пропущено уроков» merged over «всего | по болезни | по уважительной | без уважительной») is read as one: the
  upper cell covers the columns to its right until the next filled one.
- The class: a «Класс» column, else the title or the sheet name («Итоги посещаемости 5А класса», лист «5 А»), as the
  journal reader finds it (vsoko.assessments.sources.journal.class_in).
- The period: chosen in the form, else the title: «за I четверть», «за 2 триместр», «за сентябрь», «за год»,
  «с 01.09.2024 по 31.10.2024».
- Pupils are matched to the year's class lists by name and class (vsoko.assessments.matching); a row that is not
  exactly one pupil of the class is an error naming the file, sheet, row and name.
- The per-lesson report (a column per date, codes «Н», «Б», «У», «О» in the cells) is counted into the same numbers
  by vsoko.attendance.lessons when the pupil's header row has dates instead of counts; its period may come from
  its dates too.
- All or nothing: one problem and nothing is stored. Stored, a file replaces the records of each class and period
  it holds (vsoko.attendance.store).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from vsoko.assessments.enums import MatchStatus
from vsoko.assessments.matching import PersonRef, class_key, match_students
from vsoko.assessments.sources.grid import (
    Sheet,
    column_letter,
    norm,
    read_sheets,
    refuse_uncomputed,
)
from vsoko.assessments.sources.journal import class_in, is_totals, school_year_in
from vsoko.attendance.lessons import Grid, count_row, dated, find_grid, period_of_dates
from vsoko.attendance.models import PeriodKind, period_label
from vsoko.records.models import OrgUnit, SchoolClass
from vsoko.records.years import year_label

MAX_PROBLEMS = 50
MAX_COUNT = 10000
# The stored counts, in the template's order, with the Russian header of each.
COUNTS = {
    "lessons_missed": "Пропущено уроков: всего",
    "lessons_ill": "Пропущено уроков: по болезни",
    "lessons_excused": "Пропущено уроков: по уважительной причине",
    "lessons_unexcused": "Пропущено уроков: без уважительной причины",
    "days_missed": "Пропущено дней: всего",
    "days_ill": "Пропущено дней: по болезни",
}
NAME_HEADERS = re.compile(r"^(?:№\s*)?(?:(?:фио|ф\.?\s*и\.?\s*о\.?)(?:\s+(?:ученика|учащегося|обучающегося|обучающихся))?|"
                          r"ученик|ученица|обучающийся|обучающиеся|учащийся|фамилия,? имя(?:,? отчество)?|"
                          r"фамилия и имя)(?: \(.*\))?$")
CLASS_HEADERS = {"класс", "кл.", "кл"}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
UNIT_KINDS = (("четв", PeriodKind.QUARTER), ("трим", PeriodKind.TRIMESTER), ("полугод", PeriodKind.HALF))
PERIOD_WORDS = re.compile(r"\b(iv|i{1,3}|[1-4])\s*(?:-?(?:ая|я|й|ое|е))?\s*(четв\w*|трим\w*|полугод\w*)", re.IGNORECASE)
PERIOD_WORDS_AFTER = re.compile(r"\b(четв\w*|трим\w*|полугод\w*)\s+(iv|i{1,3}|[1-4])\b", re.IGNORECASE)
MONTH_STEMS = {"январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8,
               "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12}
MONTH_WORD = re.compile(r"\bза\s+(январ\w*|феврал\w*|март\w*|апрел\w*|ма[йя]\w*|июн\w*|июл\w*|август\w*|"
                        r"сентябр\w*|октябр\w*|ноябр\w*|декабр\w*)", re.IGNORECASE)
YEAR_WORD = re.compile(r"\bза\s+(?:(?:весь|учебный|\d{4}\s*[/\-–—]\s*\d{2,4})\s+)*(?:учебный\s+)?год\b", re.IGNORECASE)
DATE_RANGE = re.compile(r"\bс\s+(\d{1,2})\.(\d{1,2})\.(\d{2,4})\s*(?:г\.?)?\s*(?:по|-|–|—)\s*(\d{1,2})\.(\d{1,2})\.(\d{2,4})")
# (first month, last month) of a date range → the period it is; a range within one month is that month.
RANGES = {
    (9, 10): (PeriodKind.QUARTER, 1), (9, 11): (PeriodKind.TRIMESTER, 1), (9, 12): (PeriodKind.HALF, 1),
    (11, 12): (PeriodKind.QUARTER, 2), (1, 3): (PeriodKind.QUARTER, 3), (4, 5): (PeriodKind.QUARTER, 4),
    (3, 5): (PeriodKind.TRIMESTER, 3), (12, 2): (PeriodKind.TRIMESTER, 2), (11, 2): (PeriodKind.TRIMESTER, 2),
    (1, 5): (PeriodKind.HALF, 2), (1, 6): (PeriodKind.HALF, 2), (9, 5): (PeriodKind.YEAR, 0),
    (9, 6): (PeriodKind.YEAR, 0),
}
PERIOD_ADVICE = ("период не указан: выберите его в форме загрузки или напишите в заголовке таблицы «за I четверть», "
                 "«за сентябрь», «за год» или «с 01.09.2024 по 31.10.2024»")


class AttendanceError(Exception):
    """A problem that stops the whole file (no table, no period)."""


@dataclass(frozen=True)
class PeriodRef:
    kind: str
    number: int

    @property
    def label(self) -> str:
        return period_label(self.kind, self.number)

    @property
    def value(self) -> str:
        return f"{self.kind}-{self.number}"

    @classmethod
    def parse(cls, value: str) -> PeriodRef | None:
        kind, _, number = (value or "").partition("-")
        if kind not in PeriodKind.values or not number.isdigit():
            return None
        ref = cls(kind, int(number))
        return ref if ref in all_periods() else None


def all_periods() -> list[PeriodRef]:
    """Every period a form may choose: the months of the school year, quarters, trimesters, halves, the year."""
    return ([PeriodRef(PeriodKind.MONTH, m) for m in (9, 10, 11, 12, 1, 2, 3, 4, 5, 6)]
            + [PeriodRef(PeriodKind.QUARTER, n) for n in range(1, 5)]
            + [PeriodRef(PeriodKind.TRIMESTER, n) for n in range(1, 4)]
            + [PeriodRef(PeriodKind.HALF, n) for n in range(1, 3)] + [PeriodRef(PeriodKind.YEAR, 0)])


def period_in(texts: list[str]) -> tuple[PeriodRef | None, int | None]:
    """(period, school year start or None) a title names; (None, …) when it names none."""
    for text in texts:
        low = text.lower().replace("ё", "е")
        found = DATE_RANGE.search(low)
        if found:
            d1, m1, y1, d2, m2, y2 = (int(x) for x in found.groups())
            y1, y2 = (y + 2000 if y < 100 else y for y in (y1, y2))
            try:
                start, end = datetime.date(y1, m1, d1), datetime.date(y2, m2, d2)
            except ValueError:
                continue
            school_year = start.year if start.month >= 9 else start.year - 1
            if (start.year, start.month) == (end.year, end.month):
                return PeriodRef(PeriodKind.MONTH, start.month), school_year
            kind = RANGES.get((start.month, end.month))
            if kind and start < end:
                return PeriodRef(*kind), school_year
            continue
        found = PERIOD_WORDS.search(low) or PERIOD_WORDS_AFTER.search(low)
        if found:
            number, unit = found.groups() if found.re is PERIOD_WORDS else found.groups()[::-1]
            kind = next(k for stem, k in UNIT_KINDS if unit.startswith(stem))
            limit = {PeriodKind.QUARTER: 4, PeriodKind.TRIMESTER: 3, PeriodKind.HALF: 2}[kind]
            if ROMAN[number.lower()] <= limit:
                return PeriodRef(kind, ROMAN[number.lower()]), school_year_in([text])
        found = MONTH_WORD.search(low)
        if found:
            word = found[1]
            month = next(n for stem, n in sorted(MONTH_STEMS.items(), key=lambda x: -len(x[0])) if word.startswith(stem))
            return PeriodRef(PeriodKind.MONTH, month), school_year_in([text])
        if YEAR_WORD.search(low):
            return PeriodRef(PeriodKind.YEAR, 0), school_year_in([text])
    return None, None


def _kind_of(text: str) -> str | None:
    """The count a header (the upper and lower cells joined) names, or None."""
    if "опозд" in text:
        return None
    lessons = "урок" in text
    days = re.search(r"\bдн|\bден", text) is not None
    if lessons == days:
        return None
    prefix = "lessons" if lessons else "days"
    if "болезн" in text or re.search(r"\bб\b", text):
        part = "ill"
    elif "без уваж" in text or "неуваж" in text or "без причин" in text or "прогул" in text:
        part = "unexcused"
    elif "уваж" in text:
        part = "excused"
    else:
        part = "missed"
    name = f"{prefix}_{part}"
    return name if name in COUNTS else None


@dataclass
class Header:
    top: int  # the first header row: the title is above it
    row: int  # the last header row: pupils start below it
    name: int
    school_class: int | None
    counts: dict[str, int]  # count -> 0-based column
    grid: Grid | None = None  # the per-lesson report: its date columns (counts empty)


def find_header(sheet: Sheet) -> Header | None:
    for number in range(1, min(20, len(sheet.rows)) + 1):
        texts = [norm(t) for t in sheet.row_texts(number)]
        name = next((col for col, t in enumerate(texts) if NAME_HEADERS.match(t)), None)
        if name is None:
            continue
        school_class = next((col for col, t in enumerate(texts) if t in CLASS_HEADERS), None)
        below = [norm(t) for t in sheet.row_texts(number + 1)]
        # The row below is the header's second row when its pupil cell is empty (merged over both rows) and it
        # holds words, not counts.
        two_rows = (name >= len(below) or not below[name]) and any(below) and not any(
            re.fullmatch(r"[\d.,\s-]+", t) for t in below if t)
        # Dates first: a per-lesson report may end with the journal's totals of lessons («Пропущено уроков»), which
        # give no days; its codes are read, not those columns.
        grid = find_grid(sheet, number, name)
        if grid is not None:
            return Header(number, grid.row, name, school_class, {}, grid)
        for last in ((number + 1, number) if two_rows else (number,)):
            counts = _counts(sheet, number, last)
            if "lessons_missed" in counts or "days_missed" in counts:
                return Header(number, last, name, school_class, counts)
    return None


def _counts(sheet: Sheet, top: int, bottom: int) -> dict[str, int]:
    upper = [norm(t) for t in sheet.row_texts(top)]
    lower = [norm(t) for t in sheet.row_texts(bottom)] if bottom != top else []
    width = max(len(upper), len(lower))
    counts: dict[str, int] = {}
    group = ""
    for col in range(width):
        above = upper[col] if col < len(upper) else ""
        below = lower[col] if col < len(lower) else ""
        if above:
            group = above
        elif not below:
            group = ""
        text = f"{group} {below}".strip() if bottom != top else above
        kind = _kind_of(text)
        if kind and kind not in counts:
            counts[kind] = col
    if bottom != top and not any(lower[c] for c in counts.values() if c < len(lower)):
        return {}
    return counts


@dataclass
class PupilRow:
    row: int
    name: str
    class_name: str
    counts: dict[str, int]


@dataclass
class Table:
    sheet: Sheet
    school_class: SchoolClass
    period: PeriodRef
    rows: list[PupilRow] = field(default_factory=list)


@dataclass
class Upload:
    problems: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    matched: dict[tuple[int, int], int] = field(default_factory=dict)  # (table index, row) -> student id
    # Classes whose table has names but not one count filled (the template's untouched sheets): skipped, so that
    # uploading the whole template with one class filled does not replace the other classes' data by zeros.
    skipped: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.tables)

    @property
    def pupils(self) -> int:
        return sum(len(t.rows) for t in self.tables)


def _place(sheet: Sheet) -> str:
    return f"{sheet.source[0].upper()}{sheet.source[1:]}"


def _count(text: str) -> int:
    value = text.replace(" ", "").replace("\u00a0", "")
    if value in {"", "-", "—", "–"}:
        return 0
    if re.fullmatch(r"\d+(?:[.,]0+)?", value):
        number = int(value.replace(",", ".").split(".")[0])
        if number <= MAX_COUNT:
            return number
    raise ValueError(value)


def read_file(path: Path, *, school: OrgUnit, year: int, period: PeriodRef | None = None, name: str = "") -> Upload:
    """Read and check every sheet with an attendance table; nothing is stored here (`store` does)."""
    result = Upload()
    file_name = name or Path(path).name
    sheets = read_sheets(Path(path), file_name)
    refuse_uncomputed([s for s in sheets if not s.hidden])
    classes = {class_key(c.name): c for c in SchoolClass.objects.filter(school=school, year_id=year)}
    for sheet in sheets:
        header = find_header(sheet)
        if header is None:
            continue
        place = _place(sheet)
        if sheet.hidden:
            result.problems.append(f"{place}: лист скрыт, а в нём таблица посещаемости — покажите его или удалите лист.")
            continue
        titles = [t for r in range(1, header.top) for t in sheet.row_texts(r) if t] + [sheet.name]
        chosen = period
        grid_year = header.grid.school_year() if header.grid else None
        if grid_year is not None and grid_year != year:
            result.problems.append(f"{place}: даты таблицы — {year_label(grid_year)} учебного года, а загружается "
                                   f"{year_label(year)} — выберите на странице нужный учебный год.")
            continue
        if chosen is None:
            chosen, title_year = period_in(titles)
            if chosen is None and header.grid:
                found = period_of_dates(header.grid)
                chosen = PeriodRef(*found) if found else None
            if chosen is None:
                result.problems.append(f"{place}: {PERIOD_ADVICE}.")
                continue
            if title_year is not None and title_year != year:
                result.problems.append(f"{place}: таблица за {year_label(title_year)} учебный год, а загружается "
                                       f"{year_label(year)} — выберите на странице нужный учебный год.")
                continue
        title_class = next((found for t in titles if (found := class_in(t))), "")
        if not title_class and class_key(sheet.name) in classes:
            title_class = class_key(sheet.name)
        _read_rows(result, sheet, header, chosen, title_class, classes, year)
        if len(result.problems) >= MAX_PROBLEMS:
            break
    if not result.tables and not result.problems and result.skipped:
        result.problems.append(f"Файл «{file_name}»: в таблицах нет ни одного числа пропусков (классы: "
                               f"{', '.join(result.skipped)}) — заполните столбцы «Пропущено уроков» и «Пропущено "
                               "дней» (0 или «-» — нет пропусков).")
    if not result.tables and not result.problems:
        result.problems.append(f"Файл «{file_name}»: не найдена таблица посещаемости со столбцами «ФИО» и «Пропущено "
                               "уроков: всего» (или «Пропущено дней: всего») — скачайте шаблон на этой странице.")
    if result.tables and len(result.problems) < MAX_PROBLEMS:
        # The rows read well are matched even when other rows have bad cells: every problem in one round.
        _match(result, school, year)
    return result


def _read_rows(result: Upload, sheet: Sheet, header: Header, period: PeriodRef, title_class: str,
               classes: dict[str, SchoolClass], year: int) -> None:
    place = _place(sheet)
    by_class: dict[int, Table] = {}
    filled: set[int] = set()  # classes with at least one count cell not blank
    keys = dated(header.grid) if header.grid else []
    for number, _ in sheet.filled_rows(header.row + 1):
        name = sheet.text(number, header.name).strip()
        name = re.sub(r"^\d+[.)]?\s+", "", name)  # «1. Иванов Иван»
        if not name or is_totals(name) or name.isdigit():
            continue
        if number in sheet.hidden_rows:
            result.problems.append(f"{place}, строка {number}: строка скрыта в Excel — покажите её или удалите.")
            continue
        raw_class = sheet.text(number, header.school_class) if header.school_class is not None else ""
        key = class_key(raw_class) if raw_class else title_class
        school_class = classes.get(key)
        if school_class is None:
            if raw_class:
                why = (f"столбец {column_letter(header.school_class)} «Класс», значение «{raw_class}»: такого класса "
                       f"в школе в {year_label(year)} учебном году нет")
            else:
                why = "класс не указан: добавьте столбец «Класс» или напишите класс в заголовке («5А класс»)"
            result.problems.append(f"{place}, строка {number} ({name}): {why}.")
            continue
        if header.grid is not None:
            # The per-lesson report: an empty cell is a lesson attended, so a row is never blank.
            filled.add(school_class.pk)
            found = count_row(sheet, number, header.grid, keys, place, result.problems)
            if found is None:
                continue
            counts = found
        else:
            counts = {}
        bad = False
        for count, col in header.counts.items():
            text = sheet.text(number, col)
            if text.strip():
                filled.add(school_class.pk)
            try:
                counts[count] = _count(text)
            except ValueError:
                bad = True
                result.problems.append(f"{place}, строка {number}, столбец {column_letter(col)} «{COUNTS[count]}», "
                                       f"значение «{text}»: нужно целое число от 0 до {MAX_COUNT} (пусто или «-» — 0).")
        if bad:
            continue
        for part in ("lessons_ill", "lessons_excused", "lessons_unexcused"):
            if counts.get(part, 0) > counts.get("lessons_missed", counts.get(part, 0)):
                result.problems.append(f"{place}, строка {number}, столбец {column_letter(header.counts[part])} "
                                       f"«{COUNTS[part]}», значение «{counts[part]}»: больше, чем пропущено уроков "
                                       f"всего ({counts['lessons_missed']}).")
                bad = True
        if counts.get("days_ill", 0) > counts.get("days_missed", counts.get("days_ill", 0)):
            result.problems.append(f"{place}, строка {number}, столбец {column_letter(header.counts['days_ill'])} "
                                   f"«{COUNTS['days_ill']}», значение «{counts['days_ill']}»: больше, чем пропущено "
                                   f"дней всего ({counts['days_missed']}).")
            bad = True
        if bad:
            continue
        if school_class.pk not in by_class:
            by_class[school_class.pk] = Table(sheet, school_class, period)
            others = [t for t in result.tables if t.school_class.pk == school_class.pk and t.period == period]
            if others:
                result.problems.append(f"{place}: {school_class.name}, {period.label} — уже есть в листе "
                                       f"«{others[0].sheet.name}» этого файла; оставьте одну таблицу.")
                return
            result.tables.append(by_class[school_class.pk])
        by_class[school_class.pk].rows.append(PupilRow(number, name, school_class.name, counts))
    for pk, table in by_class.items():
        if pk not in filled:
            result.tables.remove(table)
            name = table.school_class.name
            result.skipped.append(name if class_key(sheet.name) == class_key(name) else f"{name} (лист «{sheet.name}»)")


def _match(result: Upload, school: OrgUnit, year: int) -> None:
    people = [(i, row) for i, table in enumerate(result.tables) for row in table.rows]
    refs = [PersonRef(row=row.row, source=result.tables[i].sheet.source, name=row.name, class_name=row.class_name,
                      column="ФИО") for i, row in people]
    seen: dict[tuple[int, PeriodRef], tuple[Table, int]] = {}
    for (i, row), match in zip(people, match_students(refs, school=school, year=year), strict=True):
        table = result.tables[i]
        place = f"{_place(table.sheet)}, строка {row.row} ({row.name}, {row.class_name})"
        if match.status != MatchStatus.MATCHED or match.student is None:
            why = match.reason or "обучающийся не найден"
            options = "; ".join(c.label for c in match.candidates[:5])
            result.problems.append(f"{place}: {why}" + (f" (возможно: {options})" if options else "")
                                   + " — исправьте ФИО или класс в файле.")
            continue
        key = (match.student.pk, table.period)
        same = seen.get(key)
        if same:
            result.problems.append(f"{place}: этот обучающийся уже есть в строке {same[1]}"
                                   + (f" листа «{same[0].sheet.name}»" if same[0].sheet is not table.sheet else "")
                                   + " — оставьте одну строку.")
            continue
        seen[key] = (table, row.row)
        result.matched[(i, row.row)] = match.student.pk

