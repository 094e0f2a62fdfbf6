from decimal import Decimal
from pathlib import Path

import pytest

from tests.assessments.builders import OGE_ROWS, ege_rows, oge_rows, write_workbook
from vsoko.assessments.enums import ColumnRole
from vsoko.assessments.sources.grid import read_sheets
from vsoko.assessments.sources.headers import classify
from vsoko.assessments.sources.rcoi import is_rcoi, long_answers, read_rcoi, short_answers
from vsoko.records.enums import AssessmentKind


def sheet_of(tmp_path, rows, name="Лист1", file="rcoi.xlsx"):
    path = write_workbook(tmp_path / file, {name: rows})
    return read_sheets(path)[0], path


@pytest.mark.parametrize(
    ("header", "role"),
    [("ФИО", ColumnRole.FULL_NAME), ("Ф.И.О. участника", ColumnRole.FULL_NAME), ("Фамилия, имя, отчество", ColumnRole.FULL_NAME),
     ("Сумма первичных баллов", ColumnRole.PRIMARY_SCORE), ("Первичный балл (сумма)", ColumnRole.PRIMARY_SCORE),
     ("Балл по 100-балльной шкале", ColumnRole.TEST_SCORE), ("Тестовый балл", ColumnRole.TEST_SCORE),
     ("Оценка", ColumnRole.MARK), ("Балл по пятибалльной шкале", ColumnRole.MARK),
     ("Ответы на задания с кратким ответом", ColumnRole.SHORT_ANSWERS), ("Часть 1", ColumnRole.SHORT_ANSWERS),
     ("Задания с развёрнутым ответом", ColumnRole.LONG_ANSWERS), ("Критерии оценивания", ColumnRole.LONG_ANSWERS),
     ("Серия документа", ColumnRole.DOCUMENT), ("Код ППЭ", ColumnRole.SCHOOL), ("Класс ", ColumnRole.CLASS)],
)
def test_tolerant_header_matcher(header, role):
    assert classify(header).role == role


@pytest.mark.parametrize(
    ("header", "task", "max_points"),
    [("1 (2б)", "1", 2), ("9.1(1б)", "9.1", 1), ("2К1 (1б)", "2К1", 1), ("Задание 5", "5", None), ("В3", "В3", None),
     ("ГК1", "ГК1", None), ("12 (1 балл)", "12", 1), ("3,2 (2б)", "3.2", 2)],
)
def test_task_headers(header, task, max_points):
    cell = classify(header)

    assert (cell.role, cell.task, cell.max_points) == (ColumnRole.TASK, task, max_points)


def test_short_and_long_answer_strings():
    assert short_answers("++-+1") == [1, 1, 0, 1, 1]
    assert short_answers("1;0;2") == [1, 0, 2]
    assert long_answers("2(2)1(3)0(2)") == [(2, 2), (1, 3), (0, 2)]
    assert long_answers("2 1 0") == [(2, None), (1, None), (0, None)]


def test_oge_sheet_tasks_scores_and_marks(tmp_path):
    sheet, path = sheet_of(tmp_path, oge_rows())

    protocol = read_rcoi(sheet, path)

    assert protocol.issues == []
    [assessment] = protocol.assessments
    assert (assessment.kind, assessment.subject, assessment.grade, assessment.year, str(assessment.date)) == (
        AssessmentKind.OGE, "математика", 9, 2025, "2026-06-02")
    assert [(t.task, t.max_points) for t in assessment.tasks][17:] == [
        ("18", 1), ("19", 1), ("20", 2), ("21", 2), ("22", 2), ("23", 2), ("24", 2), ("25", 2)]
    volkov = protocol.results[0]
    assert (volkov.person.name, volkov.person.class_name, volkov.primary_score, volkov.mark) == (
        "Волков Дмитрий Игоревич", "9А", Decimal(20), 4)
    assert sum(volkov.points.values()) == Decimal(20)
    assert protocol.results[1].person.class_name == "9А"


def test_ege_sheet_with_test_scores_and_subject_from_title(tmp_path):
    sheet, path = sheet_of(tmp_path, ege_rows())

    protocol = read_rcoi(sheet, path)

    assert protocol.issues == []
    [assessment] = protocol.assessments
    assert (assessment.kind, assessment.subject, assessment.year, len(assessment.tasks)) == (
        AssessmentKind.EGE, "математика (профиль)", 2025, 19)
    assert [(r.primary_score, r.test_score) for r in protocol.results] == [(18, 82), (4, 22)]
    assert [t.max_points for t in assessment.tasks][12:] == [2, 3, 2, 2, 3, 4, 4]


def test_exam_and_subject_from_the_file_name(tmp_path):
    rows = oge_rows(title="Ведомость", date="")
    rows[4][10] = ""  # no long answers for one row is fine
    sheet, path = sheet_of(tmp_path, rows, file="ОГЭ_математика_02.06.2026.xlsx")

    protocol = read_rcoi(sheet, Path(path))

    assert protocol.assessments[0].kind == AssessmentKind.OGE
    assert protocol.assessments[0].year == 2025


def test_bad_answer_string_is_named(tmp_path):
    rows = oge_rows()
    rows[5][9] = "++?+"
    sheet, path = sheet_of(tmp_path, rows)

    protocol = read_rcoi(sheet, path)

    assert [str(i) for i in protocol.issues] == [
        "Результаты участников (файл rcoi.xlsx, лист «Лист1»), строка 6, столбец «Задания с кратким ответом [J]», "
        "значение «++?+»: Непонятный ответ «?»: ожидаются «+», «-» или число баллов за каждое задание.",
    ]


def test_different_number_of_answers_is_an_error(tmp_path):
    rows = oge_rows()
    rows[6][9] = "+-"
    sheet, path = sheet_of(tmp_path, rows)

    protocol = read_rcoi(sheet, path)

    assert protocol.issues[0].row == 7
    assert protocol.issues[0].message == "Заданий с кратким ответом 2, а в других строках 19."


def test_unknown_exam_asks_the_user(tmp_path):
    rows = oge_rows(title="Ведомость", date="02.06.2026")
    sheet, path = sheet_of(tmp_path, rows, file="ведомость.xlsx")

    assert is_rcoi(sheet, path)
    protocol = read_rcoi(sheet, path)
    assert protocol.issues[0].message.startswith("Не удалось определить экзамен (ОГЭ, ЕГЭ, ГВЭ)")

    protocol = read_rcoi(sheet, path, {"kind": "oge", "subject": "Математика"})
    assert protocol.issues == []
    assert (protocol.assessments[0].kind, protocol.assessments[0].subject) == (AssessmentKind.OGE, "математика")


def test_subject_column_gives_one_procedure_per_subject(tmp_path):
    header = ["ФИО", "Класс", "Предмет", "Дата экзамена", "Первичный балл", "Отметка"]
    rows = [["Результаты ОГЭ"], header,
            ["Волков Дмитрий Игоревич", "9А", "Математика", "02.06.2026", 20, 4],
            ["Волков Дмитрий Игоревич", "9А", "Русский язык", "27.05.2026", 30, 5],
            ["Зайцева Ольга Викторовна", "9А", "Математика", "02.06.2026", 10, 3]]
    sheet, path = sheet_of(tmp_path, rows)

    protocol = read_rcoi(sheet, path)

    assert protocol.issues == []
    assert sorted((a.subject, a.year, len([r for r in protocol.results if r.assessment is a])) for a in protocol.assessments) == [
        ("математика", 2025, 2), ("русский язык", 2025, 1)]
    assert len(OGE_ROWS) == 3
