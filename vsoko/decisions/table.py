"""The list of a year's decisions as a Document (vsoko.reports.document) for «Скачать в Excel»
(vsoko.web.downloads): the rows and words of the page, with the basis and the indicators in columns of their own."""

from __future__ import annotations

from vsoko.decisions.enums import DecisionStatus
from vsoko.records.models import OrgUnit
from vsoko.reports.document import Document, Table
from vsoko.web.school_year import year_label


def decisions_document(school: OrgUnit, year: int, rows: list[dict], status: DecisionStatus | None) -> Document:
    """`rows` as the page's view builds them: decision, overdue, effect (in words), indicators (code, name)."""
    lines = [school.name]
    if status is not None:
        lines.append(f"Состояние: {status.label.lower()}")
    document = Document(f"Управленческие решения, {year_label(year)} учебный год", lines)
    table = Table(["Дата", "Решение", "Основание", "Показатели", "Где принято", "Ответственный", "Срок",
                   "Состояние", "Результативность"])
    for row in rows:
        d = row["decision"]
        table.add(f"{d.date:%d.%m.%Y}", d.title, d.get_basis_display(),
                  "; ".join(name for _, name in row["indicators"]) or "—", d.adopted, d.responsible or "—",
                  f"{d.deadline:%d.%m.%Y}" if d.deadline else "—",
                  d.get_status_display() + (", срок прошёл" if row["overdue"] else ""), row["effect"] or "—")
    document.section("Решения").blocks.append(table)
    return document
