from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from vsoko.diagnostics.entry import current_levels, pupils_of
from vsoko.diagnostics.workbook import HEADER, SHEET, UploadRejected, read_levels, template

pytestmark = pytest.mark.django_db


def filled(tiny, changes: dict[int, object]) -> bytes:
    """The template of 5А with the level cells of some rows (2 = the first pupil) replaced."""
    book = load_workbook(BytesIO(template(tiny.a, list(pupils_of(tiny.a)), current_levels(tiny.a))))
    for row, value in changes.items():
        book[SHEET][f"D{row}"] = value
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_template_lists_the_class_with_the_levels_entered(tiny):
    book = load_workbook(BytesIO(template(tiny.a, list(pupils_of(tiny.a)), current_levels(tiny.a))))
    rows = list(book[SHEET].iter_rows(values_only=True))

    assert rows[0] == HEADER
    assert [(r[0], r[2], r[3]) for r in rows[1:]] == [
        ("D-anna", "5А", "средний уровень адаптации"), ("D-boris", "5А", "низкий уровень адаптации (дезадаптация)"),
        ("D-vera", "5А", None), ("S-001", "5А", "высокий уровень адаптации")]


def test_a_filled_template_reads_labels_in_any_case_and_empty_as_not_assessed(tiny):
    data = filled(tiny, {2: "ВЫСОКИЙ уровень адаптации", 3: None, 4: "medium"})

    levels = read_levels(tiny.a, list(pupils_of(tiny.a)), data, "5А.xlsx")

    p = tiny.pupils
    assert levels == {p["anna"].pk: "high", p["boris"].pk: "", p["vera"].pk: "medium", p["ivanov"].pk: "high"}


def test_every_bad_cell_is_named_with_file_sheet_row_column_value_and_why(tiny):
    data = filled(tiny, {3: "отличный", 5: "низкий"})

    with pytest.raises(UploadRejected) as error:
        read_levels(tiny.a, list(pupils_of(tiny.a)), data, "5А.xlsx")

    assert error.value.problems == [
        "Файл «5А.xlsx», лист «Уровни», строка 3, столбец D «Уровень»: значение «отличный» — такого уровня нет; "
        "допустимы: «высокий уровень адаптации», «средний уровень адаптации», «низкий уровень адаптации "
        "(дезадаптация)» или пусто (не оценивался)",
        "Файл «5А.xlsx», лист «Уровни», строка 5, столбец D «Уровень»: значение «низкий» — такого уровня нет; "
        "допустимы: «высокий уровень адаптации», «средний уровень адаптации», «низкий уровень адаптации "
        "(дезадаптация)» или пусто (не оценивался)",
    ]


def test_an_unknown_pupil_and_a_wrong_file_are_refused(tiny):
    book = Workbook()
    book.active.title = SHEET
    book.active.append(HEADER)
    book.active.append(("S-002", "", "5Б", "высокий уровень адаптации"))  # a pupil of 5Б
    out = BytesIO()
    book.save(out)

    with pytest.raises(UploadRejected, match="строка 2, столбец A «Код обучающегося»: значение «S-002» — такого "
                                             "обучающегося нет среди обучающихся 5А"):
        read_levels(tiny.a, list(pupils_of(tiny.a)), out.getvalue(), "f.xlsx")
    with pytest.raises(UploadRejected, match="Файл «notes.txt» не читается как книга Excel"):
        read_levels(tiny.a, [], b"hello", "notes.txt")
