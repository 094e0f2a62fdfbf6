"""The Excel rating and the Word protocol, opened again."""

import datetime
import io
from decimal import Decimal

import docx
import openpyxl
import pytest

from tests.rating.test_table import period, set_sheet  # noqa: F401 — the fixture of the hand-computed rating
from vsoko.rating.documents import protocol_docx, rating_xlsx
from vsoko.rating.enums import SheetStatus
from vsoko.rating.table import rating_of

pytestmark = pytest.mark.django_db


def test_the_excel_rating_has_each_teacher_with_points_and_sum_as_numbers(period):  # noqa: F811
    book = openpyxl.load_workbook(io.BytesIO(rating_xlsx(rating_of(period))))
    rows = [[c for c in row] for row in book.active.iter_rows(values_only=True)]
    by_name = {row[1]: row for row in rows if row[1] in ("Смирнова Мария", "Волков Олег", "Итого")}

    assert by_name["Смирнова Мария"][0] == 1
    assert by_name["Смирнова Мария"][2:6] == [3, 2, 2, 0]  # groups as confirmed
    assert by_name["Смирнова Мария"][6:10] == [8, 7, 1, pytest.approx(58333.31)]
    assert by_name["Волков Олег"][-1] == pytest.approx(41666.65)
    assert by_name["Итого"][-1] == pytest.approx(99999.96)
    assert any("стоимость балла: 8\u202f333,33 руб." in str(c) for row in rows for c in row if c)


def test_the_protocol_names_the_number_date_point_value_and_table(world, period):  # noqa: F811
    period.protocol_number, period.protocol_date = "3", datetime.date(2025, 5, 28)
    period.save()
    set_sheet(period.sheets.get(staff=world.staff["volkov"]), SheetStatus.SUBMITTED, {})

    document = docx.Document(io.BytesIO(protocol_docx(rating_of(period))))
    text = "\n".join(p.text for p in document.paragraphs)
    table = document.tables[0]

    assert "Протокол № 3 от 28.05.2025 заседания комиссии по распределению стимулирующих выплат" in text
    assert "не подтверждено: 1" in text
    assert "распределить стимулирующие выплаты согласно таблице: 99\u202f999,97 руб., остаток 0,03 руб." in text
    assert "Установить стоимость балла 14\u202f285,71 руб. (фонд 100\u202f000,00 руб. / 7 баллов)" in text
    assert [c.text for c in table.rows[1].cells][:2] == ["1", "Смирнова Мария"]
    assert table.rows[1].cells[-1].text == "99\u202f999,97"
    assert period.fund == Decimal("100000.00")


def test_kopecks_are_always_written_in_word(world, period):  # noqa: F811
    period.fund = Decimal("1000.80")  # 12 points → 83,40 a point
    period.save()

    document = docx.Document(io.BytesIO(protocol_docx(rating_of(period))))

    assert [row.cells[-1].text for row in document.tables[0].rows[1:]] == ["583,80", "417,00", "1\u202f000,80"]


def test_a_teachers_sheet_in_word_has_each_group_the_measures_and_the_totals(world, period):  # noqa: F811
    from vsoko.rating.documents import sheet_docx

    sheet = period.sheets.get(staff=world.staff["smirnova"])
    sheet.lines.filter(code="1.1").update(measure_text="качество 66,7 % (2 из 3 годовых отметок)")
    sheet.lines.filter(code="2.3").update(self_comment="кружок «Юный математик»")

    document = docx.Document(io.BytesIO(sheet_docx(sheet)))
    text = "\n".join(p.text for p in document.paragraphs)
    first = [c.text for c in document.tables[0].rows[1].cells]
    extracurricular = {row.cells[0].text: [c.text for c in row.cells] for row in document.tables[1].rows[1:]}

    assert "Педагог: Смирнова Мария" in text
    assert len(document.tables) == 3  # no «Классное руководство» for Смирнова; 29 points at most
    assert first == ["1.1", "Качество обученности (доля «4» и «5») по предметам педагога (3)",
                     # a no-break space before «%»: the number keeps its unit on its line
                     "качество 66,7\u00a0% (2 из 3 годовых отметок) → 3 балла из 3", "3", "—", "3", "—"]
    assert extracurricular["2.3"][3:5] == ["3", "кружок «Юный математик»"]
    assert "Самооценка: 8 из 29; баллы комиссии: 7." in text
