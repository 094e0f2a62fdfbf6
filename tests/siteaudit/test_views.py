import datetime
import re

import pytest
from django.utils import timezone

from tests.reports.readers import docx_paragraphs, docx_rows, xlsx_rows
from tests.siteaudit.conftest import all_codes, audit
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.siteaudit.enums import AuditMethod, CheckStatus, ItemStatus
from vsoko.siteaudit.models import SiteAudit, SiteCheck

pytestmark = pytest.mark.django_db


def form(site_url="https://s1.example.ru", **statuses) -> dict:
    data = {"date": "2025-03-03", "auditor": "Петрова А. А., заместитель директора", "site_url": site_url,
            "fix_deadline": "2025-04-01", "note": ""}
    for code in all_codes():
        data[f"status__{code}"] = statuses.get(code, ItemStatus.PLACED)
    return data


def selected(html: str, code: str) -> str:
    """The value selected in the status select of the item."""
    select = re.search(rf'<select name="status__{re.escape(code)}".*?</select>', html, re.DOTALL).group(0)
    found = re.search(r'<option value="([^"]*)" selected>', select)
    return found.group(1) if found else ""


def test_the_deputy_records_an_audit_and_the_journal_has_it(client, world):
    client.force_login(world.users["deputy"])
    data = form()
    data["status__document.charter"] = ItemStatus.MISSING
    data["comment__document.charter"] = "устав в редакции 2015 года"

    response = client.post("/siteaudit/new/?school=s1", data)

    saved = SiteAudit.objects.get()
    assert response.status_code == 302 and response.url == f"/siteaudit/{saved.pk}/"
    assert (saved.school, saved.date, saved.fix_deadline) == (world.school, datetime.date(2025, 3, 3),
                                                              datetime.date(2025, 4, 1))
    assert saved.items.count() == len(all_codes())
    assert saved.items.get(code="document.charter").comment == "устав в редакции 2015 года"
    entry = AuditEntry.objects.get(object_type="site_audit")
    assert (entry.action, entry.object_id, entry.school) == (AuditAction.CHANGE, str(saved.pk), world.school)
    n = len(all_codes())
    assert entry.details["действие"] == f"записан аудит сайта: размещено {n - 1} из {n}, замечаний 1"

    page = client.get(f"/siteaudit/{saved.pk}/").content.decode()
    assert "Устав — <strong>не размещено</strong> (устав в редакции 2015 года)" in page
    assert "Срок устранения: 01.04.2025" in page


def test_an_item_without_a_status_is_named_and_nothing_is_saved(client, world):
    client.force_login(world.users["deputy"])
    data = form()
    del data["status__document.charter"]

    response = client.post("/siteaudit/new/?school=s1", data)

    assert response.status_code == 200
    assert "«Устав»: выберите статус." in response.content.decode()
    assert not SiteAudit.objects.exists()
    assert not AuditEntry.objects.filter(object_type="site_audit").exists()


def test_a_deadline_before_the_audit_and_a_bad_link_are_refused(client, world):
    client.force_login(world.users["deputy"])
    data = form() | {"fix_deadline": "2025-03-01", "link__document.charter": "не ссылка"}

    html = client.post("/siteaudit/new/?school=s1", data).content.decode()

    assert "Срок устранения 01.03.2025 раньше даты проверки 03.03.2025." in html
    assert "«Устав»: ссылка не распознана" in html
    assert not SiteAudit.objects.exists()


@pytest.fixture
def immediate_tasks(settings):
    """The check's task runs at once, as the worker would run it."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def test_the_automatic_check_is_queued_and_the_form_comes_back_prefilled(client, world, site, immediate_tasks):
    client.force_login(world.users["deputy"])
    data = form(site_url=site) | {"action": "check", "status__managers": "", "status__common": ""}

    response = client.post("/siteaudit/new/?school=s1", data)

    check = SiteCheck.objects.get()
    assert response.status_code == 302 and response.url == f"/siteaudit/check/{check.token}/"
    assert (check.school, check.status, check.done) == (world.school, CheckStatus.DONE, 14)
    back = client.get(response.url)  # the check has ended: the form, pre-filled
    assert back.url == f"/siteaudit/new/?school=s1&check={check.token}"
    html = client.get(back.url).content.decode()
    assert selected(html, "common") == ItemStatus.PLACED  # the page has text
    assert selected(html, "struct") == ItemStatus.MISSING  # the page is empty
    assert selected(html, "managers") == ItemStatus.MISSING  # 404
    assert selected(html, "document.charter") == ItemStatus.PLACED  # a document answering: as typed
    assert selected(html, "document.self_exam") == ItemStatus.OUTDATED  # «за 2024 год» in its text: a suggestion
    assert "Возможно, устарели (отмечено «устарело» — проверьте): «Отчёт о результатах самообследования» — " \
           "отчёт за 2024 год, а после 20.04." in html
    # The charter's and the calendar's texts bear no mark of a signature: named, their statuses as typed.
    assert ("Нет отметки об электронной подписи (ни «Документ подписан электронной подписью» с сертификатом и "
            "владельцем в тексте, ни подписи в файле, ни файла подписи рядом со ссылкой) — если это электронный "
            "документ, а не копия бумажного, проверьте: «Устав»; «Календарный учебный график».") in html
    assert selected(html, "document.charter") == ItemStatus.PLACED
    assert 'value="Петрова А. А., заместитель директора"' in html  # as typed
    assert f"{site}sveden/managers: страницы нет (ответ 404)." in html
    assert "документ не открывается — ответ 404." in html
    assert f'<input type="hidden" name="check" value="{check.token}">' in html
    assert not SiteAudit.objects.exists()


def test_an_audit_saved_after_the_check_is_automatic(client, world, site, immediate_tasks):
    client.force_login(world.users["deputy"])
    client.post("/siteaudit/new/?school=s1", form(site_url=site) | {"action": "check"})
    check = SiteCheck.objects.get()

    client.post(f"/siteaudit/new/?school=s1&check={check.token}", form(site_url=site) | {"check": str(check.token)})

    saved = SiteAudit.objects.get()
    assert saved.method == AuditMethod.AUTOMATIC
    assert "проверял(а) Петрова А. А., заместитель директора, с автопроверкой." in \
        client.get(f"/siteaudit/{saved.pk}/").content.decode()


def test_the_progress_page_while_the_check_waits(client, world):
    check = SiteCheck.objects.create(school=world.school, site_url="https://s1.example.ru", status=CheckStatus.RUNNING,
                                     done=7, total=14)
    client.force_login(world.users["deputy"])

    html = client.get(f"/siteaudit/check/{check.token}/").content.decode()
    state = client.get(f"/siteaudit/check/{check.token}/progress.json").json()

    assert f'data-progress-url="/siteaudit/check/{check.token}/progress.json"' in html
    assert "проверено 7 из 14 подразделов" in html
    assert (state["stage"], state["percent"], state["finished"]) == ("проверено 7 из 14 подразделов", 50, False)
    assert client.get(f"/siteaudit/new/?school=s1&check={check.token}").url == f"/siteaudit/check/{check.token}/"


def test_another_school_s_check_is_not_found(client, world):
    check = SiteCheck.objects.create(school=world.other_school, site_url="https://s2.example.ru")
    client.force_login(world.users["deputy"])
    assert client.get(f"/siteaudit/check/{check.token}/").status_code == 404


def test_a_site_that_cannot_be_reached_is_named_with_the_reason(client, world, immediate_tasks):
    client.force_login(world.users["deputy"])
    data = form(site_url="http://127.0.0.1:9/") | {"action": "check", "status__common": ""}

    html = client.post("/siteaudit/new/?school=s1", data, follow=True).content.decode()

    assert ("Сайт http://127.0.0.1:9/ не удалось проверить: соединение отклонено. Статусы не изменены" in html)
    assert selected(html, "common") == ""
    assert not SiteAudit.objects.exists()


def test_a_check_without_an_address_is_refused_at_once(client, world):
    client.force_login(world.users["deputy"])
    html = client.post("/siteaudit/new/?school=s1", form(site_url="") | {"action": "check"}).content.decode()
    assert "Укажите адрес официального сайта, чтобы проверить его автоматически." in html
    assert not SiteCheck.objects.exists()


def test_editing_keeps_the_statuses_and_deleting_is_journaled(client, world):
    made = audit(world.school, datetime.date(2025, 3, 3), {"inter": ItemStatus.NOT_REQUIRED})
    client.force_login(world.users["director"])

    html = client.get(f"/siteaudit/{made.pk}/edit/").content.decode()
    assert selected(html, "inter") == ItemStatus.NOT_REQUIRED
    assert selected(html, "common") == ItemStatus.PLACED

    assert client.post(f"/siteaudit/{made.pk}/delete/").status_code == 302
    assert not SiteAudit.objects.exists()
    assert AuditEntry.objects.get(object_type="site_audit").details["действие"] == "удалён аудит сайта"


def test_the_act_in_word_and_excel(client, world):
    made = audit(world.school, datetime.date(2025, 3, 3), {"catering.menu": ItemStatus.OUTDATED})
    made.fix_deadline = datetime.date(2025, 4, 1)
    made.save()
    client.force_login(world.users["observer"])  # the municipal specialist reads it too

    docx = client.get(f"/siteaudit/{made.pk}/act.docx")
    xlsx = client.get(f"/siteaudit/{made.pk}/act.xlsx")

    n = len(all_codes())
    assert docx.status_code == 200 and xlsx.status_code == 200
    paragraphs = docx_paragraphs(docx.content)
    assert "Акт аудита официального сайта" in paragraphs
    assert f"Размещено {n - 1} из {n} обязательных пунктов перечня ({(n - 1) * 100 / n:.1f} %); замечаний: 1."\
        .replace(".", ",", 1) in paragraphs
    remarks = [row for row in docx_rows(docx.content) if row[0] == "1" and row[2].endswith(": устарело")]
    assert remarks == [["1", "Организация питания в образовательной организации",
                        "Меню ежедневного горячего питания: устарело", ""]]
    assert "Замечания устранить до 01.04.2025; об устранении сообщить проводившему аудит (Петрова А. А.)." in paragraphs
    assert ["", "Документы", "", ""] in [[str(c or "") for c in row] for row in xlsx_rows(xlsx.content)]
    exports = AuditEntry.objects.filter(object_type="site_audit", action=AuditAction.EXPORT)
    assert sorted(e.details["формат"] for e in exports) == ["docx", "xlsx"]


def test_the_municipal_table_shows_each_school_s_last_audit(client, world):
    made = audit(world.school, datetime.date(2025, 3, 3), {"document.charter": ItemStatus.MISSING,
                                                           "document.vsoko": ItemStatus.OUTDATED})
    made.fix_deadline = datetime.date(2025, 4, 1)  # long past
    made.save()
    client.force_login(world.users["observer"])

    html = client.get("/siteaudit/schools/").content.decode()

    n = len(all_codes())
    assert f'<td><a href="/siteaudit/{made.pk}/">03.03.2025</a></td><td>вручную</td>' in html
    assert "Проведён хотя бы один аудит: 1 из 2 школ." in html
    assert f"{n - 2} из {n}" in html
    assert "не проводился" in html  # s2
    assert '01.04.2025 <span class="badge badge--invalid">срок прошёл</span>' in html


def test_a_new_audit_takes_the_address_of_the_last_one(client, world):
    audit(world.school, datetime.date(2025, 3, 3), {})
    client.force_login(world.users["director"])

    html = client.get("/siteaudit/new/?school=s1").content.decode()

    assert 'value="https://s1.example.ru"' in html
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in html


@pytest.mark.parametrize(("role", "link"), [("observer", "/siteaudit/schools/"), ("deputy", "/siteaudit/")])
def test_the_menu_opens_the_municipal_summary_for_the_observer(client, world, role, link):
    client.force_login(world.users[role])

    menu = re.search(r'<nav class="mainnav".*?</nav>', client.get("/").content.decode(), re.S).group(0)

    assert re.findall(r'href="(/siteaudit/[^"]*)"', menu) == [link]


def test_the_municipal_table_says_how_each_last_audit_was_made(client, world):
    audit(world.school, datetime.date(2025, 3, 3), {})
    later = audit(world.other_school, datetime.date(2025, 5, 12), {})
    later.method = AuditMethod.AUTOMATIC
    later.save()
    client.force_login(world.users["observer"])

    html = client.get("/siteaudit/schools/").content.decode()

    assert f'<td><a href="/siteaudit/{later.pk}/">12.05.2025</a></td><td>с автопроверкой</td>' in html
    assert "Проведён хотя бы один аудит: 2 из 2 школ." in html


def test_marking_the_unmarked_after_the_check_keeps_the_site_s_answers_and_skips_the_missing_subsections(
        client, world):
    # After «Проверить сайт автоматически» the check's «Ответы сайта» vanished on «Отметить неотмеченные
    # «размещено»», the moment they are needed to mark what is missing; and the items of a subsection whose page the
    # site does not have («не размещено») were marked «размещено».
    check = SiteCheck.objects.create(school=world.school, site_url="https://s1.example.ru", status=CheckStatus.DONE,
                                     done=14, total=14, probes=[{
                                         "section": "inter", "url": "https://s1.example.ru/sveden/inter",
                                         "status": "missing", "documents": [], "note": "",
                                         "message": "https://s1.example.ru/sveden/inter: страницы нет (ответ 404)."}])
    client.force_login(world.users["deputy"])
    data = {k: v for k, v in form().items() if not k.startswith("status__")} | {
        "status__inter": ItemStatus.MISSING, "check": str(check.token), "action": "fill"}

    html = client.post(f"/siteaudit/new/?school=s1&check={check.token}", data, follow=True).content.decode()

    assert "https://s1.example.ru/sveden/inter: страницы нет (ответ 404)." in html  # «Ответы сайта» stay
    assert selected(html, "inter.agreements") == ""  # under a subsection not on the site: left to decide
    assert selected(html, "common.info") == ItemStatus.PLACED
    n = len(all_codes())
    assert (f"Отмечено «размещено»: {n - 2}. Не отмечены пункты подразделов, которых нет на сайте: "
            "«Международное сотрудничество» — отметьте их сами") in html
    assert f'<input type="hidden" name="check" value="{check.token}">' in html


def test_a_key_document_whose_link_does_not_open_is_named_above_the_form(client, world, site, immediate_tasks):
    # «Правила приёма обучающихся» linked on the site's page but answering 404 was one line among thirty in
    # «Ответы сайта»; the notes above the form named only the documents out of date.
    client.force_login(world.users["deputy"])
    client.post("/siteaudit/new/?school=s1", form(site_url=site) | {"action": "check"})
    check = SiteCheck.objects.get()

    html = client.get(f"/siteaudit/new/?school=s1&check={check.token}").content.decode()

    assert ("Не открываются ссылки на документы перечня — проверьте, размещены ли они: «Правила приёма обучающихся» "
            "— ответ 404.") in html
    assert f"({site}sveden/document/priem.doc): документ не открывается — ответ 404." in html  # «Ответы сайта»
    assert selected(html, "document.admission") == ItemStatus.PLACED  # as typed: the status is the user's to set
