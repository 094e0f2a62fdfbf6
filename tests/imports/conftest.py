"""A hand-written package with every table and column of spec/data-format.md, and writers for it.

Headers mix keys and Russian labels (both must be recognised); values use every
accepted spelling the spec lists (dates both ways, booleans да/1/true/+, ё and case).
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from vsoko.imports.tables import TABLES

PACKAGE: dict[str, list[list[str]]] = {
    "students": [
        ["Код обучающегося", "Фамилия", "Имя", "Отчество", "Дата рождения", "Пол"],
        ["S1", "Иванов", "Иван", "Иванович", "01.02.2010", "М"],
        ["S2", "Петрова", "Анна", "", "2009-03-15", "ж"],
        ["S3", "Сидоров", "Пётр", "Петрович", "05.06.2008", "М"],
    ],
    "enrollments": [
        ["year", "student_id", "class", "enrolled_on", "left_on", "ovz", "disability", "non_native_russian",
         "health_group", "pe_group", "outcome", "gia_admitted", "certificate", "destination",
         "destination_matches_profile"],
        ["2024/2025", "S1", "9А", "01.09.2024", "", "да", "нет", "0", "2", "основная", "окончил", "да",
         "с отличием", "10 класс", "да"],
        ["2024/2025", "S2", "10б", "", "20.12.2024", "+", "", "false", "3", "подготовительная", "выбыл", "", "", "", ""],
        ["2024/2025", "S3", "11 А", "", "", "нет", "1", "true", "1", "Специальная", "окончил", "1", "обычный",
         "вуз", "нет"],
    ],
    "social": [
        ["Учебный год", "Код обучающегося", "Категория", "С", "По"],
        ["2024/2025", "S2", "многодетная семья", "01.09.2024", ""],
        ["2024/2025", "S3", "учёт ПДН", "10.10.2024", "20.03.2025"],
    ],
    "staff": [
        ["year", "staff_id", "Фамилия", "Имя", "Отчество", "birth_date", "Должность", "Педагогический работник",
         "Образование", "Образование по профилю", "Категория", "Дата аттестации", "Педагогический стаж с",
         "Занятость", "Нагрузка, ч в неделю", "Предметы"],
        ["2024/2025", "T1", "Смирнова", "Ольга", "Викторовна", "12.04.1980", "учитель", "да",
         "высшее педагогическое", "да", "высшая", "15.03.2022", "01.09.2002", "основной", "18,5",
         "Математика; Информатика"],
        ["2024/2025", "T2", "Кузнецов", "Олег", "", "1990-01-01", "педагог-психолог", "нет", "высшее", "нет",
         "СЗД", "", "01.09.2015", "совместитель", "9", ""],
    ],
    "staff_events": [
        ["Учебный год", "Код работника", "Вид", "Название", "Дата", "Уровень", "Часов", "Темы", "Результат"],
        ["2024/2025", "T1", "курсы", "ФГ в основной школе", "20.11.2024", "региональный", "36", "ФГ; ЦОС", ""],
        ["2024/2025", "T2", "конкурс", "Педагог-психолог года", "01.03.2025", "муниципальный", "", "выгорание",
         "призёр"],
    ],
    "subjects": [
        ["Предмет"],
        ["Математика"],
    ],
    "marks": [
        ["Учебный год", "Период", "Код обучающегося", "Предмет", "Отметка"],
        ["2024/2025", "1 четверть", "S1", "Математика", "5"],
        ["2024/2025", "год", "S1", "Математика", "4"],
        ["2024/2025", "1 полугодие", "S3", "Физическая культура", "зачёт"],
        ["2024/2025", "2 четверть", "S2", "Русский язык", "н/а"],
        ["2024/2025", "1 триместр", "S2", "математика", "осв"],
    ],
    "assessments": [
        ["assessment_id", "year", "kind", "subject", "grade", "date", "max_score", "min_score", "mark_scale",
         "test_scale"],
        ["OGE-M-9", "2024/2025", "ОГЭ", "Математика", "9", "03.06.2025", "6", "3", "2:0-2;3:3-3;4:4-5;5:6-6", ""],
        ["EGE-M-11", "2024/2025", "ЕГЭ", "математика (профиль)", "11", "2025-05-31", "32", "27", "",
         "0:0;1:6;2:11;3:17;4:22"],
    ],
    "assessment_tasks": [
        ["Код процедуры", "Задание", "Макс. балл", "Уровень", "Проверяемое умение", "Метапредметное",
         "Функциональная грамотность"],
        ["OGE-M-9", "1", "1", "Б", "Вычисления", "", ""],
        ["OGE-M-9", "2", "2", "П", "Уравнения", "да", "нет"],
        ["OGE-M-9", "10", "2", "В", "Задача практического содержания", "нет", "да"],
        ["OGE-M-9", "9", "1", "б", "", "", ""],
    ],
    "results": [
        ["assessment_id", "student_id", "attempt", "absent", "primary_score", "test_score", "mark", "journal_mark",
         "task_scores"],
        ["OGE-M-9", "S1", "основная", "нет", "", "", "", "5", "1;2;1,5;0"],
        ["EGE-M-11", "S3", "пересдача", "", "3", "", "3", "", ""],
        ["OGE-M-9", "S2", "", "да", "", "", "", "", ""],
    ],
    "events": [
        ["Учебный год", "Код обучающегося", "Мероприятие", "Уровень", "Вид", "Предмет / направление", "Результат"],
        ["2024/2025", "S1", "ВСОШ по математике", "муниципальный", "ВСОШ", "математика", "призёр"],
        ["2024/2025", "S2", "Президентские состязания", "школьный", "соревнование", "", ""],
    ],
    "programs": [
        ["year", "student_id", "program", "kind", "certificate", "individual_route"],
        ["2024/2025", "S1", "Робототехника", "дополнительное образование", "да", "нет"],
        ["2024/2025", "S3", "Билет в будущее", "Билет в будущее", "", "да"],
    ],
    "values": [
        ["Учебный год", "Показатель", "Уровень", "Значение", "Числитель", "Знаменатель", "Комментарий", "Источник"],
        ["2024/2025", "order1324.2.3", "", "да", "", "", "Есть СЭД", "Акт проверки"],
        ["2024/2025", "order1324.2.1", "муниципалитет", "3", "", "", "", ""],
        ["2024/2025", "core.quality", "РФ", "", "1", "4", "", "https://example.org"],
    ],
    "survey_responses": [
        ["year", "survey", "respondent", "grade", "question", "answer"],
        ["2024/2025", "parents", "R1", "5", "q1", "Полностью удовлетворен"],
        ["2024/2025", "parents", "R1", "5", "q2", "Скорее да"],
        ["2024/2025", "students", "R7", "", "q1", "Нет"],
    ],
}


def write_csv_folder(folder: Path, package: dict[str, list[list[str]]], *, delimiter: str = ",",
                     encoding: str = "utf-8", name: str = "key") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for key, rows in package.items():
        stem = key if name == "key" else TABLES[key].title
        with (folder / f"{stem}.csv").open("w", encoding=encoding, newline="") as out:
            csv.writer(out, delimiter=delimiter).writerows(rows)
    return folder


def write_xlsx(path: Path, package: dict[str, list[list[object]]], *, name: str = "title") -> Path:
    """One sheet per table named by its sheet title (or key); cells written as given (str, numbers, dates)."""
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    date_format = workbook.add_format({"num_format": "dd.mm.yyyy"})
    for key, rows in package.items():
        sheet = workbook.add_worksheet(TABLES[key].sheet_title if name == "title" else key)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if hasattr(value, "year"):
                    sheet.write_datetime(r, c, value, date_format)
                elif value != "":
                    sheet.write(r, c, value)
    workbook.close()
    return path


def write_xlsx_openpyxl(path: Path, package: dict[str, list[list[object]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for key, rows in package.items():
        sheet = workbook.create_sheet(TABLES[key].sheet_title)
        for row in rows:
            sheet.append([v if v != "" else None for v in row])
    workbook.save(path)
    return path


@pytest.fixture
def package_dir(tmp_path):
    return write_csv_folder(tmp_path / "package", PACKAGE)


VALUE_CODES = {"order1324.2.3": "bool", "order1324.2.1": "number", "core.quality": "percent",
               "own.licence": "text", "own.pupils": "count"}


@pytest.fixture(autouse=True)
def _catalog_codes(request):
    """The indicator codes PACKAGE's `values` rows name, for every test that touches the database.

    The import checks codes against the catalogs; loading the whole shipped catalogs
    for each test would cost a second, so a small catalog with just these codes stands in.
    """
    uses_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db", "school"} & set(request.fixturenames)
    if not uses_db:
        return
    request.getfixturevalue("db")
    from tests.imports.big_package import ENTERED_CODES
    from vsoko.indicators.models import Catalog, Indicator

    catalog, _ = Catalog.objects.get_or_create(code="import-tests", defaults={"name": "Коды для тестов импорта"})
    codes = {**dict.fromkeys(ENTERED_CODES, "number"), **VALUE_CODES}
    Indicator.objects.bulk_create(
        [Indicator(catalog=catalog, code=code, name=code, unit=unit, method="entered") for code, unit in codes.items()],
        ignore_conflicts=True,
    )
