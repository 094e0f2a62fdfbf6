import datetime
import io
import re
import shutil
import subprocess

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from tests.accounts.personas import make_user
from tests.libreoffice import as_csv_lines, as_text
from tests.reports.conftest import SURNAMES, YEAR
from tests.reports.readers import docx_paragraphs, docx_rows, row_of, xlsx_rows
from vsoko.accounts.enums import Role
from vsoko.datavalues.compute import recompute
from vsoko.plan.approval import approve_plan
from vsoko.plan.models import PlanItem
from vsoko.records.models import SchoolYear, StaffMember, StaffYear, SurveyAnswer
from vsoko.reports.enums import Format, ReportKind, SelfExamSection
from vsoko.reports.registry import render
from vsoko.reports.self_exam_text import Edit, save_texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def deputy_user(known_school):
    return make_user("deputy", role=Role.DEPUTY, org_unit=known_school)


def test_the_word_table_is_order_1324_with_people_and_percentages(known_school, settings):
    settings.VSOKO_MIN_GROUP_SIZE = 1  # the format of the cells: 5 of 7 and 3 of 7 are small groups otherwise
    data = render(ReportKind.SELF_EXAM, known_school, YEAR, Format.DOCX)

    rows = docx_rows(data)
    header = rows.index(["№ п/п", "Показатели", "Единица измерения", "2024/2025"])
    assert rows[header + 1][:2] == ["1.", "Образовательная деятельность"]
    assert row_of(rows, "1.1")[2:] == ["человек", "7"]
    # 5 of the 7 students have only «4» and «5»: 5/7 = 71,43 %.
    assert row_of(rows, "1.5")[2:] == ["человек/%", "5 человек / 71,4 %"]
    assert row_of(rows, "1.22")[3] == "3 человека / 42,9 %"  # entered as 3 of 7
    assert row_of(rows, "2.1")[3] == "0,25"  # entered by hand
    assert row_of(rows, "2.3")[3] == "нет данных"  # entered indicator without a value
    assert [r[0] for r in rows].index("2.6") > [r[0] for r in rows].index("2.")
    paragraphs = docx_paragraphs(data)
    assert "МБОУ «Тестовая СОШ»" in paragraphs and "2024/2025 учебный год" in paragraphs


def test_the_excel_sheet_keeps_numbers_as_numbers(known_school, settings):
    settings.VSOKO_MIN_GROUP_SIZE = 1  # the format of the cells: 5 of 7 and 3 of 7 are small groups otherwise
    rows = xlsx_rows(render(ReportKind.SELF_EXAM, known_school, YEAR, Format.XLSX))

    header = next(r for r in rows if r[0] == "№ п/п")
    assert header[:5] == ["№ п/п", "Показатели", "Единица измерения", "2024/2025", "2024/2025, %"]
    assert row_of(rows, "1.1")[3] == 7
    count, share = row_of(rows, "1.5")[3:5]
    assert count == 5 and share == pytest.approx(500 / 7)
    assert row_of(rows, "1.22")[3:5] == [3, pytest.approx(300 / 7)]
    assert row_of(rows, "2.1")[3] == pytest.approx(0.25)
    assert row_of(rows, "2.3")[3] == "нет данных"
    assert len([r for r in rows if re.fullmatch(r"\d+(\.\d+)+", str(r[0] or ""))]) == 52


def test_the_report_says_how_the_vsoko_worked_the_plan_and_the_surveys(known_school):
    PlanItem.objects.create(school=known_school, year_id=YEAR, object="Качество знаний", months=[5],
                            done_on=datetime.date(2025, 5, 30))
    PlanItem.objects.create(school=known_school, year_id=YEAR, object="Адаптация пятиклассников", months=[10])
    for respondent, answer in [("r1", "полностью удовлетворен"), ("r2", "скорее удовлетворен"), ("r3", "не удовлетворен"),
                               ("r4", "затрудняюсь ответить")]:
        SurveyAnswer.objects.create(school=known_school, year_id=YEAR, survey="parents", respondent=respondent,
                                    grade=5, question="overall", answer=answer)
    recompute(known_school, [YEAR])

    data = render(ReportKind.SELF_EXAM, known_school, YEAR, Format.DOCX)

    paragraphs = docx_paragraphs(data)
    assert "10. Оценка функционирования внутренней системы оценки качества образования" in paragraphs
    # 2 items, 1 done; October 2024 is long past, so the second one is overdue.
    assert ("План-график мониторинга на 2024/2025 учебный год: пунктов — 2, выполнено — 1. "
            "Не выполнены в срок: Адаптация пятиклассников.") in paragraphs
    # Four answers, fewer than the minimum group of 5: the share would tell their answers.
    assert row_of(docx_rows(data), "Удовлетворённость родителей качеством образования")[2:] == ["4", "скрыто"]


def test_the_survey_share_is_shown_from_the_minimum_group_and_the_plans_approval_is_told(known_school):
    PlanItem.objects.create(school=known_school, year_id=YEAR, object="Качество знаний", months=[5],
                            done_on=datetime.date(2025, 5, 30))
    approve_plan(school=known_school, year=YEAR, order_date=datetime.date(2024, 8, 30), order_number="97-о",
                 user=make_user("director", role=Role.DIRECTOR, org_unit=known_school))
    for respondent, answer in [("r1", "полностью удовлетворен"), ("r2", "скорее удовлетворен"), ("r3", "не удовлетворен"),
                               ("r4", "затрудняюсь ответить"), ("r5", "скорее удовлетворен")]:
        SurveyAnswer.objects.create(school=known_school, year_id=YEAR, survey="parents", respondent=respondent,
                                    grade=5, question="overall", answer=answer)
    recompute(known_school, [YEAR])

    data = render(ReportKind.SELF_EXAM, known_school, YEAR, Format.DOCX)

    assert "План-график утверждён приказом директора от 30.08.2024 № 97-о." in docx_paragraphs(data)
    # 3 of the 5 respondents satisfied (полностью, скорее, скорее).
    assert row_of(docx_rows(data), "Удовлетворённость родителей качеством образования")[2:] == ["5", "60,0 %"]


def test_without_plan_and_answers_the_report_says_so(known_school):
    paragraphs = docx_paragraphs(render(ReportKind.SELF_EXAM, known_school, YEAR, Format.DOCX))

    assert "План-график мониторинга на 2024/2025 учебный год в системе не составлен." in paragraphs
    assert "Ответов на анкеты в 2024/2025 учебном году нет." in paragraphs


def test_the_schools_text_is_in_the_spreadsheet_too(known_school, deputy_user):
    save_texts(school=known_school, year=YEAR, edits={SelfExamSection.LIBRARY: Edit("=Фонд библиотеки.", 0)},
               user=deputy_user)

    rows = xlsx_rows(render(ReportKind.SELF_EXAM, known_school, YEAR, Format.XLSX))

    first = [r[0] for r in rows]
    library = first.index("8. Оценка качества библиотечно-информационного обеспечения")
    assert first[library + 1] == "=Фонд библиотеки."  # a string, never a formula


def test_nobody_is_named_in_the_published_report(tiny_school):
    data = render(ReportKind.SELF_EXAM, tiny_school, YEAR, Format.DOCX)

    text = " ".join(docx_paragraphs(data) + [cell for row in docx_rows(data) for cell in row])
    assert not [surname for surname in SURNAMES if surname in text]
    # Three pupils: the quality of knowledge (2 of 3) is a small group.
    assert "качество знаний — скрыто" in text
    assert "Данных о результатах ВПР, ОГЭ и ЕГЭ за 2024/2025 учебный год в системе нет." in text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_both_formats(known_school, deputy_user, tmp_path):
    save_texts(school=known_school, year=YEAR, edits={SelfExamSection.MANAGEMENT: Edit("Директор и педсовет.", 0)},
               user=deputy_user)
    for fmt in (Format.DOCX, Format.XLSX):
        (tmp_path / f"report.{fmt.value}").write_bytes(render(ReportKind.SELF_EXAM, known_school, YEAR, fmt))

    sheet = "\n".join(as_csv_lines(tmp_path / "report.xlsx"))
    text = as_text(tmp_path / "report.docx")
    for content in (sheet, text):
        assert "2. Оценка системы управления организации" in content and "Директор и педсовет." in content
    assert "1.22,Обучающиеся" not in sheet and "Численность/удельный вес численности обучающихся с применением" in sheet


def test_the_report_is_approved_and_signed_by_the_director_as_order_462_requires(known_school):
    # Order 462, п. 7: the report is signed by the head of the organisation. The director of the year the report
    # is written in (2025/2026, the spring after the school year reported) signs it, not the one of 2024/2025.
    SchoolYear.objects.get_or_create(start=2025)
    for year, (last, first, middle) in ((2024, ("Орлова", "Анна", "Петровна")),
                                        (2025, ("Бондарева", "Юлия", "Руслановна"))):
        member = StaffMember.objects.create(school=known_school, staff_id=f"d{year}", last_name=last,
                                            first_name=first, middle_name=middle)
        StaffYear.objects.create(school=known_school, year_id=year, staff=member, position="Директор",
                                 pedagogical=False)

    data = render(ReportKind.SELF_EXAM, known_school, YEAR, Format.DOCX)

    paragraphs = docx_paragraphs(data)
    assert paragraphs[:4] == ["УТВЕРЖДАЮ", "Директор МБОУ «Тестовая СОШ»", "________________ Ю. Р. Бондарева",
                              "«____» ______________ 20____ г."]
    assert paragraphs[4] == "Отчёт о результатах самообследования"
    assert paragraphs[-2:] == ["Директор МБОУ «Тестовая СОШ»   ________________ Ю. Р. Бондарева", "М. П."]
    word = docx.Document(io.BytesIO(data))
    assert word.paragraphs[0].paragraph_format.left_indent is not None  # the block at the right, as on an order
    # The title page: the school and the year centred under the title, as a title page is set.
    assert [(p.text, p.alignment) for p in word.paragraphs[5:7]] == [
        ("МБОУ «Тестовая СОШ»", WD_ALIGN_PARAGRAPH.CENTER), ("2024/2025 учебный год", WD_ALIGN_PARAGRAPH.CENTER)]
    footer = docx.Document(io.BytesIO(data)).sections[0].footer._element.xml
    assert "PAGE" in footer  # the pages are numbered


def test_without_a_director_the_signature_line_asks_for_the_name(known_school):
    paragraphs = docx_paragraphs(render(ReportKind.SELF_EXAM, known_school, YEAR, Format.DOCX))

    assert paragraphs[2] == "________________ (инициалы, фамилия директора)"


def test_a_share_in_the_word_table_breaks_only_after_the_slash(known_school, settings):
    settings.VSOKO_MIN_GROUP_SIZE = 1  # the format of the cells: 5 of 7 and 3 of 7 are small groups otherwise
    # «0 человек / 0,0» on a line and «%» alone on the next is how a narrow column broke it.
    table = docx.Document(io.BytesIO(render(ReportKind.SELF_EXAM, known_school, YEAR, Format.DOCX))).tables[-1]
    cell = next(row.cells[3].text for row in table.rows if row.cells[0].text == "1.5")

    assert cell == "5\u00a0человек\u00a0/ 71,4\u00a0%"


def test_the_sentences_give_head_counts_with_their_unit(known_school):
    paragraphs = docx_paragraphs(render(ReportKind.SELF_EXAM, known_school, YEAR, Format.DOCX))

    contingent = next(p for p in paragraphs if p.startswith("Контингент"))
    # 10, 8 and 7 pupils in 2022/2023 … 2024/2025 (tests/reports/conftest.py).
    assert ("численность обучающихся — 7 человек (2022/2023 — 10 человек; 2023/2024 — 8 человек; за год −1 человек)"
            in contingent)


def test_the_word_report_opens_with_the_contents_of_its_sections(known_school):
    data = render(ReportKind.SELF_EXAM, known_school, YEAR, Format.DOCX)
    word = docx.Document(io.BytesIO(data))
    paragraphs = [p.text for p in word.paragraphs]

    start = paragraphs.index("Содержание")
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "Аналитическая часть" and len(headings) == 13  # 11 sections of п. 6, the table
    entries = paragraphs[start + 1:start + 1 + len(headings)]
    # An entry is the heading, a tab (dots to the page number) and the page: a PAGEREF field to the heading's
    # bookmark, which Word and LibreOffice both fill in as they lay the pages out.
    assert [entry.split("\t")[0] for entry in entries] == headings
    body = word.element.body.xml
    for n, heading in enumerate(p for p in word.paragraphs if p.style.name == "Heading 1"):
        name = re.search(r'w:bookmarkStart [^>]*w:name="([^"]+)"', heading._p.xml).group(1)
        assert f"PAGEREF {name} \\h" in body, (n, name)
    # Word refreshes the page numbers when the file is opened; the setting in the schema's order (before
    # «compat»), which Word checks: a settings part out of order is a file Word calls damaged.
    settings = [child.tag.split("}")[1] for child in word.settings.element]
    assert "updateFields" in settings and settings.index("updateFields") < settings.index("compat")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_prints_the_contents_with_the_sections_pages(known_school, tmp_path):
    # LibreOffice printed a TOC field's placeholder, not its entries: the contents is the headings' text, and the
    # page numbers are references LibreOffice computes.
    from tests.libreoffice import convert

    path = tmp_path / "report.docx"
    path.write_bytes(render(ReportKind.SELF_EXAM, known_school, YEAR, Format.DOCX))
    pdf = convert(path, "pdf")
    pages = [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"], check=True,
                            capture_output=True, text=True).stdout for n in range(1, 5)]

    contents = pages[1]  # the title page first, then the contents on a page of its own
    assert contents.split()[0] == "Содержание"
    entry = re.search(r"Аналитическая часть[ .…]*(\d+)", contents)
    assert entry and entry.group(1) == "3" and pages[2].lstrip().startswith("Аналитическая часть")
    assert re.search(r"1\. Оценка образовательной деятельности[ .…]*\d+", contents)


def test_the_excel_report_is_approved_and_signed_by_the_director_too(known_school):
    # The Word report had «УТВЕРЖДАЮ» and the signature; the Excel one began with its title and ended with the
    # table's note — a director who prints the spreadsheet had nowhere to sign.
    rows = xlsx_rows(render(ReportKind.SELF_EXAM, known_school, YEAR, Format.XLSX))

    # At the right, over the units and the values (the third column on), as on an order.
    assert [r[2] for r in rows[:4]] == ["УТВЕРЖДАЮ", "Директор МБОУ «Тестовая СОШ»",
                                        "________________ (инициалы, фамилия директора)",
                                        "«____» ______________ 20____ г."]
    assert all(r[0] is None for r in rows[:4])
    assert rows[5][0] == "Отчёт о результатах самообследования"  # after an empty row
    last = [r for r in rows if any(c is not None for c in r)][-2:]
    assert [r[0] for r in last] == ["Директор МБОУ «Тестовая СОШ»   ________________ (инициалы, фамилия директора)",
                                    "М. П."]
