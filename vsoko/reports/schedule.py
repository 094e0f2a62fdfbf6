"""Единый график оценочных процедур for the school's website (vsoko.schedule): per half-year, rows are classes,
columns are months, a cell lists the dates of the works with their subjects. No personal data at all."""

from __future__ import annotations

from vsoko.plan.enums import MONTH_NAMES
from vsoko.records.models import OrgUnit, SchoolClass
from vsoko.reports.cells import year_label
from vsoko.reports.document import Document, Paragraph, Table
from vsoko.schedule.enums import Half
from vsoko.schedule.grid import by_class_and_month
from vsoko.schedule.load import entries_of
from vsoko.schedule.models import Holiday
from vsoko.schedule.wording import abbreviation


class ScheduleMissing(Exception):
    """No work is scheduled for the year or half; the message says where to add them."""


def build(school: OrgUnit, year: int, half: Half | None = None) -> Document:
    halves = [half] if half else list(Half)
    entries = list(entries_of(school, year, half).select_related("school_class", "subject"))
    period = f"{half.label} {year_label(year)} учебного года" if half else f"{year_label(year)} учебный год"
    if not entries:
        raise ScheduleMissing(f"В графике оценочных процедур на {period} нет ни одной работы: добавьте их в разделе "
                              "«График работ».")
    document = Document(f"Единый график оценочных процедур на {period}", [school.name, "Утверждён приказом директора от «___» ____________ 20___ г. № _____"])
    classes = list(SchoolClass.objects.filter(school=school, year_id=year).order_by("grade", "name")
                   .values_list("name", flat=True))
    holidays = list(Holiday.objects.filter(school=school, year_id=year))
    for part in halves:
        cells = by_class_and_month([e for e in entries if Half.of(e.date) == part], part)
        table = Table(["Класс", *(MONTH_NAMES[m] for m in part.months())])
        for name in classes:
            row = cells.get(name, {})
            table.add(name, *(row.get(m, "") for m in part.months()))
        section = document.section(part.label)
        section.blocks.append(table)
        if shown := [h for h in holidays if h.overlaps(*part.bounds(year))]:
            section.blocks.append(Paragraph("Каникулы: " + "; ".join(
                f"{h.name} — {h.period}" + (f" ({h.grades_text})" if h.grades else "") for h in shown) + "."))
    subjects = sorted({e.subject.name for e in entries})
    legend = document.section("Условные обозначения")
    legend.blocks.append(Paragraph("; ".join(f"{abbreviation(s)} — {s}" for s in subjects) + "."))
    legend.blocks.append(Paragraph(
        "В скобках — вид процедуры: ВПР — всероссийские проверочные работы, НИКО — национальные исследования "
        "качества образования; остальные — контрольные и диагностические работы, проводимые школой. График "
        "составлен с учётом рекомендаций Минпросвещения России и Рособрнадзора (письмо от 06.08.2021 "
        "№ СК-228/03, № 01-169/08-01): не более одной оценочной процедуры в день в классе, школьных работ по "
        "предмету не более 10 % учебного времени на его изучение в год."))
    return document
