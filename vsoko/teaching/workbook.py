"""The distribution of load as an Excel table: the template to fill (with the load already entered) and its
upload. The file is read by the assessment protocols' grid reader (vsoko.assessments.sources.grid: .xlsx, .xls,
.ods, .csv; hidden rows, columns and sheets and uncomputed formulas refused); it is stored all-or-nothing, every
problem named by file, sheet, row, column and value.

A file sets the teachers of the (class, subject) cells it names; cells it does not name stay as they are.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Font

from vsoko.assessments.matching import class_key
from vsoko.assessments.sources.grid import (
    Sheet,
    column_letter,
    norm,
    read_sheets,
    refuse_uncomputed,
)
from vsoko.records.models import OrgUnit, SchoolClass, StaffYear, Subject
from vsoko.records.years import year_label
from vsoko.teaching.assignments import Cell, Change, apply, short_name
from vsoko.teaching.models import TeachingAssignment

HEADERS = ("Класс", "Предмет", "Учитель", "Код работника", "Часов")
CLASS, SUBJECT, TEACHER, CODE, HOURS = HEADERS
# Header words people write, in the header form of grid.norm.
ALIASES = {
    CLASS: {"класс"},
    SUBJECT: {"предмет", "учебный предмет"},
    TEACHER: {"учитель", "фио", "фио учителя", "педагог", "фио педагога"},
    CODE: {"код работника", "код", "табельный номер"},
    HOURS: {"часов", "часы", "часов в неделю", "нагрузка", "часов в неделю (нагрузка)"},
}
MAX_HOURS = Decimal(40)
MAX_PROBLEMS = 50


@dataclass
class Upload:
    problems: list[str] = field(default_factory=list)
    change: Change | None = None
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and self.change is not None


def _header(sheet: Sheet) -> tuple[int, dict[str, int]] | None:
    """(row, {header: 0-based column}) of the first of 20 rows naming the class, the subject and a teacher."""
    for number in range(1, min(20, len(sheet.rows)) + 1):
        columns = {}
        for col, text in enumerate(sheet.row_texts(number)):
            for header, words in ALIASES.items():
                if norm(text) in words and header not in columns:
                    columns[header] = col
        if CLASS in columns and SUBJECT in columns and (TEACHER in columns or CODE in columns):
            return number, columns
    return None


def _name_key(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("ё", "е").replace("Ё", "Е").replace(".", ". ")).strip().lower()


class _Staff:
    """The teachers of the year found by code or by name: full name, surname and name, surname with initials
    (either «Смирнова М. И.» or «Смирнова М.И.»), or the surname alone when it is the only one."""

    def __init__(self, school: OrgUnit, year: int):
        rows = StaffYear.objects.filter(school=school, year_id=year).select_related("staff")
        self.by_code = {r.staff.staff_id.strip().lower(): r.staff for r in rows}
        # The load is of the pedagogical staff (`apply` takes no one else): a row naming another worker is refused
        # where it stands.
        self.not_teaching = {r.staff_id for r in rows if not r.pedagogical}
        self.by_name: dict[str, list] = defaultdict(list)
        for r in rows:
            s = r.staff
            for variant in {s.full_name, f"{s.last_name} {s.first_name}", short_name(s.last_name, s.first_name,
                                                                                     s.middle_name), s.last_name}:
                if variant.strip():
                    self.by_name[_name_key(variant)].append(s)

    def find(self, code: str, name: str) -> tuple[object | None, str]:
        """(staff member, '') or (None, why)."""
        if code:
            found = self.by_code.get(code.strip().lower())
            if found is None:
                return None, "работника с таким кодом нет в кадровых данных этого года"
            return self._teaching(found)
        candidates = list(dict.fromkeys(self.by_name.get(_name_key(name), [])))
        if not candidates:
            return None, "учителя с такой фамилией и именем нет в кадровых данных этого года"
        if len(candidates) > 1:
            who = ", ".join(f"{c.full_name} (код {c.staff_id})" for c in candidates)
            return None, f"так записаны несколько работников: {who} — укажите код работника"
        return self._teaching(candidates[0])

    def _teaching(self, found) -> tuple[object | None, str]:
        if found.pk in self.not_teaching:
            return None, "работник не педагог по кадровым данным этого года"
        return found, ""


def _hours(text: str) -> Decimal | None:
    value = Decimal(text.replace(",", ".").replace(" ", ""))
    if not value.is_finite() or value <= 0 or value > MAX_HOURS or value != round(value, 1):
        raise InvalidOperation
    return value


def read_upload(path: Path, *, school: OrgUnit, year: int, user, request=None, name: str = "") -> Upload:
    """Read the file and, when every row is understood, set the cells it names (one audited change). `name` is the
    file's name as the user gave it, quoted in the messages (the copy on disk has a neutral one); the path's name
    by default."""
    result = Upload()
    file_name = name or Path(path).name
    sheets = read_sheets(Path(path), file_name)
    refuse_uncomputed([s for s in sheets if not s.hidden])
    classes = {class_key(c.name): c for c in SchoolClass.objects.filter(school=school, year_id=year)}
    subjects = {norm(s.name): s for s in Subject.objects.all()}
    staff = _Staff(school, year)
    wanted: dict[Cell, dict[int, Decimal | None]] = defaultdict(dict)
    seen: dict[tuple[int, int, int], tuple[Sheet, int]] = {}  # the first row of each (class, subject, teacher)
    found_table = False
    for sheet in sheets:
        header = _header(sheet)
        if header is None:
            continue
        found_table = True
        start, columns = header
        place = f"{sheet.source[0].upper()}{sheet.source[1:]}"
        # Nobody sees what a hidden sheet or column holds: refused, as hidden rows are (and a protocol's).
        if sheet.hidden:
            result.problems.append(f"{place}: лист скрыт, а в нём таблица нагрузки — покажите его (правой кнопкой "
                                   "по ярлычку листа → Показать) или удалите лист.")
            continue
        unseen = [name for name in HEADERS if name in columns and columns[name] in sheet.hidden_columns]
        for name in unseen:
            result.problems.append(f"{place}, столбец {column_letter(columns[name])} «{name}»: столбец скрыт в Excel "
                                   "— покажите его или удалите, скрытые столбцы не загружаются.")
        if unseen:
            continue

        def where(number: int, header_name: str, value: str, sheet=sheet, columns=columns) -> str:
            return (f"{sheet.source[0].upper()}{sheet.source[1:]}, строка {number}, "
                    f"столбец {column_letter(columns[header_name])} «{header_name}», значение «{value}»")

        for number, _ in sheet.filled_rows(start + 1):
            def cell(name: str, number=number, sheet=sheet, columns=columns) -> str:
                return sheet.text(number, columns[name]) if name in columns else ""

            result.rows += 1
            if number in sheet.hidden_rows:
                result.problems.append(f"{sheet.source[0].upper()}{sheet.source[1:]}, строка {number}: строка скрыта "
                                       "в Excel — покажите её или удалите, скрытые строки не загружаются.")
                continue
            problems_before = len(result.problems)
            school_class = classes.get(class_key(cell(CLASS)))
            if school_class is None:
                why = "класс не указан" if not cell(CLASS) else f"такого класса в школе в {year_label(year)} учебном году нет"
                result.problems.append(f"{where(number, CLASS, cell(CLASS))}: {why}.")
            subject = subjects.get(norm(cell(SUBJECT)))
            if subject is None:
                why = "предмет не указан" if not cell(SUBJECT) else "такого предмета нет в данных школы"
                result.problems.append(f"{where(number, SUBJECT, cell(SUBJECT))}: {why}.")
            code, name = cell(CODE), cell(TEACHER)
            teacher, why = staff.find(code, name) if (code or name) else (None, "учитель не указан")
            if teacher is None:
                column = CODE if code or TEACHER not in columns else TEACHER
                result.problems.append(f"{where(number, column, code or name)}: {why}.")
            hours = None
            if cell(HOURS):
                try:
                    hours = _hours(cell(HOURS))
                except InvalidOperation:
                    result.problems.append(f"{where(number, HOURS, cell(HOURS))}: часы в неделю — число больше 0 и не "
                                           f"больше {MAX_HOURS}, с одним знаком после запятой (например, 4 или 4,5).")
            if len(result.problems) > problems_before:
                continue
            key = (school_class.pk, subject.pk, teacher.pk)
            if key in seen:
                where_seen, row_seen = seen[key]
                of_sheet = f" листа «{where_seen.name}»" if where_seen is not sheet else ""
                result.problems.append(f"{sheet.source[0].upper()}{sheet.source[1:]}, строка {number}: "
                                       f"{school_class.name}, {subject.name}, {teacher} — повторяет строку "
                                       f"{row_seen}{of_sheet}.")
                continue
            seen[key] = (sheet, number)
            wanted[(school_class.pk, subject.pk)][teacher.pk] = hours
    if not found_table:
        result.problems.append(f"Файл «{file_name}»: не найдена таблица со столбцами «Класс», «Предмет» и "
                               "«Учитель» (или «Код работника») — скачайте шаблон на этой странице.")
    elif not wanted and not result.problems:
        result.problems.append(f"Файл «{file_name}»: в таблице нет строк.")
    if result.problems:
        return result
    result.change = apply(school, year, dict(wanted), user=user, request=request, source="file")
    return result


def write_template(target: BinaryIO | str | Path, *, school: OrgUnit, year: int) -> None:
    """The table to fill: the load already entered (or one example row), and a sheet of the year's teachers."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Нагрузка"
    sheet.append(list(HEADERS))
    for c in sheet[1]:
        c.font = Font(bold=True)
    rows = (TeachingAssignment.objects.filter(school=school, year_id=year)
            .select_related("school_class", "subject", "staff")
            .order_by("school_class__grade", "school_class__name", "subject__name", "staff__last_name"))
    for a in rows:
        sheet.append([a.school_class.name, a.subject.name, a.staff.full_name, a.staff.staff_id,
                      float(a.weekly_hours) if a.weekly_hours is not None else None])
    if sheet.max_row == 1:
        sheet.append(["5А", "Математика", "Смирнова Мария Ивановна", "", 5])
    for letter, width in zip("ABCDE", (8, 28, 34, 16, 8), strict=True):
        sheet.column_dimensions[letter].width = width
    teachers = book.create_sheet("Учителя")
    teachers.append(["Учитель", "Код работника", "Предметы по кадровым данным"])
    for c in teachers[1]:
        c.font = Font(bold=True)
    for r in (StaffYear.objects.filter(school=school, year_id=year, pedagogical=True).select_related("staff")
              .prefetch_related("subjects").order_by("staff__last_name", "staff__first_name")):
        teachers.append([r.staff.full_name, r.staff.staff_id, ", ".join(s.name for s in r.subjects.all())])
    for letter, width in zip("ABC", (34, 16, 50), strict=True):
        teachers.column_dimensions[letter].width = width
    notes = book.create_sheet("Как заполнить")
    for line in (
        f"Распределение нагрузки (тарификация) {year_label(year)} учебного года: одна строка — учитель, "
        "предмет и класс.",
        "Класс — как в данных школы (5А, 10Б). Предмет — как в данных школы (лист «Учителя» — предметы учителей).",
        "Учитель — ФИО или фамилия с инициалами; если в школе несколько работников с такой фамилией, укажите "
        "«Код работника» (лист «Учителя»).",
        "Часов — часов в неделю, необязательно. Два учителя одного предмета в классе (группы) — две строки.",
        "Файл задаёт учителей тех пар «класс — предмет», что в нём есть; остальные пары не меняются. Если хотя "
        "бы одна строка с ошибкой, не сохраняется ничего.",
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 120
    book.save(target)
