import pytest

from tests.assessments.builders import JOURNAL_BLOCKS, JOURNAL_FLAT, write_workbook
from vsoko.assessments.sources.grid import read_sheets
from vsoko.assessments.sources.journal import (
    is_journal,
    journal_class,
    mark_word,
    period_of,
    read_journal,
)
from vsoko.records.enums import Period, PeriodSystem


def read(tmp_path, rows, name="Отметки", **kwargs):
    path = write_workbook(tmp_path / "journal.xlsx", {name: rows})
    return read_journal(read_sheets(path)[0], path, **kwargs)


@pytest.mark.parametrize(
    ("text", "system", "period"),
    [("I", PeriodSystem.QUARTERS, Period.Q1), ("IV", PeriodSystem.QUARTERS, Period.Q4),
     ("II", PeriodSystem.TRIMESTERS, Period.T2), ("II", PeriodSystem.HALVES, Period.H2),
     ("1 четверть", PeriodSystem.HALVES, Period.Q1), ("III триместр", PeriodSystem.QUARTERS, Period.T3),
     ("2 полугодие", PeriodSystem.QUARTERS, Period.H2), ("Год", PeriodSystem.QUARTERS, Period.YEAR),
     ("Годовая", PeriodSystem.QUARTERS, Period.YEAR), ("Предмет", PeriodSystem.QUARTERS, None),
     ("1", PeriodSystem.QUARTERS, None), ("Экзамен", PeriodSystem.QUARTERS, "skip")],
)
def test_period_headers(text, system, period):
    assert period_of(text, system) == period


def test_blocks_per_student(tmp_path):
    protocol = read(tmp_path, JOURNAL_BLOCKS)

    assert protocol.issues == []
    marks = [(m.person.name, m.person.class_name, m.year, m.period, m.subject, m.mark) for m in protocol.marks]
    assert marks[:5] == [
        ("Иванов Иван Ильич", "4А", 2025, Period.Q1, "русский язык", "5"),
        ("Иванов Иван Ильич", "4А", 2025, Period.Q2, "русский язык", "4"),
        ("Иванов Иван Ильич", "4А", 2025, Period.Q3, "русский язык", "5"),
        ("Иванов Иван Ильич", "4А", 2025, Period.Q4, "русский язык", "5"),
        ("Иванов Иван Ильич", "4А", 2025, Period.YEAR, "русский язык", "5"),
    ]
    assert len(marks) == 5 + 4 + 5 + 5 + 5
    assert ("Петрова Алёна Сергеевна", Period.Q3, "н/а") in {(m[0], m[3], m[5]) for m in marks}
    assert {m[5] for m in marks if m[4] == "физическая культура"} == {"зачет", "осв"}


def test_flat_sheet_with_merged_names(tmp_path):
    protocol = read(tmp_path, JOURNAL_FLAT)

    assert protocol.issues == []
    assert len(protocol.marks) == 5 + 4 + 5 + 5 + 5
    assert {(m.person.name, m.subject) for m in protocol.marks if m.period == Period.YEAR} == {
        ("Иванов Иван Ильич", "русский язык"), ("Иванов Иван Ильич", "математика"),
        ("Иванов Иван Ильич", "физическая культура"), ("Петрова Алёна Сергеевна", "русский язык"),
        ("Петрова Алёна Сергеевна", "математика")}


def test_long_sheet_and_summary_sheet(tmp_path):
    long = [["Учебный год 2025-2026"], ["ФИО", "Класс", "Предмет", "Период", "Отметка"],
            ["Иванов Иван Ильич", "4А", "Математика", "I четверть", 4],
            ["Иванов Иван Ильич", "4А", "Математика", "год", 4]]
    summary = [["Сводная ведомость 4А класса за I четверть 2025/2026 учебного года"],
               ["ФИО", "Русский язык", "Математика", "Музыка"],
               ["Иванов Иван Ильич", 5, 4, 5], ["Петрова Алёна Сергеевна", 3, "", "осв"]]

    first = read(tmp_path, long)
    second = read(tmp_path, summary)

    assert [(m.period, m.mark) for m in first.marks] == [(Period.Q1, "4"), (Period.YEAR, "4")]
    assert [(m.person.class_name, m.period, m.subject, m.mark) for m in second.marks] == [
        ("4А", Period.Q1, "русский язык", "5"), ("4А", Period.Q1, "математика", "4"), ("4А", Period.Q1, "музыка", "5"),
        ("4А", Period.Q1, "русский язык", "3"), ("4А", Period.Q1, "музыка", "осв")]


def test_trimesters_follow_the_school_system(tmp_path):
    rows = [["2025/2026"], ["Иванов Иван Ильич"], ["Предмет", "I", "II", "III", "Год"], ["Математика", 4, 5, 5, 5]]

    protocol = read(tmp_path, rows, system=PeriodSystem.TRIMESTERS)

    assert [m.period for m in protocol.marks] == [Period.T1, Period.T2, Period.T3, Period.YEAR]


def test_unknown_mark_and_missing_year(tmp_path):
    rows = [row[:] for row in JOURNAL_BLOCKS]
    rows[6][2] = "отл"

    protocol = read(tmp_path, rows)
    no_year = read(tmp_path, [r for r in JOURNAL_BLOCKS if r != ["Учебный год: 2025/2026"]])

    assert [str(i) for i in protocol.issues] == [
        "Отметки за периоды (файл journal.xlsx, лист «Отметки»), строка 7, столбец «II [C]», значение «отл»: "
        "Непонятная отметка: допустимы 5, 4, 3, 2, 1, зачет, незачет, осв, н/а (пустая ячейка, «-» или «нет» — "
        "отметки нет)."]
    assert no_year.issues[0].message.startswith("Не указан учебный год")


def test_is_journal(tmp_path):
    path = write_workbook(tmp_path / "j.xlsx", {"a": JOURNAL_BLOCKS, "b": [["ФИО", "Первичный балл"]]})
    sheets = read_sheets(path)

    assert [is_journal(s) for s in sheets] == [True, False]


@pytest.mark.parametrize(
    ("text", "period"),
    [("1 четв.", Period.Q1), ("1-я четверть", Period.Q1), ("Четверть 2", Period.Q2), ("II полугодие", Period.H2),
     ("Годовая оценка", Period.YEAR), ("Оценка за год (итог.)", Period.YEAR), ("За год", Period.YEAR),
     ("Год. оценка", Period.YEAR), ("Итоговая оценка", "final"), ("Итог", "final"), ("Средний балл за год", "skip"),
     ("Пропущено уроков", "skip"), ("Экзамен", "skip"), ("Учебный год", None), ("Полугодие", None),
     ("Итоговая аттестация", None), ("Итого", None)],
)
def test_period_headers_as_journals_and_deputies_write_them(text, period):
    assert period_of(text, PeriodSystem.QUARTERS) == period


@pytest.mark.parametrize(("cell", "mark"), [
    ("5", "5"), (5, "5"), (5.0, "5"), ("5 ", "5"), ("5.0", "5"), ("4,0", "4"), ("н/а", "н/а"), ("Н/А", "н/а"),
    ("нет", None), ("-", None), ("", None), (None, None), ("зач", "зачет"), ("Зачтено", "зачет"), ("осв.", "осв")])
def test_mark_words(cell, mark):
    assert mark_word(cell) == mark


@pytest.mark.parametrize("cell", ["5+", "отл", "4.5", 4.5, True, "н"])
def test_what_is_no_mark(cell):
    with pytest.raises(ValueError):
        mark_word(cell)


@pytest.mark.parametrize("text", ["5 А", "5-а", "5 «А»", "5а класс", "5А кл.", " 5а "])
def test_class_labels(text):
    assert journal_class(text) == "5А"
