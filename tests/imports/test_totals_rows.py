"""A totals row under the table («Итого: 2», «Всего», «Итого учащихся — 25»), as journals and hand-made lists end.

It is no pupil (nor a mark): storing it would add a pupil «Итого: 2» to the school. Skipping it silently would
drop a row the user typed, so it is refused, naming the row and saying it looks like a totals row to remove.
"""

from __future__ import annotations

import pytest

from tests.imports.test_messy_files import book
from tests.imports.test_validation import assert_nothing_stored
from vsoko.imports.service import import_package

pytestmark = pytest.mark.django_db

STUDENTS = ["Код обучающегося", "Фамилия", "Имя", "Дата рождения", "Пол"]
MARKS = ["Учебный год", "Период", "Код обучающегося", "Предмет", "Отметка"]
PUPILS = [["S1", "Иванов", "Иван", "01.02.2014", "М"], ["S2", "Петров", "Пётр", "01.02.2014", "М"]]
MESSAGE = ("Похоже на строку итогов, а не на строку данных: удалите её из таблицы (итоги система считает сама). "
           "Пока она есть, пакет не загружается.")


@pytest.mark.parametrize(("row", "column", "value"), [
    (["Итого: 2", None, None, None, None], "Код обучающегося", "Итого: 2"),
    (["", "Всего", "", "", ""], "Фамилия", "Всего"),
    (["Итого учащихся — 25"], "Код обучающегося", "Итого учащихся — 25"),
    (["ВСЕГО:", "2", "", "", ""], "Код обучающегося", "ВСЕГО:"),
])
def test_a_totals_row_under_the_pupils_is_refused(tmp_path, school, row, column, value):
    path = book(tmp_path / "p.xlsx", {"Обучающиеся": [STUDENTS, *PUPILS, row]})

    report = import_package(path, school=school)

    assert [(e.table, e.row, e.column, e.value, e.message) for e in report.errors] == [
        ("students", 4, column, value, MESSAGE)]
    assert_nothing_stored()


def test_a_totals_row_under_the_marks_is_refused_with_the_same_words(tmp_path, school):
    path = book(tmp_path / "p.xlsx", {
        "Обучающиеся": [STUDENTS, *PUPILS],
        "Отметки за периоды": [MARKS, ["2024/2025", "год", "S1", "Математика", "5"],
                               ["", "", "Итого", "", ""]],
    })

    report = import_package(path, school=school)

    assert [(e.table, e.row, e.column, e.value, e.message) for e in report.errors] == [
        ("marks", 3, "Код обучающегося", "Итого", MESSAGE)]
    assert_nothing_stored()


def test_names_that_begin_like_totals_words_are_pupils(tmp_path, school):
    """«Итогов», «Всеволод»: a word that only begins like «итого» or «всего» is a name."""
    path = book(tmp_path / "p.xlsx", {"Обучающиеся": [STUDENTS, ["S1", "Итогов", "Всеволод", "01.02.2014", "М"]]})

    report = import_package(path, school=school)

    assert report.errors == []


def test_a_totals_row_written_in_another_column_is_refused(tmp_path, school):
    """«Итого: 25» under the classes, the code column left empty: one message about the totals row, not three
    riddles about empty key cells and a class «Итого: 25»."""
    path = book(tmp_path / "p.xlsx", {
        "Обучающиеся": [STUDENTS, *PUPILS],
        "Контингент": [["Учебный год", "Код обучающегося", "Класс"], ["2024/2025", "S1", "5А"], ["", "", "Итого: 25"]],
    })

    report = import_package(path, school=school)

    assert [(e.table, e.row, e.column, e.value, e.message) for e in report.errors] == [
        ("enrollments", 3, "Класс", "Итого: 25", MESSAGE)]
    assert_nothing_stored()
