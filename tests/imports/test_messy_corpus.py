"""The files of a deputy director whose files are never clean: what is unambiguous is read and said in the
import summary (the «Исправлено при чтении» list), what is not is refused with one Russian error naming the
place, and nothing stored.

Cases already covered elsewhere: encodings and delimiters (test_readers), dates, numbers as text, titles,
merged headers, hidden sheets, .xls/.ods and HTML-as-.xls (test_messy_files), Latin class letters (test_hand_typed).
"""

from __future__ import annotations

import pytest

from tests.imports.test_messy_files import book, messages
from tests.imports.test_validation import assert_nothing_stored
from vsoko.imports.models import ImportRun
from vsoko.imports.service import import_package
from vsoko.records.models import SchoolClass, StaffMember, Student

pytestmark = pytest.mark.django_db

STUDENTS = ["Код обучающегося", "Фамилия", "Имя", "Дата рождения", "Пол"]
ENROLLMENTS = ["Учебный год", "Код обучающегося", "Класс"]
LOOKALIKES = "Латинские буквы, похожие на русские, прочитаны как русские"


def corrections(report) -> list[str]:
    return [str(c) for c in report.corrections]


def test_a_surname_typed_partly_in_the_english_layout_is_stored_in_cyrillic(tmp_path, school):
    """«Иванoв» with a Latin «o» would never be found by name in a ВПР protocol; «Smith» stays as typed."""
    path = book(tmp_path / "p.xlsx", {"Обучающиеся": [
        STUDENTS, ["S1", "Иванoв", "Сергей", "01.02.2014", "М"], ["S2", "Smith", "John", "01.02.2014", "М"],
        ["S3", "Петрова", "Алёнa", "01.02.2014", "Ж"]]})

    report = import_package(path, school=school)

    assert report.errors == []
    assert sorted(Student.objects.values_list("student_id", "last_name", "first_name")) == [
        ("S1", "Иванов", "Сергей"), ("S2", "Smith", "John"), ("S3", "Петрова", "Алёна")]
    assert corrections(report) == [
        f"Обучающиеся (лист «Обучающиеся»), строка 2, столбец «Фамилия», значение «Иванoв»: {LOOKALIKES}: «Иванов».",
        f"Обучающиеся (лист «Обучающиеся»), строка 4, столбец «Имя», значение «Алёнa»: {LOOKALIKES}: «Алёна».",
    ]


def test_a_staff_name_with_latin_look_alikes_is_stored_in_cyrillic(tmp_path, school):
    path = book(tmp_path / "p.xlsx", {"Педагогические работники": [
        ["Учебный год", "Код работника", "Фамилия", "Имя", "Отчество"],
        ["2024/2025", "T1", "CМИРНОВА", "Ольга", "Bикторовна"]]})

    report = import_package(path, school=school)

    assert report.errors == []
    assert list(StaffMember.objects.values_list("last_name", "middle_name")) == [("СМИРНОВА", "Викторовна")]


def test_a_latin_class_letter_is_named_in_the_summary_once_with_its_count(tmp_path, school):
    """«5A» → «5А» is said once (first row, how many rows), not once a row; a Cyrillic «5 а» is not a correction."""
    path = book(tmp_path / "p.xlsx", {
        "Обучающиеся": [STUDENTS, *[[f"S{i}", "Иванов", "Иван", "01.02.2014", "М"] for i in range(1, 5)]],
        "Контингент": [ENROLLMENTS, ["2024/2025", "S1", "5 а"], ["2024/2025", "S2", "5A"], ["2024/2025", "S3", "5A"],
                       ["2024/2025", "S4", "5A"]],
    })

    report = import_package(path, school=school)

    assert report.errors == []
    assert list(SchoolClass.objects.values_list("name", flat=True)) == ["5А"]
    assert corrections(report) == [
        f"Контингент (лист «Контингент»), строка 3, столбец «Класс», значение «5A»: {LOOKALIKES}: «5А» "
        "(так в 3 строках)."]


def test_the_corrections_are_kept_with_the_run_for_its_page(tmp_path, school):
    path = book(tmp_path / "p.xlsx", {"Обучающиеся": [STUDENTS, ["S1", "Иванoв", "Сергей", "01.02.2014", "М"]]})

    import_package(path, school=school)

    run = ImportRun.objects.get()
    assert [(c["row"], c["column"], c["value"]) for c in run.corrections] == [(2, "Фамилия", "Иванoв")]


def test_a_header_row_repeated_below_the_data_is_skipped_and_said(tmp_path, school):
    """Two exports pasted one under the other bring their header along: it is no pupil, and the summary says so."""
    path = book(tmp_path / "p.xlsx", {"Обучающиеся": [
        STUDENTS, ["S1", "Иванов", "Сергей", "01.02.2014", "М"], ["", "", "", "", ""],
        [f" {h} " for h in STUDENTS], ["S2", "Петров", "Пётр", "01.02.2014", "М"]]})

    report = import_package(path, school=school)

    assert report.errors == []
    assert sorted(Student.objects.values_list("student_id", flat=True)) == ["S1", "S2"]
    assert corrections(report) == [
        "Обучающиеся (лист «Обучающиеся»), строка 4: Строка повторяет заголовок таблицы — пропущена."]


def test_a_header_row_repeated_with_one_cell_changed_is_refused_as_before(tmp_path, school):
    """Only an exact repeat is skipped: a row that merely resembles the header is data and fails as data."""
    path = book(tmp_path / "p.xlsx", {"Обучающиеся": [
        STUDENTS, ["S1", "Иванов", "Сергей", "01.02.2014", "М"],
        ["Код обучающегося", "Фамилия", "Имя", "Дата", "Пол"]]})

    report = import_package(path, school=school)

    assert messages(report)[0].startswith("Обучающиеся (лист «Обучающиеся»), строка 3, столбец «Дата рождения», "
                                          "значение «Дата»")
    assert report.corrections == []
    assert_nothing_stored()


def test_nothing_is_said_of_a_clean_file(tmp_path, school):
    path = book(tmp_path / "p.xlsx", {"Обучающиеся": [STUDENTS, ["S1", "Иванов", "Сергей", "01.02.2014", "М"]]})

    assert import_package(path, school=school).corrections == []
