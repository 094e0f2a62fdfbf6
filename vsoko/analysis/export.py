"""«Скачать в Excel» for every analysis page: the page's tables as sheets, with native Excel charts.

Each sheet is a table (under a note, if any) written by the reports' XLSX writer (vsoko.reports.writers): text is
never a formula (a name or a subject typed as «=…» stays text), the header and the first column frozen, a filter on
the header, a chart of the table's columns under it. Percentages are numbers rounded to one decimal, each shown
with the decimals it has (33.3, 25), as before; cells the observer may not see are written as «скрыто».
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from vsoko.analysis import figures as fig
from vsoko.indicators.formatting import rounded
from vsoko.reports import writers
from vsoko.reports.document import Cell, Document, Number, Section, Table
from vsoko.reports.writers import TableChart

HIDDEN = "скрыто"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Sheet:
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    chart: TableChart | None = None
    note: str = ""


def cell(value) -> Cell:
    """A value of a page's row as the sheet's cell: a date as its text, a share rounded to one decimal, a number
    shown with the decimals it has (Excel's «Общий» showed 25.0 as «25»: the format says so now)."""
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, Fraction):
        value = rounded(value, 1)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        shown = Decimal(repr(value) if isinstance(value, float) else value).normalize()
        return Number(float(value) if isinstance(value, Decimal) else value, max(0, -shown.as_tuple().exponent))
    return value


def xlsx(sheets: list[Sheet]) -> bytes:
    return writers.to_xlsx_book([_written(sheet) for sheet in sheets])


def _written(sheet: Sheet) -> writers.Sheet:
    """The note on the first row and the table from the third, as before the page's sheets had the common writer."""
    table = Table(sheet.headers)
    for row in sheet.rows:
        table.add(*(cell(value) for value in row))
    document = Document("", [sheet.note] if sheet.note else [], [Section("", [table])])
    return writers.Sheet(sheet.title, document, is_list=True, chart=sheet.chart)


# --- the figures of one group as a row ------------------------------------------------------------

FIGURE_HEADERS = ["Участников", "Не явились", "«2»", "«3»", "«4»", "«5»", "«2», %", "«3», %", "«4», %", "«5», %",
                  "Успеваемость, %", "Качество, %", "Средняя отметка", "Средний первичный балл",
                  "Базовые задания, %", "Повышенные задания, %"]


def figure_row(f: fig.Figures, *, privacy=None, hidden: bool = False, hidden_marks: set | None = None) -> list:
    """The figures of one group; for the observer (`privacy.on`) small groups are «скрыто»."""
    if hidden or (privacy is not None and privacy.too_small(f.results)):
        return [HIDDEN] * len(FIGURE_HEADERS)
    if hidden_marks is None:
        # The group's own small marks and their partners, and those its procedure's table hides (`Privacy.withheld`).
        hidden_marks = privacy.hidden_marks({m: f.marks[m] for m in fig.MARKS}) if privacy is not None else set()
    absent = HIDDEN if privacy is not None and privacy.too_small(f.absent) else f.absent
    counts = [HIDDEN if m in hidden_marks else f.marks[m] for m in fig.MARKS]
    shares = [HIDDEN if m in hidden_marks else f.mark_share(m) for m in fig.MARKS]
    # Beside the counts, успеваемость gives a hidden «2» back (N − «2»), качество a hidden «4» or «5», and the mean
    # every hidden mark (`Privacy.hides_mean`), as on the page.
    success = HIDDEN if 2 in hidden_marks else f.success
    quality = HIDDEN if hidden_marks & {4, 5} else f.quality
    mean = HIDDEN if privacy is not None and privacy.hides_mean(f.marks, hidden_marks) else f.mean_mark
    return [f.results, absent, *counts, *shares, success, quality, mean, f.mean_score,
            f.level_completion(["basic"]), f.level_completion(["advanced", "high"])]
