"""What a deputy director types by hand in Excel: Latin letters that look Cyrillic, impossible dates.

Harmless look-alikes are read as the user meant them; a value that cannot be true is refused with a
Russian message naming the sheet, row, column and value, and nothing is stored.
"""

from __future__ import annotations

import datetime

import openpyxl
import pytest

from tests.imports.test_messy_files import book, messages
from tests.imports.test_validation import assert_nothing_stored
from vsoko.imports.service import import_package
from vsoko.records.models import Enrollment, SchoolClass, Student

pytestmark = pytest.mark.django_db

STUDENTS = ["Код обучающегося", "Фамилия", "Имя", "Дата рождения", "Пол"]
ENROLLMENTS = ["Учебный год", "Код обучающегося", "Класс"]


def test_a_latin_class_letter_that_looks_cyrillic_is_the_same_class(tmp_path, school):
    """«5A» typed with the Latin A (the English layout) is class 5А, not a second class that looks the same."""
    path = book(tmp_path / "p.xlsx", {
        "Обучающиеся": [STUDENTS, ["S1", "Иванов", "Иван", "01.02.2014", "М"],
                        ["S2", "Петров", "Пётр", "01.02.2014", "М"], ["S3", "Сидоров", "Олег", "01.02.2014", "М"]],
        "Контингент": [ENROLLMENTS, ["2024/2025", "S1", "5A"], ["2024/2025", "S2", "5а"],
                       ["2024/2025", "S3", "5 B"]],
    })

    report = import_package(path, school=school)

    assert report.errors == []
    assert sorted(SchoolClass.objects.values_list("name", flat=True)) == ["5А", "5В"]  # both Cyrillic
    assert sorted(Enrollment.objects.values_list("student__student_id", "school_class__name")) == [
        ("S1", "5А"), ("S2", "5А"), ("S3", "5В")]


def test_a_latin_sex_letter_that_looks_cyrillic_is_read(tmp_path, school):
    """«M» typed with the Latin M looks exactly like «М»: an error «Допустимые: М, Ж» would be a riddle."""
    path = book(tmp_path / "p.xlsx", {"Обучающиеся": [
        STUDENTS, ["S1", "Иванов", "Иван", "01.02.2014", "M"], ["S2", "Иванова", "Анна", "01.02.2014", "ж"]]})

    report = import_package(path, school=school)

    assert report.errors == []
    assert sorted(Student.objects.values_list("student_id", "sex")) == [("S1", "m"), ("S2", "f")]


def test_a_birth_date_in_the_future_is_refused(tmp_path, school):
    """«01.02.2041» for 2014: a pupil not yet born is a typo, not a row to store."""
    future = f"01.02.{datetime.date.today().year + 15}"
    path = book(tmp_path / "p.xlsx", {"Обучающиеся": [
        STUDENTS, ["S1", "Иванов", "Иван", "01.02.2014", "М"], ["S2", "Иванова", "Анна", future, "Ж"]]})

    report = import_package(path, school=school)

    assert messages(report) == [
        f"Обучающиеся (лист «Обучающиеся»), строка 3, столбец «Дата рождения», значение «{future}»: "
        "Дата рождения позже сегодняшнего дня."]
    assert_nothing_stored()


def test_a_cell_merged_down_over_several_rows_is_read_in_each_of_them(tmp_path, school):
    """The year and the class merged down over the class's pupils: Excel shows them in every row, so they count
    for every row (was «Не заполнено обязательное поле» for a cell the user sees filled)."""
    workbook = openpyxl.Workbook()
    students = workbook.active
    students.title = "Обучающиеся"
    for row in [STUDENTS, ["S1", "Иванов", "Иван", "01.02.2014", "М"], ["S2", "Петров", "Пётр", "01.02.2014", "М"],
                ["S3", "Сидоров", "Олег", "01.02.2013", "М"]]:
        students.append(row)
    enrollments = workbook.create_sheet("Контингент")
    for row in [ENROLLMENTS, ["2024/2025", "S1", "5А"], [None, "S2", None], [None, "S3", "6Б"]]:
        enrollments.append(row)
    enrollments.merge_cells("A2:A4")
    enrollments.merge_cells("C2:C3")
    workbook.save(tmp_path / "p.xlsx")

    report = import_package(tmp_path / "p.xlsx", school=school)

    assert report.errors == []
    assert sorted(Enrollment.objects.values_list("student__student_id", "year__start", "school_class__name")) == [
        ("S1", 2024, "5А"), ("S2", 2024, "5А"), ("S3", 2024, "6Б")]


def test_cells_merged_across_columns_in_a_data_row_are_refused(tmp_path, school):
    """Surname and name merged into one cell: which column the value belongs to is a guess, so it is refused."""
    workbook = openpyxl.Workbook()
    students = workbook.active
    students.title = "Обучающиеся"
    for row in [STUDENTS, ["S1", "Иванов", "Иван", "01.02.2014", "М"], ["S2", "Петров Пётр", None, "01.02.2014", "М"]]:
        students.append(row)
    students.merge_cells("B3:C3")
    workbook.save(tmp_path / "p.xlsx")

    report = import_package(tmp_path / "p.xlsx", school=school)

    assert messages(report) == [
        "Обучающиеся (лист «Обучающиеся»), строка 3, столбец «Фамилия»: Ячейки B3:C3 "
        "объединены, и неясно, к какому столбцу относится значение. Разъедините их и впишите в каждый столбец своё."]
    assert_nothing_stored()


def test_the_data_page_shows_the_merged_cells_error_and_stores_nothing(client, school, tmp_path, settings):
    """The same package uploaded on «Данные»: the error is on the page, «Загрузить» stores nothing."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from tests.accounts.personas import make_user
    from vsoko.accounts.enums import Role
    from vsoko.imports.models import ImportRun

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.UPLOAD_DIR = tmp_path / "uploads"
    client.force_login(make_user("deputy", role=Role.DEPUTY, org_unit=school))
    workbook = openpyxl.Workbook()
    students = workbook.active
    students.title = "Обучающиеся"
    for row in [STUDENTS, ["S1", "Иванов", "Иван", "01.02.2014", "M"], ["S2", "Петров Пётр", None, "01.02.2014", "М"]]:
        students.append(row)
    students.merge_cells("B3:C3")
    workbook.save(tmp_path / "p.xlsx")

    page = client.post(reverse("imports:upload"), {
        "file": SimpleUploadedFile("пакет.xlsx", (tmp_path / "p.xlsx").read_bytes()), "school": school.pk},
        follow=True)
    client.post(reverse("imports:confirm", args=[ImportRun.objects.get().token]))

    assert "Найдено ошибок: 1. Ничего не загружено" in page.text
    assert "Ячейки B3:C3 объединены, и неясно, к какому столбцу относится значение." in page.text
    assert_nothing_stored()



@pytest.mark.parametrize("name", ["students (1).csv", "Обучающиеся (2).csv", "students - копия.csv"])
def test_a_csv_downloaded_twice_keeps_its_table(tmp_path, school, name):
    """The browser saves a second download as «students (1).csv», Windows a copy as «… - копия.csv»."""
    path = tmp_path / name
    path.write_bytes("Код обучающегося;Фамилия\r\nS1;Иванов\r\n".encode("cp1251"))

    report = import_package(path, school=school)

    assert report.errors == []
    assert list(Student.objects.values_list("student_id", "last_name")) == [("S1", "Иванов")]


def test_two_copies_of_one_csv_in_an_archive_are_refused(tmp_path, school):
    import zipfile

    path = tmp_path / "p.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("students.csv", "Код обучающегося;Фамилия\r\nS1;Иванов\r\n")
        archive.writestr("students (1).csv", "Код обучающегося;Фамилия\r\nS1;Иванова\r\n")

    report = import_package(path, school=school)

    assert len(report.errors) == 1 and "students (1).csv" in str(report.errors[0])
    assert_nothing_stored()


def test_the_data_page_takes_a_csv_downloaded_twice(client, school, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from tests.accounts.personas import make_user
    from vsoko.accounts.enums import Role
    from vsoko.imports.models import ImportRun

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.UPLOAD_DIR = tmp_path / "uploads"
    client.force_login(make_user("deputy", role=Role.DEPUTY, org_unit=school))
    data = "\ufeffКод обучающегося;Фамилия\r\nS1;Иванов\r\n".encode()

    client.post(reverse("imports:upload"), {"file": SimpleUploadedFile("students (1).csv", data), "school": school.pk})
    client.post(reverse("imports:confirm", args=[ImportRun.objects.get().token]))

    assert list(Student.objects.values_list("student_id", "last_name")) == [("S1", "Иванов")]


def test_a_header_with_a_required_mark_or_a_colon_is_its_column(tmp_path, school):
    """«Код обучающегося*» (a star for a required field, as on paper forms) and «Фамилия:» name their columns."""
    path = book(tmp_path / "p.xlsx", {"Обучающиеся": [
        ["Код обучающегося*", "Фамилия:", "Имя *", "Пол"], ["S1", "Иванов", "Иван", "М"]]})

    report = import_package(path, school=school)

    assert report.errors == []
    assert list(Student.objects.values_list("student_id", "last_name", "first_name", "sex")) == [
        ("S1", "Иванов", "Иван", "m")]


def test_enrollment_dates_outside_their_school_year_or_in_the_wrong_order_are_refused(tmp_path, school):
    """Typos a year off: these rows would count a pupil wrongly at the year's start or end."""
    columns = [*ENROLLMENTS, "Дата зачисления", "Дата выбытия"]
    path = book(tmp_path / "p.xlsx", {
        "Обучающиеся": [STUDENTS, *([f"S{n}", "Иванов", "Иван", "01.02.2014", "М"] for n in range(1, 6))],
        "Контингент": [columns,
                       ["2024/2025", "S1", "5А", "01.12.2024", "01.10.2024"],
                       ["2024/2025", "S2", "5А", "01.09.2025", ""],
                       ["2024/2025", "S3", "5А", "", "31.08.2024"],
                       ["2024/2025", "S4", "5А", "01.09.2019", "31.08.2025"],  # admitted to the school years ago
                       ["2024/2025", "S5", "5А", "15.01.2025", "15.01.2025"]]})

    report = import_package(path, school=school)

    assert messages(report) == [
        "Контингент (лист «Контингент»), строка 2, столбец «Дата выбытия», значение «01.10.2024»: "
        "Дата выбытия раньше даты зачисления (01.12.2024).",
        "Контингент (лист «Контингент»), строка 3, столбец «Дата зачисления», значение «01.09.2025»: "
        "Дата зачисления позже конца учебного года 2024/2025 (31.08.2025).",
        "Контингент (лист «Контингент»), строка 4, столбец «Дата выбытия», значение «31.08.2024»: "
        "Дата выбытия раньше начала учебного года 2024/2025 (01.09.2024).",
    ]
    assert_nothing_stored()


def test_a_mark_with_a_plus_or_minus_is_refused_saying_so(tmp_path, school):
    """«5-» and «4+» from a paper journal: the message says why, not only which marks exist."""
    path = book(tmp_path / "p.xlsx", {
        "Обучающиеся": [STUDENTS, ["S1", "Иванов", "Иван", "01.02.2014", "М"]],
        "Отметки за периоды": [["Учебный год", "Период", "Код обучающегося", "Предмет", "Отметка"],
                               ["2024/2025", "год", "S1", "Математика", "5-"],
                               ["2024/2025", "год", "S1", "Русский язык", "4 +"]]})

    report = import_package(path, school=school)

    why = ("Отметка с «+» или «−» не принимается: впишите целую отметку. "
           "Допустимые: 5, 4, 3, 2, 1, зачет, незачет, осв, н/а.")
    assert messages(report) == [
        f"Отметки за периоды (лист «Отметки за периоды»), строка 2, столбец «Отметка», значение «5-»: {why}",
        f"Отметки за периоды (лист «Отметки за периоды»), строка 3, столбец «Отметка», значение «4 +»: {why}"]
    assert_nothing_stored()


def test_a_date_typed_with_the_word_year_after_it_is_read(tmp_path, school):
    """«01.09.2025 г.», «01.09.2025г», «01.09.2025 года»: as dates are written in Russian documents."""
    path = book(tmp_path / "p.xlsx", {
        "Обучающиеся": [STUDENTS, ["S1", "Иванов", "Иван", "01.02.2014 г.", "М"],
                        ["S2", "Петров", "Пётр", "03.04.2013г", "М"], ["S3", "Сидоров", "Олег", "05.06.2012 года", "М"]],
        "Контингент": [ENROLLMENTS + ["Дата зачисления"], ["2025/2026", "S1", "5А", "01.09.2025 г."]],
    })

    report = import_package(path, school=school)

    assert report.errors == []
    assert sorted(Student.objects.values_list("student_id", "birth_date")) == [
        ("S1", datetime.date(2014, 2, 1)), ("S2", datetime.date(2013, 4, 3)), ("S3", datetime.date(2012, 6, 5))]
    assert list(Enrollment.objects.values_list("enrolled_on", flat=True)) == [datetime.date(2025, 9, 1)]


def test_journal_spellings_of_periods_marks_and_sex_are_read(tmp_path, school):
    """«1 четв.», «1-я четверть», «I полугодие», «зачтено», «не зачтено», «м.», «жен.»: as journals and forms
    write them; each names exactly one allowed value."""
    from vsoko.records.models import PeriodMark

    marks = ["Учебный год", "Период", "Код обучающегося", "Предмет", "Отметка"]
    path = book(tmp_path / "p.xlsx", {
        "Обучающиеся": [STUDENTS, ["S1", "Иванов", "Иван", "01.02.2014", "м."], ["S2", "Иванова", "Анна", "01.02.2014", "жен."]],
        "Отметки за периоды": [marks, ["2024/2025", "1 четв.", "S1", "Математика", "5"],
                               ["2024/2025", "2-я четверть", "S1", "Математика", "4"],
                               ["2024/2025", "I полугодие", "S2", "Математика", "5"],
                               ["2024/2025", "II триместр", "S2", "Математика", "3"],
                               ["2024/2025", "год", "S1", "Музыка", "зачтено"],
                               ["2024/2025", "год", "S2", "Музыка", "не зачтено"]],
    })

    report = import_package(path, school=school)

    assert report.errors == []
    assert sorted(Student.objects.values_list("student_id", "sex")) == [("S1", "m"), ("S2", "f")]
    assert sorted(PeriodMark.objects.values_list("student__student_id", "period", "mark")) == [
        ("S1", "q1", "5"), ("S1", "q2", "4"), ("S1", "year", "pass"),
        ("S2", "h1", "5"), ("S2", "t2", "3"), ("S2", "year", "fail")]
