"""«Результаты в социальном контексте» of the municipal analytic report (vsoko.reports.municipal_context) on the
two hand-counted schools of the municipal context page's tests (tests/analysis/social_context.py):

Школа А — ten low-income pupils «4»×5, «3»×5 (quality 5 of 10 = 50 %), ten without a category «5»: the school
    20 pupils, quality 15 of 20 = 75 %; low-income 50 − 75 = −25 п. п. ВПР: two low-income pupils, «5» and «2».
Школа Б — five low-income «4» (5 of 5 = 100 %), two orphans «5», «3» (1 of 2 = 50 %), three without a category
    «3», «3», «2»: the school 10 pupils, quality 6 of 10 = 60 %, success 9 of 10; low-income +40, orphans −10.
    ВПР: one low-income pupil, «4».
The municipality: 30 pupils, quality 21 of 30 = 70 %, success 29 of 30 = 96,7 %; 3 results, one «2» (33,3 %),
two above the threshold (66,7 %). Low-income: 15 pupils, quality 10 of 15 = 66,7 % (−3,3 п. п.), success 100 %
(+3,3 п. п.); its «2» 1 of 3 and threshold 2 of 3 tell of fewer than five: withheld. Orphans: two — withheld
whole, and so is Школа Б's orphan cell (its 50 % and −10 п. п. must appear nowhere).
"""

import io
import shutil

import openpyxl
import pytest
from pypdf import PdfReader

from tests.analysis.social_context import LOW, YEAR, build_municipality, pupils
from tests.datavalues.records import Records, make_school
from tests.libreoffice import as_csv_lines, as_text
from tests.reports.readers import docx_paragraphs, docx_rows, html_text, row_of, xlsx_rows
from vsoko.analysis.access import Privacy
from vsoko.analysis.context import municipal_context
from vsoko.datavalues.compute import recompute
from vsoko.indicators.catalogs import load_shipped_catalogs
from vsoko.records.enums import OrgUnitKind, SocialCategory
from vsoko.records.models import OrgUnit
from vsoko.reports.document import Heading, Paragraph, Table, cell_text
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.municipal import build
from vsoko.reports.municipal_context import CATEGORY_GROUPS, HEADING, conclusions
from vsoko.reports.registry import render
from vsoko.reports.writers import WRITERS

pytestmark = pytest.mark.django_db
# The orphans of Школа Б as they would read if shown: 1 of 2 and 50 − 60.
ORPHANS_QUALITY, ORPHANS_GAP = "50,0 %", "−10,0 п. п."


@pytest.fixture
def municipality(db):
    """The two hand-counted schools of tests/analysis/social_context.py, with the shipped catalogs."""
    load_shipped_catalogs()
    return build_municipality()


def section_of(document):
    return next(s for s in document.sections if s.heading == HEADING)


def tables(document) -> list[list[list[str]]]:
    return [[[cell_text(c) for c in row.cells] for row in block.rows]
            for block in section_of(document).blocks if isinstance(block, Table)]


def test_the_municipality_table_is_the_page_s_with_small_groups_withheld(municipality):
    overall, _ = tables(build(municipality, YEAR))

    assert overall == [
        ["все обучающиеся", "30", "70,0 %", "—", "96,7 %", "—", "3", "33,3 %", "66,7 %", "—"],
        ["сирота", *["—*"] * 9],
        ["малообеспеченная семья", "15", "66,7 %", "−3,3 п. п.", "100,0 %", "+3,3 п. п.", "3", "—*", "—*", "—"],
    ]


def test_each_school_s_quality_by_category_beside_the_school(municipality):
    document = build(municipality, YEAR)
    _, by_school = tables(document)
    table = [b for b in section_of(document).blocks if isinstance(b, Table)][1]

    assert table.header == ["Школа", "Обучающихся на конец года", "Качество знаний школы",
                             "сирота: качество знаний", "сирота: со школой",
                             "малообеспеченная семья: качество знаний", "малообеспеченная семья: со школой"]
    assert by_school == [["Школа А", "20", "75,0 %", "—", "—", "50,0 %", "−25,0 п. п."],
                         ["Школа Б", "10", "60,0 %", "—*", "—*", "100,0 %", "+40,0 п. п."]]


def test_every_category_is_in_one_group_whose_table_has_at_most_eleven_columns():
    grouped = [c for _, categories in CATEGORY_GROUPS for c in categories]

    assert sorted(grouped) == sorted(SocialCategory) and len(grouped) == len(set(grouped))
    assert [3 + 2 * len(categories) for _, categories in CATEGORY_GROUPS] == [11, 9, 11]


def test_the_schools_table_is_split_by_the_groups_each_starting_with_the_school(municipality):
    """Школа А gets one pupil of every category but the two of the fixture: all eleven in the municipality. One
    table of them was 3 + 2 × 11 = 25 columns, printed at half size; the three groups' are 11, 9 and 11, and the
    Excel sheet is 11 columns wide (the municipality's table 10)."""
    a = Records(OrgUnit.objects.get(code="a"))
    for n, category in enumerate(c for c in SocialCategory if c not in (LOW, SocialCategory.ORPHAN)):
        pupils(a, f"x{n}-", category, "5")
    recompute(a.school, [YEAR])

    document = build(municipality, YEAR)

    blocks = section_of(document).blocks
    headings = [b.text for b in blocks if isinstance(b, Heading)]
    assert headings == ["Городской округ: все школы", "Качество знаний по школам: семья",
                        "Качество знаний по школам: обучение и трудная жизненная ситуация",
                        "Качество знаний по школам: профилактический учёт и группа риска", "Выводы"]
    _, family, learning, prevention = [b for b in blocks if isinstance(b, Table)]
    assert [len(t.header) for t in (family, learning, prevention)] == [11, 9, 11]
    assert learning.header == ["Школа", "Обучающихся на конец года", "Качество знаний школы",
                               "ЗПР: качество знаний", "ЗПР: со школой",
                               "трудности адаптации: качество знаний", "трудности адаптации: со школой",
                               "трудная жизненная ситуация: качество знаний", "трудная жизненная ситуация: со школой"]
    for table in (family, learning, prevention):
        assert [cell_text(r.cells[0]) for r in table.rows] == ["Школа А", "Школа Б"]
    # Школа А: 20 + 9 pupils now, quality 15 + 9 «5» of 29 = 82,8 %; its one ЗПР pupil withheld (fewer than five)
    assert [cell_text(c) for c in learning.rows[0].cells][:5] == ["Школа А", "29", "82,8 %", "—*", "—*"]
    sheet = openpyxl.load_workbook(io.BytesIO(render(ReportKind.MUNICIPAL, municipality, YEAR, Format.XLSX))).active
    assert sheet.max_column == 12  # and the column of the rankings' places, left of the schools' names


def test_conclusions_name_the_largest_gap_as_the_page_marks_it(municipality):
    texts = [b.text for b in section_of(build(municipality, YEAR)).blocks if isinstance(b, Paragraph)]

    assert texts[-2:] == [
        "Наибольший разрыв — Школа А, категория «малообеспеченная семья»: качество знаний 50,0 % при 75,0 % по всей "
        "школе (−25,0 п. п.). С этого начинать адресную помощь.",
        "По муниципалитету качество знаний ниже, чем у всех обучающихся (70,0 %): малообеспеченная семья — 66,7 % "
        "(−3,3 п. п.).",
    ]


def test_the_section_reads_the_page_s_function(municipality, monkeypatch):
    """No second computation: the section is built from what municipal_context gives, with the observer's
    privacy (small groups withheld), and its conclusions from the same content."""
    import vsoko.reports.municipal_context as section

    calls = []

    def spy(unit, year, privacy):
        calls.append((unit, year, privacy))
        return municipal_context(unit, year, privacy)

    monkeypatch.setattr(section, "municipal_context", spy)
    build(municipality, YEAR)

    assert calls == [(municipality, YEAR, Privacy(on=True))]


def test_no_gap_below_a_school_is_said_so(municipality):
    """Without Школа А (its low-income pupils are the one gap shown) nothing shown lies below its school."""
    other = OrgUnit.objects.create(code="other", name="Другой округ", kind=OrgUnitKind.MUNICIPALITY)
    OrgUnit.objects.filter(code="a").update(parent=other)

    content = municipal_context(municipality, YEAR, Privacy(on=True))

    # Школа Б alone: low-income 100 % against the school's 60 %; the orphans withheld.
    assert conclusions(content) == [
        "Ни в одной школе качество знаний обучающихся социальной категории (среди показанных значений) не ниже "
        "качества знаний всей школы.",
        "По муниципалитету ни одна показанная категория не ниже всех обучающихся по качеству знаний (60,0 %)."]


def test_a_municipality_without_social_categories_says_where_they_come_from(db):
    load_shipped_catalogs()
    unit = OrgUnit.objects.create(code="mun", name="Округ", kind=OrgUnitKind.MUNICIPALITY)
    b = Records(make_school("a", unit, "Школа А"))
    pupils(b, "n", None, "5555")
    recompute(b.school, [YEAR])

    texts = [block.text for block in section_of(build(unit, YEAR)).blocks if isinstance(block, Paragraph)]

    assert texts[-1] == ("За 2024/2025 учебный год ни в одной школе муниципалитета нет обучающихся с действующим "
                         "социальным статусом: загрузите лист «Социальный статус» пакета данных школ.")


def last_row(rows: list[list], first: str) -> list:
    """The section is the report's last: its row of a school is the last row starting with the school's name (the
    earlier ones are the school's ranks and procedures)."""
    return [r for r in rows if r[0] == first][-1]


def withheld_everywhere(rows: list[list]) -> None:
    """The orphans of Школа Б are «—*» in the school's row, and their figures are nowhere in it."""
    school_b = [str(c) for c in last_row(rows, "Школа Б")]
    assert school_b[3:5] == ["—*", "—*"]
    assert ORPHANS_QUALITY not in school_b and ORPHANS_GAP not in school_b and "-10" not in school_b


def test_a_withheld_cell_stays_withheld_in_word(municipality):
    data = render(ReportKind.MUNICIPAL, municipality, YEAR, Format.DOCX)

    rows = docx_rows(data)
    withheld_everywhere(rows)
    assert row_of(rows, "сирота") == ["сирота", *["—*"] * 9]
    text = "\n".join(docx_paragraphs(data))
    assert "Наибольший разрыв — Школа А, категория «малообеспеченная семья»" in text
    assert ORPHANS_GAP not in text + str(rows)


def test_a_withheld_cell_stays_withheld_in_excel(municipality):
    # From the sheet's second column, the names' (the first is the rankings' places)
    rows = [r[1:] for r in xlsx_rows(render(ReportKind.MUNICIPAL, municipality, YEAR, Format.XLSX))]

    withheld_everywhere(rows)
    assert last_row(rows, "Школа А")[:7] == ["Школа А", 20, 75, "—", "—", 50, -25]  # numbers stay numbers
    assert row_of(rows, "сирота") == ["сирота", *["—*"] * 9]
    assert not any(cell == -10 for row in rows for cell in row)  # Школа Б's orphans against the school


def test_a_withheld_cell_stays_withheld_in_html_and_pdf(municipality):
    """The municipal report is given in Word and Excel; any writer writes any document, and the same document
    written as a web page or a PDF withholds the same cells."""
    document = build(municipality, YEAR)
    html, _ = html_text(WRITERS[Format.HTML](document))
    pdf = WRITERS[Format.PDF](document)
    pdf_text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)

    assert "Школа Б 10 60,0 % —* —* 100,0 % +40,0 п. п." in html
    assert "сирота" + " —*" * 9 in html
    for text in (html, pdf_text):
        assert ORPHANS_GAP not in text
        assert "Наибольший разрыв — Школа А" in " ".join(text.split())


def test_a_lone_small_school_group_withholds_the_municipality_s_figure_in_the_report(municipality):
    """Школа В: three low-income pupils. The municipality's 18 minus Школа А's 10 and Школа Б's 5 would give them
    away, so the municipality's low-income row is withheld as on the page; conclusions do not name it."""
    c = Records(make_school("c", municipality, "Школа В"))
    pupils(c, "cl", LOW, "443")
    recompute(c.school, [YEAR])

    document = build(municipality, YEAR)
    overall, by_school = tables(document)

    assert row_of(overall, "малообеспеченная семья") == ["малообеспеченная семья", *["—*"] * 9]
    assert row_of(by_school, "Школа В")[3:] == ["—", "—", "—*", "—*"]
    texts = " ".join(b.text for b in section_of(document).blocks if isinstance(b, Paragraph))
    assert "По муниципалитету качество знаний ниже" not in texts
    assert "66,7 %" not in texts  # 12 of 18


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("fmt", [Format.DOCX, Format.XLSX])
def test_libreoffice_opens_the_report_with_the_section(municipality, tmp_path, fmt):
    source = tmp_path / f"municipal.{fmt.value}"
    source.write_bytes(render(ReportKind.MUNICIPAL, municipality, YEAR, fmt))

    text = as_text(source) if fmt == Format.DOCX else "\n".join(as_csv_lines(source))
    assert HEADING in text
    assert "Наибольший разрыв — Школа А" in text
