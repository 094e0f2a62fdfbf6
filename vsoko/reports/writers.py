"""Writers: one per output format, each takes any Document (vsoko.reports.document) and gives bytes.

- DOCX: python-docx; wide tables turn the page to landscape; charts are PNG pictures (charts.py).
- XLSX: xlsxwriter through vsoko.publication.spreadsheet.workbook (text never becomes a formula);
  numbers stay numbers with a display format; a column with «N человек / X %» cells becomes two
  columns, the value and its percentage; a chart is its numbers and a native Excel chart of them.
- HTML: the template reports/document.html, self-contained (inline CSS, charts as inline SVG), lang="ru".
- PDF: WeasyPrint renders that same HTML.
"""

from __future__ import annotations

import io
import logging
import math
import re
from collections.abc import Callable
from xml.sax.saxutils import escape

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from vsoko.publication.spreadsheet import workbook
from vsoko.reports.charts import chart_png, chart_svg
from vsoko.reports.document import (
    Chart,
    Document,
    Heading,
    Number,
    Paragraph,
    Share,
    Table,
    Withheld,
    cell_text,
)
from vsoko.reports.enums import Format

WIDE_TABLE = 5  # columns; wider tables need a landscape page in Word


# --- DOCX -------------------------------------------------------------------------------------------

def to_docx(document: Document) -> bytes:
    # python-docx and WeasyPrint are imported when a report is written, not by every command.
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    out = docx.Document()
    out.core_properties.title = document.title
    out.styles["Normal"].font.name = "Times New Roman"
    out.styles["Normal"].font.size = Pt(11)
    if any(len(t.header) > WIDE_TABLE for t in document.tables):
        page = out.sections[0]
        page.orientation = WD_ORIENT.LANDSCAPE
        page.page_width, page.page_height = page.page_height, page.page_width
    # A style named on each paragraph (python-docx's `add_heading`, `table.style =`) is looked up among all the
    # template's styles each time, a few milliseconds apiece: the ids are looked up once.
    styles = {name: out.styles[name].style_id for name in ("Title", "Heading 1", "Heading 2", "Table Grid")}

    def heading(text: str, style: str) -> None:
        out.add_paragraph(text)._p.style = styles[style]

    heading(document.title, "Title")
    for line in document.lines:
        out.add_paragraph(line)
    for section in document.sections:
        if section.new_page:
            out.add_page_break()
        heading(section.heading, "Heading 1")
        for block in section.blocks:
            if isinstance(block, Heading):
                heading(block.text, "Heading 2")
            elif isinstance(block, Paragraph):
                out.add_paragraph(block.text)
            elif isinstance(block, Chart):
                out.add_picture(io.BytesIO(chart_png(block)), width=Cm(15))
            else:
                _docx_table(out, block, styles["Table Grid"], Pt(9))
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


RUN_BREAKS = re.compile(r"([\t\r\n])")
# Characters XML 1.0 does not allow: a stray one in an entered name or comment is dropped, not a failed export.
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _docx_table(out, table: Table, style_id: str, note_size) -> None:
    """The table's rows written as XML text and parsed at once. python-docx's `add_row()` copies the last row
    and `row.cells` walks the whole grid, each time, and each element it adds is a Python object: a class's
    pupil sheets (40 tables, 316 rows) took 1.6 s that way, 0.1 s this way. The XML is the same python-docx
    writes, byte for byte: each cell a paragraph of one run, bold in the header and in heading rows
    (`<w:b w:val="0"/>` elsewhere, as `run.bold = False` writes it), numbers aligned right."""
    from docx.oxml.ns import nsdecls
    from docx.oxml.parser import parse_xml

    grid = out.add_table(rows=0, cols=len(table.header))
    grid._tbl.tblStyle_val = style_id
    widths = [column.w.twips for column in grid._tbl.tblGrid.gridCol_lst]
    rows = [_docx_row(widths, [(text, False) for text in table.header], bold=True)]
    rows += [_docx_row(widths, [(cell_text(value), isinstance(value, Number | Share)) for value in row.cells],
                       bold=row.heading) for row in table.rows]
    grid._tbl.extend(list(parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(rows)}</w:tbl>")))
    for note in table.notes:
        out.add_paragraph().add_run(note).font.size = note_size


def _docx_row(widths: list[int], cells: list[tuple[str, bool]], *, bold: bool) -> str:
    run = "<w:r><w:rPr><w:b/></w:rPr>" if bold else '<w:r><w:rPr><w:b w:val="0"/></w:rPr>'
    xml = ["<w:tr>"]
    for (text, right), width in zip(cells, widths, strict=True):
        xml += f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr><w:p>', run
        if right:
            xml.insert(-1, '<w:pPr><w:jc w:val="right"/></w:pPr>')
        for part in RUN_BREAKS.split(NOT_IN_XML.sub("", text)) if text else ():
            # As python-docx's run.text: a tab is w:tab, a line break w:br, text w:t (spaces kept at its ends).
            if part == "\t":
                xml.append("<w:tab/>")
            elif part in ("\r", "\n"):
                xml.append("<w:br/>")
            elif part:
                space = ' xml:space="preserve"' if part.strip() != part else ""
                xml.append(f"<w:t{space}>{escape(part)}</w:t>")
        xml.append("</w:r></w:p></w:tc>")
    xml.append("</w:tr>")
    return "".join(xml)


# --- XLSX -------------------------------------------------------------------------------------------

def to_xlsx(document: Document) -> bytes:
    buffer = io.BytesIO()
    book = workbook(buffer, in_memory=True)
    sheet = book.add_worksheet("Отчёт")
    styles = {
        "title": book.add_format({"bold": True, "font_size": 14}),
        "heading": book.add_format({"bold": True, "font_size": 12}),
        "header": book.add_format({"bold": True, "border": 1, "text_wrap": True, "valign": "top",
                                   "bg_color": "#EEEEEE"}),
        "text": book.add_format({"border": 1, "text_wrap": True, "valign": "top"}),
        "bold": book.add_format({"border": 1, "text_wrap": True, "valign": "top", "bold": True}),
        "note": book.add_format({"italic": True, "font_size": 9}),
        "paragraph": book.add_format({"text_wrap": True, "valign": "top"}),
    }
    # A table numbered in its first column (Order 1324) has its texts in the second.
    text_column = 1 if any(t.header[0].startswith("№") for t in document.tables) else 0
    widths = [TEXT_WIDTH if i == text_column else COLUMN_WIDTH for i in range(PARAGRAPH_COLUMNS)]
    numbers: dict[str, object] = {}

    def number_format(n: Number):
        pattern = "0" + ("." + "0" * n.decimals if n.decimals else "")
        if n.suffix:
            pattern += f'"{n.suffix}"'
        if n.signed:
            pattern = f"+{pattern};-{pattern};{pattern}"
        if pattern not in numbers:
            numbers[pattern] = book.add_format({"border": 1, "valign": "top", "num_format": pattern})
        return numbers[pattern]

    row = 0
    sheet.write(row, 0, document.title, styles["title"])
    for line in document.lines:
        row += 1
        sheet.write(row, 0, line)
    widest = 1
    for section in document.sections:
        row += 2
        sheet.write(row, 0, section.heading, styles["heading"])
        for block in section.blocks:
            row += 1
            if isinstance(block, Heading):
                row += 1
                sheet.write(row, 0, block.text, styles["heading"])
            elif isinstance(block, Paragraph):
                _xlsx_paragraph(sheet, row, block.text, widths, styles["paragraph"])
            elif isinstance(block, Chart):
                row = _xlsx_chart(book, sheet, row, block, styles, number_format)
            else:
                row, width = _xlsx_table(sheet, row, block, styles, number_format)
                widest = max(widest, width)
    sheet.set_column(0, max(widest, PARAGRAPH_COLUMNS), COLUMN_WIDTH)
    sheet.set_column(text_column, text_column, TEXT_WIDTH)
    book.close()
    return buffer.getvalue()


COLUMN_WIDTH, TEXT_WIDTH = 14, 60  # in characters
PARAGRAPH_COLUMNS = 4  # a paragraph spans the first columns, wrapped
LINE_HEIGHT = 15  # points, of one line of 11-point text


def _xlsx_paragraph(sheet, row: int, text: str, widths: list[int], style) -> None:
    """A paragraph as one wrapped cell across the first columns. Excel does not fit a merged cell's height to
    its text, so the row is given the height of the lines the text needs."""
    sheet.merge_range(row, 0, row, len(widths) - 1, text, style)
    lines = sum(max(1, math.ceil(len(part) / sum(widths))) for part in text.split("\n"))
    if lines > 1:
        sheet.set_row(row, LINE_HEIGHT * lines)


def _xlsx_table(sheet, row: int, table: Table, styles: dict, number_format: Callable) -> tuple[int, int]:
    """Writes the table from `row`; returns the last row written and the number of columns."""
    shares = {i for r in table.rows for i, cell in enumerate(r.cells) if isinstance(cell, Share)}
    header = []
    for i, text in enumerate(table.header):
        header += [text, f"{text}, %"] if i in shares else [text]
    sheet.write_row(row, 0, header, styles["header"])
    for r in table.rows:
        row += 1
        col = 0
        for i, cell in enumerate(r.cells):
            parts = [cell.count, cell.percent] if isinstance(cell, Share) else (
                [cell, None] if i in shares else [cell])
            for part in parts:
                if isinstance(part, Number):
                    sheet.write_number(row, col, part.value, number_format(part))
                else:
                    sheet.write_string(row, col, cell_text(part), styles["bold" if r.heading else "text"])
                col += 1
    for note in table.notes:
        row += 1
        sheet.write(row, 0, note, styles["note"])
    return row, len(header)


CHART_ROWS = 15  # the rows a native chart covers: what follows it starts below


def _xlsx_chart(book, sheet, row: int, chart: Chart, styles: dict, number_format: Callable) -> int:
    """The chart's numbers (school year, value) and a column chart of them beside; returns the last row used."""
    sheet.write_row(row, 0, [chart.title, ""], styles["header"])
    first = row + 1
    for label, value, _ in chart.bars:
        row += 1
        sheet.write_string(row, 0, label, styles["text"])
        if value is None:
            sheet.write_string(row, 1, "нет данных", styles["text"])
        else:
            sheet.write_number(row, 1, value, number_format(Number(value, 1, chart.suffix)))
    column = book.add_chart({"type": "column"})
    column.add_series({"name": chart.title, "categories": [sheet.name, first, 0, row, 0],
                       "values": [sheet.name, first, 1, row, 1], "fill": {"color": "#1B5A80"}})
    column.set_title({"name": chart.title, "name_font": {"size": 11}})
    column.set_legend({"none": True})
    if chart.suffix == " %":
        column.set_y_axis({"min": 0, "max": 100})
    sheet.insert_chart(first - 1, 3, column, {"x_scale": 1.1, "y_scale": 0.9})
    return max(row, first - 1 + CHART_ROWS)


# --- HTML and PDF -----------------------------------------------------------------------------------

def to_html(document: Document) -> bytes:
    return render_to_string("reports/document.html", {"document": document, "sections": [
        {"heading": s.heading, "blocks": [_html_block(b) for b in s.blocks]} for s in document.sections
    ]}).encode()


def _html_block(block) -> dict:
    if isinstance(block, Heading):
        return {"heading": block.text}
    if isinstance(block, Paragraph):
        return {"paragraph": block.text}
    if isinstance(block, Chart):
        # On screen the title is the figure's caption, text of the page: drawn, it shrank to 7 px on a phone.
        return {"chart": mark_safe(chart_svg(block)),  # every text in it is escaped by chart_svg
                "caption": block.title}
    return {"table": {
        "header": block.header,
        "rows": [{"heading": r.heading,
                  "cells": [(cell_text(c), isinstance(c, Number | Share | Withheld)) for c in r.cells]}
                 for r in block.rows],
        "notes": block.notes,
    }}


def to_pdf(document: Document) -> bytes:
    import weasyprint

    # Its notes on font subsetting are of no use to the reader of a report.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return weasyprint.HTML(string=to_html(document).decode()).write_pdf()


WRITERS: dict[Format, Callable[[Document], bytes]] = {
    Format.DOCX: to_docx,
    Format.XLSX: to_xlsx,
    Format.HTML: to_html,
    Format.PDF: to_pdf,
}
