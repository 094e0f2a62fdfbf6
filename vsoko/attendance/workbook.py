"""Storing a read attendance file, and the template in exactly the layout the reader reads."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from vsoko.attendance.models import AttendanceRecord
from vsoko.attendance.reader import COUNTS, PeriodRef, Upload
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.datavalues.compute import recompute
from vsoko.records.models import Enrollment, OrgUnit
from vsoko.records.years import year_label


def store(upload: Upload, *, school: OrgUnit, year: int, user, request=None) -> int:
    """Replace the records of every (class, period) the file holds by its rows, in one transaction, audited; the
    data values of the year follow. Returns the number of pupils stored. The journal names no file: the user's file
    name may name a pupil (docs/access.md)."""
    assert upload.ok
    with transaction.atomic():
        for index, table in enumerate(upload.tables):
            AttendanceRecord.objects.filter(school=school, year_id=year, school_class=table.school_class,
                                            period_kind=table.period.kind,
                                            period_number=table.period.number).delete()
            # A pupil of another class of the same period (moved between classes) keeps one record: the file's.
            AttendanceRecord.objects.filter(
                year_id=year, period_kind=table.period.kind, period_number=table.period.number,
                student_id__in=[upload.matched[(index, r.row)] for r in table.rows]).delete()
            AttendanceRecord.objects.bulk_create([
                AttendanceRecord(school=school, year_id=year, student_id=upload.matched[(index, row.row)],
                                 school_class=table.school_class, period_kind=table.period.kind,
                                 period_number=table.period.number, **row.counts)
                for row in table.rows
            ])
        record(user=user, action=AuditAction.IMPORT, object_type="attendance", object_id=year, school=school,
               request=request, details={
                   "pupils": upload.pupils,
                   "classes": [f"{t.school_class.name}, {t.period.label}" for t in upload.tables],
               })
    recompute(school, [year])
    return upload.pupils


TITLE = "Итоги посещаемости класса за период"


def write_template(target: BinaryIO | str | Path, *, school: OrgUnit, year: int, period: PeriodRef | None = None,
                   school_class=None) -> None:
    """A sheet per class of the year (or the one class asked for): the title with the class and the period (if one
    is given), the two-row header the journals print, the class list with empty counts."""
    book = Workbook()
    book.remove(book.active)
    classes = list(school.classes.filter(year_id=year).order_by("grade", "letter", "name"))
    if school_class is not None:
        classes = [c for c in classes if c.pk == school_class.pk]
    pupils: dict[int, list[str]] = {}
    for e in (Enrollment.objects.filter(school=school, year_id=year, school_class__in=classes, left_on__isnull=True)
              .select_related("student").order_by("student__last_name", "student__first_name")):
        pupils.setdefault(e.school_class_id, []).append(e.student.full_name)
    for school_class_ in classes or [None]:
        name = school_class_.name if school_class_ else "5А"
        sheet = book.create_sheet(name[:31])
        # No period asked: the title names none, so the upload asks for it (a fixed «за I четверть» was loaded as
        # the first quarter whatever the school filled in).
        sheet.append([f"{TITLE}: {name} класс, за {period.label} {year_label(year)} учебного года" if period else
                      f"Итоги посещаемости класса: {name} класс, {year_label(year)} учебный год (период — при загрузке)"])
        sheet.append(["№", "ФИО", "Пропущено уроков", None, None, None, "Пропущено дней", None])
        sheet.append([None, None, "всего", "по болезни", "по уважительной причине", "без уважительной причины",
                      "всего", "по болезни"])
        for cells in ("A2:A3", "B2:B3", "C2:F2", "G2:H2"):
            sheet.merge_cells(cells)
        for row in sheet.iter_rows(min_row=1, max_row=3):
            for c in row:
                c.font = Font(bold=True)
                c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet["A1"].alignment = Alignment(horizontal="left")
        names = pupils.get(school_class_.pk, []) if school_class_ else ["Иванов Иван Иванович"]
        for number, full_name in enumerate(names, start=1):
            sheet.append([number, full_name, None, None, None, None, None, None])
        for letter, width in zip("ABCDEFGH", (5, 36, 10, 12, 16, 16, 10, 12), strict=True):
            sheet.column_dimensions[letter].width = width
    notes = book.create_sheet("Как заполнить")
    for line in (
        f"Посещаемость {year_label(year)} учебного года: лист — класс, строка — обучающийся.",
        (f"Период — {period.label}: он в заголовке (первая строка) каждого листа. Для другого периода скачайте "
         "шаблон за него или исправьте заголовок («за ноябрь», «за II четверть»), или выберите период в форме "
         "загрузки — выбранный там период заменяет заголовок." if period else
         "Период в шаблоне не указан: выберите его в форме загрузки или допишите в заголовок (первая строка): "
         "«за I четверть», «за 2 триместр», «за 1 полугодие», «за сентябрь», «за год» или «с 01.09.2024 по "
         "31.10.2024»."),
        "Класс — в заголовке, в названии листа или в столбце «Класс». ФИО — как в списках класса.",
        "Числа — целые, пустая ячейка или «-» — 0. Столбцы: " + "; ".join(COUNTS.values()) + ".",
        "Загрузка класса за период заменяет ранее загруженные данные этого класса за этот период. Если хотя бы "
        "одна строка с ошибкой, не сохраняется ничего.",
        "Подходит и выгрузка электронного журнала «Итоги посещаемости класса за период» (СГО) или "
        "«Посещаемость: Классы» (Дневник.ру) с такими же заголовками, и поурочный «Отчёт о посещаемости» (столбец "
        "на дату, в ячейках «Н», «Б», «У», «О»): уроки считаются по кодам, дни — по датам хотя бы с одним пропуском.",
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 120
    book.save(target)
