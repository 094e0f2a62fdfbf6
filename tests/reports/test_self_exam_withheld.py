"""The table of Appendix 2 to Order 1324 in the self-examination report is published on the school's website
(Order 462), so a figure about a group of fewer than VSOKO_MIN_GROUP_SIZE people is withheld there as in the
public report («—*»), and a withheld row that the reader could get back by subtraction (the levels add up to the
whole school's pupils) takes its smallest shown neighbour with it. The whole school's totals stay.

The school: 6 pupils in 2А, 8 in 5А, 3 in 10А — 1.1 = 17, 1.2 = 6, 1.3 = 8, 1.4 = 3 (counted by hand).
"""

import io

import docx
import pytest
from docx.text.paragraph import Paragraph as DocxParagraph

from tests.datavalues.records import Records
from tests.reports.conftest import YEAR
from tests.reports.readers import docx_paragraphs, docx_rows, row_of, xlsx_rows
from vsoko.datavalues.compute import recompute
from vsoko.indicators.catalogs import load_shipped_catalogs
from vsoko.records.enums import QualificationCategory
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.registry import render

pytestmark = pytest.mark.django_db
HIDDEN = "—*"


@pytest.fixture
def levels_school(school):
    load_shipped_catalogs()
    b = Records(school)
    for class_name, n in (("2А", 6), ("5А", 8), ("10А", 3)):
        for i in range(n):
            b.student(f"{class_name}-{i}", class_name, year=YEAR)
    b.manual("order1324.1.22", value="0.1765", numerator=3, denominator=17, year=YEAR)  # 3 pupils: small
    b.manual("order1324.1.23", value="0.4706", numerator=8, denominator=17, year=YEAR)  # 8 of 17, rest 9: shown
    b.manual("order1324.1.21", value="0.8235", numerator=14, denominator=17, year=YEAR)  # rest 3: small
    b.manual("order1324.2.1", value="0.25", year=YEAR)  # computers per pupil: about the whole school
    b.manual("order1324.2.3", value="1", year=YEAR)
    recompute(school, [YEAR])
    return school


def table_rows(school) -> tuple[list[list[str]], str]:
    """The table's rows, and the text of the report's paragraphs (the table's notes among them)."""
    data = render(ReportKind.SELF_EXAM, school, YEAR, Format.DOCX)
    rows = docx_rows(data)
    return rows[rows.index(["№ п/п", "Показатели", "Единица измерения", "2024/2025"]):], "\n".join(docx_paragraphs(data))


def test_a_small_group_of_pupils_is_withheld_and_its_complement_too(levels_school):
    rows, text = table_rows(levels_school)

    assert row_of(rows, "1.1")[3] == "17"  # the whole school stays
    assert row_of(rows, "1.3")[3] == "8"
    # 1.4 is 3 pupils; with 1.1 and 1.3 shown, 1.2 would give it back (17 − 6 − 8): the smaller of the two goes.
    assert row_of(rows, "1.4")[3] == HIDDEN
    assert row_of(rows, "1.2")[3] == HIDDEN
    assert row_of(rows, "1.22")[3] == HIDDEN  # 3 pupils
    assert row_of(rows, "1.21")[3] == HIDDEN  # 14 of 17: the other 3 are a small group
    assert row_of(rows, "1.23")[3] == "8 человек / 47,1 %"
    assert row_of(rows, "2.1")[3] == "0,25"  # per pupil of the whole school: no small group
    assert row_of(rows, "2.3")[3] == "да"
    assert "«—*» — значение не публикуется: оно относится к группе меньше 5 человек" in text


def test_the_withheld_rows_stay_withheld_in_the_spreadsheet(levels_school):
    rows = xlsx_rows(render(ReportKind.SELF_EXAM, levels_school, YEAR, Format.XLSX))

    assert row_of(rows, "1.4")[3] == HIDDEN and row_of(rows, "1.22")[3] == HIDDEN
    assert row_of(rows, "1.1")[3] == 17


def test_no_row_is_withheld_where_every_group_is_big_enough(levels_school, settings):
    settings.VSOKO_MIN_GROUP_SIZE = 3  # 3 pupils are enough now: nothing to withhold

    rows, text = table_rows(levels_school)

    assert row_of(rows, "1.4")[3] == "3"
    assert row_of(rows, "1.2")[3] == "6"
    assert row_of(rows, "1.22")[3] == "3 человека / 17,6 %"
    assert "«—*»" not in text


def test_a_withheld_in_that_number_row_takes_its_sibling_with_it(school):
    """20 pedagogical workers: 3 of the highest category, 8 of the first, 9 without — 1.29 = 11 (55,0 %), 1.29.1 = 3
    (a small group), 1.29.2 = 8, which would give the 3 back (11 − 8): withheld too. 1.24 = 20 stays."""
    load_shipped_catalogs()
    b = Records(school)
    categories = ([QualificationCategory.HIGHEST] * 3 + [QualificationCategory.FIRST] * 8
                  + [QualificationCategory.NONE] * 9)
    for i, category in enumerate(categories):
        b.staff(f"P-{i}", category=category, year=YEAR)
    recompute(school, [YEAR])

    rows, _ = table_rows(school)

    assert row_of(rows, "1.24")[3] == "20"
    assert row_of(rows, "1.29")[3] == "11 человек / 55,0 %"
    assert row_of(rows, "1.29.1")[3] == HIDDEN
    assert row_of(rows, "1.29.2")[3] == HIDDEN


def test_the_table_is_preceded_by_what_its_dashes_mean(levels_school):
    """The table runs over four pages of the demo's report: «—*» showed on the first of them and was explained
    under the last. The paragraph just before the table says what it means and in how many rows."""
    data = render(ReportKind.SELF_EXAM, levels_school, YEAR, Format.DOCX)
    word = docx.Document(io.BytesIO(data))
    body = list(word.element.body.iterchildren())
    table = body.index(next(t for t in word.tables if t.cell(0, 0).text == "№ п/п")._tbl)
    before = DocxParagraph(body[table - 1], word).text
    withheld = sum(1 for row in docx_rows(data) if row[-1] == HIDDEN)

    assert withheld >= 4  # 1.2, 1.4, 1.21, 1.22 at least
    assert before == (f"«—*» в таблице (строк — {withheld}) — значение не публикуется: оно относится к группе меньше "
                      "5 человек или позволяет её вычислить (защита персональных данных, 152-ФЗ).")
