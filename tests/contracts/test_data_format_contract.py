"""spec/data-format.md, statement by statement, on real files (CSV written by csv, XLSX by openpyxl).

The hand-written package of tests/imports/conftest.py already round-trips every
table and column; these tests pin the statements it leaves implicit: every word of
every enumeration, headers in any case, spacing and order, mixed sheet names, a
missing table, the value forms (class, booleans, Excel's own cells) and the
conditions the spec names for ЕГЭ and graduates.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import openpyxl
import pytest

from tests.imports.conftest import PACKAGE, write_csv_folder
from vsoko.imports.cells import CellError, parser_for
from vsoko.imports.service import TableCounts, import_package
from vsoko.imports.tables import TABLES
from vsoko.indicators.models import Catalog, Indicator
from vsoko.records.models import (
    Assessment,
    Enrollment,
    ManualValue,
    PeriodMark,
    Result,
    SchoolClass,
    StaffYear,
    Student,
    SurveyAnswer,
)

D = datetime.date

# The words of spec/data-format.md, column by column, as the spec writes them.
SPEC_WORDS: dict[tuple[str, str], list[str]] = {
    ("students", "sex"): ["М", "Ж"],
    ("enrollments", "pe_group"): ["основная", "подготовительная", "специальная"],
    ("enrollments", "outcome"): ["переведен", "условно переведен", "оставлен на повторное обучение", "окончил",
                                 "выбыл"],
    ("enrollments", "certificate"): ["нет", "обычный", "с отличием"],
    ("enrollments", "destination"): ["10 класс", "СПО", "вуз", "работает", "армия", "не учится и не работает",
                                     "другое"],
    ("social", "category"): ["сирота", "малообеспеченная семья", "неполная семья", "многодетная семья", "ЗПР",
                             "трудности адаптации", "трудная жизненная ситуация", "учет ПДН", "учет КДН",
                             "внутришкольный учет", "группа риска СПТ"],
    ("staff", "education"): ["высшее педагогическое", "высшее", "среднее профессиональное педагогическое",
                             "среднее профессиональное", "среднее"],
    ("staff", "category"): ["высшая", "первая", "соответствие", "нет"],
    ("staff", "employment"): ["основной", "совместитель"],
    ("staff_events", "kind"): ["курсы", "переподготовка", "аттестация", "конкурс", "эксперт", "наставничество",
                               "сетевое сообщество", "выступление", "диагностика дефицитов", "ИОМ",
                               "методическая поддержка", "консультация"],
    ("staff_events", "level"): ["школьный", "муниципальный", "региональный", "федеральный", "международный"],
    ("staff_events", "result"): ["участник", "призер", "победитель", "лауреат"],
    ("marks", "period"): ["1 четверть", "2 четверть", "3 четверть", "4 четверть", "1 триместр", "2 триместр",
                          "3 триместр", "1 полугодие", "2 полугодие", "год"],
    ("marks", "mark"): ["5", "4", "3", "2", "1", "зачет", "незачет", "осв", "н/а"],
    ("assessments", "kind"): ["ВПР", "ОГЭ", "ЕГЭ", "ГВЭ-9", "ГВЭ-11", "итоговое собеседование", "итоговое сочинение",
                              "РДР", "региональная оценка ФГ", "административная"],
    ("assessment_tasks", "difficulty"): ["Б", "П", "В"],
    ("results", "attempt"): ["основная", "пересдача"],
    ("events", "level"): ["школьный", "муниципальный", "региональный", "заключительный", "всероссийский",
                          "международный"],
    ("events", "kind"): ["ВСОШ", "перечневая олимпиада", "олимпиада", "конкурс", "соревнование", "конференция"],
    ("events", "result"): ["участник", "призер", "победитель"],
    ("programs", "kind"): ["дополнительное образование", "внеурочная деятельность", "спортивная секция",
                           "профильная смена", "Сириус", "региональный центр", "Билет в будущее", "волонтерство",
                           "детское объединение", "патриотическое объединение", "профориентация"],
    ("values", "scope"): ["школа", "муниципалитет", "регион", "РФ"],
}
TOPICS = ["ФГ", "ЦОС", "ОКО", "ШНОР", "таланты", "профориентация", "воспитание", "федеральная программа", "ОВЗ",
          "выгорание"]


def parse(table: str, column: str, cell: object) -> object:
    return parser_for(TABLES[table].column(column))(cell)


def spellings(word: str) -> list[str]:
    """The word as the spec writes it, in upper and lower case, and with ё where it has е."""
    forms = [word, word.upper(), word.lower(), f"  {word} "]
    if "е" in word:
        forms.append(word.replace("е", "ё"))
    return forms


# enumerations: case-insensitive, ё = е


@pytest.mark.parametrize(("table", "column"), SPEC_WORDS, ids="{0[0]}.{0[1]}".format)
def test_every_word_of_an_enumeration_is_read_in_any_case_and_with_yo(table, column):
    words = SPEC_WORDS[(table, column)]

    stored = {word: {parse(table, column, form) for form in spellings(word)} for word in words}

    assert all(len(values) == 1 for values in stored.values()), stored  # one stored value however spelt
    assert len({values.pop() for values in stored.values()}) == len(words)  # distinct words, distinct values
    with pytest.raises(CellError, match="Недопустимое значение"):
        parse(table, column, "нечто другое")


def test_szd_means_conformity():
    assert parse("staff", "category", "СЗД") == parse("staff", "category", "соответствие")


def test_staff_event_topics_are_semicolon_separated_tags():
    assert parse("staff_events", "topics", "; ".join(TOPICS)) == [parse("staff_events", "topics", t)[0] for t in TOPICS]
    assert len(set(parse("staff_events", "topics", ";".join(TOPICS)))) == len(TOPICS)
    with pytest.raises(CellError, match="«тайм-менеджмент»"):
        parse("staff_events", "topics", "ФГ; тайм-менеджмент")


# values: year, dates, booleans, class


@pytest.mark.parametrize(("cell", "start"), [("2024/2025", 2024), ("2019/2020", 2019)])
def test_a_year_is_the_school_year_starting_in_its_first_calendar_year(cell, start):
    assert parse("marks", "year", cell) == start
    with pytest.raises(CellError):
        parse("marks", "year", "2025/2024")


@pytest.mark.parametrize("cell", ["2025-05-31", "31.05.2025", datetime.datetime(2025, 5, 31)])
def test_dates_in_both_spellings(cell):
    assert parse("students", "birth_date", cell) == D(2025, 5, 31)


@pytest.mark.parametrize(("cell", "value"), [
    ("да", True), ("нет", False), ("1", True), ("0", False), ("true", True), ("false", False), ("+", True),
    ("Да", True), ("TRUE", True), (True, True), (False, False),
])
def test_booleans(cell, value):
    assert parse("enrollments", "ovz", cell) is value


@pytest.mark.parametrize(("cell", "grade", "letter"), [
    ("9А", 9, "А"), ("10Б", 10, "Б"), ("1", 1, ""), ("11", 11, ""), (1, 1, ""), ("5 в", 5, "В"),
])
def test_a_class_is_a_grade_from_1_to_11_and_a_letter(cell, grade, letter):
    assert parse("enrollments", "class", cell) == (grade, letter)


@pytest.mark.parametrize("cell", ["0А", "12", "А9", "девятый"])
def test_a_class_outside_grades_1_to_11_is_refused(cell):
    with pytest.raises(CellError, match="параллель от 1 до 11"):
        parse("enrollments", "class", cell)


@pytest.mark.parametrize(("table", "column", "low", "high"), [
    ("enrollments", "health_group", 1, 5), ("assessments", "grade", 4, 11), ("survey_responses", "grade", 1, 11),
])
def test_numbers_the_spec_bounds(table, column, low, high):
    assert parse(table, column, str(low)) == low
    assert parse(table, column, str(high)) == high
    for outside in (low - 1, high + 1):
        with pytest.raises(CellError, match=f"от {low} до {high}"):
            parse(table, column, str(outside))


# whole packages


@pytest.fixture
def value_codes(db):
    catalog = Catalog.objects.create(code="contract-tests", name="Коды для тестов контракта")
    for code, unit in (("order1324.2.3", "bool"), ("order1324.2.1", "number"), ("core.quality", "percent")):
        Indicator.objects.create(catalog=catalog, code=code, name=code, unit=unit, method="entered")


def workbook(path, sheets: dict[str, list[list[object]]]):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def messages(report) -> list[tuple[str, int | None, str, str, str]]:
    return [(e.table, e.row, e.column, e.value, e.message) for e in report.errors]


@pytest.mark.django_db
def test_headers_by_key_or_label_in_any_case_spacing_and_order(tmp_path, school):
    package = {
        "students": [[" ПОЛ", "student_ID", "фамилия  ", "Дата   рождения"], ["Ж", "S1", "Петрова", "15.03.2009"]],
        "enrollments": [["КЛАСС", "Код Обучающегося", "year", "  ovz  "], ["10б", "S1", "2024/2025", "да"]],
    }

    report = import_package(write_csv_folder(tmp_path / "p", package), school=school)

    assert report.errors == []
    student = Student.objects.get()
    assert (student.student_id, student.last_name, student.sex, student.birth_date) == ("S1", "Петрова", "f",
                                                                                      D(2009, 3, 15))
    enrollment = Enrollment.objects.select_related("school_class").get()
    assert (enrollment.year_id, enrollment.school_class.name, enrollment.ovz) == (2024, "10Б", True)


@pytest.mark.django_db
def test_a_workbook_may_name_some_sheets_by_key_and_others_by_title_and_keep_excel_cells(tmp_path, school,
                                                                                         value_codes):
    path = workbook(tmp_path / "пакет.xlsx", {
        "students": [["student_id", "birth_date"], [1001, datetime.datetime(2010, 2, 1)]],
        "Контингент": [["Учебный год", "Код обучающегося", "Класс", "ОВЗ", "Группа здоровья"],
                       ["2024/2025", 1001, 1, True, 2]],
        "Отметки за периоды": [["Учебный год", "Период", "Код обучающегося", "Предмет", "Отметка"],
                               ["2024/2025", "год", "1001", "Математика", 5]],
        "values": [["year", "indicator", "value"], ["2024/2025", "order1324.2.3", True]],
    })

    report = import_package(path, school=school)

    assert report.errors == []
    assert Student.objects.get().birth_date == D(2010, 2, 1)
    enrollment = Enrollment.objects.select_related("school_class").get()
    assert (enrollment.school_class.grade, enrollment.school_class.letter, enrollment.ovz, enrollment.health_group) == (
        1, "", True, 2)
    assert PeriodMark.objects.get().mark == "5"
    assert ManualValue.objects.get().value == Decimal(1)  # an Excel TRUE is «да»


@pytest.mark.django_db
def test_a_missing_table_changes_nothing_already_stored(tmp_path, school, value_codes):
    import_package(write_csv_folder(tmp_path / "all", PACKAGE), school=school)
    counts = {model: model.objects.count() for model in (Enrollment, PeriodMark, Result, StaffYear, ManualValue)}
    marks = list(PeriodMark.objects.order_by("pk").values())

    only = {"marks": [PACKAGE["marks"][0], ["2024/2025", "год", "S1", "Математика", "5"]]}
    report = import_package(write_csv_folder(tmp_path / "marks", only), school=school)

    assert report.errors == []
    assert report.counts == {"marks": TableCounts(changed=1)}
    assert {model: model.objects.count() for model in counts} == counts
    changed = [m for m in PeriodMark.objects.order_by("pk").values() if m not in marks]
    assert [(m["period"], m["mark"]) for m in changed] == [("year", "5")]


@pytest.mark.django_db
def test_empty_optional_cells_take_the_spec_defaults(tmp_path, school, value_codes):
    import_package(write_csv_folder(tmp_path / "p", PACKAGE), school=school)

    # results.attempt: основная; values.scope: школа; an empty enrolled_on: from the start of the year
    assert Result.objects.get(student__student_id="S2").attempt == "main"
    assert ManualValue.objects.get(indicator="order1324.2.3").scope == "school"
    assert Enrollment.objects.get(student__student_id="S2").enrolled_on is None


# conditions the spec names


def enrollments_with(*rows: list[str]) -> dict:
    header = ["Учебный год", "Код обучающегося", "Класс", "Итог года", "Допущен к ГИА", "Аттестат",
              "Продолжение обучения"]
    return {"students": PACKAGE["students"], "enrollments": [header, *rows]}


@pytest.mark.django_db
def test_gia_certificate_and_destination_belong_to_grades_9_and_11(tmp_path, school):
    package = enrollments_with(
        ["2024/2025", "S1", "9А", "окончил", "да", "обычный", "СПО"],
        ["2024/2025", "S2", "8Б", "переведен", "да", "с отличием", "10 класс"],
        ["2024/2025", "S3", "11А", "выбыл", "", "нет", "вуз"],
    )

    report = import_package(write_csv_folder(tmp_path / "p", package), school=school)

    only_graduates = "Заполняется только для выпускников 9 и 11 классов (итог года «окончил»)."
    assert messages(report) == [
        ("enrollments", 3, "Допущен к ГИА", "да", "Заполняется только для 9 и 11 классов."),
        ("enrollments", 3, "Аттестат", "с отличием", "Заполняется только для 9 и 11 классов."),
        ("enrollments", 3, "Продолжение обучения", "10 класс", only_graduates),
        ("enrollments", 4, "Продолжение обучения", "вуз", only_graduates),
    ]
    assert not Enrollment.objects.exists() and not SchoolClass.objects.exists()


@pytest.mark.django_db
def test_a_graduate_before_the_year_ends_may_have_a_destination_and_no_outcome(tmp_path, school):
    package = enrollments_with(["2024/2025", "S1", "11А", "", "да", "", "вуз"])

    report = import_package(write_csv_folder(tmp_path / "p", package), school=school)

    assert report.errors == []
    assert Enrollment.objects.get().destination == "university"


ASSESSMENTS_HEADER = ["Код процедуры", "Учебный год", "Вид", "Предмет", "Класс (параллель)",
                      "Шкала перевода в тестовый балл"]


@pytest.mark.django_db
def test_ege_mathematics_names_its_level_and_only_ege_has_a_test_scale(tmp_path, school):
    package = {"assessments": [
        ASSESSMENTS_HEADER,
        ["E1", "2024/2025", "ЕГЭ", "Математика", "11", ""],
        ["E2", "2024/2025", "ЕГЭ", "математика (профиль)", "11", "0:0;1:6"],
        ["E3", "2024/2025", "ЕГЭ", "Математика (база)", "11", ""],
        ["O1", "2024/2025", "ОГЭ", "математика", "9", "0:0;1:3"],
    ]}

    report = import_package(write_csv_folder(tmp_path / "p", package), school=school)

    assert messages(report) == [
        ("assessments", 2, "Предмет", "Математика",
         "Для ЕГЭ по математике укажите уровень: «математика (профиль)» или «математика (база)»."),
        ("assessments", 5, "Шкала перевода в тестовый балл", "0:0;1:3", "Заполняется только для ЕГЭ, а это ОГЭ."),
    ]
    assert not Assessment.objects.exists()


@pytest.mark.django_db
def test_ege_scores_derived_from_the_test_scale_and_marks_from_the_mark_scale(tmp_path, school):
    package = {
        "students": PACKAGE["students"],
        "assessments": [
            ["assessment_id", "year", "kind", "subject", "grade", "max_score", "min_score", "mark_scale", "test_scale"],
            ["E", "2024/2025", "ЕГЭ", "русский язык", "11", "4", "36", "", "0:0;1:10;2:20;3:30;4:40"],
            ["O", "2024/2025", "ОГЭ", "русский язык", "9", "6", "2", "2:0-1;3:2-3;4:4-4;5:5-6", ""],
        ],
        "results": [
            ["assessment_id", "student_id", "primary_score", "test_score", "mark"],
            ["E", "S3", "3", "", ""],
            ["E", "S2", "2", "25", ""],  # given test score is kept
            ["O", "S1", "4", "", ""],
            ["O", "S2", "5", "", "4"],  # given mark is kept
        ],
    }

    report = import_package(write_csv_folder(tmp_path / "p", package), school=school)

    assert report.errors == []
    assert sorted(Result.objects.values_list("assessment__assessment_id", "student__student_id", "test_score",
                                             "mark")) == [
        ("E", "S2", Decimal(25), None), ("E", "S3", Decimal(30), None),
        ("O", "S1", None, 4), ("O", "S2", None, 4),
    ]


@pytest.mark.django_db
def test_task_scores_follow_the_order_of_the_tasks_table_not_text_order(tmp_path, school):
    tasks = [str(n) for n in range(1, 12)]
    package = {
        "students": PACKAGE["students"],
        "assessments": [["assessment_id", "year", "kind", "subject", "grade"],
                        ["V", "2024/2025", "ВПР", "математика", "5"]],
        "assessment_tasks": [["assessment_id", "task", "max_points"], *[["V", t, "3"] for t in tasks]],
        "results": [["assessment_id", "student_id", "task_scores"], ["V", "S1", "1;0;0;0;0;0;0;0;0;2;3"]],
    }
    import_package(write_csv_folder(tmp_path / "p", package), school=school)
    by_columns = {"results": [["Код процедуры", "Код обучающегося", *[f"task_{t}" for t in tasks[:9]], "З10", "З11"],
                              ["V", "S2", "1", *["0"] * 8, "3", "2"]]}

    report = import_package(write_csv_folder(tmp_path / "columns", by_columns), school=school)

    assert report.errors == []
    scores = {(s, t): p for s, t, p in Result.objects.values_list(
        "student__student_id", "task_scores__task__task", "task_scores__points")}
    assert (scores[("S1", "9")], scores[("S1", "10")], scores[("S1", "11")]) == (0, 2, 3)
    assert (scores[("S2", "1")], scores[("S2", "10")], scores[("S2", "11")]) == (1, 3, 2)
    assert dict(Result.objects.values_list("student__student_id", "primary_score")) == {"S1": 6, "S2": 6}


@pytest.mark.django_db
def test_an_answer_of_a_standard_question_is_a_word_of_the_satisfaction_scale(tmp_path, school):
    """core-indicators.md: one scale for every question of parents, students, parents-do. An answer off it
    would be counted silently as «not satisfied»; other questionnaires' and unknown questions' answers are free."""
    package = {"survey_responses": [
        ["year", "survey", "respondent", "grade", "question", "answer"],
        ["2024/2025", "parents", "R1", "5", "overall", "Скорее удовлетворён"],
        ["2024/2025", "parents", "R1", "5", "safety", "очень доволен"],
        ["2024/2025", "parents-do", "R2", "", "variety", "да"],
        ["2024/2025", "students", "R3", "9", "q1", "Нет"],
        ["2024/2025", "school-own", "R4", "", "overall", "отлично"],
    ]}

    report = import_package(write_csv_folder(tmp_path / "p", package), school=school)

    scale = "полностью удовлетворен, скорее удовлетворен, скорее не удовлетворен, не удовлетворен, затрудняюсь ответить"
    assert messages(report) == [
        ("survey_responses", 3, "Ответ", "очень доволен", f"Ответ не из шкалы анкеты «parents». Допустимые: {scale}."),
        ("survey_responses", 4, "Ответ", "да", f"Ответ не из шкалы анкеты «parents-do». Допустимые: {scale}."),
    ]
    assert not SurveyAnswer.objects.exists()


@pytest.mark.django_db
def test_an_empty_pedagogical_cell_is_no(tmp_path, school):
    """Booleans are `+`/empty too, and P(Y) is the rows «with pedagogical = да» (core-indicators.md): a staff row
    whose cell is left empty is not pedagogical. A file without the column keeps the default (a teacher)."""
    header = ["year", "staff_id", "last_name", "first_name", "pedagogical"]
    package = {"staff": [header, ["2024/2025", "W1", "Плюсова", "Анна", "+"], ["2024/2025", "W2", "Пустова", "Вера", ""]]}

    import_package(write_csv_folder(tmp_path / "p", package), school=school)
    import_package(write_csv_folder(tmp_path / "q", {"staff": [header[:4], ["2024/2025", "W3", "Безстолбцова", "Ия"]]}),
                   school=school)

    assert dict(StaffYear.objects.values_list("staff__staff_id", "pedagogical")) == {"W1": True, "W2": False, "W3": True}
