from urllib.parse import unquote

import pytest

from tests.accounts.personas import make_user
from tests.reports.conftest import YEAR
from tests.reports.readers import docx_paragraphs, docx_rows, row_of
from vsoko.accounts.enums import Role
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.indicators.models import Catalog
from vsoko.records.approval import set_status
from vsoko.records.enums import ApprovalStatus
from vsoko.reports.enums import ReportKind, SelfExamSection
from vsoko.reports.models import SelfExamText
from vsoko.reports.registry import REPORTS
from vsoko.reports.self_exam_text import Edit, save_texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def deputy(client, known_school):
    client.force_login(make_user("deputy", role=Role.DEPUTY, org_unit=known_school))
    return client


def test_the_page_lists_every_kind_with_a_link_per_format(deputy):
    page = deputy.get("/reports/", {"year": YEAR}).content.decode()

    for label in ("Аналитическая справка", "Отчёт о самообследовании", "Публичный доклад"):
        assert label in page
    for link in ("/reports/analytic.docx?", "/reports/self-exam.docx?", "/reports/self-exam.xlsx?",
                 "/reports/public.html?", "/reports/public.pdf?"):
        assert link in page
    assert '<option value="2024" selected>2024/2025</option>' in page


def test_a_download_is_the_report_of_the_year_asked_for(deputy):
    response = deputy.get("/reports/self-exam.docx", {"year": YEAR})

    assert response.status_code == 200
    assert unquote(response["Content-Disposition"].split("''", 1)[1]) == "Отчёт о самообследовании 2024-2025.docx"
    assert row_of(docx_rows(response.content), "1.1")[3] == "7"


def test_a_format_the_kind_does_not_have_is_not_found(deputy):
    assert deputy.get("/reports/public.docx").status_code == 404
    assert deputy.get("/reports/annual.pdf").status_code == 404


def test_a_report_that_cannot_be_made_says_why(deputy):
    response = deputy.get("/reports/plan.docx", {"year": YEAR}, follow=True)

    assert response.redirect_chain[-1][0] == "/reports/?school=school-1&year=2024"  # the page of the same year
    assert "Плана мониторинга на 2024/2025 учебный год нет" in response.content.decode()


def test_a_report_without_its_catalog_is_made_and_says_what_is_missing(deputy):
    Catalog.objects.filter(code="order1324").delete()

    response = deputy.get("/reports/self-exam.docx", {"year": YEAR})

    assert response.status_code == 200
    assert any("каталог показателей «order1324» (показатели самообследования, приложение 2 к приказу № 1324) не "
               "загружен в базу" in p for p in docx_paragraphs(response.content))


def test_teachers_do_not_see_the_section(client, known_school):
    client.force_login(make_user("teacher", role=Role.TEACHER, org_unit=known_school))

    assert client.get("/reports/").status_code == 403
    assert 'href="/reports/"' not in client.get("/").content.decode()


# --- the texts of the self-examination report -------------------------------------------------------------

TEXTS = "/reports/self-exam/texts/"


def test_the_reports_page_links_to_the_texts(deputy):
    page = deputy.get("/reports/", {"year": YEAR}).content.decode()

    assert f'href="{TEXTS}?school=school-1&amp;year=2024"' in page


def test_the_texts_page_has_a_field_per_section_in_order_462(deputy):
    page = deputy.get(TEXTS, {"year": YEAR}).content.decode()

    positions = [page.index(f">{section.heading}<") for section in SelfExamSection]
    assert positions == sorted(positions)
    assert page.count("<textarea") == 11
    # Management: licence, accreditation, inspections, НОКО (vsoko.oversight) are given; the rest the school writes.
    assert "По данным отчёт приводит: лицензия и аккредитация, проверки" in page


def test_a_teacher_may_not_write_the_report(client, known_school):
    client.force_login(make_user("teacher", role=Role.TEACHER, org_unit=known_school))

    assert client.get(TEXTS).status_code == 403
    assert client.post(TEXTS, {"text_management": "Текст"}).status_code == 403
    assert not SelfExamText.objects.exists()


def test_a_saved_text_is_in_the_word_report_after_the_generated_paragraphs(deputy):
    response = deputy.post(f"{TEXTS}?school=school-1&year={YEAR}", {
        "text_management": "Управление школой осуществляет директор.\r\nКоллегиальные органы — педсовет и "
                           "управляющий совет.", "revision_management": "0",
        "text_facilities": "Два корпуса, спортивный зал.", "revision_facilities": "0"}, follow=True)

    assert response.redirect_chain[-1][0] == f"{TEXTS}?school=school-1&year=2024"
    assert ("Сохранено: 2. Оценка системы управления организации; 9. Оценка качества материально-технической "
            "базы.") in response.content.decode()
    paragraphs = docx_paragraphs(deputy.get("/reports/self-exam.docx", {"year": YEAR}).content)
    management = paragraphs.index("2. Оценка системы управления организации")
    assert paragraphs[management + 1:management + 4] == [
        "Управление школой осуществляет директор.", "Коллегиальные органы — педсовет и управляющий совет.",
        "3. Оценка содержания и качества подготовки обучающихся"]
    facilities = paragraphs.index("9. Оценка качества материально-технической базы")
    assert paragraphs[facilities + 1:facilities + 3] == [
        "Материально-техническая база: компьютеров на одного учащегося — 0,25 единицы.",
        "Два корпуса, спортивный зал."]


def test_a_text_naming_a_pupil_is_shown_again_and_not_saved(client, tiny_school):
    client.force_login(make_user("deputy", role=Role.DEPUTY, org_unit=tiny_school))
    typed = "Призёр регионального этапа — Петрова Тест, 7 класс.\r\nВторой абзац, который нельзя потерять."

    response = client.post(f"{TEXTS}?year={YEAR}", {"text_training": typed, "revision_training": "0",
                                                    "text_library": "Фонд — 12 тысяч книг.",
                                                    "revision_library": "0"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Тексты не сохранены" in page
    assert "В тексте названы обучающиеся школы: «Петрова Тест» — фамилия рядом с именем" in page
    assert "Второй абзац, который нельзя потерять." in page and "Фонд — 12 тысяч книг." in page
    assert not SelfExamText.objects.exists()


def test_a_colleagues_newer_save_is_shown_beside_the_users_text(deputy, known_school):
    colleague = make_user("director", role=Role.DIRECTOR, org_unit=known_school, first_name="Иван",
                          last_name="Смирнов")
    save_texts(school=known_school, year=YEAR, edits={SelfExamSection.MANAGEMENT: Edit("Текст директора.", 0)},
               user=colleague)

    response = deputy.post(f"{TEXTS}?year={YEAR}", {"text_management": "Текст заместителя.",
                                                    "revision_management": "0"})

    page = response.content.decode()
    assert "другой пользователь (Иван Смирнов," in page
    assert "Текст заместителя." in page and "Текст директора." in page
    assert 'name="revision_management" value="1"' in page  # saving again, after merging, goes through
    assert SelfExamText.objects.get().text == "Текст директора."


def test_an_approved_year_says_the_texts_stay_open(deputy, known_school):
    set_status(school=known_school, year=YEAR, status=ApprovalStatus.APPROVED, user=None)

    page = deputy.get(TEXTS, {"year": YEAR}).content.decode()

    assert "Данные за 2024/2025 учебный год утверждены" in page
    assert "Тексты можно изменять и после утверждения" in page


@pytest.mark.parametrize("written", [1, 11])
def test_the_texts_page_asks_the_same_queries_however_many_sections_are_written(deputy, known_school, written,
                                                                                django_assert_num_queries):
    save_texts(school=known_school, year=YEAR, user=None,
               edits={section: Edit(f"Текст {section.value}.", 0) for section in list(SelfExamSection)[:written]})

    # session, user, memberships, the schools, the years with data, the texts (their authors joined), the
    # year's approval; the rows of Appendix 2 without a value: the catalog, its indicators and their values of
    # three years (build_context, 5)
    with django_assert_num_queries(14):
        deputy.get(TEXTS, {"year": YEAR})


def test_the_analytic_report_names_teachers_so_its_download_is_in_the_audit_log(deputy):
    """The справка lists each teacher with the lessons visited and their mean score (vsoko.reports.observations): staff
    personal data, an internal document — each download is an export in the audit log, as the other reports that
    name people."""
    response = deputy.get("/reports/analytic.docx", {"year": YEAR})

    assert response.status_code == 200 and REPORTS[ReportKind.ANALYTIC].personal_data
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT, object_type="report")
    assert (entry.object_id, entry.username, entry.details["format"]) == ("analytic", "deputy", "docx")


def test_the_texts_page_lists_the_order_1324_rows_the_report_would_print_without_a_value(deputy):
    # known_school: 2.1 is entered (0,25), 2.3 is an entered row without a value; 1.1 is computed from records.
    page = deputy.get(TEXTS, {"school": "school-1", "year": YEAR}).content.decode()

    assert "Перед печатью: строки приложения 2 без значения" in page
    assert "2.3 Наличие в образовательной организации системы электронного документооборота" in page
    assert "2.1 Количество компьютеров в расчете на одного учащегося" not in page
    assert "1.1 Общая численность учащихся" not in page
    assert "/indicators/entry/?unit=school-1&amp;year=2024&amp;catalog=order1324" in page


def test_a_sub_row_before_printing_is_named_with_its_parent_rows_wording(deputy):
    # «2.4.3 Оснащенного средствами сканирования…» alone did not say what was equipped: the row reads on from 2.4.
    page = deputy.get(TEXTS, {"school": "school-1", "year": YEAR}).content.decode()

    assert ("<li>2.4.3 Наличие читального зала библиотеки, в том числе: оснащенного средствами сканирования и "
            "распознавания текстов — вводится вручную</li>") in page
    # The parent row itself without its «в том числе:», which would hang before the dash.
    assert "<li>2.4 Наличие читального зала библиотеки — вводится вручную</li>" in page


def test_the_public_texts_page_has_no_such_list(deputy):
    page = deputy.get("/reports/public/texts/", {"school": "school-1", "year": YEAR}).content.decode()

    assert "Перед печатью" not in page
