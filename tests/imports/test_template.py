"""The template workbook: Russian sheets and headers, the instruction, drop-down lists; it round-trips."""

from __future__ import annotations

import openpyxl
import pytest

from tests.imports.conftest import PACKAGE
from tests.imports.test_service import ALL_ADDED, assert_package_stored
from vsoko.imports.enums import ColumnType
from vsoko.imports.service import TableCounts, import_package
from vsoko.imports.tables import TABLES, normalize
from vsoko.imports.template import build_template


@pytest.fixture
def template(tmp_path):
    return build_template(tmp_path / "шаблон.xlsx")


def test_template_has_a_sheet_per_table_with_russian_headers(template):
    workbook = openpyxl.load_workbook(template)

    assert workbook.sheetnames == ["Инструкция", *(t.sheet_title for t in TABLES.values()), "Списки"]
    assert workbook["Списки"].sheet_state == "hidden"
    for table in TABLES.values():
        headers = [cell.value for cell in workbook[table.sheet_title][1]]
        assert headers == [c.label for c in table.columns]


def test_instruction_explains_every_column(template):
    sheet = openpyxl.load_workbook(template)["Инструкция"]
    described = {(row[0], row[1]) for row in sheet.iter_rows(values_only=True)}

    for table in TABLES.values():
        for column in table.columns:
            assert (column.label, column.key) in described


def test_every_enumeration_column_has_a_drop_down_list(template):
    workbook = openpyxl.load_workbook(template)
    lists = workbook["Списки"]

    for table in TABLES.values():
        sheet = workbook[table.sheet_title]
        validations = {str(v.sqref).split(":")[0]: v for v in sheet.data_validations.dataValidation}
        for index, column in enumerate(table.columns):
            if column.type != ColumnType.ENUM:
                continue
            letter = openpyxl.utils.get_column_letter(index + 1)
            validation = validations[f"{letter}2"]
            assert validation.type == "list"
            source = validation.formula1.split("!")[1].replace("$", "")
            values = [c.value for row in lists[source] for c in row]
            assert values == [label for _, label in column.choices.choices]


@pytest.mark.django_db
def test_empty_template_imports_cleanly(template, school):
    report = import_package(template, school=school)

    assert report.errors == []
    assert report.counts == {key: TableCounts() for key in TABLES}


@pytest.mark.django_db
def test_filled_template_round_trips(template, school):
    workbook = openpyxl.load_workbook(template)
    for key, (header, *rows) in PACKAGE.items():
        table = TABLES[key]
        by_name = {normalize(n): c.key for c in table.columns for n in (c.key, c.label)}
        order = [by_name[normalize(h)] for h in header]
        sheet = workbook[table.sheet_title]
        for row in rows:
            values = dict(zip(order, row, strict=True))
            sheet.append([values.get(c.key) or None for c in table.columns])
    workbook.save(template)

    report = import_package(template, school=school)

    assert report.errors == []
    assert report.counts == ALL_ADDED
    assert_package_stored(school)


def test_the_instruction_says_what_the_value_of_a_values_row_may_be(template):
    sheet = openpyxl.load_workbook(template)["Инструкция"]
    row = next(r for r in sheet.iter_rows(values_only=True) if r[:2] == ("Значение", "value"))
    said = f"{row[3]} {row[4]}"

    for form in ("как в форме ввода", "«1 234»", "«4,5»", "«−3»", "«85 %»", "«да»/«нет»", "текст у текстового показателя",
                 "только уровень «школа»"):
        assert form in said
    comment = openpyxl.load_workbook(template)["Показатели, вводимые вручную"]["D1"].comment.text
    assert comment.startswith("value: как в форме ввода, по единице показателя. число («1 234», «4,5», «−3»")
