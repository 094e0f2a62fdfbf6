"""The Excel way of entering a diagnostic: a template with the class's pupils, filled in and uploaded.

The template has one sheet «Уровни»: the pupil's code, name, class and an empty «Уровень» column, and a
sheet «Уровни процедуры» listing the allowed levels. An uploaded file is read whole before anything is
saved: every bad value is reported in Russian with the file, sheet, row, column, value and why, and then
nothing changes (entry.save_levels saves all or nothing).
"""

from __future__ import annotations

from io import BytesIO
from zipfile import BadZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from vsoko.diagnostics.models import Diagnostic

SHEET = "Уровни"
LEVELS_SHEET = "Уровни процедуры"
HEADER = ("Код обучающегося", "ФИО", "Класс", "Уровень")
CODE_COLUMN, LEVEL_COLUMN = "A", "D"


class UploadRejected(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def template(diagnostic: Diagnostic, pupils, levels: dict[int, str]) -> bytes:
    """The template pre-filled with the pupils and the levels already entered."""
    spec = diagnostic.spec
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(HEADER)
    for enrollment in pupils:
        level = spec.level(levels.get(enrollment.pk, "")) if spec else None
        sheet.append((enrollment.student.student_id, enrollment.student.full_name, diagnostic.school_class.name,
                      level.label if level else None))
    for column, width in zip("ABCD", (20, 40, 10, 45), strict=True):
        sheet.column_dimensions[column].width = width
    listing = book.create_sheet(LEVELS_SHEET)
    listing.append(("Уровень", "Благоприятный"))
    for level in spec.levels if spec else ():
        listing.append((level.label, "да" if level.favourable else "нет"))
    if spec and sheet.max_row > 1:
        check = DataValidation(type="list", formula1=f"'{LEVELS_SHEET}'!$A$2:$A${len(spec.levels) + 1}",
                               allow_blank=True)
        check.add(f"{LEVEL_COLUMN}2:{LEVEL_COLUMN}{sheet.max_row}")
        sheet.add_data_validation(check)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def read_levels(diagnostic: Diagnostic, pupils, data: bytes, filename: str) -> dict[int, str]:
    """{enrollment id: level code} from an uploaded template; UploadRejected lists every bad cell."""
    spec = diagnostic.spec
    try:
        book = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError) as error:
        raise UploadRejected([f"Файл «{filename}» не читается как книга Excel (.xlsx): скачайте шаблон, заполните "
                              "столбец «Уровень» и сохраните в формате .xlsx."]) from error
    if SHEET not in book.sheetnames:
        raise UploadRejected([f"Файл «{filename}»: нет листа «{SHEET}» — скачайте шаблон этой диагностики и "
                              "заполните его."])
    rows = list(book[SHEET].iter_rows(values_only=True))
    header = tuple(str(v).strip() if v is not None else "" for v in (rows[0] if rows else ()))[:len(HEADER)]
    if header != HEADER:
        raise UploadRejected([f"Файл «{filename}», лист «{SHEET}», строка 1: заголовки должны быть "
                              f"{', '.join(f'«{h}»' for h in HEADER)} — скачайте шаблон заново."])
    by_code = {e.student.student_id: e.pk for e in pupils}
    levels: dict[int, str] = {}
    seen: dict[str, int] = {}
    problems: list[str] = []
    for number, row in enumerate(rows[1:], start=2):
        row = tuple(row) + (None,) * (len(HEADER) - len(row))
        code = "" if row[0] is None else str(row[0]).strip()
        raw_level = "" if row[3] is None else str(row[3]).strip()
        if not code and not raw_level:
            continue
        where = f"Файл «{filename}», лист «{SHEET}», строка {number}"
        if code not in by_code:
            problems.append(f"{where}, столбец {CODE_COLUMN} «{HEADER[0]}»: значение «{code}» — такого "
                            f"обучающегося нет среди обучающихся {diagnostic.school_class.name} на дату диагностики")
            continue
        if code in seen:
            problems.append(f"{where}, столбец {CODE_COLUMN} «{HEADER[0]}»: значение «{code}» — обучающийся уже "
                            f"указан в строке {seen[code]}")
            continue
        seen[code] = number
        if not raw_level:
            levels[by_code[code]] = ""
            continue
        level = spec.level_by_label(raw_level) if spec else None
        if level is None:
            allowed = ", ".join(f"«{lv.label}»" for lv in spec.levels) if spec else ""
            problems.append(f"{where}, столбец {LEVEL_COLUMN} «{HEADER[3]}»: значение «{raw_level}» — такого уровня "
                            f"нет; допустимы: {allowed} или пусто (не оценивался)")
            continue
        levels[by_code[code]] = level.code
    if problems:
        raise UploadRejected(problems)
    return levels
