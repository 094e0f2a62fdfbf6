"""An Excel sheet printed: A4, all its columns on a page's width (pages only down), landscape when its columns are
wider than a portrait page, the header of its only table on each page, «Стр. N из M» and the sheet's name at the
foot; its columns narrowed to a printable width by wrapping long texts. The self-examination's sheet printed by
LibreOffice was 38 pages (docs/reports.md), three pages across for each page down."""

import io
import re
import subprocess
from pathlib import Path

import openpyxl
import pytest

from tests.libreoffice import convert
from tests.reports.conftest import YEAR
from tests.reports.test_writers_xlsx import plan, width
from vsoko.reports import calibri_metrics
from vsoko.reports.document import HIDDEN, Chart, Document, Number, Paragraph, Section, Table
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.registry import render
from vsoko.reports.writers import (
    PRINT_CHARS,
    Sheet,
    page_breaks,
    text_digits,
    to_xlsx,
    to_xlsx_book,
)

A4 = 9  # Excel's paper size code
CARLITO = Path("/usr/share/fonts/truetype/crosextra")


def carlito_installed() -> bool:
    fonts = subprocess.run(["fc-list", ":family=Carlito"], capture_output=True, text=True).stdout
    return bool(fonts.strip())


# LibreOffice prints the sheets' Calibri in Carlito, Calibri's metric twin, where it is installed; without it, in
# DejaVu Sans, whose digit is a quarter wider: its pages then hold other rows, and comparing them with the estimate
# (made for Calibri) would pass or fail by chance.
needs_carlito = pytest.mark.skipif(
    not carlito_installed(),
    reason="Carlito is not installed (Debian: fonts-crosextra-carlito, which .ci/run installs): LibreOffice would "
           "print Calibri in DejaVu Sans, not in Calibri's widths",
)


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
    # 160 characters over the columns' 60 + 10 and a padding, 70,7 digits of Calibri (the first line 63,8, the
    # second 69,5, «10.12.2013 № 1324» on the third): three lines, each 13,5 points and 2 more —
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

    # The column of names, 60 digits of Calibri: «Качество … образования и их» 58,5 of them, then
    # «реализации»; the header's «Средний уровень» in its 9 digits (its longest word and 2): bold «Средний» 7,5,
    # with « уровень» 15,0 — two lines. Two lines are 13,5 points each (Calibri's line in Excel, 18 pixels) and 2
    # more: 29, a whole number of pixels — 39, 29,25 points (15 points a line left an empty line under six).
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
    sheet = sheet_of(to_xlsx(attendance(37)))
    heading = row_of(sheet, "Пропуски без уважительной причины")

    # The columns: the names' 60, «Обучающихся» 13, «Уроков» 8 — in Excel 7 pixels a digit of Calibri and 5 more
    # each: 425 + 96 + 61 = 582 pixels, 436,5 points, narrower than a portrait page's 510,2: printed at 100 %, a
    # page holds 741,5 points of rows. Above the heading: the title (19 points), two lines, an empty row, the
    # first heading (17), its table's header and 37 rows, an empty row (15 each) — 666; the heading (17), the
    # header and three rows (15 each) would end at 743: the page is broken before the heading (openpyxl's id: the
    # 0-based row under the break, the heading's 1-based row less one).
    assert [b.id for b in sheet.row_breaks.brk] == [heading - 1]


def test_a_heading_with_room_for_its_table_under_it_is_not_moved():
    sheet = sheet_of(to_xlsx(attendance(36)))
    heading = row_of(sheet, "Пропуски без уважительной причины")

    # 651 points above the heading, 77 for it, the header and three rows: 728 of the page's 741,5 — they stay on
    # the first page; the fourth row would end at 743, the page ends before it (the heading's 1-based row and 4)
    assert [b.id for b in sheet.row_breaks.brk] == [heading + 4]


def test_a_sheet_wider_than_the_page_holds_the_rows_excel_prints_on_it():
    # 160 digits of Calibri are 7 × 160 + 4 × 5 = 1 140 pixels in Excel, 855 points: a landscape page's 756,9 print
    # them at 88,5 %, and its 495 points hold 559,1 of rows — 37 rows of 15 (555). Reckoned in DejaVu Sans (a digit
    # of 7 points, as LibreOffice printed without Carlito) they were 1 140 points, printed at 66,4 %: 49 rows, a
    # quarter more than Excel's page holds.
    assert page_breaks(99, [60, 40, 40, 20], {}, []) == [37, 74]


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


def rows_sheet(counts: int = 1) -> Document:
    """Two tables of 70 rows each under their headings: a page ends within the first and the second. `counts`
    columns of numbers under «Обучающихся» (13 digits each) between the names (60) and «Доля» (8)."""
    document = Document("Строки", ["МБОУ «СОШ № 1»"])
    for part in ("Первая", "Вторая"):
        table = Table(["Строка", *["Обучающихся"] * counts, "Доля"])
        for n in range(70):
            table.add(f"{part} {n}", *[Number(25)] * counts, Number(50.5, 1, " %"))
        document.section(f"{part} таблица").blocks.append(table)
    return document


def first_rows(pdf) -> list[str]:
    """The first table row («Первая 12») printed on each page of `pdf` after the first."""
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    return [re.search(r"(Первая|Вторая) \d+", page)[0] for page in pages[1:] if page.strip()]


@needs_carlito
@pytest.mark.parametrize(
    ("counts", "ours_first", "libreoffice_last"),
    [
        # 60 + 13 + 8 digits: in Excel 582 pixels, 436,5 points, on a portrait page's 510,2 — printed at 100 %,
        # 741,5 points a page: the title (19), the line, an empty row, the heading (17), the header and 44 rows (15
        # each) — 741; the 45th, «Первая 44», would end at 756. LibreOffice prints a sheet that fits at 98 %: its
        # page holds a row more.
        (1, 44, 45),
        # 60 + 7 × 13 + 8 digits, landscape: in Excel 425 + 7 × 96 + 61 = 1 158 pixels, 868,5 points, printed at
        # 87,15 % of a page's 756,9 — 568 points a page: the same 81 above and 32 rows (561); the 33rd would end at
        # 576. LibreOffice's Calibri columns are 917,9 points (a digit of 5,55 points and 0,71 of padding each, not
        # Excel's 7 pixels), printed at 82,5 % or up to 3 % less: its page holds 34 or 35.
        (7, 32, 35),
    ],
)
def test_a_page_ends_where_excel_and_libreoffice_would_end_it(tmp_path, counts, ours_first, libreoffice_last):
    # The estimate was made for LibreOffice printing Calibri in DejaVu Sans, a quarter wider than Calibri: Excel and
    # LibreOffice with Carlito print the columns larger, and their own page ended a quarter of a page before ours.
    # Now a page ends where Excel ends it (Excel's columns are the narrower, printed larger), at LibreOffice's own
    # end or up to three rows before it (its digit is 5,7 % wider than Excel's, its scale steps down).
    data = to_xlsx(rows_sheet(counts))
    (tmp_path / "ours.xlsx").write_bytes(data)
    book = openpyxl.load_workbook(io.BytesIO(data))
    breaks = [b.id for b in book.active.row_breaks.brk]
    book.active.row_breaks = openpyxl.worksheet.pagebreak.RowBreak()
    book.save(tmp_path / "own.xlsx")

    ours, own = (first_rows(convert(tmp_path / name, "pdf")) for name in ("ours.xlsx", "own.xlsx"))

    # LibreOffice printed our pages and broke none of its own
    assert len(ours) == len(breaks) >= 1
    assert ours[0] == f"Первая {ours_first}"
    number = int(own[0].split()[1])
    assert own[0].startswith("Первая") and ours_first <= number <= libreoffice_last, own


def test_the_title_over_a_charts_numbers_is_as_tall_as_its_wrapped_lines():
    # The municipal report: «… курсы» on the first line, «повышения квалификации за 3 года» printed over «2022/2023».
    title = "Доля педагогов, прошедших курсы повышения квалификации за 3 года"
    chart = Chart(title, [("2023/2024", 77.5, "77,5 %"), ("2024/2025", 90.4, "90,4 %")], " %")
    sheet = sheet_of(to_xlsx(Document("Справка", sections=[Section("Кадры", [chart])])))
    row = row_of(sheet, title)

    # The column of names, 60 digits; bold Calibri: «Доля … квалификации за 3» 58,0 digits, with « года» 62,3 —
    # two lines, 13,5 points each and 2: 29, a whole number of pixels, 29,25 points
    assert sheet.row_dimensions[row].height == 29.25
    assert sheet.row_dimensions[row + 1].height is None


def test_texts_are_reckoned_in_calibris_widths_in_digits():
    # Carlito's (Calibri's) advance widths of 2 048 a point: «1» and «0» 1 038, a space 463, «%» 1 464; bold «Ш»
    # 1 837; «₽» is not in the tables — as wide as the widest small letter, «ю» 1 534 (bold 1 616)
    assert text_digits("10 %") == pytest.approx((2 * 1038 + 463 + 1464) / 1038)
    assert text_digits("Ш", bold=True) == pytest.approx(1837 / 1038)
    assert text_digits("₽") == pytest.approx(1534 / 1038)
    assert text_digits("₽", bold=True) == pytest.approx(1616 / 1038)


@pytest.mark.skipif(not (CARLITO / "Carlito-Bold.ttf").exists(),
                    reason="Carlito is not installed (Debian: fonts-crosextra-carlito): nothing to compare the data with")
@pytest.mark.parametrize(("face", "widths"), [("Regular", calibri_metrics.REGULAR), ("Bold", calibri_metrics.BOLD)])
def test_the_widths_kept_as_data_are_carlitos(face, widths):
    ttlib = pytest.importorskip("fontTools.ttLib")
    font = ttlib.TTFont(CARLITO / f"Carlito-{face}.ttf")
    cmap, metrics = font.getBestCmap(), font["hmtx"]

    assert font["head"].unitsPerEm == calibri_metrics.UNITS_PER_EM
    assert (font["OS/2"].usWinAscent, font["OS/2"].usWinDescent) == (calibri_metrics.WIN_ASCENT,
                                                                    calibri_metrics.WIN_DESCENT)
    # the no-break space is not in the font's table of characters: it is drawn as wide as a space
    assert widths["\u00a0"] == metrics[cmap[ord(" ")]][0]
    assert {ch: width for ch, width in widths.items() if ch != "\u00a0"} == {
        ch: metrics[cmap[ord(ch)]][0] for ch in widths if ch != "\u00a0"
    }
    assert len(widths) > 300  # Latin, Cyrillic, digits, punctuation
