"""The Excel writer's sheet as a reader sees it: columns as wide as their content, the header of a document's only
table kept in sight, percentages as numbers with a format; a book of several named sheets."""

import datetime
import io
import zipfile

import openpyxl

from vsoko.reports.document import HIDDEN, Document, Number, Paragraph, Section, Share, Table
from vsoko.reports.writers import Sheet, TableChart, to_xlsx, to_xlsx_book


def plan() -> Document:
    # The monitoring plan's table: a number, two columns of long texts, two of short words.
    document = Document("План-график", ["Школа № 1", "УТВЕРЖДЁН приказом директора"])
    table = Table(["№", "Объект мониторинга", "Показатели", "Методы и источники данных", "Периодичность"])
    table.add("1", "Контингент", "Численность обучающихся на конец учебного года; доля оставленных на повторное "
              "обучение", "контингент (лист «Контингент»)", "ежегодно")
    table.add("2", "Успеваемость", "Качество знаний; успеваемость", "годовые отметки", "ежегодно")
    document.section("План-график").blocks += [Paragraph("Порядок"), table]
    return document


def sheet_of(document: Document):
    return openpyxl.load_workbook(io.BytesIO(to_xlsx(document))).active


def width(sheet, letter: str) -> float:
    # openpyxl keeps a range of columns of one width under its first letter
    for dimension in sheet.column_dimensions.values():
        if dimension.min <= openpyxl.utils.column_index_from_string(letter) <= dimension.max:
            return dimension.width
    return 0


def test_columns_are_as_wide_as_their_texts():
    sheet = sheet_of(plan())

    # «Показатели» and «Методы…» hold texts of 30–90 characters: wider than the 14 characters they had; the
    # number column and «Периодичность» stay narrow but hold their header's longest word («Периодичность», 13).
    assert width(sheet, "C") >= 40
    assert width(sheet, "D") >= 30
    assert 13 <= width(sheet, "E") <= 20
    assert width(sheet, "A") <= 14
    assert round(width(sheet, "B")) == 61  # the column of names, 60 characters as before (Excel adds a padding)


def test_the_header_of_the_only_table_stays_in_sight_and_is_printed_on_each_page():
    sheet = sheet_of(plan())
    header_row = next(c.row for c in sheet["A"] if c.value == "№")

    assert sheet.freeze_panes == f"A{header_row + 1}"
    assert sheet.print_title_rows == f"${header_row}:${header_row}"


def test_a_document_of_several_tables_freezes_nothing():
    document = plan()
    document.section("Ещё").blocks.append(Table(["Показатель", "Значение"]))

    assert sheet_of(document).freeze_panes is None


def test_percentages_are_numbers_with_a_format():
    document = Document("Итоги")
    table = Table(["Класс", "Качество", "Отличники"])
    table.add("5А", Number(85.3, 1, " %"), Share(Number(3, 0), Number(12.5, 1, " %")))
    document.section("Итоги").blocks.append(table)
    sheet = sheet_of(document)
    row = next(c.row for c in sheet["A"] if c.value == "5А")

    quality, count, share = (sheet.cell(row, col) for col in (2, 3, 4))
    assert quality.value == 85.3 and quality.number_format == '0.0" %"'
    assert count.value == 3 and share.value == 12.5 and share.number_format == '0.0" %"'



def test_a_withheld_value_stands_right_like_the_numbers_of_its_column():
    """«—*» among the counts of the observer's ОО-1 draft stood at the left edge of its cell (a text), the counts
    above and below it at the right."""
    document = Document("ОО-1")
    table = Table(["Класс", "с ОВЗ"])
    table.add("1 класс", HIDDEN)
    table.add("5 класс", Number(0))
    document.section("По классам").blocks.append(table)
    sheet = sheet_of(document)
    row = next(c.row for c in sheet["A"] if c.value == "1 класс")

    withheld = sheet.cell(row, 2)
    assert withheld.value == "—*" and withheld.alignment.horizontal == "right"
    assert withheld.border.left.style is not None  # a cell of the table, framed like the others


def test_a_paragraph_spans_the_first_columns_up_to_a_readable_width():
    # The self-examination: its numbered table makes the second column the names' (60); another table's long
    # names made the first 40 wide, and a paragraph across four such columns was a line of 170 characters.
    # Now that table's names are in the second column too: the first is the numbers' (8), and a paragraph
    # spans the four columns, 8 + 60 + 11 + 10 = 89 characters.
    document = Document("Самообследование")
    first = Table(["Критерий НОКО", "2023/2024"])
    first.add("Доброжелательность и вежливость работников организации", Number(92.4, 1))
    numbered = Table(["№ п/п", "Показатели", "Единица измерения", "Значение"])
    numbered.add("1.1", "Общая численность учащихся", "человек", Number(581, 0))
    document.section("Раздел").blocks += [Paragraph("Абзац"), first, numbered]
    sheet = sheet_of(document)
    row = next(c.row for c in sheet["A"] if c.value == "Абзац")

    assert [round(width(sheet, letter)) for letter in "ABCD"] == [9, 61, 12, 11]  # Excel's padding: 0,71
    assert {str(r) for r in sheet.merged_cells.ranges} == {f"A{row}:D{row}"}


def test_an_empty_cell_is_empty_not_a_text_of_nothing():
    # A count has no numerator: the cell is blank, so that Excel's COUNTA and «пустые» filters see it so.
    document = Document("Показатели")
    table = Table(["Показатель", "Значение", "Числитель"])
    table.add("Численность", Number(3), None)
    table.add("Доля", Number(50.0, 1, " %"), "")
    document.section("Показатели").blocks.append(table)
    sheet = sheet_of(document)

    rows = [r for r in sheet.iter_rows(values_only=True) if r[0] in ("Численность", "Доля")]
    assert rows == [("Численность", 3, None), ("Доля", 50, None)]


# --- a book of several sheets (to_xlsx_book) --------------------------------------------------------------------------


def table_only(table: Table) -> Document:
    return Document("", sections=[Section("", [table])])


def book_of(sheets: list[Sheet], **options) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(to_xlsx_book(sheets, **options)))


def test_a_book_has_its_sheets_in_order_each_written_as_a_document():
    book = book_of([Sheet("План", plan()), Sheet("Второй", table_only(Table(["Показатель", "Значение"])))],
                   title="Мониторинг")

    assert book.sheetnames == ["План", "Второй"]
    assert book["План"]["A1"].value == "План-график" and book["План"]["A2"].value == "Школа № 1"
    assert book.properties.title == "Мониторинг"


def test_a_report_is_the_one_sheet_named_report_titled_as_the_document():
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(plan())))

    assert book.sheetnames == ["Отчёт"]
    assert book.properties.title == "План-график"


def test_sheet_names_are_cut_to_31_characters_without_the_ones_excel_forbids_and_unique():
    long = "Сравнение с муниципалитетом по предметам и классам"  # 50 characters
    book = book_of([Sheet(long, table_only(Table(["А"]))), Sheet(long, table_only(Table(["Б"]))),
                    Sheet("5А/5Б: [итог]?*\\", table_only(Table(["В"]))), Sheet("", table_only(Table(["Г"])))])

    assert book.sheetnames == ["Сравнение с муниципалитетом по ", "Сравнение с муниципалитетом  2", "5А5Б итог",
                               "Лист"]


def test_a_document_of_a_table_alone_has_its_header_in_the_first_row_frozen():
    table = Table(["Показатель", "2023/2024", "2024/2025"])
    table.add("Ответили на анкету", Number(4), Number(12))
    table.add("Удовлетворены, %", Number(75), Number(41.7, 1))

    sheet = book_of([Sheet("По годам", table_only(table))])["По годам"]

    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Показатель", "2023/2024", "2024/2025"], ["Ответили на анкету", 4, 12], ["Удовлетворены, %", 75, 41.7]]
    assert (sheet["C2"].number_format, sheet["C3"].number_format) == ("0", "0.0")
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref is None


def test_a_list_has_a_filter_its_first_column_frozen_and_dates_as_dates():
    table = Table(["Дата", "Учитель", "Баллы"])
    table.add(datetime.date(2024, 10, 15), "Смирнова Мария", Number(10))
    table.add(datetime.date(2025, 4, 2), "Волков Олег", None)

    sheet = book_of([Sheet("Журнал", table_only(table), is_list=True)])["Журнал"]

    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Дата", "Учитель", "Баллы"], [datetime.datetime(2024, 10, 15), "Смирнова Мария", 10],
        [datetime.datetime(2025, 4, 2), "Волков Олег", None]]
    assert sheet["A2"].number_format == "dd.mm.yyyy"
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == "A1:C3"
    # each column as wide as its content: the date is not the 60 characters of a report's column of names
    assert width(sheet, "A") < 15 and width(sheet, "B") < 20


def test_a_chart_of_the_tables_columns_is_drawn_under_it():
    table = Table(["Отметка", "Участников", "%"])
    for mark, count, share in (("«2»", 2, 33.3), ("«3»", 4, 66.7)):
        table.add(mark, Number(count), Number(share, 1))
    data = to_xlsx_book([Sheet("Отметки", Document("", ["ВПР"], [Section("", [table])]),
                               chart=TableChart("column", "Распределение отметок, %", 0, (2,)))])

    sheet = openpyxl.load_workbook(io.BytesIO(data))["Отметки"]
    assert len(sheet._charts) == 1
    chart = zipfile.ZipFile(io.BytesIO(data)).read("xl/charts/chart1.xml").decode()
    # the header on the 3rd row (under the note and an empty row), the rows on the 4th and 5th
    assert "<c:f>Отметки!$C$3</c:f>" in chart and "<c:f>Отметки!$A$4:$A$5</c:f>" in chart
    assert "<c:f>Отметки!$C$4:$C$5</c:f>" in chart
