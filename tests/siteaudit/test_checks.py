"""«Проверить сайт автоматически» as a queued task, run for real (the immediate backend runs it as the worker
would) against the local site (conftest.site)."""

import datetime

import pytest
from django.utils import timezone

from vsoko.siteaudit.checklist import items_by_code
from vsoko.siteaudit.checks import prefill, progress_of, start_check
from vsoko.siteaudit.documents import outdated
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


def test_the_form_is_prefilled_from_the_outcome(world, site):
    check = start_check(school=world.school, user=world.users["deputy"], site_url=site)
    check.refresh_from_db()
    typed = {"auditor": "Петрова А. А.", "status__common": "", "status__document.self_exam": ItemStatus.PLACED,
             "comment__document.collective_agreement": "продлён до 2027 года", "link__document.charter": ""}

    data = prefill(check, typed)

    assert data["auditor"] == "Петрова А. А."
    assert data["status__common"] == ItemStatus.PLACED
    assert data["status__managers"] == ItemStatus.MISSING
    assert data["status__document.self_exam"] == ItemStatus.OUTDATED  # «от 15.04.2025»: due since 20.04.2026
    # The task checks as of today; the words for a given day are test_documents' (fixed dates).
    why = outdated(items_by_code()["document.self_exam"].fresh, datetime.date(2025, 4, 15), timezone.localdate())
    assert why.startswith("документ от 15.04.2025, а после 20.04.")
    assert data["comment__document.self_exam"] == f"Возможно, устарел: {why}"
    assert data["status__document.collective_agreement"] == ItemStatus.OUTDATED
    assert data["comment__document.collective_agreement"] == "продлён до 2027 года"  # typed: kept
    assert data["link__document.charter"] == f"{site}sveden/document/ustav.pdf"
    assert "status__document.charter" not in data  # a document answering: its status is the auditor's
    assert "link__document.admission" not in data  # 404: no link suggested
