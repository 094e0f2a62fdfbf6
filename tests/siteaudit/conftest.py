"""The personas' world (tests/plan: core catalog only; schools s1 and s2 of one municipality) and a real local
web site: http.server in a thread serving a small tree of /sveden pages."""

from __future__ import annotations

import datetime
import functools
import http.server
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
SLOW = "/sveden/vacant"
SLOW_SECONDS = 2.5
TRICKLE = "/sveden/grants"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SITEAUDIT_ALLOW_INTERNAL = True  # the fixture site is on 127.0.0.1


def _tree(root: Path) -> None:
    pages = {
        "sveden/common/index.html": "<html><body><h1>Основные сведения</h1><p>МБОУ «Школа №1»</p></body></html>",
        "sveden/document/index.html": "<html><body><a href='ustav.pdf'>Устав</a></body></html>",
        "sveden/struct/index.html": "<html><head><style>p{}</style></head><body> <div></div> </body></html>",
    }
    for path, text in pages.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")


class Handler(http.server.SimpleHTTPRequestHandler):
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
