"""Writers: one per output format, each takes any Document (vsoko.reports.document) and gives bytes.

- DOCX: python-docx, A4; each table's columns are as wide as their content needs (`table_layout`): no header word
  is broken, a wide table is set smaller or turns the pages landscape; charts are PNG pictures (charts.py).
- XLSX: xlsxwriter through vsoko.publication.spreadsheet.workbook (text never becomes a formula);
  numbers stay numbers with a display format, dates dates; a column with «N человек / X %» cells becomes two
  columns, the value and its percentage; a chart is its numbers and a native Excel chart of them. A book of
  several named sheets (`to_xlsx_book`, a Document each) is written the same way as a report's one sheet. Each
  sheet is set up for print (`xlsx_print_setup`): A4, its columns across one page, numbered pages.
- HTML: the template reports/document.html, self-contained (inline CSS, charts as inline SVG), lang="ru".
- PDF: WeasyPrint renders that same HTML.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import logging
import math
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from vsoko.publication.spreadsheet import workbook
from vsoko.reports import calibri_metrics
from vsoko.reports.charts import WORD_CM, chart_png, chart_svg
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

# --- DOCX -------------------------------------------------------------------------------------------

# An A4 sheet with the margins of ГОСТ Р 7.0.97-2016 (left 3 cm for the binding, right 1,5, top and bottom 2).
PAGE_CM = (21.0, 29.7)
MARGINS_CM = (3.0, 1.5, 2.0, 2.0)  # left, right, top, bottom
NORMAL_POINTS = 11  # the text's size; a table too wide at it is set smaller, down to the last of TABLE_POINTS
TABLE_POINTS = (11, 10, 9, 8)
PORTRAIT_POINTS = 9  # a table that needs a smaller size than this on a portrait page turns the pages landscape
CELL_MARGINS = 2 * 108  # twips: «Table Grid»'s left and right cell margins
TWIPS_PER_CM = 1440 / 2.54
LABEL_SHARE = 0.4  # of a table's width, for its column of names when the texts do not fit the width


def to_docx(document: Document) -> bytes:
    # python-docx and WeasyPrint are imported when a report is written, not by every command.
    import docx
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, Twips

    out = docx.Document()
    out.core_properties.title = document.title
    out.styles["Normal"].font.name = "Times New Roman"
    out.styles["Normal"].font.size = Pt(NORMAL_POINTS)
    _plain_headings(out)
    page = out.sections[0]
    page.page_width, page.page_height = Cm(PAGE_CM[0]), Cm(PAGE_CM[1])
    page.left_margin, page.right_margin, page.top_margin, page.bottom_margin = (Cm(m) for m in MARGINS_CM)
    portrait, landscape = (round((side - MARGINS_CM[0] - MARGINS_CM[1]) * TWIPS_PER_CM) for side in PAGE_CM)
    # A section's pages turn landscape when one of its tables cannot be set on a portrait page at a readable size
    # without breaking the words of its header (Word breaks a word that does not fit its column: «Успеваемо/сть») or
    # without squeezing its column of names. The other sections stay portrait: a report is printed and signed
    # on portrait pages, and three wide tables should not turn its fifty pages of text.
    upright = {id(t): table_layout(t, portrait) for t in document.tables}
    turned = [any(upright[id(b)].points < PORTRAIT_POINTS or not upright[id(b)].roomy
                  for b in section.blocks if isinstance(b, Table)) for section in document.sections]
    layouts = {id(b): table_layout(b, landscape) if turn else upright[id(b)]
               for section, turn in zip(document.sections, turned, strict=True)
               for b in section.blocks if isinstance(b, Table)}
    if turned and turned[0] and not document.approval:  # the title on the first section's page; a title page upright
        _turn(page, WD_ORIENT.LANDSCAPE)
    # A style named on each paragraph (python-docx's `add_heading`, `table.style =`) is looked up among all the
    # template's styles each time, a few milliseconds apiece: the ids are looked up once.
    styles = {name: out.styles[name].style_id for name in ("Title", "Heading 1", "Heading 2", "Table Grid")}

    def heading(text: str, style: str) -> None:
        out.add_paragraph(text)._p.style = styles[style]

    text_width = landscape if page.orientation == WD_ORIENT.LANDSCAPE else portrait
    for line in document.approval:  # the right half of the first page, as on an order
        out.add_paragraph(line).paragraph_format.left_indent = Twips(text_width // 2)
    heading(document.title, "Title")
    for line in document.lines:
        under = out.add_paragraph(unbroken(line))
        if document.approval:  # a title page: its lines centred under the title
            under.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if document.contents:
        _contents(out, [s.heading for s in document.sections], text_width)
    for n, (section, turn) in enumerate(zip(document.sections, turned, strict=True)):
        orientation = WD_ORIENT.LANDSCAPE if turn else WD_ORIENT.PORTRAIT
        if orientation != out.sections[-1].orientation:  # a new Word section, on a new page, turned
            _turn(out.add_section(WD_SECTION.NEW_PAGE), orientation)
        elif section.new_page:
            out.add_page_break()
        heading(section.heading, "Heading 1")
        if document.contents:
            _bookmark(out.paragraphs[-1], n)
        for block in section.blocks:
            if isinstance(block, Heading):
                heading(block.text, "Heading 2")
            elif isinstance(block, Paragraph):
                out.add_paragraph(unbroken(block.text))
            elif isinstance(block, Chart):
                # The title is text (Word's 11 pt, searchable, editable) kept on the chart's page; the picture is
                # as wide as its texts need to print at 8 pt and more (charts.WORD_CM).
                caption = out.add_paragraph()
                caption.add_run(unbroken(block.title)).bold = True
                caption.paragraph_format.keep_with_next = True
                out.add_picture(io.BytesIO(chart_png(block)), width=Cm(WORD_CM))
            else:
                _docx_table(out, block, layouts[id(block)], styles["Table Grid"], Pt(9))
    for i, line in enumerate(document.signature):
        signed = out.add_paragraph(line)
        if i == 0:
            signed.paragraph_format.space_before = Pt(24)
    if document.numbered:
        _page_numbers(page)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _turn(page, orientation) -> None:
    """The Word section's pages set to this orientation (a new section copies the last one's size and margins)."""
    from docx.enum.section import WD_ORIENT

    page.orientation = orientation
    short, long = sorted((page.page_width, page.page_height))
    page.page_width, page.page_height = (long, short) if orientation == WD_ORIENT.LANDSCAPE else (short, long)


def _page_numbers(page) -> None:
    """The page's number centred at its foot: a PAGE field, which Word and LibreOffice fill in."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import nsdecls
    from docx.oxml.parser import parse_xml

    foot = page.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))


def _contents(out, headings: list[str], text_width: int) -> None:
    """«Содержание» on a page of its own: each section's heading, dots and its page — a PAGEREF field to the
    heading's bookmark (`_bookmark`). Not Word's TOC field: LibreOffice prints a TOC field as it was saved, and a
    file written here has no page numbers to save (a TOC without its result printed a placeholder), while a
    PAGEREF is computed by LibreOffice as it lays the pages out and by Word when it updates fields — which the
    document asks it to do on opening (w:updateFields)."""
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.oxml.ns import nsdecls
    from docx.oxml.parser import parse_xml
    from docx.shared import Twips

    out.add_page_break()
    out.add_paragraph("Содержание").style = out.styles["Title"]
    w = nsdecls("w")
    for n, text in enumerate(headings):
        entry = out.add_paragraph()
        entry.paragraph_format.tab_stops.add_tab_stop(Twips(text_width), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        name = _bookmark_name(n)
        for element in parse_xml(
                f'<w:p {w}><w:hyperlink w:anchor="{name}"><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
                f'</w:hyperlink><w:r><w:tab/></w:r>'
                f'<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> PAGEREF {name} \\h </w:instrText></w:r>'
                f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t></w:t></w:r>'
                f'<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'):
            entry._p.append(element)
    settings = out.settings.element
    update = parse_xml(f'<w:updateFields {w} w:val="true"/>')
    # In the schema's order, which Word checks: before the first of the settings that follow it there.
    after = next((child for child in settings if child.tag.split("}")[1] in SETTINGS_AFTER_UPDATE_FIELDS), None)
    if after is None:
        settings.append(update)
    else:
        after.addprevious(update)


# The elements of w:settings after w:updateFields in ECMA-376's CT_Settings sequence (as far as a file has them).
SETTINGS_AFTER_UPDATE_FIELDS = frozenset({
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema",
    "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
    "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
    "decimalSymbol", "listSeparator"})


def _bookmark_name(n: int) -> str:
    return f"_Toc{n + 1:08d}"  # a name beginning with «_» is a hidden bookmark in Word, as its own TOC's are


def _bookmark(paragraph, n: int) -> None:
    """The paragraph (the n-th section's heading) marked as the place the contents' entry n refers to."""
    from docx.oxml.ns import nsdecls
    from docx.oxml.parser import parse_xml

    w = nsdecls("w")
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0,
                        parse_xml(f'<w:bookmarkStart {w} w:id="{n + 1}" w:name="{_bookmark_name(n)}"/>'))
    paragraph._p.append(parse_xml(f'<w:bookmarkEnd {w} w:id="{n + 1}"/>'))


HEADINGS = {"Title": 14, "Heading 1": 13, "Heading 2": 12}  # points


def _plain_headings(out) -> None:
    """Headings in the text's typeface, bold and black, the title centred: Word's template sets them in its theme's
    sans serif, in blue, with a blue rule under the title — two typefaces in one справка."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    for name, points in HEADINGS.items():
        style = out.styles[name]
        fonts = style.element.rPr.find(qn("w:rFonts"))
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        style.font.name = "Times New Roman"
        style.font.size, style.font.bold = Pt(points), True
        color = style.element.rPr.find(qn("w:color"))
        color.getparent().remove(color)  # with its theme colour, which Word would prefer to the black given
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.space_after = Pt(6)
    title = out.styles["Title"]
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.element.pPr.remove(title.element.pPr.find(qn("w:pBdr")))


# A space Word must not break a line at: before «%» and «п. п.» after a number, inside «п. п.».
NO_BREAK = re.compile(r"(?<=\d) (?=%|п\. п\.)|(?<=\bп\.) (?=п\.)")


def unbroken(text: str) -> str:
    """The text with no-break spaces where a line must not break: «84,7» at a line's end and «% против 92,6 %» on
    the next is how Word sets a sentence otherwise. A number's cell needs none: its column holds its whole text."""
    return NO_BREAK.sub("\u00a0", text)


def share_text(share: Share) -> str:
    """«5 человек / 71,4 %» that a line breaks after the slash only: a column as wide as its longer half holds
    «5 человек /» and «71,4 %»; with plain spaces a narrow column set «5 человек / 71,4» and «%» alone below."""
    count, percent = share.text.split(" / ")
    return count.replace(" ", "\u00a0") + "\u00a0/ " + percent.replace(" ", "\u00a0")


# Upper bounds of the advance widths of Times New Roman Bold and Regular, in ems: the widest letters, the other
# capitals and broad small letters, the rest. A column given its longest word's width by them holds that word on
# one line in Word and in LibreOffice (whose Liberation Serif has the same metrics).
WIDEST_CHARS, BROAD_CHARS = set("ЖШЩЫЮМ%№—WM@"), set("жмфшщыюmw&")
EMS = {True: (1.15, 0.9, 0.62), False: (1.05, 0.8, 0.58)}  # bold or not: (widest, broad, the rest)


@lru_cache(maxsize=65536)
def text_ems(text: str, bold: bool = True) -> float:
    """The width a line of text takes, in ems of its size, at most (estimated by the letters, see WIDEST_CHARS).
    Cached: the same numbers and words recur down a table's columns."""
    widest, broad, rest = EMS[bold]
    return sum(widest if c in WIDEST_CHARS else broad if c in BROAD_CHARS or c.isupper() else rest for c in text)


@dataclass(frozen=True)
class TableLayout:
    widths: list[int]  # twips, of each column
    points: int  # the size of the table's text
    roomy: bool = True  # the column of names has the room it wants (see table_layout)


def table_layout(table: Table, text_width: int) -> TableLayout:
    """Column widths by content, as Word's «автоподбор по содержимому» would give them but fixed: each column at
    least as wide as its longest word (a number, a header word) so that none is broken across lines; the column
    of names (subjects, classes, indicators: the first, or the second after «№ п/п») as wide as its longest name
    or LABEL_SHARE of the width, whichever is less — then the table is `roomy`; the rest of the width shared by
    how much text each column has. A table that does not fit has its names' column narrower, then is set in a
    smaller size; at the smallest size it still does not fit, its columns are narrowed in proportion (words
    break, the table stays on the page)."""
    label = 1 if table.header[0].startswith("№") and len(table.header) > 1 else 0
    least_ems, most_ems = _column_extents(table)
    for points in TABLE_POINTS:  # the larger size first: a column of names may wrap its names more
        for roomy in (True, False):
            least, most = ([ems * points * 20 + CELL_MARGINS for ems in widths] for widths in (least_ems, most_ems))
            if roomy:
                least[label] = max(least[label], min(most[label], LABEL_SHARE * text_width))
            if sum(least) <= text_width:
                return TableLayout(_shared(least, most, text_width), points, roomy)
    scale = text_width / sum(least)
    return TableLayout([int(w * scale) for w in least], TABLE_POINTS[-1], False)


def _shared(least: list[float], most: list[float], text_width: int) -> list[int]:
    """The width shared as a browser shares it among a table's columns: each its least, the rest by how much more
    each would take on one line; when every column fits on one line, in proportion to that."""
    if sum(most) <= text_width:
        widths = [w * text_width / sum(most) for w in most]
    else:
        spare = (text_width - sum(least)) / (sum(most) - sum(least))
        widths = [a + (b - a) * spare for a, b in zip(least, most, strict=True)]
    widths = [int(w) for w in widths]
    widths[widths.index(max(widths))] += text_width - sum(widths)  # rounding: the table spans the width exactly
    return widths


def _column_extents(table: Table) -> tuple[list[float], list[float]]:
    """Each column's least width (its longest unbreakable piece: a word, a number with its unit, a half of
    «N человек / X %») and its width on one line, in ems of the table's size."""
    least = [max((text_ems(word) for word in text.split()), default=0) for text in table.header]
    most = [max((text_ems(line) for line in text.split("\n")), default=0) for text in table.header]
    for row in table.rows:
        for i, cell in enumerate(row.cells[:len(least)]):
            text = cell_text(cell)
            if isinstance(cell, Share):
                pieces = share_text(cell).split(" ")
            elif isinstance(cell, Number | Withheld):
                pieces = [text]
            else:
                pieces = text.split()
            bold = row.heading
            least[i] = max(least[i], *(text_ems(p, bold) for p in pieces)) if pieces else least[i]
            most[i] = max(most[i], *(text_ems(line, bold) for line in text.split("\n")))
    return least, most


RUN_BREAKS = re.compile(r"([\t\r\n])")
# Characters XML 1.0 does not allow: a stray one in an entered name or comment is dropped, not a failed export.
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _docx_table(out, table: Table, layout: TableLayout, style_id: str, note_size) -> None:
    """The table's rows written as XML text and parsed at once. python-docx's `add_row()` copies the last row
    and `row.cells` walks the whole grid, each time, and each element it adds is a Python object: a class's
    pupil sheets (40 tables, 316 rows) took 1.6 s that way, 0.1 s this way. The XML is the same python-docx
    writes: each cell a paragraph of one run, bold in the header and in heading rows (`<w:b w:val="0"/>`
    elsewhere, as `run.bold = False` writes it), numbers and a withheld «—*» aligned right. The widths are fixed (`autofit` off:
    Word would otherwise share the width anew); the header row repeats on each page the table runs onto and no
    row is split between pages."""
    from docx.oxml.ns import nsdecls, qn
    from docx.oxml.parser import parse_xml
    from docx.shared import Twips

    grid = out.add_table(rows=0, cols=len(table.header))
    grid._tbl.tblStyle_val = style_id
    grid.autofit = False
    grid._tbl.tblPr.find(qn("w:tblW")).attrib.update({qn("w:type"): "dxa", qn("w:w"): str(sum(layout.widths))})
    for column, width in zip(grid._tbl.tblGrid.gridCol_lst, layout.widths, strict=True):
        column.w = Twips(width)
    size = "" if layout.points == NORMAL_POINTS else f'<w:sz w:val="{2 * layout.points}"/>'
    rows = [_docx_row(layout.widths, [(text, False) for text in table.header], bold=True, size=size, header=True)]
    rows += [_docx_row(layout.widths, [(share_text(value), True) if isinstance(value, Share)
                                       else (cell_text(value), True) if isinstance(value, Number | Withheld)
                                       else (unbroken(cell_text(value)), False) for value in row.cells],
                       bold=row.heading, size=size) for row in table.rows]
    grid._tbl.extend(list(parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(rows)}</w:tbl>")))
    for note in table.notes:
        out.add_paragraph().add_run(note).font.size = note_size


def _docx_row(widths: list[int], cells: list[tuple[str, bool]], *, bold: bool, size: str = "",
              header: bool = False) -> str:
    weight = "<w:b/>" if bold else '<w:b w:val="0"/>'
    run = f"<w:r><w:rPr>{weight}{size}</w:rPr>"
    xml = [f"<w:tr><w:trPr><w:cantSplit/>{'<w:tblHeader/>' if header else ''}</w:trPr>"]
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

@dataclass(frozen=True)
class TableChart:
    """A native Excel chart of the columns of a sheet's one table, drawn under it: each of `values` a series named
    by its header, over the labels of the `categories` column (indexes of the table's columns)."""

    kind: str  # xlsxwriter's chart type: column, line
    title: str
    categories: int
    values: tuple[int, ...]
    y_title: str = ""


@dataclass(frozen=True)
class Sheet:
    """A named sheet of a workbook: a Document, written as `to_xlsx` writes one. A document without a title, lines
    and section headings is its tables alone, the first header in the first row (a list, a comparison by years).
    `is_list`: a list the user keeps working in (the journal of lesson visits) — a filter on its header, and its
    first column frozen with the header. `chart`: of a one-table sheet with rows (an analysis page's)."""

    name: str
    document: Document
    is_list: bool = False
    chart: TableChart | None = None


def to_xlsx(document: Document) -> bytes:
    return to_xlsx_book([Sheet("Отчёт", document)], title=document.title)


def to_xlsx_book(sheets: list[Sheet], *, title: str = "") -> bytes:
    """The sheets in one book, in their order, each named by `sheet_name`; `title` the file's own (its properties).
    One writer of tables to Excel: a report, a page's table (vsoko.web.downloads), the summary of a survey, the
    journal of lesson visits."""
    buffer = io.BytesIO()
    book = workbook(buffer, in_memory=True)
    if title:
        book.set_properties({"title": title})
    styles = {
        "title": book.add_format({"bold": True, "font_size": 14}),
        "heading": book.add_format({"bold": True, "font_size": 12}),
        "header": book.add_format({"bold": True, "border": 1, "text_wrap": True, "valign": "top",
                                   "bg_color": "#EEEEEE"}),
        "text": book.add_format({"border": 1, "text_wrap": True, "valign": "top"}),
        "bold": book.add_format({"border": 1, "text_wrap": True, "valign": "top", "bold": True}),
        "date": book.add_format({"border": 1, "valign": "top", "num_format": DATE_FORMAT}),
        # «—*» stands where the numbers of its column stand.
        "withheld": book.add_format({"border": 1, "valign": "top", "align": "right"}),
        "note": book.add_format({"italic": True, "font_size": 9}),
        "long note": book.add_format({"italic": True, "font_size": 9, "text_wrap": True, "valign": "top"}),
        "paragraph": book.add_format({"text_wrap": True, "valign": "top"}),
    }
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

    used: set[str] = set()
    for sheet in sheets:
        _xlsx_sheet(book, book.add_worksheet(sheet_name(sheet.name, used)), sheet, styles, number_format)
    book.close()
    return buffer.getvalue()


def sheet_name(title: str, used: set[str]) -> str:
    """Excel's name of a sheet: at most 31 characters, none of []:*?/\\, unique in the book (`used`, added to)."""
    base = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Лист"
    name, n = base, 2
    while name in used:
        name = f"{base[:28]} {n}"
        n += 1
    used.add(name)
    return name


def _xlsx_sheet(book, sheet, spec: Sheet, styles: dict, number_format: Callable) -> None:
    document = spec.document
    # A table numbered in its first column (Order 1324) has its texts in the second; a list's columns are all as
    # wide as their content (its first may be a date).
    # A sheet's tables have their columns of names in one column of the sheet, the text column: a table whose
    # names are in its first column begins a column to the right when another has them in its second (after
    # «№ п/п», after «Место») — a sheet's column is as wide for each of its tables, and the places of the
    # municipal report's rankings were 60 characters wide, under the indicators' names, their schools' names
    # wrapped in the narrow column beside.
    labels = [0 if spec.is_list else names_column(t) for t in document.tables]
    text_column = None if spec.is_list else max(labels, default=0)
    offsets = {id(t): (text_column or 0) - label for t, label in zip(document.tables, labels, strict=True)}
    least, most = _xlsx_widths(document, text_column, offsets)
    # A list's texts stay on one line each as the user sorts and filters them (printed smaller if need be); a
    # report's columns are narrowed to a page's width.
    # A document signed (an act, an order, the self-examination) is printed on portrait pages, as in Word, when
    # its columns can be narrowed to a portrait page's width without breaking a word: the site audit's act was
    # landscape and printed smaller for its columns of comments, which wrap as well.
    signed = bool(document.signature) and sum(least) <= PORTRAIT_CHARS
    widths = most if spec.is_list else _printable(least, most, PORTRAIT_CHARS if signed else PRINT_CHARS)
    # A paragraph spans the first columns, as many as make a readable line (up to PARAGRAPH_COLUMNS).
    spanned = next((n for n in range(1, PARAGRAPH_COLUMNS + 1) if sum(widths[:n]) >= PARAGRAPH_WIDTH),
                   PARAGRAPH_COLUMNS)
    paragraph_columns = widths[:spanned]

    row = -1  # the last row written
    # «УТВЕРЖДАЮ», who approves, the date: over the columns right of the names, as on an order; an empty row under.
    approval_column = 0 if text_column is None else text_column + 1
    for line in document.approval:
        row += 1
        sheet.write(row, approval_column, line)
    if document.approval:
        row += 1
    tall: dict[int, float] = {}  # the rows of a larger type and the rows given a height: their heights, points
    kept: list[tuple[int, int]] = []  # rows printed on one page: a heading with its table's first rows, a chart
    if document.title:
        row += 1
        sheet.write(row, 0, document.title, styles["title"])
        tall[row] = TITLE_HEIGHT
        sheet.set_row(row, TITLE_HEIGHT)  # LibreOffice keeps a row without a height at 15 points, cutting 14-point type
    for line in document.lines:
        row += 1
        _xlsx_line(sheet, row, line, widths, paragraph_columns, None, styles["paragraph"])
    header_rows = []
    for section in document.sections:
        heading = None  # the row of the heading (a section's, then a subheading's) the next block is kept with
        if section.heading:
            row += 2 if row >= 0 else 1  # an empty row before, unless it is the sheet's first
            sheet.write(row, 0, section.heading, styles["heading"])
            tall[row], heading = HEADING_HEIGHT, row
            sheet.set_row(row, HEADING_HEIGHT)
        elif row >= 0:
            row += 1
        for block in section.blocks:
            row += 1
            first = row
            if isinstance(block, Heading):
                row += 1
                sheet.write(row, 0, block.text, styles["heading"])
                tall[row] = HEADING_HEIGHT
                sheet.set_row(row, HEADING_HEIGHT)
                heading = row if heading is None else heading
                continue
            if isinstance(block, Paragraph):
                _xlsx_paragraph(sheet, row, block.text, paragraph_columns, styles["paragraph"])
                kept.append((first if heading is None else heading, row))
            elif isinstance(block, Chart):
                row = _xlsx_chart(book, sheet, row, text_column or 0, block, widths, styles, number_format)
                kept.append((first if heading is None else heading, row))
            else:
                header_rows.append(row)
                row = _xlsx_table(sheet, row, block, offsets[id(block)], widths, styles, number_format,
                                  lambda at, note: _xlsx_line(sheet, at, note, widths, paragraph_columns,
                                                              styles["note"], styles["long note"]))
                # The header and the first rows (all of a short table) on the page of its heading.
                kept.append((first if heading is None else heading, _kept_rows(sheet, first, row)))
            heading = None
    for i, line in enumerate(document.signature):  # who signs, after an empty row
        row += 2 if i == 0 else 1
        _xlsx_line(sheet, row, line, widths, paragraph_columns, None, styles["paragraph"])
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
    xlsx_print_setup(sheet, widths)
    if len(header_rows) > 1:
        # The heights given to rows of wrapped text (xlsxwriter keeps them in pixels, 4/3 of a point).
        set_rows = {r: info.height * 3 / 4 for r, info in sheet.row_info.items() if info.height is not None}
        sheet.set_h_pagebreaks(page_breaks(row, widths, tall | set_rows, kept))
    if len(header_rows) == 1:
        # A sheet of one table (the plan, the schedule, a list): its header stays in sight as the rows scroll and is
        # printed on each page.
        sheet.freeze_panes(header_rows[0] + 1, 1 if spec.is_list else 0)
        sheet.repeat_rows(header_rows[0])
        table = document.tables[0]
        if spec.is_list:
            sheet.autofilter(header_rows[0], 0, header_rows[0] + max(len(table.rows), 1),
                             len(_xlsx_cells(table)[0]) - 1)
        if spec.chart and table.rows:
            sheet.insert_chart(header_rows[0] + len(table.rows) + 3, 0,
                               _table_chart(book, sheet.name, spec.chart, header_rows[0], len(table.rows)))


DATE_FORMAT = "dd.mm.yyyy"
COLUMN_WIDTH, TEXT_WIDTH = 14, 60  # in characters: a column without a table's cells, the column of names
NARROWEST, WIDEST = 8, 40  # in characters: a column of a table is as wide as its content within these
# A printed sheet: A4 with margins of 1,5 cm (2 cm at the foot, under the page's number). Its columns are printed
# across one page, scaled down if wider (Excel's «разместить не более чем на 1 страницу в ширину»). A portrait
# page holds 93 characters of Calibri 11 across, a landscape one 138; a sheet's columns are made at most
# PRINT_CHARS wide, 86 % of them on a landscape page, by narrowing the columns of long texts (they wrap).
PORTRAIT_CHARS, PRINT_CHARS = 93, 160
LABEL_CHARS = 40  # the column of names is narrowed to no less than this
PRINT_MARGINS_INCHES = (0.59, 0.59, 0.59, 0.79)  # left, right, top, bottom: 1,5 cm and 2 cm
FOOTER_MARGIN_INCHES = 0.31  # 0,8 cm
A4_PAPER = 9  # Excel's code of the paper size
PARAGRAPH_COLUMNS = 4  # a paragraph spans the first columns, wrapped: at most these,
PARAGRAPH_WIDTH = 100  # fewer if they are this many characters wide already
LINE_HEIGHT = 15  # points: a row of one line of 11-point text, the sheet's default (Excel's and LibreOffice's)
# A row of wrapped text is LINE_POINTS a line and ROW_POINTS more. Excel sets the lines of 11-point Calibri as
# Windows measures the font: usWinAscent + usWinDescent, 2 500/2 048 of 11 points at 96 pixels an inch — 17,9,
# a whole 18 pixels, 13,5 points. LibreOffice sets Carlito's lines closer (11,1 points, its ascent and descent
# without the line gap; measured in its PDF): a row of six lines has 14 points under them there, a line cut off
# in Excel if the rows were made for LibreOffice. Rows were 15 points a line: six lines left an empty seventh.
SCREEN_PIXELS_PER_POINT = 96 / 72
LINE_POINTS = math.ceil(11 * SCREEN_PIXELS_PER_POINT * (calibri_metrics.WIN_ASCENT + calibri_metrics.WIN_DESCENT)
                        / calibri_metrics.UNITS_PER_EM) / SCREEN_PIXELS_PER_POINT
ROW_POINTS = 2


def xlsx_print_setup(sheet, widths: list[float], *, header_row: int | None = None) -> None:
    """A4, portrait if the columns fit a portrait page, else landscape; the columns across one page, the rows on as
    many pages as they take; «Стр. 3 из 7» at the foot of each page, the sheet's name on its right (a report's
    sheets printed together are told apart). `header_row` (0-based): printed at the top of each page. Every sheet
    written to Excel gets it: this writer's, and the books written on their own (the indicators' values, the audit
    journal)."""
    sheet.set_paper(A4_PAPER)
    if sum(widths) <= PORTRAIT_CHARS:
        sheet.set_portrait()
    else:
        sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(*PRINT_MARGINS_INCHES)
    sheet.set_footer("&CСтр. &P из &N&R&A", {"margin": FOOTER_MARGIN_INCHES})
    if header_row is not None:
        sheet.repeat_rows(header_row)


def _xlsx_line(sheet, row: int, text: str, widths: list[float], paragraph_columns: list[float], style,
               wrapped) -> None:
    """A line (under the title, a table's note, the signature) in the first column, its text running on over the
    empty cells to its right; one longer than all the sheet's columns would run off the printed page, so it is
    wrapped as a paragraph (in the style `wrapped`)."""
    if text_digits(text) <= sum(widths) + COLUMN_PADDING * (len(widths) - 1):
        sheet.write(row, 0, text, style)
    else:
        _xlsx_paragraph(sheet, row, text, paragraph_columns, wrapped)


def _xlsx_paragraph(sheet, row: int, text: str, widths: list[int], style) -> None:
    """A paragraph as one wrapped cell across the first columns. Excel does not fit a merged cell's height to
    its text, so the row is given the height of the lines the text needs."""
    sheet.merge_range(row, 0, row, len(widths) - 1, text, style)
    # The merged cell is as wide as its columns with their paddings.
    lines = wrapped_lines(text, sum(widths) + COLUMN_PADDING * (len(widths) - 1))
    if lines > 1:
        sheet.set_row(row, row_points(lines))


def _xlsx_row_height(sheet, row: int, cells: list, widths: list[float], *, bold: bool) -> None:
    lines = max((wrapped_lines(cell, widths[col], bold=bold) for col, cell in enumerate(cells)
                 if isinstance(cell, str) and col < len(widths)), default=1)
    if lines > 1:
        sheet.set_row(row, row_points(lines))


def row_points(lines: int) -> float:
    """The height of a row of `lines` lines of wrapped 11-point text, in points (one line: the default 15)."""
    return LINE_HEIGHT if lines <= 1 else LINE_POINTS * lines + ROW_POINTS


# A column `width` wide (Excel's unit: the width of a digit of the sheet's font) is that many digits and a padding of
# 5 pixels of 7 (xlsxwriter's, as Excel's): Excel's cell margins and grid line, its text has the `width` digits.
COLUMN_PADDING = 5 / 7
# The sheets are Calibri 11 (xlsxwriter's, Excel's default). Excel takes its digit as 7 pixels (96 an inch): a
# column is 7 × width + 5 pixels, 0,75 of a point each. LibreOffice prints Calibri in Carlito, its metric twin
# (Debian's fonts-crosextra-carlito), and takes the digit from the font — 1 038/2 048 of 11 points, 5,575, which it
# keeps in whole twips: 5,55 points (measured: columns of 10, 20, 60 and 100 were 59,4, 115,0, 337,0 and 559,0
# points in the .ods it made of them, 5,55 × (width + 0,71)). Its columns are thus 5,7 % wider than Excel's, and
# printed smaller. Without Carlito it prints DejaVu Sans, whose digit is 7 points: a quarter wider still.
EXCEL_DIGIT_PIXELS = 7
LIBREOFFICE_DIGIT_POINTS = 5.55


@lru_cache(maxsize=65536)
def text_digits(text: str, bold: bool = False) -> float:
    """The width of a line of 11-point Calibri (regular or bold), in widths of a digit of the regular — Excel's unit
    of a column's width — by the advance widths of its glyphs (`calibri_metrics`, Carlito's): a space is less
    than half a letter, a capital wider. A space counted as wide as a letter made two lines of one, and the row an
    empty line taller."""
    widths = calibri_metrics.BOLD if bold else calibri_metrics.REGULAR
    unknown = calibri_metrics.UNKNOWN_WIDTH[bold]
    return sum(widths.get(ch, unknown) for ch in text) / calibri_metrics.REGULAR["0"]


def wrapped_lines(text: str, width: float, *, bold: bool = False) -> int:
    """The lines a text takes wrapped at spaces in a column `width` wide (Excel's unit: the width of a digit), as
    Excel and LibreOffice print it: a word goes to the next line when the line with it is wider than the column's
    `width` digits (LibreOffice's room is a little wider); a word wider than a line breaks over the next ones."""
    room = width
    space = text_digits(" ", bold)
    lines = 0
    for part in text.split("\n"):
        lines += 1
        used = 0.0
        for word in part.split():
            size = text_digits(word, bold)
            if used and used + space + size > room:
                lines += 1
                used = 0.0
            elif used:
                used += space
            while used + size > room and size > room:  # a word wider than the line: the rest on the next
                lines += 1
                size -= room - used
                used = 0.0
            used += size
    return lines


PLACE_HEADERS = ("Место",)  # a first column of places names no rows: the names are in the next


def names_column(table: Table) -> int:
    """The column of a table that names its rows: the second after «№ п/п» or after «Место», else the first.
    Only by the header: a short first column of texts may be the names themselves (classes «7А» before their
    pupils), and moving the other tables of the sheet a column right for it misplaced the class summaries."""
    if len(table.header) < 2:
        return 0
    first = table.header[0].strip()
    return 1 if first.startswith("№") or first in PLACE_HEADERS else 0


def _xlsx_cells(table: Table) -> tuple[list[str], list[list[Number | datetime.date | Withheld | str]]]:
    """The table's header and rows as the sheet's cells: a column with «N человек / X %» cells is two, the count
    and the percentage (in the other rows of such a column the second is empty); numbers and dates stay such."""
    shares = {i for r in table.rows for i, cell in enumerate(r.cells) if isinstance(cell, Share)}
    header = []
    for i, text in enumerate(table.header):
        header += [text, f"{text}, %"] if i in shares else [text]
    rows = []
    for r in table.rows:
        cells: list[Number | datetime.date | Withheld | str] = []
        for i, cell in enumerate(r.cells):
            parts = [cell.count, cell.percent] if isinstance(cell, Share) else (
                [cell, None] if i in shares else [cell])
            cells += [part if isinstance(part, Number | datetime.date | Withheld) else cell_text(part)
                      for part in parts]
        rows.append(cells)
    return header, rows


def _xlsx_widths(document: Document, text_column: int | None, offsets: dict[int, int]) -> tuple[list[int], list[int]]:
    """Each column as wide as the texts of the tables' cells in it need on one line (between NARROWEST and
    WIDEST characters; a longer text wraps) and the longest word of a header; the column of names TEXT_WIDTH.
    Before, every column was 14 characters: a column of long texts (the plan's indicators, methods) made rows
    many lines tall. The widths, and the least each column may be narrowed to (its longest word) when the columns
    together are wider than a page holds (`_printable`): the self-examination's were 244 characters, three pages
    across."""
    least: dict[int, int] = {}  # the longest word (a number is one) of each column, wider than which it must be
    most: dict[int, int] = {}
    for table in document.tables:
        header, rows = _xlsx_cells(table)
        shift = offsets[id(table)]
        for i in range(shift):  # the columns left of a table's first
            least.setdefault(i, NARROWEST)
            most.setdefault(i, NARROWEST)
        for i, text in enumerate(header, start=shift):
            word = max((len(w) + 2 for w in text.split()), default=0)
            least[i], most[i] = max(least.get(i, NARROWEST), word), max(most.get(i, NARROWEST), word)
        for cells in rows:
            for i, cell in enumerate(cells, start=shift):
                text = cell if isinstance(cell, str) else cell_text(cell)
                words = text.split() if isinstance(cell, str) else [text]
                least[i] = max(least[i], min(WIDEST, max((len(w) + 2 for w in words), default=0)))
                most[i] = max(most[i], min(WIDEST, max(len(line) + 2 for line in text.split("\n"))))
    if not most:  # paragraphs alone: the columns they span
        spanned = [TEXT_WIDTH if i == text_column else COLUMN_WIDTH for i in range(PARAGRAPH_COLUMNS)]
        return spanned, spanned
    least_widths, widths = [least[i] for i in range(len(most))], [most[i] for i in range(len(most))]
    if text_column is not None and text_column < len(widths):
        widths[text_column] = TEXT_WIDTH
        least_widths[text_column] = min(TEXT_WIDTH, max(least_widths[text_column], LABEL_CHARS))
    return least_widths, widths


def _printable(least: list[int], most: list[int], limit: int = PRINT_CHARS) -> list[float]:
    """The widths `most`, or, if together wider than `limit`, each narrowed towards its `least` by the same
    share of the difference — the columns of long texts most, a column of numbers not at all."""
    if sum(most) <= limit:
        return most
    if sum(least) >= limit:
        return least
    kept = (limit - sum(least)) / (sum(most) - sum(least))
    return [math.floor(a + (b - a) * kept) for a, b in zip(least, most, strict=True)]


def _xlsx_table(sheet, row: int, table: Table, offset: int, widths: list[float], styles: dict,
                number_format: Callable, write_note: Callable[[int, str], None]) -> int:
    """Writes the table from `row`, its notes under it by `write_note` (row, text); returns the last row written.
    A row whose texts wrap is given their lines' height: LibreOffice does not fit a row's height to its wrapped
    text on opening a file, and printed the second line of «Качество образовательных программ» over the next row.
    Its first column is the sheet's column `offset`."""
    header, rows = _xlsx_cells(table)
    sheet.write_row(row, offset, header, styles["header"])
    widths = widths[offset:]
    _xlsx_row_height(sheet, row, header, widths, bold=True)
    for r, cells in zip(table.rows, rows, strict=True):
        row += 1
        _xlsx_row_height(sheet, row, cells, widths, bold=r.heading)
        for col, cell in enumerate(cells, start=offset):
            if isinstance(cell, Number):
                sheet.write_number(row, col, cell.value, number_format(cell))
            elif isinstance(cell, datetime.date):
                sheet.write_datetime(row, col, datetime.datetime.combine(cell, datetime.time()), styles["date"])
            elif isinstance(cell, Withheld):
                sheet.write_string(row, col, cell.text, styles["withheld"])
            elif cell == "":
                sheet.write_blank(row, col, None, styles["text"])  # empty, not a text of nothing (Excel's COUNTA)
            else:
                sheet.write_string(row, col, cell, styles["bold" if r.heading else "text"])
    for note in table.notes:
        row += 1
        write_note(row, note)
    return row


CHART_ROWS = 15  # the rows a native chart covers: what follows it starts below
# A printed page, in points, landscape or not: A4 less the margins (PRINT_MARGINS_INCHES; the footer is in the
# bottom one) — the rows' height (742,5 less a point: LibreOffice printed 50 rows of 15 points at 98 %) and the
# columns' width.
PAGE_POINTS = {False: 741.5, True: 495}
PAGE_WIDTH_POINTS = {False: 510.2, True: 756.9}
# A sheet fitted to a page's width is printed at the page's width over its columns' or less: Excel at 100 % at
# most (it fits by shrinking only) and in whole percents; LibreOffice at 98 % at most and in steps up to 3 % below
# (measured with Carlito: 0,906 → 90 %, 0,896 → 87 %, 0,672 → 67 %, 0,449 → 44 %).
EXCEL_FULL_SCALE, LIBREOFFICE_FULL_SCALE = 1.0, 0.98
TITLE_HEIGHT, HEADING_HEIGHT = 19, 17  # points: a line of 14- and 12-point type, given to the row
KEPT_ROWS = 3  # a table's rows after its header kept on its heading's page, fewer if as tall as these lines


def _kept_rows(sheet, header: int, last: int) -> int:
    """The last row of a table kept with its header (the row `header`) on its heading's page: the first KEPT_ROWS
    rows, or fewer that are as tall as KEPT_ROWS lines. Three rows of the plan's many lines each were half a page:
    the page before a heading was left half empty where a row would have shown the table begun."""
    end, lines = header, 0.0
    while end < min(last, header + KEPT_ROWS) and lines < KEPT_ROWS * LINE_HEIGHT:
        end += 1
        info = sheet.row_info.get(end)
        # xlsxwriter keeps a row's height in pixels, 4/3 of a point
        lines += info.height * 3 / 4 if info is not None and info.height is not None else LINE_HEIGHT
    return end


def page_breaks(last: int, widths: list[float], tall: dict[int, float], kept: list[tuple[int, int]]) -> list[int]:
    """The rows (0-based, up to `last`) that start a printed page, each a manual page break: a page is ended
    before a heading (and a table's header) whose table's first rows (`kept`: the first and the last row of
    each group) would not fit under it, and before a row that does not fit. A heading printed at the foot of
    a page and its table on the next («Пропуски без уважительной причины» of the attendance page) was how the
    program opening the file broke the pages. Every page is ended here, so that the pages are where they were
    reckoned: each holds rows of LINE_HEIGHT (or their heights, `tall`) up to PAGE_POINTS — less than a page
    holds (the columns scaled to a page's width print the rows smaller still), so the program's own breaks do
    not come first."""
    landscape = sum(widths) > PORTRAIT_CHARS
    room = PAGE_POINTS[landscape] / printed_scale(widths, landscape)
    groups = dict(kept)
    breaks, used = [], 0.0
    for row in range(last + 1):
        height = tall.get(row, LINE_HEIGHT)
        if row in groups:
            together = sum(tall.get(r, LINE_HEIGHT) for r in range(row, groups[row] + 1))
            if used and used + min(together, room) > room:
                breaks.append(row)
                used = 0.0
        if used and used + height > room:
            breaks.append(row)
            used = 0.0
        used += height
    return breaks


def printed_scale(widths: list[float], landscape: bool) -> float:
    """The larger of the scales Excel and LibreOffice (with Carlito) print columns `widths` wide at, fitted to a
    page's width: the rows are taken as printed at it, so that a page's rows are never more than either's page
    holds — Excel's, whose columns are the narrower. The estimate was made for LibreOffice printing DejaVu Sans,
    whose columns are a quarter wider: Excel and LibreOffice with Carlito ended a page a quarter before ours."""
    page = PAGE_WIDTH_POINTS[landscape]
    # xlsxwriter's pixels of a width (and Excel's, reading them back): 7 a digit, rounded, and the padding of 5
    excel = sum(int(width * EXCEL_DIGIT_PIXELS + 0.5) + 5 for width in widths) / SCREEN_PIXELS_PER_POINT
    libreoffice = sum(width + COLUMN_PADDING for width in widths) * LIBREOFFICE_DIGIT_POINTS
    return max(min(EXCEL_FULL_SCALE, page / excel), min(LIBREOFFICE_FULL_SCALE, page / libreoffice))


def _xlsx_chart(book, sheet, row: int, at: int, chart: Chart, widths: list[float], styles: dict,
                number_format: Callable) -> int:
    """The chart's numbers (school year, value) from the column `at` (the sheet's column of names) and a column
    chart of them beside; returns the last row used. The title over the numbers wraps as a table's header does, and
    its row is as tall: the municipal report's «Доля педагогов, прошедших курсы повышения квалификации за 3 года»
    printed its second line over the first year."""
    sheet.write_row(row, at, [chart.title, ""], styles["header"])
    _xlsx_row_height(sheet, row, [chart.title, ""], widths[at:], bold=True)
    first = row + 1
    for label, value, _ in chart.bars:
        row += 1
        sheet.write_string(row, at, label, styles["text"])
        if value is None:
            sheet.write_string(row, at + 1, "нет данных", styles["text"])
        else:
            sheet.write_number(row, at + 1, value, number_format(Number(value, 1, chart.suffix)))
    column = book.add_chart({"type": "column"})
    column.add_series({"name": chart.title, "categories": [sheet.name, first, at, row, at],
                       "values": [sheet.name, first, at + 1, row, at + 1], "fill": {"color": "#1B5A80"}})
    column.set_title({"name": chart.title, "name_font": {"size": 11}})
    column.set_legend({"none": True})
    if chart.suffix == " %":
        column.set_y_axis({"min": 0, "max": 100})
    sheet.insert_chart(first - 1, at + 3, column, {"x_scale": 1.1, "y_scale": 0.9})
    return max(row, first - 1 + CHART_ROWS)


def _table_chart(book, name: str, spec: TableChart, header: int, rows: int):
    chart = book.add_chart({"type": spec.kind})
    first, last = header + 1, header + rows
    for column in spec.values:
        chart.add_series({
            "name": [name, header, column],
            "categories": [name, first, spec.categories, last, spec.categories],
            "values": [name, first, column, last, column],
            **({"marker": {"type": "circle"}} if spec.kind == "line" else {}),
        })
    chart.set_title({"name": spec.title})
    chart.set_legend({"position": "bottom"})
    if spec.y_title:
        chart.set_y_axis({"name": spec.y_title})
    chart.set_size({"width": 720, "height": 320})
    return chart


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
        # The title is the figure's caption, text of the page on screen and on paper: drawn, it shrank to 7 px on a
        # phone and to 5 pt in the PDF.
        return {"chart": mark_safe(chart_svg(block)),  # every text in it is escaped by chart_svg
                "caption": block.title}
    return {"table": {
        "header": block.header,
        "names": _html_names(block),
        "rows": [{"heading": r.heading,
                  "cells": [(cell_text(c), isinstance(c, Number | Share | Withheld)) for c in r.cells]}
                 for r in block.rows],
        "notes": block.notes,
    }}


DATE = re.compile(r"\d\d\.\d\d\.\d{4}")


def _html_names(table: Table) -> int:
    """The column given half the width, as in every table of the report: the one naming the rows (names_column) —
    or the next when that one holds dates (the decisions' «Дата | Решение | …»: half the page went to the dates)."""
    column = names_column(table)
    cells = [cell_text(r.cells[column]) for r in table.rows if len(r.cells) > column]
    if cells and all(DATE.fullmatch(text) for text in cells) and column + 1 < len(table.header):
        return column + 1
    return column


_pdf_fonts = threading.local()  # Pango's font map is not to be shared between threads
PDF_KEPT_SECONDS = 3600


def to_pdf(document: Document) -> bytes:
    """WeasyPrint's layout is nearly all of a PDF's time (the public report: 0,4–1 s, its build 0,04 s), so a
    report whose HTML is the same as one made within the hour is that file again: the key is the HTML's digest,
    any changed figure or word makes another."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    html = to_html(document)
    key = "reports.pdf." + hashlib.sha256(html).hexdigest()
    if (kept := cache.get(key)) is not None:
        return kept
    # Its notes on font subsetting are of no use to the reader of a report.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    # Loaded once a thread, not once a document: fontconfig's setup took a quarter of a small PDF's time.
    fonts = getattr(_pdf_fonts, "config", None) or FontConfiguration()
    _pdf_fonts.config = fonts
    data = weasyprint.HTML(string=html.decode(), url_fetcher=_nothing_to_fetch).write_pdf(font_config=fonts)
    cache.set(key, data, PDF_KEPT_SECONDS)
    return data


def _nothing_to_fetch(url: str, *args, **kwargs):
    """A report is self-contained (inline CSS and SVG): it fetches nothing — and WeasyPrint's own fetcher loaded the
    system's certificates for every document, 20–45 ms."""
    raise ValueError(f"a report does not fetch {url}")


WRITERS: dict[Format, Callable[[Document], bytes]] = {
    Format.DOCX: to_docx,
    Format.XLSX: to_xlsx,
    Format.HTML: to_html,
    Format.PDF: to_pdf,
}
