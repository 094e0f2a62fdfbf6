"""Writing indicator values and catalogs as text table, JSON, CSV or XLSX (one registry of formats)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from vsoko.indicators.evaluate import IndicatorValue
from vsoko.indicators.formatting import rounded
from vsoko.publication.spreadsheet import safe_row, workbook
from vsoko.reports.writers import xlsx_print_setup

XLSX_WIDTHS = [34, 60] + [8.43] * 7  # characters: the code, the name, Excel's default width of the rest
COLUMNS = ["code", "name", "year", "org_unit", "breakdown", "value", "numerator", "denominator", "unit"]
HEADERS = ["Код", "Показатель", "Учебный год", "Организация", "Разрез", "Значение", "Числитель", "Знаменатель",
           "Единица"]


def breakdown_text(breakdown: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in breakdown.items())


def flat(record: dict) -> dict:
    return {**record, "breakdown": breakdown_text(record["breakdown"]) if isinstance(record.get("breakdown"), dict)
            else record.get("breakdown", "")}


def to_json(records: list[dict], columns: list[str], headers: list[str]) -> bytes:
    return (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode()


def to_csv(records: list[dict], columns: list[str], headers: list[str]) -> bytes:
    """The machine-readable output in rows: the JSON keys as the header, `,` between cells, no BOM, a breakdown as
    its JSON object — what csv.DictReader or pandas read without options (spec/core-indicators.md, «Machine-readable
    output»; docs/conformance.md). People open the .xlsx, with Russian headers."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for r in records:
        writer.writerow(safe_row(_csv_cell(r.get(c)) for c in columns))
    return out.getvalue().encode()


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def to_xlsx(records: list[dict], columns: list[str], headers: list[str]) -> bytes:
    buffer = io.BytesIO()
    book = workbook(buffer, in_memory=True)
    sheet = book.add_worksheet("Показатели")
    bold = book.add_format({"bold": True})
    sheet.write_row(0, 0, headers, bold)
    for row, r in enumerate(records, start=1):
        r = flat(r)
        for col, c in enumerate(columns):
            value = r.get(c)
            if value is not None:
                sheet.write(row, col, value)
    sheet.freeze_panes(1, 0)
    sheet.set_column(0, 0, XLSX_WIDTHS[0])
    sheet.set_column(1, 1, XLSX_WIDTHS[1])
    xlsx_print_setup(sheet, XLSX_WIDTHS[:len(columns)], header_row=0)
    book.close()
    return buffer.getvalue()


def to_table(records: list[dict], columns: list[str], headers: list[str]) -> bytes:
    rows = [[_cell(flat(r).get(c)) for c in columns] for r in records]
    widths = [min(60, max([len(h)] + [len(row[i]) for row in rows])) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    for row in rows:
        lines.append("  ".join(cell[:w].ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    return ("\n".join(lines) + "\n").encode()


def _cell(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{rounded(value, 2):f}".replace(".", ",")
    return str(value)


FORMATS: dict[str, Callable[[list[dict], list[str], list[str]], bytes]] = {
    "table": to_table, "json": to_json, "csv": to_csv, "xlsx": to_xlsx,
}


def render_values(values: list[IndicatorValue], fmt: str) -> bytes:
    return FORMATS[fmt]([v.as_json() for v in values], COLUMNS, HEADERS)
