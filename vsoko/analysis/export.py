"""«Скачать в Excel» for every analysis page: the page's tables as sheets, with native Excel charts.

Books are made by vsoko.publication.spreadsheet.workbook (text is never a formula: a name or
a subject typed as «=…» stays text), their sheets named as the reports' writer names them
(vsoko.reports.writers.sheet_name). Percentages are numbers rounded to one decimal, shown as Excel's «Общий»
format shows them (33.3, 25); cells the observer may not see are written as «скрыто».

Not the reports' XLSX writer (`to_xlsx_book`), for now: its cells are typed — a `Number` with the decimals it is
shown with — and these rows are raw values of many pages (fractions, quantized means, dates as text); each chart is
drawn from columns of its sheet's table, which a Document's chart is not. See docs/interface.md.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from vsoko.analysis import figures as fig
from vsoko.indicators.formatting import rounded
from vsoko.publication.spreadsheet import workbook
from vsoko.reports.writers import sheet_name

HIDDEN = "скрыто"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Chart:
    kind: str  # column, line
    title: str
    categories: int  # column of the categories
    values: tuple[int, ...]  # columns of the series
    y_title: str = ""


@dataclass
class Sheet:
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    chart: Chart | None = None
    note: str = ""


def cell(value):
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, Fraction):
        return float(rounded(value, 1))
    if isinstance(value, Decimal):
        return float(value)
    return value


def xlsx(sheets: list[Sheet]) -> bytes:
    buffer = io.BytesIO()
    book = workbook(buffer, in_memory=True)
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    used: set[str] = set()
    for sheet in sheets:
        name = sheet_name(sheet.title, used)
        ws = book.add_worksheet(name)
        top = 0
        if sheet.note:
            ws.write(0, 0, sheet.note)
            top = 2
        ws.write_row(top, 0, sheet.headers, bold)
        for i, row in enumerate(sheet.rows, start=top + 1):
            for j, value in enumerate(row):
                value = cell(value)
                if value is not None:
                    ws.write(i, j, value)
        ws.freeze_panes(top + 1, 1)
        ws.set_column(0, 0, 34)
        ws.set_column(1, max(len(sheet.headers) - 1, 1), 14)
        if sheet.chart and sheet.rows:
            ws.insert_chart(top + len(sheet.rows) + 3, 0, _chart(book, name, sheet, top))
    book.close()
    return buffer.getvalue()


def _chart(book, name: str, sheet: Sheet, top: int):
    spec = sheet.chart
    chart = book.add_chart({"type": spec.kind})
    first, last = top + 1, top + len(sheet.rows)
    for col in spec.values:
        chart.add_series({
            "name": [name, top, col],
            "categories": [name, first, spec.categories, last, spec.categories],
            "values": [name, first, col, last, col],
            **({"marker": {"type": "circle"}} if spec.kind == "line" else {}),
        })
    chart.set_title({"name": spec.title})
    chart.set_legend({"position": "bottom"})
    if spec.y_title:
        chart.set_y_axis({"name": spec.y_title})
    chart.set_size({"width": 720, "height": 320})
    return chart


# --- the figures of one group as a row ------------------------------------------------------------

FIGURE_HEADERS = ["Участников", "Не явились", "«2»", "«3»", "«4»", "«5»", "«2», %", "«3», %", "«4», %", "«5», %",
                  "Успеваемость, %", "Качество, %", "Средняя отметка", "Средний первичный балл",
                  "Базовые задания, %", "Повышенные задания, %"]


def figure_row(f: fig.Figures, *, privacy=None, hidden: bool = False, hidden_marks: set | None = None) -> list:
    """The figures of one group; for the observer (`privacy.on`) small groups are «скрыто»."""
    if hidden or (privacy is not None and privacy.too_small(f.results)):
        return [HIDDEN] * len(FIGURE_HEADERS)
    if hidden_marks is None:
        hidden_marks = privacy.hidden_groups({m: f.marks[m] for m in fig.MARKS}) if privacy is not None else set()
    absent = HIDDEN if privacy is not None and privacy.too_small(f.absent) else f.absent
    counts = [HIDDEN if m in hidden_marks else f.marks[m] for m in fig.MARKS]
    shares = [HIDDEN if m in hidden_marks else f.mark_share(m) for m in fig.MARKS]
    return [f.results, absent, *counts, *shares, f.success, f.quality, f.mean_mark, f.mean_score,
            f.level_completion(["basic"]), f.level_completion(["advanced", "high"])]
