"""A document is read in a child process under limits of CPU time, memory and wall time (vsoko.siteaudit.parsing):
a pathological PDF — 4 KB, some 7 s of pypdf on an idle machine — is stopped, the rest of the check goes on."""

import datetime
import os
import subprocess
import sys
import time

import pytest

from tests.siteaudit.conftest import documents, heavy_pdf
from tests.siteaudit.test_views import immediate_tasks  # noqa: F401 — a fixture used by a test
from vsoko.siteaudit import documents as documents_module
from vsoko.siteaudit.checklist import sections
from vsoko.siteaudit.contents import Unreadable
from vsoko.siteaudit.models import SiteCheck
from vsoko.siteaudit.parsing import Limits, Overran, limits, read_limited

TODAY = datetime.date(2026, 5, 10)
DOCUMENTS = next(s for s in sections() if s.code == "document")


def test_a_normal_pdf_is_read_in_the_child_as_in_the_worker():
    found = read_limited(documents()["files/samo.pdf"], ".pdf", Limits(5, 512, 30))

    assert (found.calendar_year, found.approved) == (2024, datetime.date(2025, 4, 14))
    assert found.signature.startswith("отметка об электронной подписи (сертификат 01A2B3C4D5E6F708090A0B0C0D0E0F10")


def test_what_the_parser_says_of_a_broken_file_comes_back():
    with pytest.raises(Unreadable, match="^файл не читается как PDF$") as raised:
        read_limited(b"<html>404</html>", ".pdf", Limits(5, 512, 30))
    assert not isinstance(raised.value, Overran)


def test_a_pathological_pdf_is_stopped_at_its_cpu_limit():
    start = time.monotonic()
    with pytest.raises(Overran, match="^разбор занял больше 1 с$"):
        read_limited(heavy_pdf(), ".pdf", Limits(1, 512, 60))
    assert time.monotonic() - start < 30  # not the whole parse; the kernel stopped it at 1 s of CPU


def test_a_child_that_outlives_the_wall_time_is_killed():
    start = time.monotonic()
    with pytest.raises(Overran, match="^разбор занял больше 1.5 с$"):
        read_limited(heavy_pdf(), ".pdf", Limits(60, 512, 1.5))
    assert time.monotonic() - start < 10  # not the whole parse: 7 s of CPU, far more on a busy machine


def test_a_pathological_pdf_is_stopped_at_its_memory_limit():
    # 300 000 text operators take some 130 MB; the interpreter with pypdf alone, some 60 MB of address space.
    with pytest.raises(Overran, match="^разбор потребовал больше 100 МБ памяти$"):
        read_limited(heavy_pdf(), ".pdf", Limits(60, 100, 60))


def test_the_limits_come_from_the_environment(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "vsoko.settings", "VSOKO_DATA_DIR": str(tmp_path),
           "VSOKO_SITEAUDIT_PARSE_SECONDS": "3", "VSOKO_SITEAUDIT_PARSE_MEMORY_MB": "256"}
    done = subprocess.run([sys.executable, "-c", "from vsoko.siteaudit.parsing import limits; print(limits())"],
                          env=env, capture_output=True, text=True, check=True)

    assert done.stdout.strip() == "Limits(cpu_seconds=3, memory_mb=256, wall_seconds=8)"  # wall: 2 × 3 + 2


def test_the_defaults():
    assert limits() == Limits(5, 512, 12)


def test_a_stopped_document_is_said_and_the_next_one_is_read(site, tmp_path, settings):
    settings.VSOKO_SITEAUDIT_PARSE_SECONDS = 1
    (tmp_path / "files/heavy.pdf").write_bytes(heavy_pdf())
    html = ("<a href='files/heavy.pdf'>Положение о ВСОКО</a>"
            "<a href='sveden/document/ustav.pdf'>Устав</a>")

    checks, note = documents_module.check_documents(html, site, DOCUMENTS, TODAY, timeout=3)

    heavy, charter = checks
    assert (heavy.answered, heavy.unread, heavy.overran, heavy.unsigned) == (
        True, "разбор занял больше 1 с", True, False)
    assert heavy.message.startswith(f"«Положение о ВСОКО» ({site}files/heavy.pdf): открывается, от ")
    assert heavy.message.endswith("; текст не прочитан: разбор занял больше 1 с.")
    assert (charter.approved, charter.overran) == ("2024-03-12", False)
    assert note == ""


@pytest.mark.django_db
@pytest.mark.usefixtures("immediate_tasks")
def test_the_form_after_the_check_names_the_document_not_read(client, world, site, tmp_path, settings):
    settings.VSOKO_SITEAUDIT_PARSE_SECONDS = 1
    (tmp_path / "files/heavy.pdf").write_bytes(heavy_pdf())
    page = tmp_path / "sveden/document/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</body>", "<p><a href='/files/heavy.pdf'>Положение о ВСОКО</a></p></body>"), encoding="utf-8")
    client.force_login(world.users["deputy"])
    client.post("/siteaudit/new/?school=s1", {"site_url": site, "date": "2026-05-10", "auditor": "Петрова А. А.",
                                              "action": "check"})
    check = SiteCheck.objects.get()

    html = client.get(f"/siteaudit/new/?school=s1&check={check.token}").content.decode()

    assert "Документ «Положение о ВСОКО» не прочитан: разбор занял больше 1 с." in html
    assert f"({site}files/heavy.pdf): открывается" in html  # «Ответы сайта»
    assert "дата утверждения 12.03.2024" in html  # the charter, linked before it, read
    assert "в тексте: за 2024 год" in html  # the report, linked after it, read
