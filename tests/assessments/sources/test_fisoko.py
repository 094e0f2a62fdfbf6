import datetime
from decimal import Decimal

from tests.assessments.builders import RUS4_TASKS, f1_rows, write_f1, write_workbook
from vsoko.assessments.sources.fisoko import info_from_text, is_f1, read_f1, read_vpr_form, vpr_info
from vsoko.assessments.sources.grid import read_sheets
from vsoko.records.enums import AssessmentKind, Difficulty


def test_f1_metadata_tasks_levels_and_points(tmp_path):
    sheet = read_sheets(write_f1(tmp_path / "f1.xlsx"))[0]

    protocol = read_f1(sheet)

    assert protocol.issues == []
    [assessment] = protocol.assessments
    assert (assessment.kind, assessment.subject, assessment.grade, assessment.year, assessment.date,
            assessment.max_score) == (AssessmentKind.VPR, "русский язык", 4, 2025, datetime.date(2026, 4, 15), 24)
    assert [(t.task, t.max_points, t.difficulty) for t in assessment.tasks][:3] == [
        ("1", 4, Difficulty.BASIC), ("2", 3, Difficulty.BASIC), ("3", 2, Difficulty.BASIC)]
    assert [t.task for t in assessment.tasks][-3:] == ["10", "11К1", "11К2"]
    sidorov = protocol.results[2]
    assert (sidorov.person.code, sidorov.person.name, sidorov.person.class_name) == ("10003", "Сидоров Пётр", "4А")
    assert (sidorov.points["5"], sidorov.points["10"], sidorov.primary_score, sidorov.mark, sidorov.journal_mark) == (
        Decimal(0), Decimal(0), Decimal(7), 2, 3)


def test_f1_class_letter_only_gets_the_grade_and_no_journal_mark_is_empty(tmp_path):
    protocol = read_f1(read_sheets(write_f1(tmp_path / "f1.xlsx"))[0])

    kuznetsova = protocol.results[3]
    assert (kuznetsova.person.class_name, kuznetsova.journal_mark) == ("4А", None)


def test_f1_without_levels_row_and_names(tmp_path):
    protocol = read_f1(read_sheets(write_f1(tmp_path / "f1.xlsx", with_names=False, with_levels=False))[0])

    assert protocol.issues == []
    assert {t.difficulty for t in protocol.assessments[0].tasks} == {""}
    assert [r.person.name for r in protocol.results] == ["", "", "", ""]


def test_f1_is_recognised_by_sheet_name_or_title(tmp_path):
    by_name = read_sheets(write_f1(tmp_path / "a.xlsx"))[0]
    by_title = read_sheets(write_workbook(tmp_path / "b.xlsx", {"Лист1": f1_rows()}))[0]
    other = read_sheets(write_workbook(tmp_path / "c.xlsx", {"Лист1": [["ФИО", "Класс"], ["Иванов", "4А"]]}))[0]

    assert (is_f1(by_name), is_f1(by_title), is_f1(other)) == (True, True, False)


def test_f1_broken_cells_are_named_by_row_and_column(tmp_path):
    rows = f1_rows()
    rows[8][7 + 1 + 2] = 5  # task 3 (max 2) of the first participant, column K
    rows[9][-2] = "пять"
    sheet = read_sheets(write_workbook(tmp_path / "f1.xlsx", {"Индивидуальные результаты": rows}))[0]

    protocol = read_f1(sheet)

    assert [str(i) for i in protocol.issues] == [
        "Результаты участников (файл f1.xlsx, лист «Индивидуальные результаты»), строка 9, столбец «3 (2б) [K]», "
        "значение «5»: Балл за задание должен быть от 0 до 2.",
        "Результаты участников (файл f1.xlsx, лист «Индивидуальные результаты»), строка 10, столбец «Отметка [W]», "
        "значение «пять»: Отметка должна быть от 2 до 5 (или «нет отметки»).",
    ]


def test_f1_task_header_without_maximum_is_an_error(tmp_path):
    rows = f1_rows()
    rows[7][8] = "1"
    sheet = read_sheets(write_workbook(tmp_path / "f1.xlsx", {"Индивидуальные результаты": rows}))[0]

    protocol = read_f1(sheet)

    assert "столбец «1 [I]»" in str(protocol.issues[0])
    assert "Не указан максимальный балл задания" in str(protocol.issues[0])


def test_f1_sum_of_task_maxima_must_equal_the_maximum_in_the_header(tmp_path):
    sheet = read_sheets(write_f1(tmp_path / "f1.xlsx", max_score=25))[0]

    protocol = read_f1(sheet)

    assert protocol.issues[0].message == (
        "Сумма максимальных баллов заданий (24) не равна максимальному первичному баллу из шапки файла (25).")


def test_vpr_info_from_file_name():
    info = info_from_text("ВПР_2026_Математика_5_класс")

    assert (info.calendar_year, info.subject, info.grade, info.year) == (2026, "Математика", 5, 2025)


def test_vpr_info_oblique_title():
    info = info_from_text("Результаты ВПР по математике, 5 класс, 2026")

    assert (info.calendar_year, info.subject, info.grade) == (2026, "математика", 5)


FORM = [
    ["Код", "Вариант", "1(1б)", "2(2б)", "3(1б)", "Отметка за предыдущий период"],
    ["20001", "1", 1, 2, "X", 5],
    ["20002", "отсутствовал", "", "", "", ""],
    ["20003", "2", "0", "х", 1, 4],
]


def test_vpr_form_protocol_reads_codes_absentees_and_x(tmp_path):
    path = write_workbook(tmp_path / "ВПР 2026 Математика 5 класс.xlsx", {"Протокол": FORM})
    sheet = read_sheets(path)[0]

    protocol = read_vpr_form(sheet, info_from_text(path.stem))

    assert protocol.issues == []
    [assessment] = protocol.assessments
    assert (assessment.subject, assessment.grade, assessment.max_score, [t.task for t in assessment.tasks]) == (
        "математика", 5, 4, ["1", "2", "3"])
    assert [(r.person.code, r.absent, r.points, r.journal_mark) for r in protocol.results] == [
        ("20001", False, {"1": 1, "2": 2, "3": 0}, 5),
        ("20002", True, {}, None),
        ("20003", False, {"1": 0, "2": 0, "3": 1}, 4),
    ]


def test_vpr_form_without_any_title_says_what_is_missing(tmp_path):
    sheet = read_sheets(write_workbook(tmp_path / "форма.xlsx", {"Протокол": FORM}))[0]

    protocol = read_vpr_form(sheet, info_from_text("форма"))

    assert protocol.issues[0].message.startswith("Не удалось определить год, предмет, класс процедуры")


def test_vpr_info_reads_metadata_rows(tmp_path):
    sheet = read_sheets(write_f1(tmp_path / "f1.xlsx"))[0]

    info = vpr_info(sheet)

    assert (info.calendar_year, info.subject, info.grade, info.max_score, info.date) == (
        2026, "Русский язык", 4, 24, datetime.date(2026, 4, 15))
    assert len(RUS4_TASKS) == 13
