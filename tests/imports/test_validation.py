"""Bad packages: every error is reported with its place and reason, and nothing is stored."""

from __future__ import annotations

import pytest

from tests.imports.conftest import PACKAGE, write_csv_folder
from vsoko.imports.issues import ImportIssue
from vsoko.imports.service import import_package, preview_package
from vsoko.records.models import (
    Assessment,
    Enrollment,
    PeriodMark,
    Result,
    SchoolClass,
    SchoolYear,
    StaffMember,
    Student,
    Subject,
)

pytestmark = pytest.mark.django_db


def assert_nothing_stored():
    for model in (Student, Enrollment, SchoolClass, SchoolYear, PeriodMark, StaffMember, Assessment, Result, Subject):
        assert model.objects.count() == 0, model


def with_table(key: str, *rows: list[str], header: list[str] | None = None) -> dict:
    package = {k: [list(r) for r in v] for k, v in PACKAGE.items()}
    package[key] = [header or PACKAGE[key][0], *rows]
    return package


def issue(table: str, row: int | None, column: str, value: str, message: str) -> ImportIssue:
    return ImportIssue(table, row, column, value, message, source=f"файл {table}.csv")


BAD_PACKAGES = {
    "unknown indicator code": (
        with_table("values", ["2024/2025", "core.qualty", "", "55", "", "", "", ""]),
        [issue("values", 2, "Показатель", "core.qualty",
               "Показателя с таким кодом нет в каталогах школы (список кодов: «vsoko catalog» или раздел «Показатели»).")],
    ),
    "share over 100 % or a numerator over its denominator": (
        with_table("values", ["2024/2025", "core.quality", "", "120", "", "", "", ""],
                   ["2024/2025", "core.quality", "муниципалитет", "", "30", "25", "", ""]),
        [issue("values", 2, "Значение", "120", "Доля в процентах — от 0 до 100 (введено 120)."),
         issue("values", 3, "Числитель", "30", "Числитель больше знаменателя 25: доля в процентах — от 0 до 100 %.")],
    ),
    "wrong enum value": (
        with_table("marks", ["2024/2025", "1 четверть", "S1", "Математика", "6"]),
        [issue("marks", 2, "Отметка", "6", "Недопустимое значение. Допустимые: 5, 4, 3, 2, 1, зачет, незачет, осв, н/а.")],
    ),
    "bad date": (
        with_table("students", ["S1", "Иванов", "Иван", "", "2010.02.01", "М"],
                   ["S2", "Петрова", "Анна", "", "31.02.2009", "Ж"], ["S3", "Сидоров", "Пётр", "", "", "М"]),
        [issue("students", 2, "Дата рождения", "2010.02.01", "Дата записывается как 31.05.2025 или 2025-05-31."),
         issue("students", 3, "Дата рождения", "31.02.2009", "Такой даты нет в календаре.")],
    ),
    "bad year": (
        with_table("marks", ["2024-2026", "1 четверть", "S1", "Математика", "5"]),
        [issue("marks", 2, "Учебный год", "2024-2026", "Учебный год записывается как 2024/2025 (годы подряд).")],
    ),
    "bad class": (
        with_table("enrollments", ["2024/2025", "S1", "12А"] + [""] * 12),
        [issue("enrollments", 2, "Класс", "12А", "Класс записывается как 9А, 10Б или 1: параллель от 1 до 11 и литера.")],
    ),
    "bad boolean": (
        with_table("enrollments", ["2024/2025", "S1", "9А", "", "", "может быть"] + [""] * 9),
        [issue("enrollments", 2, "ОВЗ", "может быть", "Ожидается «да» или «нет» (также 1/0, +/пусто).")],
    ),
    "number out of range": (
        with_table("enrollments", ["2024/2025", "S1", "9А", "", "", "", "", "", "6"] + [""] * 6),
        [issue("enrollments", 2, "Группа здоровья", "6", "Ожидается целое число от 1 до 5.")],
    ),
    "unknown column": (
        with_table("students", ["S1", "Иванов"], ["S2", "Петрова"], ["S3", "Сидоров"],
                   header=["Код обучающегося", "Фамилиия"]),
        [ImportIssue("students", 1, "Фамилиия", "Фамилиия",
                     "Неизвестный столбец. Допустимые столбцы: «Код обучающегося» (student_id), «Фамилия» (last_name), "
                     "«Имя» (first_name), «Отчество» (middle_name), «Дата рождения» (birth_date), «Пол» (sex).",
                     "файл students.csv")],
    ),
    "missing key column": (
        with_table("marks", ["1 четверть", "S1", "Математика", "5"], header=["Период", "Код обучающегося", "Предмет", "Отметка"]),
        [issue("marks", 1, "Учебный год", "", "Нет обязательного столбца «Учебный год» (year).")],
    ),
    "empty key cell": (
        with_table("marks", ["2024/2025", "1 четверть", "", "Математика", "5"]),
        [issue("marks", 2, "Код обучающегося", "", "Не заполнено обязательное поле.")],
    ),
    "unknown student": (
        with_table("marks", ["2024/2025", "1 четверть", "S9", "Математика", "5"]),
        [issue("marks", 2, "Код обучающегося", "S9",
               "Обучающийся с таким кодом не найден ни в таблице «Обучающиеся» пакета, ни в загруженных ранее данных.")],
    ),
    "unknown staff member": (
        with_table("staff_events", ["2024/2025", "T9", "курсы", "Курс", "", "", "", "", ""]),
        [issue("staff_events", 2, "Код работника", "T9",
               "Работник с таким кодом не найден ни в таблице «Педагогические работники» пакета, ни в загруженных ранее данных.")],
    ),
    "key repeated within the package": (
        with_table("marks", ["2024/2025", "1 четверть", "S1", "Математика", "5"],
                   ["2024/2025", "2 четверть", "S1", "Математика", "5"],
                   ["2024/2025", "1 четверть", "S1", "математика", "4"]),
        [issue("marks", 4, "Учебный год", "2024/2025; 1 четверть; S1; математика",
               "Повторяется строка 2: ключ (Учебный год, Период, Код обучающегося, Предмет) должен быть уникален в таблице.")],
    ),
    "unknown assessment": (
        with_table("results", ["VPR-X", "S1", "", "", "10", "", "", "", ""]),
        [issue("results", 2, "Код процедуры", "VPR-X",
               "Процедура с таким кодом не найдена ни в таблице «Оценочные процедуры» пакета, ни в загруженных ранее данных.")],
    ),
    "task score count": (
        with_table("results", ["OGE-M-9", "S1", "", "", "", "", "", "", "1;2;1"]),
        [issue("results", 2, "Баллы по заданиям", "1;2;1", "Баллов по заданиям 3, а заданий у процедуры «OGE-M-9» 4.")],
    ),
    "task score above the task's maximum": (
        with_table("results", ["OGE-M-9", "S1", "", "", "", "", "", "", "1;3;1;1"]),
        [issue("results", 2, "Баллы по заданиям", "3", "Задание «2»: балл должен быть от 0 до 2.")],
    ),
    "bad mark scale": (
        with_table("assessments", ["OGE-M-9", "2024/2025", "ОГЭ", "Математика", "9", "", "6", "", "2:0-2;3=3-6", ""],
                   PACKAGE["assessments"][2]),
        [issue("assessments", 2, "Шкала перевода в отметку", "2:0-2;3=3-6",
               "Шкала записывается как 2:0-7;3:8-14;4:15-21;5:22-33, а не «3=3-6».")],
    ),
    "certificate outside grades 9 and 11": (
        with_table("enrollments", ["2024/2025", "S2", "10Б", "", "", "", "", "", "", "", "", "да", "обычный", "", ""]),
        [issue("enrollments", 2, "Допущен к ГИА", "да", "Заполняется только для 9 и 11 классов."),
         issue("enrollments", 2, "Аттестат", "обычный", "Заполняется только для 9 и 11 классов.")],
    ),
    "text too long": (
        with_table("marks", ["2024/2025", "1 четверть", "S1", "М" * 201, "5"]),
        [issue("marks", 2, "Предмет", "М" * 201, "Слишком длинное значение: больше 200 символов.")],
    ),
    "too many decimals": (
        with_table("staff", ["2024/2025", "T1", "", "", "", "", "", "", "", "", "", "", "", "", "18,25", ""],
                   PACKAGE["staff"][2]),
        [issue("staff", 2, "Нагрузка, ч в неделю", "18,25", "Не больше 1 знака после запятой.")],
    ),
}


@pytest.mark.parametrize("package, expected", BAD_PACKAGES.values(), ids=BAD_PACKAGES.keys())
def test_bad_package_reports_every_error_and_stores_nothing(tmp_path, school, package, expected):
    report = import_package(write_csv_folder(tmp_path / "bad", package), school=school)

    assert report.errors == expected
    assert not report.ok
    assert report.counts == {}
    assert_nothing_stored()


def test_all_errors_are_collected_in_one_report(tmp_path, school):
    package = with_table("marks", ["2024/2025", "5 четверть", "S9", "Математика", "6"],
                         ["2024", "1 четверть", "S1", "Математика", "5"])

    report = preview_package(write_csv_folder(tmp_path / "bad", package), school=school)

    assert [(e.row, e.column) for e in report.errors] == [
        (2, "Период"), (2, "Отметка"), (3, "Учебный год"), (2, "Код обучающегося"),
    ]


def test_student_stored_earlier_may_be_referenced(tmp_path, package_dir, school):
    import_package(package_dir, school=school)
    marks_only = {"marks": [PACKAGE["marks"][0], ["2025/2026", "1 четверть", "S2", "Химия", "3"]]}

    report = import_package(write_csv_folder(tmp_path / "marks", marks_only), school=school)

    assert report.errors == []
    assert PeriodMark.objects.filter(year_id=2025, student__student_id="S2", subject__name="химия").exists()


def test_results_refer_to_tasks_stored_earlier(tmp_path, package_dir, school):
    import_package(package_dir, school=school)
    results = {"results": [["Код процедуры", "Код обучающегося", "Баллы по заданиям"], ["OGE-M-9", "S3", "1;1;;"],
                           ["OGE-M-9", "S2", "1;1"]]}

    report = import_package(write_csv_folder(tmp_path / "results", results), school=school)

    assert [(e.row, e.message) for e in report.errors] == [
        (3, "Баллов по заданиям 2, а заданий у процедуры «OGE-M-9» 4.")]


def test_per_task_column_for_a_missing_task(tmp_path, package_dir, school):
    results = with_table("results", ["OGE-M-9", "S1", "1", "1", "1", "1", "1"],
                         header=["Код процедуры", "Код обучающегося", "З1", "З2", "З9", "З10", "З11"])

    report = import_package(write_csv_folder(tmp_path / "bad", results), school=school)

    assert [(e.column, e.value, e.message) for e in report.errors] == [
        ("З11", "1", "У процедуры «OGE-M-9» нет задания «11».")]
    assert_nothing_stored()


def test_issue_reads_as_a_sentence():
    found = ImportIssue("marks", 5, "Отметка", "6", "Недопустимое значение.", "лист «Отметки»")

    assert str(found) == "Отметки за периоды (лист «Отметки»), строка 5, столбец «Отметка», значение «6»: Недопустимое значение."


# The `values` sheet read as the entry form reads it (vsoko.indicators.entry.read_typed): what the form refuses
# is an error with its place and the form's reason, and the whole package is refused.

VALUES_HEADER = ["Учебный год", "Показатель", "Уровень", "Значение", "Числитель", "Знаменатель"]
BAD_VALUES = {
    "words for a number": (["2024/2025", "core.quality", "", "высокое", "", ""], "Значение", "высокое",
                           "Нужно число, например 52,3 или 48."),
    "percent sign for a count": (["2024/2025", "own.pupils", "", "85 %", "", ""], "Значение", "85 %",
                                 "Знак % ставится только у доли в процентах, а здесь — чел./ед. (введено «85 %»)."),
    "yes for a share": (["2024/2025", "core.quality", "", "да", "", ""], "Значение", "да",
                        "Нужно число, например 52,3 или 48."),
    "two for a yes/no": (["2024/2025", "order1324.2.3", "", "2", "", ""], "Значение", "2",
                         "Здесь «да» или «нет» (введено «2»)."),
    "negative count": (["2024/2025", "own.pupils", "", "\u22123", "", ""], "Значение", "\u22123",
                       "Значение не может быть отрицательным (введено \u22123)."),
    "a benchmark of a text": (["2024/2025", "own.licence", "регион", "Лицензия есть", "", ""], "Значение",
                              "Лицензия есть", "У текстового показателя нет значений для сравнения: уровень «регион» "
                                               "не заполняется, текст вводится для уровня «школа»."),
    "a fraction of a text": (["2024/2025", "own.licence", "", "Лицензия есть", "1", "2"], "Числитель", "1",
                             "У текстового показателя нет числителя и знаменателя: его значение — текст в столбце "
                             "«Значение»."),
    "a text too long": (["2024/2025", "own.licence", "", "а" * 2001, "", ""], "Значение", "а" * 2001,
                        "Текст — не длиннее 2000 символов (введено 2001)."),
}


@pytest.mark.parametrize("row, column, value, why", BAD_VALUES.values(), ids=BAD_VALUES.keys())
def test_a_value_the_entry_form_refuses_is_an_error_and_nothing_is_stored(tmp_path, school, row, column, value, why):
    from vsoko.records.models import ManualValue

    package = {**PACKAGE, "values": [VALUES_HEADER, ["2024/2025", "order1324.2.1", "", "1 234", "", ""], row]}

    report = import_package(write_csv_folder(tmp_path / "bad", package), school=school)

    assert report.errors == [issue("values", 3, column, value, why)]
    assert str(report.errors[0]).startswith(f"Показатели, вводимые вручную (файл values.csv), строка 3, "
                                            f"столбец «{column}», значение «{value[:20]}")
    assert not ManualValue.objects.exists()
    assert_nothing_stored()


@pytest.mark.parametrize("header", ["№ п/п", "№п/п", "№", "п/п"])
def test_a_row_number_column_of_a_school_list_is_skipped(tmp_path, school, header):
    """Every list a school keeps starts with «№ п/п»: its numbers are no data and go nowhere."""
    path = tmp_path / "students.csv"
    path.write_bytes(f"{header};Код обучающегося;Фамилия;Имя\r\n1;S1;Иванов;Иван\r\n2;S2;Петрова;Анна\r\n"
                     .encode("cp1251"))

    report = import_package(path, school=school)

    assert report.errors == []
    assert sorted(Student.objects.values_list("student_id", "last_name", "first_name")) == [
        ("S1", "Иванов", "Иван"), ("S2", "Петрова", "Анна")]
