"""«Проверить сайт автоматически» as a queued task, run for real (the immediate backend runs it as the worker
would) against the local site (conftest.site)."""

import datetime

import pytest
from django.utils import timezone

from vsoko.siteaudit.checks import prefill, progress_of, start_check, suggested_unsigned
from vsoko.siteaudit.enums import CheckStatus, ItemStatus
from vsoko.siteaudit.models import SiteCheck
from vsoko.siteaudit.probe import probe_site

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def test_the_task_checks_the_site_and_records_the_outcome(world, site):
    check = start_check(school=world.school, user=world.users["deputy"], site_url=site)

    check.refresh_from_db()
    assert (check.status, check.done, check.total, check.error) == (CheckStatus.DONE, 14, 14, "")
    assert check.finished is not None
    probes = {p["section"]: p for p in check.probes}
    assert probes["managers"]["status"] == ItemStatus.MISSING
    assert probes["common"]["status"] == ItemStatus.PLACED
    assert progress_of(check) | {} == {"status": "done", "status_label": "проверено", "finished": True, "done": 14,
                                       "total": 14, "percent": 100, "stage": "проверено 14 из 14 подразделов"}


def test_the_progress_counts_the_subsections_as_each_ends(site):
    calls = []
    probe_site(site, timeout=3, allow_internal=True, on_done=lambda done, total: calls.append((done, total)))
    assert calls == [(n, 14) for n in range(1, 15)]


def test_the_progress_while_it_runs_and_while_it_waits(world):
    running = SiteCheck(school=world.school, site_url="https://s.ru", status=CheckStatus.RUNNING, done=7, total=14)
    assert progress_of(running)["stage"] == "проверено 7 из 14 подразделов"
    assert (progress_of(running)["percent"], progress_of(running)["finished"]) == (50, False)
    queued = SiteCheck(school=world.school, site_url="https://s.ru", total=14)
    assert (progress_of(queued)["stage"], progress_of(queued)["percent"]) == ("в очереди", 0)


def test_an_internal_address_fails_the_check_with_a_clear_message(world, settings):
    settings.VSOKO_SITEAUDIT_ALLOW_INTERNAL = False
    check = start_check(school=world.school, user=world.users["deputy"], site_url="http://127.0.0.1:9/")

    check.refresh_from_db()
    assert check.status == CheckStatus.FAILED
    assert check.error == ("«127.0.0.1» — адрес во внутренней сети (127.0.0.1): автоматически проверяются только "
                           "сайты в интернете.")
    assert progress_of(check)["stage"] == "проверка не удалась"


def test_a_site_that_answers_nothing_fails_the_check(world):
    check = start_check(school=world.school, user=world.users["deputy"], site_url="http://127.0.0.1:9/")
    check.refresh_from_db()
    assert check.status == CheckStatus.FAILED
    assert check.error.startswith("Сайт http://127.0.0.1:9/ не удалось проверить: соединение отклонено. Статусы "
                                  "не изменены")


def test_the_form_is_prefilled_from_the_outcome(world, site, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2026, 12, 7))  # the task checks as of today
    check = start_check(school=world.school, user=world.users["deputy"], site_url=site)
    check.refresh_from_db()
    typed = {"auditor": "Петрова А. А.", "status__common": "", "status__document.self_exam": ItemStatus.PLACED,
             "comment__document.collective_agreement": "продлён до 2027 года", "link__document.charter": ""}

    data = prefill(check, typed)

    assert data["auditor"] == "Петрова А. А."
    assert data["status__common"] == ItemStatus.PLACED
    assert data["status__managers"] == ItemStatus.MISSING
    assert data["status__document.self_exam"] == ItemStatus.OUTDATED  # «за 2024 год»: due since 20.04.2026
    # Signed (the stamp in its text): the comment names only the date.
    assert data["comment__document.self_exam"] == ("Возможно, устарел: отчёт за 2024 год, а после 20.04.2026 нужен "
                                                   "отчёт за 2025 год")
    assert data["status__document.collective_agreement"] == ItemStatus.OUTDATED
    assert data["comment__document.collective_agreement"] == "продлён до 2027 года"  # typed: kept
    assert data["link__document.charter"] == f"{site}sveden/document/ustav.pdf"
    assert "status__document.charter" not in data  # a document answering: its status is the auditor's
    assert data["comment__document.charter"] == "Нет отметки об электронной подписи"  # a suggestion only
    assert "link__document.admission" not in data  # 404: no link suggested
    assert data["status__education.curriculum"] == ItemStatus.OUTDATED  # «на 2025/2026 учебный год»
    assert data["comment__education.curriculum"] == ("Возможно, устарел: документ на 2025/2026 учебный год, а идёт "
                                                     "2026/2027 учебный год")  # signed in the file
    assert "status__education.calendar" not in data  # «на 2026/2027 учебный год»: current
    assert data["comment__education.calendar"] == "Нет отметки об электронной подписи"
    assert "comment__document.prescriptions" not in data  # a scan: nothing to say of its signature
    assert suggested_unsigned(check) == (["Устав", "Календарный учебный график"], 0)


def test_an_outdated_and_unsigned_key_document_gets_both_remarks(world):
    check = SiteCheck.objects.create(school=world.school, site_url="https://s.ru", status=CheckStatus.DONE, probes=[{
        "section": "document", "url": "https://s.ru/sveden/document", "status": "placed", "message": "", "note": "",
        "documents": [{"url": "https://s.ru/a.pdf", "text": "Отчёт о самообследовании", "item": "document.self_exam",
                       "answered": True, "date": "", "date_source": "", "outdated": "отчёт за 2023 год, а …",
                       "basis": "", "message": "", "covered": "за 2023 год", "unsigned": True},
                      {"url": "https://s.ru/b.pdf", "text": "Приказ", "item": "", "answered": True, "date": "",
                       "date_source": "", "outdated": "", "basis": "", "message": "", "unsigned": True}]}])

    data = prefill(check, {})

    assert data["comment__document.self_exam"] == ("Возможно, устарел: отчёт за 2023 год, а …; нет отметки об "
                                                   "электронной подписи")
    assert suggested_unsigned(check) == (["Отчёт о результатах самообследования"], 1)
