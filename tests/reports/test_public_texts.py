"""The director's parts of the public report: the page «Текст публичного доклада» and where the report prints them."""

import pytest

from tests.accounts.personas import make_user
from tests.reports.conftest import YEAR
from tests.reports.readers import html_text
from vsoko.accounts.enums import Role
from vsoko.audit.models import AuditEntry
from vsoko.records.models import Student
from vsoko.reports.enums import Format, PublicReportSection, ReportKind, SelfExamSection
from vsoko.reports.models import SelfExamText
from vsoko.reports.registry import render
from vsoko.reports.self_exam_text import Edit, save_texts, texts_of

pytestmark = pytest.mark.django_db
TEXTS = "/reports/public/texts/"


@pytest.fixture
def deputy(client, known_school):
    client.force_login(make_user("deputy", role=Role.DEPUTY, org_unit=known_school))
    return client


def test_the_page_has_the_two_parts_and_saves_them(deputy, known_school):
    page = deputy.get(TEXTS, {"year": YEAR}).content.decode()
    assert page.count("<textarea") == 2
    assert page.index(">Обращение директора<") < page.index(">Заключение: итоги года, задачи и перспективы развития<")

    saved = deputy.post(f"{TEXTS}?year={YEAR}", {
        "text_public_foreword": "Уважаемые родители!\r\nГод был трудным.", "revision_public_foreword": "0",
        "text_public_prospects": "", "revision_public_prospects": "0"})

    assert saved.status_code == 302
    texts = texts_of(known_school, YEAR, PublicReportSection)
    assert list(texts) == [PublicReportSection.FOREWORD]
    assert texts[PublicReportSection.FOREWORD].text == "Уважаемые родители!\nГод был трудным."
    assert texts_of(known_school, YEAR) == {}  # the self-examination report's texts are another report's
    entry = AuditEntry.objects.get(object_type="public_report_text")
    assert entry.details["действие"] == "изменён текст раздела публичного доклада"


def test_a_pupils_name_is_not_saved(deputy, known_school):
    pupil = Student.objects.filter(school=known_school, enrollments__year_id=YEAR).first()
    pupil.last_name, pupil.first_name = "Ломоносов", "Михаил"
    pupil.save()

    page = deputy.post(f"{TEXTS}?year={YEAR}", {
        "text_public_foreword": "Поздравляем Михаила Ломоносова с победой.", "revision_public_foreword": "0",
        "text_public_prospects": "Задачи.", "revision_public_prospects": "0"}).content.decode()

    assert "В тексте названы обучающиеся школы" in page
    assert not SelfExamText.objects.exists()  # neither part: a form with an error saves nothing


def test_the_report_opens_with_the_address_and_closes_with_the_tasks(known_school):
    save_texts(school=known_school, year=YEAR, user=None, edits={
        PublicReportSection.FOREWORD: Edit("Уважаемые родители!\nГод был трудным.", 0),
        PublicReportSection.PROSPECTS: Edit("Задача на следующий год — качество знаний 55 %.", 0)})
    save_texts(school=known_school, year=YEAR, user=None, edits={SelfExamSection.LIBRARY: Edit("Библиотека.", 0)})

    text, _ = html_text(render(ReportKind.PUBLIC, known_school, YEAR, Format.HTML))

    assert "Обращение директора Уважаемые родители! Год был трудным. О докладе" in text
    assert text.rstrip().endswith("Заключение: итоги года, задачи и перспективы развития "
                                  "Задача на следующий год — качество знаний 55 %.")
    assert "Библиотека." not in text


def test_without_texts_the_report_has_neither_part(known_school):
    text, _ = html_text(render(ReportKind.PUBLIC, known_school, YEAR, Format.HTML))

    assert "Обращение директора" not in text
    assert "Заключение: итоги года" not in text
