"""Отчёт о самообследовании: the table of Appendix 2 to Order 1324 from the catalog `order1324`."""

from __future__ import annotations

from vsoko.indicators.dashboard import TREE_SPAN, build_context
from vsoko.indicators.models import Catalog
from vsoko.records.models import OrgUnit
from vsoko.reports.cells import value_cell, year_label
from vsoko.reports.document import Document, Table

CATALOG = "order1324"
TITLE = "Показатели деятельности общеобразовательной организации, подлежащей самообследованию"


class CatalogMissing(Exception):
    pass


def build(school: OrgUnit, year: int) -> Document:
    catalog = Catalog.objects.filter(code=CATALOG).first()
    if catalog is None:
        raise CatalogMissing(f"Каталог «{CATALOG}» (показатели самообследования) не загружен: выполните «vsoko init».")
    shown = list(catalog.indicators.filter(retired=False).order_by("position"))
    # Only the year is shown, but a line is evaluated with its previous year (the change needs it).
    context = build_context(school, year, shown, breakdowns=False, span=TREE_SPAN)

    table = Table(["№ п/п", "Показатели", "Единица измерения", year_label(year)])
    group = None
    for indicator in shown:
        if indicator.group != group:
            group = indicator.group
            number, _, name = group.partition(" ")
            table.add(number, name, "", "", heading=True)
        line = context.line(indicator)
        table.add(indicator.item, indicator.text or indicator.name, indicator.unit_label,
                  value_cell(line.current, indicator.unit, share=True))
    table.notes.append("«нет данных» — значение не введено и не может быть вычислено по записям школы.")

    document = Document(
        "Отчёт о результатах самообследования",
        [school.name, f"{year_label(year)} учебный год",
         "Приложение 2 к приказу Минобрнауки России от 10.12.2013 № 1324"],
    )
    document.section(TITLE).blocks.append(table)
    return document
