"""An Excel sheet printed: A4, all its columns on a page's width (pages only down), landscape when its columns are
wider than a portrait page, the header of its only table on each page, «Стр. N из M» and the sheet's name at the
foot; its columns narrowed to a printable width by wrapping long texts. The self-examination's sheet printed by
LibreOffice was 38 pages (docs/reports.md), three pages across for each page down."""

import io
import re
import subprocess

import openpyxl

from tests.libreoffice import convert
from tests.reports.conftest import YEAR
from tests.reports.test_writers_xlsx import plan, width
from vsoko.reports.document import HIDDEN, Chart, Document, Number, Paragraph, Section, Table
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.registry import render
from vsoko.reports.writers import PRINT_CHARS, Sheet, to_xlsx, to_xlsx_book

A4 = 9  # Excel's paper size code


def sheet_of(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def widths(sheet) -> list[float]:
    return [
        width(sheet, openpyxl.utils.get_column_letter(c)) for c in range(1, sheet.max_column + 1)
    ]


def short_list() -> Document:
    table = Table(["Показатель", "Значение"])
    table.add("Численность обучающихся", Number(581))
    return Document("Итоги", sections=[Section("", [table])])


def wide() -> Document:
    """The self-examination's mix: a table numbered in its first column (its texts in the second, 60 characters)
    and an eight-column table of long texts in the same columns — 244 characters across before."""
    document = Document("Самообследование", ["Школа № 1"])
    checks = Table(
        ["Даты", "Орган", "Вид", "Предмет", "Результат", "Нарушений", "Устранено", "Срок прошёл"]
    )
    checks.add(
        "03.12.2024–05.12.2024",
        "Управление образования администрации муниципального района",
        "профилактический визит",
        "Готовность к реализации обновлённых федеральных государственных "
        "образовательных стандартов",
        "нарушений нет, даны рекомендации по ведению документации",
        Number(0),
        Number(0),
        Number(0),
    )
    numbered = Table(["№ п/п", "Показатели", "Единица измерения", "Значение"])
    numbered.add("1.1", "Общая численность учащихся", "человек", Number(581))
    document.section("Проверки").blocks += [checks, numbered]
    return document


def test_every_sheet_prints_on_a4_its_columns_on_one_page_across_numbered_at_the_foot():
    book = openpyxl.load_workbook(
        io.BytesIO(to_xlsx_book([Sheet("План", plan()), Sheet("Итоги", short_list())]))
    )

    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert setup.paperSize == A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        # one page across (OOXML's default width 1, which xlsxwriter leaves unwritten), as many down as it takes
        assert (setup.fitToWidth or 1, setup.fitToHeight) == (1, 0)
        assert sheet.oddFooter.center.text == "Стр. &P из &N"
        assert sheet.oddFooter.right.text == "&A"  # the sheet's name
        assert sheet.page_margins.left < 0.75  # inches: 1,5 cm, not Excel's 1,9 cm
    # the plan's five columns (156 characters) are wider than a portrait page, two columns of a list are not
    assert [s.page_setup.orientation for s in book.worksheets] == ["landscape", "portrait"]


def test_the_header_of_the_only_table_is_printed_on_each_page():
    sheet = sheet_of(to_xlsx(plan()))
    header_row = next(c.row for c in sheet["A"] if c.value == "№")

    assert sheet.print_title_rows == f"${header_row}:${header_row}"


def test_long_texts_wrap_in_columns_narrowed_to_a_printable_width():
    sheet = sheet_of(to_xlsx(wide()))
    columns = widths(sheet)

    # Excel adds a padding of 0,71 to each width written
    assert sum(columns) <= PRINT_CHARS + 0.72 * len(columns)
    assert sheet.page_setup.orientation == "landscape"
    # The checks begin in the second column, the numbered table's names': no column narrower than its longest
    # word and 2 — «03.12.2024–05.12.2024» (one word, 21), «образовательных» (15), «рекомендации» (12); the
    # column of names keeps 40 of its 60, the first is the numbers' «№ п/п».
    assert columns[1] >= 40 and columns[4] >= 17 and columns[5] >= 14
    assert columns[0] < 10


def test_a_table_that_fits_keeps_its_columns_as_wide_as_their_texts():
    sheet = sheet_of(to_xlsx(short_list()))

    # «Показатель»: the column of names, 60; «Значение»: its header word and 2
    assert [round(w) for w in widths(sheet)] == [61, 11]


def test_a_line_longer_than_the_printed_columns_wraps_instead_of_running_off_the_page():
    document = short_list()
    long = (
        "Порядок проведения самообследования — приказ Минобрнауки России от 14.06.2013 № 462; показатели — "
        "приложение 2 к приказу Минобрнауки России от 10.12.2013 № 1324"
    )
    document.lines.append(long)
    sheet = sheet_of(to_xlsx(document))
    row = next(c.row for c in sheet["A"] if c.value == long)

    assert {str(r) for r in sheet.merged_cells.ranges} == {f"A{row}:B{row}"}
    assert sheet.cell(row, 1).alignment.wrap_text
    # 160 characters over the columns' 60 + 10 and their paddings: three lines, each 13,5 points and 2 more —
    # 42,5, which xlsxwriter writes as a whole number of pixels (57, 42,75 points)
    assert sheet.row_dimensions[row].height == 42.75


def test_the_self_examination_sheet_is_set_up_for_print(known_school):
    sheet = sheet_of(render(ReportKind.SELF_EXAM, known_school, YEAR, Format.XLSX))

    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToHeight == 0
    assert sum(widths(sheet)) <= PRINT_CHARS + 0.72 * sheet.max_column


def test_libreoffice_prints_a_wide_table_on_one_page(tmp_path):
    # Before: three pages, the columns split into «Даты…Вид», «Предмет…Результат», the numbers.
    document = wide()
    document.sections.append(Section("Абзац", [Paragraph("Текст под таблицами.")]))
    (tmp_path / "wide.xlsx").write_bytes(to_xlsx(document))

    pdf = convert(tmp_path / "wide.xlsx", "pdf").read_bytes()

    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 1


def test_a_row_whose_text_wraps_is_as_tall_as_its_lines():
    # LibreOffice does not fit a row to its wrapped text: the second line was printed over the next row.
    table = Table(["Область мониторинга", "Средний уровень"])
    table.add(
        "Качество образовательных программ дошкольного образования и их реализации", Number(2.0, 2)
    )
    table.add("Условия", Number(2.9, 2))
    sheet = sheet_of(to_xlsx(Document("Дошкольное образование", sections=[Section("", [table])])))
    long, short = (
        next(c.row for c in sheet["A"] if c.value == text)
        for text in (table.rows[0].cells[0], "Условия")
    )

    # The column of names, 60: a line of 60 letters — «Качество … образования» (57), then «и их
    # реализации»; the header's «Средний уровень» in its 9 characters (its longest word and 2), in bold 8 a
    # line: two. Two lines are 13,5 points each and 2 more: 29, a whole number of pixels — 39, 29,25 points
    # (15 points a line left an empty line under six).
    assert round(width(sheet, "A")) == 61
    assert sheet.row_dimensions[long].height == 29.25
    assert sheet.row_dimensions[long - 1].height == 29.25
    assert sheet.row_dimensions[short].height is None


def test_a_list_keeps_its_columns_as_wide_as_their_texts_and_is_printed_smaller():
    # A list is worked in (sorted, filtered): its names are not wrapped to fit a page.
    table = Table(["ФИО", *(f"Столбец {n}" for n in range(1, 16))])
    table.add("Константинопольская Анна", *(f"значение номер {n}" for n in range(1, 16)))
    sheet = openpyxl.load_workbook(
        io.BytesIO(
            to_xlsx_book(
                [Sheet("Список", Document("", sections=[Section("", [table])]), is_list=True)]
            )
        )
    )["Список"]

    # «Константинопольская Анна» (24) and 2; each «значение номер N» (17 or 18) and 2: 16 columns, 312 characters
    assert round(width(sheet, "A")) == 27
    assert sum(widths(sheet)) > PRINT_CHARS
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToHeight == 0


def attendance(classes: int) -> Document:
    """The attendance page's download: its classes, then the pupils absent without a valid reason under a heading."""
    document = Document("Посещаемость: 1 четверть", ["МБОУ «СОШ № 1»", "2025/2026 учебный год"])
    by_class = Table(["Класс", "Обучающихся"])
    for n in range(classes):
        by_class.add(f"{n + 1}А", Number(25))
    document.section("Пропуски по классам").blocks.append(by_class)
    pupils = Table(["Обучающийся", "Класс", "Уроков"])
    for n in range(5):
        pupils.add(f"Ученик {n}", "5А", Number(10 - n))
    document.section("Пропуски без уважительной причины").blocks.append(pupils)
    return document


def row_of(sheet, text: str) -> int:
    return next(c.row for c in sheet["A"] if c.value == text)


def test_a_heading_whose_table_would_start_on_the_next_page_starts_a_page_with_it():
    sheet = sheet_of(to_xlsx(attendance(44)))
    heading = row_of(sheet, "Пропуски без уважительной причины")

    # The columns: the names' 60, «Обучающихся» 13, «Уроков» 8 and a padding of 5/7 each — 83,14 digits of 7
    # points (DejaVu Sans, LibreOffice's Calibri here), 582 points, wider than a portrait page's 510,2: the rows
    # are printed at 510,2/582 = 87,66 % of their size, a page's 741,5 points hold 845,9 of them. Above the
    # heading: the title (19 points), two lines, an empty row, the first heading (17), its table's header and 44
    # rows, an empty row (15 each) — 771; the heading (17), the header and three rows (15 each) would end at 848:
    # the page is broken before the heading (openpyxl's id: the 0-based row under the break, the heading's
    # 1-based row less one).
    assert [b.id for b in sheet.row_breaks.brk] == [heading - 1]


def test_a_heading_with_room_for_its_table_under_it_is_not_moved():
    sheet = sheet_of(to_xlsx(attendance(43)))
    heading = row_of(sheet, "Пропуски без уважительной причины")

    # 756 points above the heading, 77 for it, the header and three rows: 833 of the page's 845,9 — they stay on
    # the first page; the fourth row would end at 848, the page ends before it (the heading's 1-based row and 4)
    assert [b.id for b in sheet.row_breaks.brk] == [heading + 4]


def test_libreoffice_prints_the_heading_on_the_page_of_its_table(tmp_path):
    # Before: «Пропуски без уважительной причины» and the table's header at the foot of page 1, its rows on page 2.
    (tmp_path / "attendance.xlsx").write_bytes(to_xlsx(attendance(48)))
    pdf = convert(tmp_path / "attendance.xlsx", "pdf")
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")

    on = [n for n, page in enumerate(pages) if "Пропуски без уважительной причины" in page]
    assert len(on) == 1
    assert "Обучающийся" in pages[on[0]] and "Ученик 0" in pages[on[0]]


def test_the_names_of_the_tables_of_a_sheet_are_in_one_column():
    # The municipal report: a sheet's column is as wide for each of its tables, and the places of its rankings
    # were in the first column, 60 characters wide under the indicators' names, the schools' names wrapped in
    # the narrow second.
    trend = Table(["Показатель", "2023/2024", "2024/2025"])
    trend.add("Доля педагогов, прошедших курсы повышения квалификации за 3 года", Number(77.5, 1, " %"),
              Number(90.9, 1, " %"))
    places = Table(["Место", "Школа", "Значение"])
    places.add(Number(1), "МБОУ «Демонстрационная СОШ»", Number(90.9, 1, " %"))
    places.add("—", "МБОУ «Гимназия № 5»", HIDDEN)
    document = Document("Справка", sections=[Section("Динамика", [trend]), Section("Места школ", [places])])
    sheet = sheet_of(to_xlsx(document))
    rows = list(sheet.iter_rows(values_only=True))

    # The places: «Место» and 2, the least of a column (8); the names: 60; «2023/2024» and «Значение» (10),
    # «2024/2025»: 11 — and Excel's padding, 0,71, each
    assert [round(w) for w in widths(sheet)] == [9, 61, 12, 12]
    assert (None, "Показатель", "2023/2024", "2024/2025") in rows
    assert ("Место", "Школа", "Значение", None) in rows and (1, "МБОУ «Демонстрационная СОШ»", 90.9, None) in rows


def act(signed: bool) -> Document:
    """The site audit's act: its checklist and its remarks, comments in both."""
    comment = "Отчёт об исполнении предписания не размещён, размещено только само предписание"
    checklist = Table(["№", "Подраздел, сведения (документ)", "Статус", "Комментарий"])
    checklist.add(Number(16), "Предписания органов контроля (надзора) и отчёты об их исполнении", "не размещено",
                  comment)
    remarks = Table(["№", "Подраздел", "Замечание", "Комментарий"])
    remarks.add(Number(1), "Документы",
                "Предписания органов контроля (надзора) и отчёты об их исполнении: не размещено", comment)
    return Document("Акт аудита официального сайта",
                    sections=[Section("Результаты проверки по перечню", [checklist]),
                              Section("Перечень замечаний", [remarks])],
                    signature=["Проверку провёл: ____________ / Кузина О. А. /"] if signed else [])


def test_a_signed_document_is_printed_portrait_when_its_texts_can_wrap_to_a_portrait_page():
    # The act was landscape, printed smaller: its columns on one line each are 8 + 60 + 40 + 40 = 148 characters.
    signed, unsigned = sheet_of(to_xlsx(act(signed=True))), sheet_of(to_xlsx(act(signed=False)))

    # Narrowed to 93 from the least they may be — the numbers 8, the names 40, «предписания» and «исполнении:»
    # and 2, 13 each: 74 — by (93 − 74) / (148 − 74) of the difference: 8, 45, 19, 19 (and the padding)
    assert [round(w) for w in widths(signed)] == [9, 46, 20, 20]
    assert signed.page_setup.orientation == "portrait"
    assert unsigned.page_setup.orientation == "landscape"


def rows_sheet() -> Document:
    """Two tables of 70 rows each under their headings: a page ends within the first and the second."""
    document = Document("Строки", ["МБОУ «СОШ № 1»"])
    for part in ("Первая", "Вторая"):
        table = Table(["Строка", "Обучающихся", "Доля"])
        for n in range(70):
            table.add(f"{part} {n}", Number(25), Number(50.5, 1, " %"))
        document.section(f"{part} таблица").blocks.append(table)
    return document


def first_rows(pdf) -> list[str]:
    """The first table row («Первая 12») printed on each page of `pdf` after the first."""
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    return [re.search(r"(Первая|Вторая) \d+", page)[0] for page in pages[1:] if page.strip()]


def test_a_page_ends_where_libreoffice_would_end_it(tmp_path):
    # The estimate was cautious (rows as tall as on a page 7 % shorter, a heading 19 points that LibreOffice printed
    # in 15): the self-examination printed 15 pages of 12 pages' rows. Now a page ends at the row LibreOffice itself
    # ends it at, or a row or two before (its scale is a little smaller than the page's width over the columns').
    data = to_xlsx(rows_sheet())
    (tmp_path / "ours.xlsx").write_bytes(data)
    book = openpyxl.load_workbook(io.BytesIO(data))
    breaks = [b.id for b in book.active.row_breaks.brk]
    book.active.row_breaks = openpyxl.worksheet.pagebreak.RowBreak()
    book.save(tmp_path / "own.xlsx")

    ours, own = (first_rows(convert(tmp_path / name, "pdf")) for name in ("ours.xlsx", "own.xlsx"))

    # LibreOffice printed our pages and broke none of its own
    assert len(ours) == len(breaks) >= 1
    # 60 + 13 + 8 digits of 7 points and their paddings: 582 points on a portrait page's 510,2 at 87,66 %, 845,9
    # points a page: the title (19), the line, an empty row, the heading (17), the header and 50 rows (15 each)
    # — 831; the 51st, «Первая 50», would end at 846
    assert ours[0] == "Первая 50"
    number = int(own[0].split()[1])
    assert own[0].startswith("Первая") and 50 <= number <= 52, own


def test_the_title_over_a_charts_numbers_is_as_tall_as_its_wrapped_lines():
    # The municipal report: «… курсы» on the first line, «повышения квалификации за 3 года» printed over «2022/2023».
    title = "Доля педагогов, прошедших курсы повышения квалификации за 3 года"
    chart = Chart(title, [("2023/2024", 77.5, "77,5 %"), ("2024/2025", 90.4, "90,4 %")], " %")
    sheet = sheet_of(to_xlsx(Document("Справка", sections=[Section("Кадры", [chart])])))
    row = row_of(sheet, title)

    # The column of names, 60 (and 3/7 of its padding: 60,4 digits of room); bold DejaVu Sans: «Доля …
    # квалификации» 57,9 digits, with « за 3 года» 66,9 — two lines, 13,5 points each and 2: 29, a whole number
    # of pixels, 29,25 points
    assert sheet.row_dimensions[row].height == 29.25
    assert sheet.row_dimensions[row + 1].height is None
