"""The `values` sheet stored as the entry form stores what is typed: numbers as typed in Excel, «да»/«нет» for a
yes/no, the words of a text indicator in ManualValue.text; a re-import changes nothing, a new value replaces."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.imports.conftest import write_csv_folder, write_xlsx
from tests.indicators.entry_form import URL, deputy_with_catalog, fast_passwords, words  # noqa: F401 (autouse fixture)
from vsoko.datavalues.models import DataValue
from vsoko.imports.service import import_package
from vsoko.imports.sync import TableCounts
from vsoko.records.models import ManualValue

pytestmark = pytest.mark.django_db

HEADER = ["Учебный год", "Показатель", "Уровень", "Значение", "Комментарий"]
LICENCE = "Лицензия № 1234 от 15.03.2016, серия 69Л01 № 0001234,\nвыдана Министерством образования Тверской области"


def values_package(tmp_path, *rows: list[str], name: str = "p") -> object:
    return write_csv_folder(tmp_path / name, {"values": [HEADER, *rows]})


def stored() -> dict[tuple[str, str], tuple]:
    return {(m.indicator, m.scope): (m.value, m.text) for m in ManualValue.objects.all()}


@pytest.mark.parametrize("code, typed, expected", [
    ("order1324.2.1", "1 234", Decimal(1234)),  # thousands as Excel groups them
    ("order1324.2.1", "1\u00a0234,5", Decimal("1234.5")),  # a no-break space, the decimal comma
    ("order1324.2.1", "\u22123", Decimal(-3)),  # «−3»: the typographic minus of Word and Excel's autocorrect
    ("core.quality", "85 %", Decimal(85)),  # a share with its percent sign
    ("core.quality", "4,5", Decimal("4.5")),
    ("order1324.2.3", "да", Decimal(1)),
    ("order1324.2.3", "Нет", Decimal(0)),
    ("order1324.2.3", "1", Decimal(1)),
    ("own.pupils", "1 020", Decimal(1020)),
])
def test_a_value_is_read_as_the_entry_form_reads_it(tmp_path, school, code, typed, expected):
    report = import_package(values_package(tmp_path, ["2024/2025", code, "", typed, ""]), school=school)

    assert report.errors == []
    assert stored() == {(code, "school"): (expected, "")}


def test_an_excel_cell_keeps_its_number_and_its_yes(tmp_path, school):
    path = write_xlsx(tmp_path / "p.xlsx", {"values": [
        HEADER, ["2024/2025", "order1324.2.1", "", 1234.5, ""], ["2024/2025", "order1324.2.3", "", True, ""],
        ["2024/2025", "core.quality", "регион", "85 %", ""]]})

    report = import_package(path, school=school)

    assert report.errors == []
    assert stored() == {("order1324.2.1", "school"): (Decimal("1234.5"), ""),
                        ("order1324.2.3", "school"): (Decimal(1), ""),
                        ("core.quality", "region"): (Decimal(85), "")}


def test_a_text_indicator_keeps_its_words_in_the_text_never_in_data_values(tmp_path, school):
    report = import_package(values_package(tmp_path, ["2024/2025", "own.licence", "", LICENCE, "на сайте"]),
                            school=school)

    assert report.errors == []
    row = ManualValue.objects.get()
    assert (row.indicator, row.scope, row.value, row.text, row.comment) == (
        "own.licence", "school", None, LICENCE, "на сайте")
    assert not DataValue.objects.filter(code__startswith="own.licence").exists()


def test_a_reimport_changes_nothing_and_a_new_value_replaces_the_old(tmp_path, school):
    rows = [["2024/2025", "own.licence", "", LICENCE, ""], ["2024/2025", "order1324.2.1", "", "1 234", ""],
            ["2024/2025", "order1324.2.3", "", "да", ""]]
    import_package(values_package(tmp_path, *rows), school=school)
    before = {m.pk: (m.value, m.text) for m in ManualValue.objects.all()}

    again = import_package(values_package(tmp_path, *rows, name="again"), school=school)

    assert again.counts["values"] == TableCounts(unchanged=3)
    assert {m.pk: (m.value, m.text) for m in ManualValue.objects.all()} == before

    newer = import_package(values_package(tmp_path, ["2024/2025", "own.licence", "", "Лицензия № 77", ""],
                                          ["2024/2025", "order1324.2.3", "", "нет", ""], name="newer"), school=school)

    assert newer.counts["values"] == TableCounts(changed=2)
    assert stored() == {("own.licence", "school"): (None, "Лицензия № 77"),
                        ("order1324.2.1", "school"): (Decimal(1234), ""),
                        ("order1324.2.3", "school"): (Decimal(0), "")}


TEXT_CATALOG = """catalog: {code: demo, name: Демо}
indicators:
- {code: demo.license, name: Реквизиты лицензии, unit: text, method: entered, group: Общие сведения}
"""


def test_an_imported_text_is_shown_on_the_indicator_page_and_in_the_entry_form(client, tmp_path):
    deputy = deputy_with_catalog(client, tmp_path, TEXT_CATALOG)
    report = import_package(values_package(tmp_path, ["2024/2025", "demo.license", "школа", LICENCE, ""]),
                            school=deputy.world.school)
    assert report.errors == []

    detail = words(deputy.get(reverse("indicators:detail", args=["demo.license"]) + "?year=2024"))
    form = deputy.get(URL).content.decode()

    assert "Лицензия № 1234 от 15.03.2016" in detail
    assert "выдана Министерством образования Тверской области" in detail
    assert LICENCE in form  # in the text field, as the deputy typed it there, line break and all
