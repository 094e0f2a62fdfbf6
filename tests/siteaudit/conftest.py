"""The personas' world (tests/plan: core catalog only; schools s1 and s2 of one municipality) and a real local
web site: http.server in a thread serving a small tree of /sveden pages."""

from __future__ import annotations

import datetime
import functools
import http.server
import os
import threading
import time
from pathlib import Path

import pytest

from tests.plan.conftest import world  # noqa: F401 — a fixture used by the tests
from vsoko.siteaudit.checklist import sections
from vsoko.siteaudit.enums import ItemStatus
from vsoko.siteaudit.models import AuditItem, SiteAudit

# The fixture site: «Основные сведения» and «Документы» have pages with text, «Структура» a page without text
# (only markup), «Финансово-хозяйственная деятельность» redirects to another host, «Вакантные места» answers
# too late, «Стипендии» trickles its page byte by byte, «Платные услуги» fails with 500; every other subsection is absent (404).
# «Документы» links six documents: the charter (answers), the self-examination report «от 15.04.2025» (out of date
# since 20.04.2026), the collective agreement last modified on 10.01.2020 (older than three years), the admission
# rules (404), the curriculum on a server that refuses HEAD (405: a ranged GET answers), and a document on another
# site (not followed).
SLOW = "/sveden/vacant"
SLOW_SECONDS = 2.5
TRICKLE = "/sveden/grants"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.VSOKO_SITEAUDIT_ALLOW_INTERNAL = True  # the fixture site is on 127.0.0.1


def _tree(root: Path) -> None:
    pages = {
        "sveden/common/index.html": "<html><body><h1>Основные сведения</h1><p>МБОУ «Школа №1»</p></body></html>",
        "sveden/document/index.html": (
            "<html><body><a href='ustav.pdf'>Устав</a>"
            "<p><a href='/files/samo.pdf'>Отчёт о результатах самообследования</a> от 15.04.2025 г.</p>"
            "<p><a href='kd.docx'>Коллективный договор</a></p>"
            "<p><a href='priem.doc'>Правила приёма обучающихся</a></p>"
            "<p><a href='/nohead/plan.pdf'>Учебный план</a></p>"
            "<p><a href='https://gosuslugi.example/licence.pdf'>Выписка из реестра лицензий</a></p></body></html>"),
        "sveden/document/ustav.pdf": "%PDF-1.4 устав",
        "files/samo.pdf": "%PDF-1.4 отчёт",
        "sveden/document/kd.docx": "PK коллективный договор",
        "nohead/plan.pdf": "%PDF-1.4 учебный план",
        "sveden/struct/index.html": "<html><head><style>p{}</style></head><body> <div></div> </body></html>",
    }
    for path, text in pages.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    old = datetime.datetime(2020, 1, 10, 12, tzinfo=datetime.UTC).timestamp()
    os.utime(root / "sveden/document/kd.docx", (old, old))
    fresh = datetime.datetime(2026, 1, 20, 12, tzinfo=datetime.UTC).timestamp()
    os.utime(root / "sveden/document/ustav.pdf", (fresh, fresh))


class Handler(http.server.SimpleHTTPRequestHandler):
    def do_HEAD(self):
        if self.path.startswith("/nohead/"):
            self.send_error(405)
            return
        super().do_HEAD()

    def do_GET(self):
        if self.path.startswith("/sveden/budget"):
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.2:{self.server.server_port}/budget.html")
            self.end_headers()
            return
        if self.path.startswith(SLOW):
            time.sleep(SLOW_SECONDS)
        if self.path.startswith(TRICKLE):
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            try:
                for _ in range(10):  # a byte every 0.2 s: each read is in time, the page in all is not
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                pass
            return
        if self.path.startswith("/sveden/paid_edu"):
            self.send_error(500)
            return
        super().do_GET()

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture
def site(tmp_path):
    """The address of the running fixture site, «http://127.0.0.1:PORT/»."""
    _tree(tmp_path)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def all_codes() -> list[str]:
    return [item.code for section in sections() for item in section.items]


def audit(school, day: datetime.date, statuses: dict[str, str], default: str = ItemStatus.PLACED) -> SiteAudit:
    """An audit with every checklist item: `statuses` for some, `default` for the rest."""
    made = SiteAudit.objects.create(school=school, date=day, auditor="Петрова А. А.", site_url="https://s1.example.ru")
    AuditItem.objects.bulk_create([AuditItem(audit=made, code=code, status=statuses.get(code, default))
                                   for code in all_codes()])
    return made
