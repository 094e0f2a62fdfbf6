"""Final marks from the electronic journal as deputies upload them: titles and merged headers, class labels and
names spelled anyhow, marks as text and numbers, totals rows, hidden rows and sheets, a second class on a second
sheet, CSV in Windows-1251. Each file is imported through the same entry point as `vsoko import` and the upload page
(import_package): either the marks are stored exactly, or nothing is and the error says where and why."""

from __future__ import annotations

import codecs
import io
import shutil
import subprocess

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from tests.assessments.builders import write_workbook
from tests.assessments.test_views import deputy, upload, uploads_in_tmp  # noqa: F401 (fixtures)
from vsoko.assessments import uploads
from vsoko.assessments.models import ResultsUpload
from vsoko.imports.issues import ImportIssue
from vsoko.imports.service import import_package
from vsoko.records.models import PeriodMark

pytestmark = pytest.mark.django_db

HEADER = ["ФИО", "Класс", "Предмет", "I", "II", "III", "IV", "Год"]


def stored():
    return sorted(PeriodMark.objects.values_list("student__student_id", "subject__name", "period", "mark"))


def nothing_stored():
    assert PeriodMark.objects.count() == 0


def messages(report):
    return [str(e) for e in report.errors]


def test_title_school_name_and_a_header_merged_over_two_rows(school, roster, tmp_path):
    path = tmp_path / "Итоговые отметки.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Лист1"
    sheet.append(["МБОУ «Тестовая СОШ»"])
    sheet.append(["Итоговые отметки 4А класса за 2025/2026 учебный год"])
    sheet.append([])
    sheet.append(["№", "Фамилия Имя Отчество", "Предмет", "Отметки за периоды", None, None, None, None])
    sheet.append([None, None, None, "1 четв.", "2 четв.", "3 четв.", "4 четв.", "Годовая оценка"])
    for cells in ("A4:A5", "B4:B5", "C4:C5", "D4:H4", "A1:H1", "A2:H2"):
        sheet.merge_cells(cells)
    sheet.append([1, "Иванов Иван Ильич", "Математика", 5, 4, 5, 5, 5])
    sheet.append([2, "Петрова Алёна Сергеевна", "Математика", 3, 4, 4, 4, 4])
    book.save(path)

    report = import_package(path, school=school)

    assert messages(report) == []
    assert stored() == sorted(
        [("S01", "математика", p, m) for p, m in zip(("q1", "q2", "q3", "q4", "year"), "54555", strict=True)]
        + [("S02", "математика", p, m) for p, m in zip(("q1", "q2", "q3", "q4", "year"), "34444", strict=True)])


def test_class_labels_names_and_marks_spelled_anyhow(school, roster, tmp_path):
    rows = [
        ["Учебный год: 2025-2026"],
        HEADER,
        ["ИВАНОВ  ИВАН  ИЛЬИЧ", "4 А", "РУССКИЙ ЯЗЫК", "5", 5.0, "5 ", "5.0", 5],
        ["Петрова Алена Сергеевна", "4-а", "Рус. яз.", "4,0", "-", "", "н/а", "нет"],
        ["Сидоров Петр", "4а класс", "Физическая культура", "зач", "зачёт", "осв", "осв.", "Зачтено"],
        ["Кузнецова Мария Олеговна", "4 «А»", "математика", "2", "3", "4", "5", "4"],
    ]

    report = import_package(write_workbook(tmp_path / "journal.xlsx", {"Отметки": rows}), school=school)

    assert messages(report) == []
    assert stored() == sorted([
        ("S01", "русский язык", "q1", "5"), ("S01", "русский язык", "q2", "5"), ("S01", "русский язык", "q3", "5"),
        ("S01", "русский язык", "q4", "5"), ("S01", "русский язык", "year", "5"),
        ("S02", "русский язык", "q1", "4"), ("S02", "русский язык", "q4", "na"),
        ("S03", "физическая культура", "q1", "pass"), ("S03", "физическая культура", "q2", "pass"),
        ("S03", "физическая культура", "q3", "exempt"), ("S03", "физическая культура", "q4", "exempt"),
        ("S03", "физическая культура", "year", "pass"),
        ("S04", "математика", "q1", "2"), ("S04", "математика", "q2", "3"), ("S04", "математика", "q3", "4"),
        ("S04", "математика", "q4", "5"), ("S04", "математика", "year", "4"),
    ])


def test_a_pupil_the_school_does_not_have_is_refused_naming_the_row(school, roster, tmp_path):
    rows = [["Учебный год: 2025/2026"], HEADER,
            ["Иванов Иван Ильич", "4А", "Математика", 5, 5, 5, 5, 5],
            ["Незнакомов Пётр Ильич", "4А", "Математика", 4, 4, 4, 4, 4]]

    report = import_package(write_workbook(tmp_path / "journal.xlsx", {"Отметки": rows}), school=school)

    assert report.errors == [ImportIssue(
        "marks", 4, "ФИО", "Незнакомов Пётр Ильич, 4А", "Обучающийся не найден в классе 4А среди обучающихся школы.",
        "файл journal.xlsx, лист «Отметки»")]
    nothing_stored()


def test_a_subject_row_repeated_in_a_pupils_block_is_refused_naming_both_rows(school, roster, tmp_path):
    rows = [["Итоговые отметки"], ["Учебный год: 2025/2026"], ["Класс: 4А"], [],
            ["Иванов Иван Ильич"],
            ["Дисциплины", "I", "II", "III", "IV", "Год"],
            ["Русский язык", 5, 4, 5, 5, 5],
            ["Математика", 4, 4, 4, 4, 4],
            ["Русский язык", 5, 4, 5, 5, 4]]

    report = import_package(write_workbook(tmp_path / "journal.xlsx", {"Отметки": rows}), school=school)

    assert messages(report) == [
        "Отметки за периоды (файл journal.xlsx, лист «Отметки»), строка 9, столбец «Дисциплины [A]», значение "
        "«Русский язык»: Предмет «Русский язык» у обучающегося «Иванов Иван Ильич» уже есть в строке 7: "
        "удалите повторяющуюся строку."]
    nothing_stored()


def test_a_duplicated_row_of_a_flat_sheet_with_merged_names_is_refused(school, roster, tmp_path):
    rows = [["Учебный год: 2025/2026"], HEADER,
            ["Иванов Иван Ильич", "4А", "Математика", 5, 5, 5, 5, 5],
            ["", "", "Русский язык", 4, 4, 4, 4, 4],
            ["", "", "математика", 5, 5, 5, 5, 5]]

    report = import_package(write_workbook(tmp_path / "journal.xlsx", {"Отметки": rows}), school=school)

    assert messages(report) == [
        "Отметки за периоды (файл journal.xlsx, лист «Отметки»), строка 5, столбец «Предмет [C]», значение "
        "«математика»: Предмет «математика» у обучающегося «Иванов Иван Ильич» уже есть в строке 3: "
        "удалите повторяющуюся строку."]
    nothing_stored()


def test_totals_rows_and_columns_and_extra_empty_columns_are_not_pupils_or_subjects(school, roster, tmp_path):
    summary = [["Сводная ведомость 4А класса за I четверть 2025/2026 учебного года"],
               ["№", "ФИО", "Русский язык", "Математика", "", "Средний балл", "Пропущено уроков", ""],
               [1, "Иванов Иван Ильич", 5, 4, "", 4.5, 12, ""],
               [2, "Петрова Алёна Сергеевна", 3, 3, "", 3, 0, ""],
               ["", "Средний балл", 4, 3.5, "", "", "", ""],
               ["", "Качество знаний, %", 50, 50],
               ["", "Успеваемость", "100%", "100%"]]
    blocks = [["Учебный год: 2025/2026"], ["Класс: 4А"], ["Иванов Иван Ильич"],
              ["Дисциплины", "I", "II", "III", "IV", "Год"],
              ["Окружающий мир", 5, 5, 5, 5, 5],
              ["Средний балл", 5, 5, 5, 5, 5]]

    first = import_package(write_workbook(tmp_path / "summary.xlsx", {"Лист1": summary}), school=school)
    second = import_package(write_workbook(tmp_path / "blocks.xlsx", {"Лист1": blocks}), school=school)

    assert (messages(first), messages(second)) == ([], [])
    assert stored() == sorted([
        ("S01", "русский язык", "q1", "5"), ("S01", "математика", "q1", "4"),
        ("S02", "русский язык", "q1", "3"), ("S02", "математика", "q1", "3"),
        ("S01", "окружающий мир", "q1", "5"), ("S01", "окружающий мир", "q2", "5"), ("S01", "окружающий мир", "q3", "5"),
        ("S01", "окружающий мир", "q4", "5"), ("S01", "окружающий мир", "year", "5")])


def test_marks_in_a_column_without_a_header_are_refused_not_lost(school, roster, tmp_path):
    rows = [["Учебный год: 2025/2026"], ["ФИО", "Класс", "Предмет", "I", "II", "III", "IV", ""],
            ["Иванов Иван Ильич", "4А", "Математика", 5, 5, 5, 5, 5]]

    report = import_package(write_workbook(tmp_path / "journal.xlsx", {"Отметки": rows}), school=school)

    assert messages(report) == [
        "Отметки за периоды (файл journal.xlsx, лист «Отметки»), строка 3, столбец «H», значение «5»: В столбце нет "
        "заголовка, а в строке есть значение: подпишите столбец (например, «Год» или «II четверть») или удалите его."]
    nothing_stored()


def test_a_period_column_the_reader_does_not_know_is_refused_not_lost(school, roster, tmp_path):
    rows = [["Учебный год: 2025/2026"], ["ФИО", "Класс", "Предмет", "I", "II", "III", "IV", "Итоговая аттестация",
                                        "Учитель"],
            ["Иванов Иван Ильич", "4А", "Математика", 5, 5, 5, 5, 5, "Орлова В. П."]]

    report = import_package(write_workbook(tmp_path / "journal.xlsx", {"Отметки": rows}), school=school)

    assert messages(report) == [
        "Отметки за периоды (файл journal.xlsx, лист «Отметки»), строка 2, столбец «H», значение «Итоговая "
        "аттестация»: Столбец с отметками не распознан как период: назовите его «I четверть», «2 полугодие», «Год» и т. п. "
        "или удалите."]
    nothing_stored()


def hide(path, *, rows=(), columns=(), sheets=()):
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for number in rows:
            sheet.row_dimensions[number].hidden = True
        for letter in columns:
            sheet.column_dimensions[letter].hidden = True
        if sheet.title in sheets:
            sheet.sheet_state = "hidden"
    book.save(path)
    return path


def test_hidden_rows_and_columns_with_marks_are_refused(school, roster, tmp_path):
    rows = [["Учебный год: 2025/2026"], HEADER,
            ["Иванов Иван Ильич", "4А", "Математика", 5, 5, 5, 5, 5],
            ["Петрова Алёна Сергеевна", "4А", "Математика", 4, 4, 4, 4, 4]]
    path = hide(write_workbook(tmp_path / "journal.xlsx", {"Отметки": rows}), rows=(4,), columns=("E",))

    report = import_package(path, school=school)

    assert messages(report) == [
        "Отметки за периоды (файл journal.xlsx, лист «Отметки»): Скрыты строки 4 и столбцы E, а в них есть данные: "
        "покажите их (выделите лист, правой кнопкой по заголовкам строк и столбцов → Показать), проверьте и "
        "загрузите снова — или удалите лишнее."]
    nothing_stored()


def test_a_hidden_empty_column_is_no_problem(school, roster, tmp_path):
    rows = [["Учебный год: 2025/2026"], ["ФИО", "Класс", "Предмет", "", "I", "II", "III", "IV", "Год"],
            ["Иванов Иван Ильич", "4А", "Математика", "", 5, 5, 5, 5, 5]]
    path = hide(write_workbook(tmp_path / "journal.xlsx", {"Отметки": rows}), columns=("D",))

    report = import_package(path, school=school)

    assert messages(report) == []
    assert len(stored()) == 5


def test_a_second_sheet_with_another_class_named_by_the_sheet(school, roster, tmp_path):
    header = ["ФИО", "Русский язык", "Математика"]
    path = write_workbook(tmp_path / "Годовые отметки 2025-2026.xlsx", {
        "4А": [header, ["Иванов Иван Ильич", 5, 4]],
        "4 Б класс": [header, ["Смирнов Артём Андреевич", 4, 4], ["Смирнов Алексей Андреевич", 3, "н/а"]],
    })

    report = import_package(path, school=school)

    assert messages(report) == []
    assert stored() == sorted([
        ("S01", "русский язык", "year", "5"), ("S01", "математика", "year", "4"),
        ("S05", "русский язык", "year", "4"), ("S05", "математика", "year", "4"),
        ("S06", "русский язык", "year", "3"), ("S06", "математика", "year", "na")])


def test_the_same_pupil_on_two_sheets_is_refused_naming_both(school, roster, tmp_path):
    header = ["ФИО", "Класс", "Русский язык", "Математика"]
    path = write_workbook(tmp_path / "Годовые отметки 2025-2026.xlsx", {
        "4А": [header, ["Иванов Иван Ильич", "4А", 5, 4]],
        "Все": [header, ["Петрова Алёна Сергеевна", "4А", 3, 3], ["Иванов Иван Ильич", "4 А", 5, 5]],
    })

    report = import_package(path, school=school)

    assert messages(report) == [
        "Отметки за периоды (файл Годовые отметки 2025-2026.xlsx, лист «Все»), строка 3, столбец «ФИО», значение "
        "«Иванов Иван Ильич, 4А»: Отметки этого обучающегося уже есть на листе «4А» (строка 2): "
        "оставьте один лист или удалите повторяющиеся строки."]
    nothing_stored()


def test_a_hidden_sheet_with_another_class_is_refused(school, roster, tmp_path):
    header = ["ФИО", "Класс", "Русский язык", "Математика"]
    path = hide(write_workbook(tmp_path / "Годовые отметки 2025-2026.xlsx", {
        "4А": [header, ["Иванов Иван Ильич", "4А", 5, 4]],
        "4Б": [header, ["Орлова Вера Павловна", "4Б", 3, 3]],
    }), sheets=("4Б",))

    report = import_package(path, school=school)

    assert messages(report) == [
        "Отметки за периоды (файл Годовые отметки 2025-2026.xlsx, лист «4Б»): Лист скрыт, но в нём есть отметки: "
        "покажите его (правой кнопкой по ярлычку листа → Показать), проверьте и загрузите снова — или удалите лист."]
    nothing_stored()


def write_csv(path, lines, encoding):
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["cp1251", "utf-8-sig"])
def test_csv_in_windows_1251_or_with_a_bom(school, roster, tmp_path, encoding):
    lines = ["Итоговые отметки 4А класса за 2025/2026 учебный год;;;;;;",
             "ФИО;Предмет;1 четверть;2 четверть;3 четверть;4 четверть;Годовая",
             "Иванов Иван Ильич;Математика;5;5;4;5;5",
             "Петрова Алёна Сергеевна;Математика;н/а;3;3;4;3",
             "Средний балл;;4,5;4;3,5;4,5;4"]

    report = import_package(write_csv(tmp_path / "Отметки 4А.csv", lines, encoding), school=school)

    assert messages(report) == []
    assert stored() == sorted(
        [("S01", "математика", p, m) for p, m in zip(("q1", "q2", "q3", "q4", "year"), "55455", strict=True)]
        + [("S02", "математика", "q1", "na")]
        + [("S02", "математика", p, m) for p, m in zip(("q2", "q3", "q4", "year"), "3343", strict=True)])


def test_an_unknown_mark_names_file_sheet_row_column_and_value(school, roster, tmp_path):
    rows = [["Учебный год: 2025/2026"], HEADER, ["Иванов Иван Ильич", "4А", "Математика", 5, "5+", 5, 5, 5]]

    report = import_package(write_workbook(tmp_path / "journal.xlsx", {"Отметки": rows}), school=school)

    assert messages(report) == [
        "Отметки за периоды (файл journal.xlsx, лист «Отметки»), строка 3, столбец «II [E]», значение «5+»: "
        "Непонятная отметка: допустимы 5, 4, 3, 2, 1, зачет, незачет, осв, н/а (пустая ячейка, «-» или «нет» — "
        "отметки нет)."]
    nothing_stored()


def test_unicode_text_from_excel_utf16_with_tabs_and_a_title_line(school, roster, tmp_path):
    lines = ["Учебный год 2025/2026", "ФИО\tКласс\tПредмет\tГод", "Иванов Иван Ильич\t4А\tМатематика\t5"]
    path = tmp_path / "journal.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + "\r\n".join(lines).encode("utf-16-le"))

    report = import_package(path, school=school)

    assert messages(report) == []
    assert stored() == [("S01", "математика", "year", "5")]


def test_blocks_with_the_class_beside_the_name_and_a_subject_row_before_any_name(school, roster, tmp_path):
    rows = [["Учебный год: 2025/2026"],
            ["Дисциплины", "I", "II", "III", "IV", "Год"],
            ["Музыка", 5, 5, 5, 5, 5],
            ["Ученик: Орлова Вера Павловна, 4 Б класс"],
            ["Дисциплины", "I", "II", "III", "IV", "Год"],
            ["Музыка", 4, 4, 4, 4, 4]]

    report = import_package(write_workbook(tmp_path / "journal.xlsx", {"Отметки": rows}), school=school)

    assert messages(report) == [
        "Отметки за периоды (файл journal.xlsx, лист «Отметки»), строка 3, столбец «Дисциплины [A]», значение «Музыка»: "
        "Строка предмета до первой строки с ФИО: не понятно, чьи это отметки. Добавьте над таблицей строку с ФИО "
        "обучающегося («Ученик: Иванов Иван Иванович»)."]
    nothing_stored()
    del rows[1:3]

    report = import_package(write_workbook(tmp_path / "journal.xlsx", {"Отметки": rows}), school=school)

    assert messages(report) == []
    assert stored() == [("S07", "музыка", p, "4") for p in ("q1", "q2", "q3", "q4", "year")]


def test_a_summary_with_a_two_row_header_and_names_in_three_columns(school, roster, tmp_path):
    path = tmp_path / "Годовые отметки 4А 2025-2026.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Фамилия", "Имя", "Отчество", "Предметы", None, None])
    sheet.append([None, None, None, "Русский язык", "Литературное чтение", "Математика"])
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("B1:B2")
    sheet.merge_cells("C1:C2")
    sheet.merge_cells("D1:F1")
    sheet.append(["Иванов", "Иван", "Ильич", 5, 5, 4])
    sheet.append(["Петрова", "Алёна", "Сергеевна", 4, "", "н/а"])
    book.save(path)

    report = import_package(path, school=school)

    assert messages(report) == []
    assert stored() == sorted([
        ("S01", "русский язык", "year", "5"), ("S01", "литературное чтение", "year", "5"), ("S01", "математика", "year", "4"),
        ("S02", "русский язык", "year", "4"), ("S02", "математика", "year", "na")])


def test_a_summary_with_a_pupil_twice_or_a_subject_column_twice_is_refused(school, roster, tmp_path):
    title = ["Итоговые отметки 4А класса за II четверть 2025/2026"]
    pupils = [title, ["ФИО", "Русский язык", "Математика"], ["Иванов Иван Ильич", 5, 4], ["Петрова Алёна Сергеевна", 4, 4],
              ["иванов  иван ильич", 5, 4]]
    subjects = [title, ["ФИО", "Русский язык", "Математика", "РУССКИЙ ЯЗЫК"], ["Иванов Иван Ильич", 5, 4, 5]]

    first = import_package(write_workbook(tmp_path / "pupils.xlsx", {"Лист1": pupils}), school=school)
    second = import_package(write_workbook(tmp_path / "subjects.xlsx", {"Лист1": subjects}), school=school)

    assert messages(first) == [
        "Отметки за периоды (файл pupils.xlsx, лист «Лист1»), строка 5, столбец «ФИО», значение «иванов иван ильич, 4А»: "
        "Обучающийся «иванов иван ильич» уже есть в строке 3: удалите повторяющуюся строку."]
    assert messages(second) == [
        "Отметки за периоды (файл subjects.xlsx, лист «Лист1»), строка 2, столбец «D», значение «РУССКИЙ ЯЗЫК»: "
        "Предмет уже есть в столбце B («Русский язык»): оставьте один столбец."]
    nothing_stored()


def test_a_long_sheet_with_a_repeated_mark_and_a_totals_row(school, roster, tmp_path):
    rows = [["Учебный год 2025-2026"], ["ФИО", "Класс", "Предмет", "Период", "Отметка"],
            ["Иванов Иван Ильич", "4А", "Математика", "I четверть", 4],
            ["Иванов Иван Ильич", "4А", "Математика", "год", 4],
            ["Иванов Иван Ильич", "4 А", "математика", "1 четв.", 5],
            ["Итого", "", "", "", 2]]

    report = import_package(write_workbook(tmp_path / "journal.xlsx", {"Отметки": rows}), school=school)

    assert messages(report) == [
        "Отметки за периоды (файл journal.xlsx, лист «Отметки»), строка 5, столбец «Предмет [C]», значение «математика»: "
        "Отметка обучающегося «Иванов Иван Ильич» по предмету «математика» за 1 четверть уже есть в строке 3: "
        "удалите повторяющуюся строку."]
    nothing_stored()


def test_two_columns_for_the_year_are_refused(school, roster, tmp_path):
    rows = [["Учебный год: 2025/2026"], ["ФИО", "Класс", "Предмет", "Год", "Годовая оценка"],
            ["Иванов Иван Ильич", "4А", "Математика", 5, 4]]

    report = import_package(write_workbook(tmp_path / "journal.xlsx", {"Отметки": rows}), school=school)

    assert messages(report) == [
        "Отметки за периоды (файл journal.xlsx, лист «Отметки»), строка 2, столбец «E», значение «Годовая оценка»: "
        "Столбец за тот же период (год), что и столбец D («Год»): оставьте один."]
    nothing_stored()


def test_a_messy_journal_on_the_upload_page_with_a_namesake_confirmed(client, deputy, school, roster, tmp_path):  # noqa: F811
    rows = [["МБОУ «Тестовая СОШ»"], ["Итоговые отметки 4Б класса, 2025-2026 уч. год"],
            ["ФИО ученика", "Предмет", "1 четв.", "2 четв.", "3 четв.", "4 четв.", "Год", ""],
            ["Смирнов А.А.", "Технология", "5", "5", "5 ", 5.0, "5", ""],
            ["Средний балл", "", 5, 5, 5, 5, 5, ""]]
    upload(client, write_workbook(tmp_path / "отметки 4б.xlsx", {"TDSheet": rows}))
    item = ResultsUpload.objects.get()

    page = client.get(f"/assessments/import/{item.pk}/").content.decode()
    key = uploads.match_key(uploads.review_upload(item, preview=False).unresolved[0])
    client.post(f"/assessments/import/{item.pk}/confirm/", {key: roster["S06"].pk})
    client.post(f"/assessments/import/{item.pk}/run/")

    assert "Распознан как: Электронный журнал: итоговые отметки за периоды." in page
    assert "Смирнов Алексей Андреевич (4Б)" in page and "Смирнов Артём Андреевич (4Б)" in page
    assert stored() == [("S06", "технология", p, "5") for p in ("q1", "q2", "q3", "q4", "year")]


needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")


def saved_by_libreoffice(path, suffix):
    out = path.parent / "converted"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{path.parent}/profile", "--convert-to",
                    suffix, "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=180)
    return out / f"{path.stem}.{suffix}"


@needs_soffice
@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_an_old_excel_or_ods_journal_imports(school, roster, tmp_path, suffix):
    rows = [["Итоговые отметки за 2025/2026 учебный год"], [], HEADER,
            ["Иванов Иван Ильич", "4А", "Математика", 5, "4", "", "н/а", '=3+2']]
    path = saved_by_libreoffice(write_workbook(tmp_path / "journal.xlsx", {"Отметки": rows}), suffix)

    report = import_package(path, school=school)

    assert messages(report) == []
    assert stored() == [("S01", "математика", "q1", "5"), ("S01", "математика", "q2", "4"),
                        ("S01", "математика", "q4", "na"), ("S01", "математика", "year", "5")]


@needs_soffice
def test_hidden_rows_of_an_ods_journal_are_refused(school, roster, tmp_path):
    rows = [["Учебный год: 2025/2026"], HEADER,
            ["Иванов Иван Ильич", "4А", "Математика", 5, 5, 5, 5, 5],
            ["Петрова Алёна Сергеевна", "4А", "Математика", 4, 4, 4, 4, 4]]
    path = saved_by_libreoffice(hide(write_workbook(tmp_path / "journal.xlsx", {"Отметки": rows}), rows=(3,)), "ods")

    report = import_package(path, school=school)

    assert messages(report) == [
        "Отметки за периоды (файл journal.ods, лист «Отметки»): Скрыты строки 3, а в них есть данные: покажите их "
        "(выделите лист, правой кнопкой по заголовкам строк и столбцов → Показать), проверьте и загрузите снова — или "
        "удалите лишнее."]
    nothing_stored()


def test_marks_with_no_pupil_or_no_subject_are_refused_not_lost(school, roster, tmp_path):
    flat = [["Учебный год: 2025/2026"], HEADER,
            ["", "", "Музыка", 5, 5, 5, 5, 5],
            ["Иванов Иван Ильич", "4А", "Математика", 5, 5, 5, 5, 5],
            ["", "", "", 4, 4, 4, 4, 4]]
    summary = [["Итоговые отметки 4А класса за I четверть 2025/2026"], ["ФИО", "Русский язык", "Математика"],
               ["Иванов Иван Ильич", 5, 4], ["", 4, 4], ["Классный руководитель: Орлова В. П."]]
    blocks = [["Учебный год: 2025/2026"], ["Класс: 4А"], ["Иванов Иван Ильич"],
              ["Дисциплины", "I", "II", "III", "IV", "Год"], ["Музыка", 5, 5, 5, 5, 5], ["", "", 4]]

    reports = [import_package(write_workbook(tmp_path / f"{name}.xlsx", {"Лист1": rows}), school=school)
               for name, rows in (("flat", flat), ("summary", summary), ("blocks", blocks))]

    assert [messages(r) for r in reports] == [
        ["Отметки за периоды (файл flat.xlsx, лист «Лист1»), строка 3, столбец «I [D]», значение «5»: В строке есть "
         "отметки, но нет ФИО обучающегося (и выше нет строки с ФИО): впишите ФИО.",
         "Отметки за периоды (файл flat.xlsx, лист «Лист1»), строка 5, столбец «I [D]», значение «4»: В строке есть "
         "отметки, но не указан предмет: впишите его в столбец «Предмет» [C]."],
        ["Отметки за периоды (файл summary.xlsx, лист «Лист1»), строка 4, столбец «Русский язык [B]», значение «4»: "
         "В строке есть отметки, но нет ФИО обучающегося: впишите ФИО."],
        ["Отметки за периоды (файл blocks.xlsx, лист «Лист1»), строка 6, столбец «II [C]», значение «4»: В строке "
         "есть отметки, но не указан предмет: впишите его в столбец «Дисциплины» [A]."]]
    nothing_stored()


def test_short_forms_of_a_subject_are_one_subject(school, roster, tmp_path):
    rows = [["Учебный год: 2025/2026"], ["ФИО", "Класс", "Предмет", "Год"],
            ["Иванов Иван Ильич", "4А", "Физкультура", "зач"], ["Петрова Алёна Сергеевна", "4А", "Физ-ра", "осв"],
            ["Сидоров Пётр", "4А", "ФИЗИЧЕСКАЯ КУЛЬТУРА", "зачёт"], ["Сидоров Пётр", "4А", "ИЗО", 5],
            ["Сидоров Пётр", "4А", "Лит. чтение", 4]]

    report = import_package(write_workbook(tmp_path / "journal.xlsx", {"Отметки": rows}), school=school)

    assert messages(report) == []
    assert stored() == [("S01", "физическая культура", "year", "pass"), ("S02", "физическая культура", "year", "exempt"),
                        ("S03", "изобразительное искусство", "year", "5"), ("S03", "литературное чтение", "year", "4"),
                        ("S03", "физическая культура", "year", "pass")]


def test_name_rows_with_a_number_or_the_class_in_the_next_cell(school, roster, tmp_path):
    rows = [["Учебный год: 2025/2026"],
            ["1.", "Иванов Иван Ильич"], ["Дисциплины", "I", "II", "III", "IV", "Год"], ["Музыка", 5, 5, 5, 5, 5],
            ["Орлова Вера Павловна", "4 Б"], ["Дисциплины", "I", "II", "III", "IV", "Год"], ["Музыка", 4, 4, 4, 4, 4],
            ["3) Петрова Алёна Сергеевна"], ["Дисциплины", "I", "II", "III", "IV", "Год"], ["Музыка", 3, 3, 3, 3, 3]]

    report = import_package(write_workbook(tmp_path / "journal.xlsx", {"4А": rows}), school=school)

    assert messages(report) == []
    assert stored() == sorted([("S01", "музыка", p, "5") for p in ("q1", "q2", "q3", "q4", "year")]
                              + [("S07", "музыка", p, "4") for p in ("q1", "q2", "q3", "q4", "year")]
                              + [("S02", "музыка", p, "3") for p in ("q1", "q2", "q3", "q4", "year")])


def test_a_block_whose_name_row_is_not_recognised_is_not_given_to_the_pupil_above(school, roster, tmp_path):
    rows = [["Учебный год: 2025/2026"], ["Класс: 4А"],
            ["Иванов Иван Ильич"], ["Дисциплины", "I", "II", "III", "IV", "Год"], ["Музыка", 5, 5, 5, 5, 5],
            ["Петрова Алёна Сергеевна (переведена)"],
            ["Дисциплины", "I", "II", "III", "IV", "Год"], ["Музыка", 3, 3, 3, 3, 3], ["Технология", 4, 4, 4, 4, 4]]

    report = import_package(write_workbook(tmp_path / "journal.xlsx", {"Отметки": rows}), school=school)

    assert messages(report) == [
        "Отметки за периоды (файл journal.xlsx, лист «Отметки»), строка 6, значение «Петрова Алёна Сергеевна "
        "(переведена)»: Над таблицей предметов нет строки с ФИО обучающегося (или она не распознана): не "
        "понятно, чьи это отметки. Запишите ФИО одной ячейкой: «Иванов Иван Иванович» или «Ученик: Иванов Иван "
        "Иванович»."]
    nothing_stored()


def test_vsoko_import_of_a_journal_csv_says_the_cell_or_stores_the_marks(school, roster, tmp_path):
    lines = ["sep=;", "Итоговые отметки 4А класса за 2025/2026 учебный год;;", "ФИО;Предмет;Год",
             "Иванов Иван Ильич;Математика;5", "Петрова Алёна Сергеевна;Математика;отл"]
    path = write_csv(tmp_path / "Отметки 4А.csv", lines, "cp1251")
    errors = io.StringIO()

    with pytest.raises(CommandError, match="Ошибок: 1. Ничего не загружено."):
        call_command("import", str(path), stderr=errors)
    write_csv(path, [*lines[:-1], "Петрова Алёна Сергеевна;Математика;4"], "cp1251")
    call_command("import", str(path), stdout=io.StringIO(), stderr=io.StringIO())

    assert ("Отметки за периоды (файл Отметки 4А.csv), строка 4, столбец «Год [C]», значение «отл»: Непонятная "
            "отметка") in errors.getvalue()
    assert stored() == [("S01", "математика", "year", "5"), ("S02", "математика", "year", "4")]


def test_a_header_repeated_between_two_classes_is_skipped_and_said(school, roster, tmp_path):
    """Two classes' exports pasted one under the other: the second header is no pupil and no subject."""
    rows = [["Учебный год 2025-2026"], HEADER,
            ["Иванов Иван Ильич", "4А", "Математика", 5, 5, 5, 5, 5],
            list(HEADER),
            ["Орлова Вера Павловна", "4Б", "Математика", 4, 4, 4, 4, 4]]

    report = import_package(write_workbook(tmp_path / "journal.xlsx", {"Отметки": rows}), school=school)

    assert messages(report) == []
    assert {(s, m) for s, _, _, m in stored()} == {("S01", "5"), ("S07", "4")}
    assert [str(c) for c in report.corrections] == [
        "Отметки за периоды (файл journal.xlsx, лист «Отметки»), строка 4: Строка повторяет заголовок таблицы — "
        "пропущена."]
