"""«Скачать Excel»: a questionnaire's summary of a year and its comparison by years, as the pages show them."""

import datetime
import io
import re
import shutil
from urllib.parse import unquote

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.accounts.personas import PREVIOUS_YEAR, YEAR
from tests.libreoffice import as_csv_sheets
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.datavalues.compute import recompute
from vsoko.records.models import SurveyAnswer
from vsoko.surveys.campaigns import create_survey

pytestmark = pytest.mark.django_db

FULL, RATHER, RATHER_NOT, NOT, UNSURE = ("полностью удовлетворен", "скорее удовлетворен", "скорее не удовлетворен",
                                         "не удовлетворен", "затрудняюсь ответить")


def answer(school, year, respondent, grade, **answers):
    for question, text in answers.items():
        SurveyAnswer.objects.create(school=school, year_id=year, survey="parents", respondent=respondent,
                                    grade=grade, question=question, answer=text)


@pytest.fixture
def answered(world):
    """2024/2025: 12 parents — five of 1–4 classes, six of 5–9 (one answered only «safety»), one of 10–11 (a group
    of one: hidden, and so is 1–4, the smaller of the others, which would give it away). 2023/2024: four of 5–9."""
    for i, text in enumerate([FULL, RATHER, RATHER, NOT, UNSURE]):
        answer(world.school, YEAR, f"a{i}", 2, overall=text)
    for i, text in enumerate([FULL, NOT, NOT, UNSURE, UNSURE]):
        answer(world.school, YEAR, f"b{i}", 7, overall=text)
    answer(world.school, YEAR, "b5", 7, safety=FULL)
    answer(world.school, YEAR, "c0", 10, overall=FULL)
    for i, text in enumerate([FULL, FULL, RATHER, NOT]):
        answer(world.school, PREVIOUS_YEAR, f"p{i}", 7, overall=text)
    recompute(world.school, [PREVIOUS_YEAR, YEAR])
    return world


def download(client, world, year=YEAR):
    client.force_login(world.users["deputy"])
    response = client.get(reverse("surveys:summary_xlsx", args=["parents"]) + f"?year={year}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return response


def rows(sheet):
    return [tuple(cell for cell in row) for row in sheet.iter_rows(values_only=True)]


def test_the_summary_sheet_has_each_answer_unsure_and_skipped_apart_and_hides_small_groups(client, answered):
    response = download(client, answered)

    assert unquote(response["Content-Disposition"]).endswith(
        "Удовлетворённость родителей качеством образования 2024-2025.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Сводка", "По годам"]
    got = rows(book["Сводка"])
    assert ("Ответили на анкету за год", 12, None) in got
    assert [row[:2] for row in got if row[0] in ("1–4 классы", "5–9 классы", "10–11 классы")][:3] == [
        ("1–4 классы", "скрыто*"), ("5–9 классы", 6), ("10–11 классы", "скрыто*")]
    start = got.index(("Насколько вы удовлетворены школой в целом?", None, None))
    assert got[start + 1:start + 10] == [
        ("Ответ", "Ответивших", "Доля, %"),
        (FULL, 3, 25.0),  # a0, b0, c0 of 12
        (RATHER, 2, 16.7),
        (RATHER_NOT, 0, 0.0),
        (NOT, 3, 25.0),
        (UNSURE, 3, 25.0),  # «затрудняюсь ответить» is an answer of its own, not satisfied, not skipped
        ("нет ответа", 1, None),  # b5 skipped the question
        ("Удовлетворены («полностью» и «скорее удовлетворен»), %", 41.7, None),  # 5 of 12
        ("Удовлетворены по уровням, %", None, None),
    ]
    assert got[start + 10:start + 13] == [("1–4 классы", "скрыто*", None), ("5–9 классы", 16.7, None),
                                          ("10–11 классы", "скрыто*", None)]  # 1 of 6
    assert any(row[0] and row[0].startswith("* Группы меньше 5 ответивших скрыты") for row in got)


def test_the_comparison_sheet_has_the_years_of_the_questionnaire(client, answered):
    book = load_workbook(io.BytesIO(download(client, answered).content))

    got = rows(book["По годам"])

    assert got[0] == ("Показатель", "2023/2024", "2024/2025")
    assert got[1] == ("Ответили на анкету", 4, 12)
    assert got[2] == ("Удовлетворены, %: Насколько вы удовлетворены школой в целом?", 75.0, 41.7)  # 3 of 4; 5 of 12
    assert got[3] == ("Удовлетворены, %: Материально-техническим обеспечением школы (кабинеты, оборудование, столовая, спортзал)?", 0.0, 0.0)
    assert ("Удовлетворены, %: Безопасностью пребывания ребёнка в школе?", 0.0, 8.3) in got  # b5: 1 of 12


def test_the_download_is_audited_and_the_pages_offer_it(client, answered):
    download(client, answered)

    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert (entry.object_type, entry.object_id, entry.school, entry.user) == (
        "survey_summary", "parents", answered.school, answered.users["deputy"])
    assert entry.details["учебный год"] == "2024/2025"
    summary = client.get(reverse("surveys:summary", args=["parents"]) + f"?year={YEAR}").content.decode()
    assert "Скачать Excel" in summary
    assert reverse("surveys:summary_xlsx", args=["parents"]) + f"?school=s1&amp;year={YEAR}" in summary
    # the page shows the comparison the file has
    assert "<h2>По годам</h2>" in summary
    assert re.search(r"Удовлетворены: Насколько вы удовлетворены школой в целом\?</th><td>75,0 %</td><td>41,7 %</td>",
                     summary)


def test_the_survey_page_offers_the_download_of_its_years_summary(client, answered):
    survey = create_survey(school=answered.school, year=YEAR, questionnaire="parents", title="Родители",
                           opens_on=datetime.date(2024, 10, 1), closes_on=datetime.date(2024, 10, 14))
    client.force_login(answered.users["deputy"])

    html = client.get(reverse("surveys:detail", args=[survey.pk])).content.decode()

    assert reverse("surveys:summary_xlsx", args=["parents"]) + f"?school=s1&amp;year={YEAR}" in html


def test_others_cannot_download_the_summary(client, answered):
    client.force_login(answered.users["teacher"])

    response = client.get(reverse("surveys:summary_xlsx", args=["parents"]) + f"?year={YEAR}")

    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_counts_and_shares_are_numbers_a_share_shown_with_its_decimal(client, answered):
    book = load_workbook(io.BytesIO(download(client, answered).content))

    summary = [row for row in book["Сводка"].iter_rows() if any(cell.value is not None for cell in row)]
    shown = [[(cell.value, cell.number_format) for cell in row if cell.value is not None] for row in summary]
    assert shown[4:10] == [
        [("Ответившие", "General"), ("Ответивших", "General")],
        [("Ответили на анкету за год", "General"), (12, "0")],
        [("1–4 классы", "General"), ("скрыто*", "General")],
        [("5–9 классы", "General"), (6, "0")],
        [("10–11 классы", "General"), ("скрыто*", "General")],
        [("Насколько вы удовлетворены школой в целом?", "General")],
    ]
    assert shown[11:13] == [[(FULL, "General"), (3, "0"), (25, "0.0")], [(RATHER, "General"), (2, "0"), (16.7, "0.0")]]
    assert shown[17][1] == (41.7, "0.0")
    assert shown[-1][0][0].startswith("* Группы меньше 5 ответивших скрыты")  # the last line, under the last table
    comparison = book["По годам"]
    assert [cell.number_format for cell in comparison[2]][1:] == ["0", "0"]  # respondents
    assert [cell.number_format for cell in comparison[3]][1:] == ["0.0", "0.0"]  # 75.0 and 41.7 %
    assert comparison.freeze_panes == "A2"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_file(client, answered, tmp_path):
    (tmp_path / "summary.xlsx").write_bytes(download(client, answered).content)

    sheets = as_csv_sheets(tmp_path / "summary.xlsx")
    assert sorted(sheets) == ["По годам", "Сводка"]
    assert "Ответили на анкету за год,12," in sheets["Сводка"]
    assert "полностью удовлетворен,3,25.0" in sheets["Сводка"]
    assert "нет ответа,1," in sheets["Сводка"]
    assert sheets["По годам"][:3] == ["Показатель,2023/2024,2024/2025", "Ответили на анкету,4,12",
                                      '"Удовлетворены, %: Насколько вы удовлетворены школой в целом?",75.0,41.7']


def test_the_answers_of_another_year_are_chosen_on_the_surveys_page(client, answered):
    client.force_login(answered.users["deputy"])

    default = client.get(reverse("surveys:index")).content.decode()
    earlier = client.get(reverse("surveys:index") + f"?answers_year={PREVIOUS_YEAR}").content.decode()

    assert "Ответы за 2024/2025 учебный год" in default  # the header's year
    # a select of the years with surveys or answers, latest first, the shown one selected
    select = re.search(r'<select id="answers-year" name="answers_year">.*?</select>', earlier, re.S).group()
    assert re.findall(r'<option value="(\d+)"( selected)?>', select) == [("2024", ""), ("2023", " selected")]
    assert "Ответы за 2023/2024 учебный год" in earlier
    assert reverse("surveys:summary", args=["parents"]) + f"?school=s1&amp;year={PREVIOUS_YEAR}" in earlier
    row = re.search(r"Удовлетворённость родителей качеством образования</a></td>.*?</tr>", earlier, re.S).group()
    assert row.endswith("<td>4</td>\n      </tr>")  # four answered in 2023/2024
