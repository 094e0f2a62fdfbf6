"""«Аудит сайта» in a real browser: a deputy records an audit with one defect and downloads the act; the automatic
check of a real local site (tests/siteaudit/conftest.site) pre-fills the form, and its progress page follows the
queued check until it ends."""

import datetime
import zipfile

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.browser import PHONE, open_from_menu
from tests.siteaudit.conftest import site  # noqa: F401 — a fixture used by the tests
from vsoko.siteaudit.enums import AuditMethod, CheckStatus
from vsoko.siteaudit.models import SiteAudit, SiteCheck

pytestmark = pytest.mark.e2e


def test_a_deputy_records_an_audit_with_one_defect_and_downloads_the_act(logged_in_page, world, tmp_path):
    deputy = logged_in_page("deputy")
    open_from_menu(deputy, "Мониторинг", "Аудит сайта")
    expect(deputy.get_by_text("Аудитов сайта не записано")).to_be_visible()
    deputy.get_by_role("link", name="Провести аудит сайта").click()

    deadline = timezone.localdate() + datetime.timedelta(days=30)
    deputy.get_by_label("Кто проверял (ФИО, должность)").fill("Сидорова М. П., заместитель директора")
    deputy.get_by_label("Адрес официального сайта").fill("https://school1.example.ru")
    deputy.get_by_label("Срок устранения замечаний").fill(deadline.isoformat())
    statuses = deputy.locator("select[name^=status__]")
    assert statuses.count() == 49  # the checklist's items
    # Not 49 lists one by one: the unmarked items become «размещено», what was typed above stays.
    deputy.get_by_role("button", name="Отметить неотмеченные «размещено»").click()
    expect(deputy.get_by_role("status")).to_contain_text("Отмечено «размещено»: 49.")
    expect(deputy.get_by_label("Адрес официального сайта")).to_have_value("https://school1.example.ru")
    expect(statuses.nth(48)).to_have_value("placed")
    assert not SiteAudit.objects.exists()
    deputy.get_by_label("Устав", exact=True).select_option(label="не размещено")
    deputy.get_by_label("Комментарий: Устав").fill("ссылка ведёт на старую редакцию")

    # One item left without a status: the error names it and nothing is saved.
    deputy.get_by_label("Языки образования", exact=True).select_option(label="— выберите —")
    deputy.get_by_role("button", name="Сохранить").click()
    expect(deputy.get_by_role("alert")).to_contain_text("«Языки образования»: выберите статус.")
    assert not SiteAudit.objects.exists()
    deputy.get_by_label("Языки образования", exact=True).select_option(label="размещено")
    deputy.get_by_role("button", name="Сохранить").click()

    # The audit: 48 of the 49 items placed, one defect («Устав») with its comment.
    expect(deputy.locator(".stats__list")).to_contain_text("48 из 49")
    defects = deputy.locator("ol")
    expect(defects).to_have_count(1)
    expect(defects).to_contain_text("Документы: Устав — не размещено (ссылка ведёт на старую редакцию)")
    expect(deputy.get_by_text(f"Срок устранения: {deadline:%d.%m.%Y}")).to_be_visible()

    with deputy.expect_download() as download:
        deputy.get_by_role("link", name="Акт аудита (Word)").click()
    assert download.value.suggested_filename == f"Акт аудита официального сайта от {timezone.localdate():%d.%m.%Y}.docx"
    path = tmp_path / "act.docx"
    download.value.save_as(path)
    with zipfile.ZipFile(path) as docx:
        text = docx.read("word/document.xml").decode()
    assert "Перечень замечаний" in text and "Устав: не размещено" in text
    assert f"Замечания устранить до {deadline:%d.%m.%Y}" in text


def test_the_automatic_check_prefills_the_form_and_the_audit_is_automatic(logged_in_page, world, site, settings):  # noqa: F811
    # The live server has no task worker beside it; the immediate backend runs the check in the request.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.VSOKO_SITEAUDIT_ALLOW_INTERNAL = True
    deputy = logged_in_page("deputy")
    deputy.goto("/siteaudit/new/?school=s1")
    deputy.get_by_label("Кто проверял (ФИО, должность)").fill("Сидорова М. П., заместитель директора")
    deputy.get_by_label("Адрес официального сайта").fill(site)
    deputy.get_by_label("Комментарий: Устав").fill("typed before the check")

    deputy.get_by_role("button", name="Проверить сайт автоматически").click()

    expect(deputy.get_by_role("status").first).to_contain_text("Статусы подразделов заполнены по ответам сайта")
    expect(deputy.get_by_label("Комментарий: Устав")).to_have_value("typed before the check")
    expect(deputy.locator("select[name='status__managers']")).to_have_value("missing")
    expect(deputy.locator("select[name='status__document.self_exam']")).to_have_value("outdated")
    expect(deputy.get_by_text("документ не открывается — ответ 404.")).to_be_visible()
    deputy.get_by_role("button", name="Отметить неотмеченные «размещено»").click()
    # The items of the subsections the site does not have are left to decide; the site's answers stay on the page.
    expect(deputy.get_by_role("status").first).to_contain_text("Не отмечены пункты подразделов, которых нет на сайте:")
    expect(deputy.get_by_text("документ не открывается — ответ 404.")).to_be_visible()
    expect(deputy.locator("select[name='status__managers.head']")).to_have_value("")
    for select in deputy.locator("select[name^=status__]").all():
        if not select.input_value():
            select.select_option("missing")
    deputy.get_by_role("button", name="Сохранить").click()

    expect(deputy.get_by_text("Сидорова М. П., заместитель директора, с автопроверкой.", exact=False)).to_be_visible()
    assert SiteAudit.objects.get().method == AuditMethod.AUTOMATIC


def test_the_progress_page_follows_the_queued_check(logged_in_page, world):
    check = SiteCheck.objects.create(school=world.school, site_url="https://school1.example.ru",
                                     status=CheckStatus.RUNNING, done=7, total=14)
    deputy = logged_in_page("deputy")
    deputy.goto(f"/siteaudit/check/{check.token}/")
    expect(deputy.get_by_role("status")).to_contain_text("проверено 7 из 14 подразделов")

    # The worker ends the check: the page notices it and opens the form, pre-filled.
    SiteCheck.objects.filter(pk=check.pk).update(status=CheckStatus.DONE, done=14, probes=[{
        "section": "managers", "url": "https://school1.example.ru/sveden/managers", "status": "missing",
        "message": "https://school1.example.ru/sveden/managers: страницы нет (ответ 404).", "documents": [],
        "note": ""}])

    expect(deputy).to_have_url(f"{deputy.url.split('/siteaudit/')[0]}/siteaudit/new/?school=s1&check={check.token}")
    expect(deputy.locator("select[name='status__managers']")).to_have_value("missing")
    expect(deputy.get_by_text("страницы нет (ответ 404)", exact=False)).to_be_visible()


def test_the_site_s_answers_fit_a_phone(logged_in_page, world, site, settings):  # noqa: F811
    # «Ответы сайта» name each page and document by its full address, a word that cannot be broken: on a phone the
    # list ran 86 px past the screen's edge and the whole form scrolled sideways.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.VSOKO_SITEAUDIT_ALLOW_INTERNAL = True
    deputy = logged_in_page("deputy", viewport=PHONE)
    deputy.goto("/siteaudit/new/?school=s1")
    deputy.get_by_label("Адрес официального сайта").fill(site)

    deputy.get_by_role("button", name="Проверить сайт автоматически").click()

    expect(deputy.get_by_role("heading", name="Ответы сайта")).to_be_visible()
    assert deputy.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
