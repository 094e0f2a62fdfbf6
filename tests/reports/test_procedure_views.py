"""The procedure page's «Справка (Word)» and «Выводы и рекомендации» for each persona, the «Отчёты» page's list
«Процедура» and `vsoko report procedure --assessment` (the world: tests/analysis/world.py, see
test_procedure_report.py for its figures)."""

from urllib.parse import unquote

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.analysis.world import NAMES, build_analysis_world
from tests.reports.readers import docx_paragraphs, docx_rows
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.reports.models import ProcedureConclusion

pytestmark = pytest.mark.django_db
FAILED = (NAMES["s4"], NAMES["s6"])
TITLE = "Аналитическая справка по результатам процедуры: ВПР, русский язык, 5 класс"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def aw(db):
    return build_analysis_world()


def get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


def text_of(data: bytes) -> str:
    return "\n".join(docx_paragraphs(data) + [" | ".join(r) for r in docx_rows(data)])


@pytest.mark.parametrize(("persona", "names"), [
    ("deputy", True), ("director", True), ("teacher", False), ("class_teacher", False), ("observer", False)])
def test_every_role_of_the_school_downloads_the_spravka_names_only_where_it_sees_them(client, aw, persona, names):
    response = get(client, aw.users[persona], f"/reports/procedure/{aw.vpr.pk}.docx")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    assert TITLE in docx_paragraphs(response.content)
    assert all((name in text_of(response.content)) == names for name in FAILED)
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT, object_type="report")
    assert (entry.user, entry.object_id, entry.details["assessment"]) == (aw.users[persona], "procedure", "VPR-5-R")


def test_the_spravka_file_is_named_by_the_procedure_its_day_and_a_reserve_day(client, aw):
    aw.vpr.date, aw.oge_reserve.date = "2025-04-15", "2025-07-01"
    aw.vpr.save(update_fields=["date"])
    aw.oge_reserve.save(update_fields=["date"])
    aw.oge.subject.name = "Математика: алгебра/геометрия"  # characters no file name may have
    aw.oge.subject.save(update_fields=["name"])

    def name(a) -> str:
        disposition = get(client, aw.users["deputy"], f"/reports/procedure/{a.pk}.docx")["Content-Disposition"]
        assert disposition.startswith("attachment; filename*=utf-8''")
        return unquote(disposition.split("''", 1)[1])

    assert name(aw.vpr) == "Справка ВПР, русский язык, 5 класс, 15.04.2025.docx"
    assert name(aw.oge_reserve) == "Справка ОГЭ, математика алгебра геометрия, 9 класс, 01.07.2025, резервный день.docx"
    assert name(aw.ege) == "Справка ЕГЭ, Русский язык, 11 класс, 2024-2025 (EGE-11-R).docx"


def test_another_schools_director_gets_404(client, aw):
    assert get(client, aw.users["other_director"], f"/reports/procedure/{aw.vpr.pk}.docx").status_code == 404
    assert get(client, aw.users["other_director"],
               f"/reports/procedure/{aw.vpr.pk}/conclusions/").status_code == 404


def test_the_procedure_page_has_the_button_and_the_link_to_the_texts_for_who_writes_them(client, aw):
    deputy = get(client, aw.users["deputy"], f"/assessments/{aw.vpr.pk}/").content.decode()
    teacher = get(client, aw.users["teacher"], f"/assessments/{aw.vpr.pk}/").content.decode()

    assert f'href="/reports/procedure/{aw.vpr.pk}.docx"' in deputy and "Справка (Word)" in deputy
    assert f'href="/reports/procedure/{aw.vpr.pk}/conclusions/"' in deputy
    assert f'href="/reports/procedure/{aw.vpr.pk}.docx"' in teacher
    assert "/conclusions/" not in teacher


@pytest.mark.parametrize("persona", ["teacher", "class_teacher", "mo_head", "observer"])
def test_only_the_administration_writes_the_texts(client, aw, persona):
    url = f"/reports/procedure/{aw.vpr.pk}/conclusions/"

    assert get(client, aw.users[persona], url).status_code == 403
    assert client.post(url, {"conclusions": "Текст", **management(0)}).status_code == 403
    assert not ProcedureConclusion.objects.exists()


def management(rows: int) -> dict:
    return {"rec-TOTAL_FORMS": str(rows), "rec-INITIAL_FORMS": "0", "rec-MIN_NUM_FORMS": "0",
            "rec-MAX_NUM_FORMS": "1000"}


def test_the_deputy_saves_the_texts_audited_and_the_spravka_prints_them(client, aw):
    url = f"/reports/procedure/{aw.vpr.pk}/conclusions/"
    client.force_login(aw.users["deputy"])
    assert client.get(url).status_code == 200

    response = client.post(url, {
        "conclusions": "В 5Б не освоены задания 1 и 2.\r\nОтметки по журналу завышены.", **management(3),
        "rec-0-addressee": "teacher", "rec-0-text": "Отработать орфографию и пунктуацию в 5Б.",
        "rec-1-addressee": "administration", "rec-1-text": "Проверить объективность отметок в 5Б.",
        "rec-2-addressee": "", "rec-2-text": ""})

    assert response.status_code == 302 and response["Location"] == url
    entry = AuditEntry.objects.get(object_type="procedure_conclusion")
    assert (entry.user, entry.action, entry.details["рекомендаций"]) == (aw.users["deputy"], AuditAction.CHANGE,
                                                                         [0, 2])
    page = client.get(url).content.decode()
    assert "Выводы и рекомендации сохранены." in page and "Проверить объективность отметок в 5Б." in page
    text = text_of(client.get(f"/reports/procedure/{aw.vpr.pk}.docx").content)
    assert "В 5Б не освоены задания 1 и 2." in text and "Отметки по журналу завышены." in text
    assert "Учителю | Отработать орфографию и пунктуацию в 5Б." in text
    assert "Администрации | Проверить объективность отметок в 5Б." in text


def test_a_recommendation_without_an_addressee_saves_nothing_and_keeps_the_text(client, aw):
    client.force_login(aw.users["deputy"])

    response = client.post(f"/reports/procedure/{aw.vpr.pk}/conclusions/", {
        "conclusions": "Выводы.", **management(1), "rec-0-addressee": "", "rec-0-text": "Разобрать задание 3."})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Не сохранено" in page and "Выберите, кому адресована рекомендация" in page
    assert "Разобрать задание 3." in page
    assert not ProcedureConclusion.objects.exists()
    assert not AuditEntry.objects.filter(object_type="procedure_conclusion").exists()


def test_the_reports_page_s_default_spravka_is_named_and_audited_by_its_procedure(client, aw):
    # No «Процедура» chosen: the latest main day — all undated, so the first by kind (ege < oge < vpr), grade
    # and code, EGE-11-R — names the file and the audit entry, as the document it is.
    response = get(client, aw.users["deputy"], "/reports/procedure.docx", year=2024)

    assert response.status_code == 200
    assert "Аналитическая справка по результатам процедуры: ЕГЭ, Русский язык, 11 класс" in docx_paragraphs(
        response.content)
    assert unquote(response["Content-Disposition"].split("''", 1)[1]) == (
        "Аналитическая справка по результатам процедуры 2024-2025 ЕГЭ, Русский язык, 11 класс (EGE-11-R).docx")
    assert AuditEntry.objects.get(action=AuditAction.EXPORT).details["assessment"] == "EGE-11-R"


def test_the_reports_page_offers_the_years_procedures(client, aw):
    page = get(client, aw.users["deputy"], "/reports/", year=2024).content.decode()

    assert "Аналитическая справка по результатам процедуры" in page
    assert '<option value="VPR-5-R">ВПР, русский язык, 5 класс (VPR-5-R)</option>' in page
    assert '<option value="VPR-5-R-r">ВПР, русский язык, 5 класс, резервный день (VPR-5-R-r)</option>' in page
    response = get(client, aw.users["deputy"], "/reports/procedure.docx", year=2024, assessment="OGE-9-M")
    assert response.status_code == 200
    assert "Аналитическая справка по результатам процедуры: ОГЭ, математика, 9 класс" in docx_paragraphs(
        response.content)


def test_the_command_writes_the_procedure_asked_for(aw, tmp_path):
    out = tmp_path / "spravka.docx"

    call_command("report", "procedure", "--year", "2024/2025", "--school", aw.school.code, "--assessment",
                 "VPR-5-R", "--out", str(out))

    assert TITLE in docx_paragraphs(out.read_bytes())
    assert all(name in text_of(out.read_bytes()) for name in FAILED)
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert entry.details["откуда"] == "команда vsoko report"
    with pytest.raises(CommandError, match="--assessment задаётся только для справки по результатам процедуры"):
        call_command("report", "schedule", "--year", "2024/2025", "--school", aw.school.code, "--assessment",
                     "VPR-5-R", "--out", str(tmp_path / "g.docx"))
    with pytest.raises(CommandError, match="Коды процедур:"):
        call_command("report", "procedure", "--year", "2024/2025", "--school", aw.school.code, "--assessment",
                     "NOPE", "--out", str(tmp_path / "n.docx"))


def test_a_text_naming_a_pupil_saves_nothing(client, aw):
    client.force_login(aw.users["deputy"])

    response = client.post(f"/reports/procedure/{aw.vpr.pk}/conclusions/", {
        "conclusions": "Не справились Гусева Тест и Ершова.", **management(1), "rec-0-addressee": "teacher",
        "rec-0-text": "Позаниматься с Т. Ершовой."})

    page = response.content.decode()
    assert response.status_code == 200 and "Не сохранено" in page
    assert page.count("В тексте названы обучающиеся школы") == 2
    assert "школы: «Гусева Тест»." in page and "(Гусева Тест)" not in page and "«Т. Ершовой» (Ершова Тест)" in page
    assert not ProcedureConclusion.objects.exists()
