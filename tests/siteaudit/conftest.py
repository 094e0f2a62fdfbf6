"""The personas' world (tests/plan: core catalog only; schools s1 and s2 of one municipality) and a real local
web site: http.server in a thread serving a small tree of /sveden pages."""

from __future__ import annotations

import datetime
import functools
import http.server
import io
import os
import threading
import time
import zipfile
from pathlib import Path

import pytest

from tests.plan.conftest import world  # noqa: F401 — a fixture used by the tests
from vsoko.siteaudit.checklist import sections
from vsoko.siteaudit.enums import ItemStatus
from vsoko.siteaudit.models import AuditItem, SiteAudit

# The fixture site: «Основные сведения», «Документы» and «Образование» have pages with text, «Структура» a page without
# text (only markup), «Финансово-хозяйственная деятельность» redirects to another host, «Вакантные места» answers
# too late, «Стипендии» trickles its page byte by byte, «Платные услуги» fails with 500; every other subsection is
# absent (404).
# «Документы» links seven documents, real PDF and DOCX files (documents()): the charter (a PDF approved «от
# 12.03.2024», no mark of a signature), the self-examination report «от 15.04.2025» in the link, «за 2024 год» in its
# text with the stamp of an electronic signature (out of date since 20.04.2026), the collective agreement (a DOCX
# signed in Word, last modified on 10.01.2020: older than three years), the admission rules (404), a prescription
# scanned (a PDF without text), an order in DOC on a server that refuses HEAD (405: a ranged GET answers), and a
# document on another site (not followed).
# «Образование» links the curriculum «на 2025/2026 учебный год» (a PDF with a signature embedded: out of date since
# 01.09.2026) and the calendar «на 2026/2027 учебный год» (a DOCX, «Приказ № 12 от 29.08.2026», unsigned).
SLOW = "/sveden/vacant"
SLOW_SECONDS = 2.5
TRICKLE = "/sveden/grants"
TRICKLE_DOCUMENT = "/slow/"  # a document trickled as «Стипендии» is (not linked from the pages)
STAMP = ("ДОКУМЕНТ ПОДПИСАН ЭЛЕКТРОННОЙ ПОДПИСЬЮ<br>Сертификат: 01A2B3C4D5E6F708090A0B0C0D0E0F10<br>"
         "Владелец: Иванова Ирина Ивановна<br>Действителен с 01.02.2025 по 01.05.2026")


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.VSOKO_SITEAUDIT_ALLOW_INTERNAL = True  # the fixture site is on 127.0.0.1


def pdf(html: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=f"<html><body>{html}</body></html>").write_pdf()


def signed_pdf(html: str) -> bytes:
    """A PDF with a signature field holding a value, as a signing program leaves it (the signature's bytes are not
    checked: only that the file is signed)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf(html))))
    value = DictionaryObject({NameObject("/Type"): NameObject("/Sig"), NameObject("/Filter"): NameObject("/Adobe.PPKLite"),
                              NameObject("/ByteRange"): ArrayObject([NumberObject(0)] * 4)})
    field = DictionaryObject({NameObject("/FT"): NameObject("/Sig"), NameObject("/T"): TextStringObject("Подпись"),
                              NameObject("/V"): writer._add_object(value)})
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject([writer._add_object(field)])})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx(*paragraphs: str, signed: bool = False) -> bytes:
    """A DOCX of python-docx; `signed`: with the part Word's «Добавить цифровую подпись» adds."""
    import docx as python_docx

    document = python_docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    if signed:
        with zipfile.ZipFile(out, "a") as archive:
            archive.writestr("_xmlsignatures/sig1.xml", "<Signature xmlns='http://www.w3.org/2000/09/xmldsig#'/>")
    return out.getvalue()


@functools.cache
def documents() -> dict[str, bytes]:
    """The fixture site's documents, made once a test run."""
    return {
        "sveden/document/ustav.pdf": pdf("<h1>УСТАВ</h1><p>муниципального бюджетного общеобразовательного учреждения "
                                         "«Школа № 1»</p><p>УТВЕРЖДЁН приказом управления образования от 12.03.2024 "
                                         "№ 45</p>"),
        "files/samo.pdf": pdf("<h1>Отчёт о результатах самообследования МБОУ «Школа № 1» за 2024 год</h1>"
                              f"<p>Утверждено приказом директора от 14.04.2025 № 30</p><p>{STAMP}</p>"),
        "sveden/document/kd.docx": docx("Коллективный договор МБОУ «Школа № 1» на 2020–2023 годы",
                                        "Принят на общем собрании работников", signed=True),
        "files/scan.pdf": pdf("<div style='width: 10cm; height: 14cm; background: #999'></div>"),
        "nohead/prikaz.doc": b"\xd0\xcf\x11\xe0 a DOC",
        "nohead/plan.pdf": signed_pdf("<h1>Учебный план МБОУ «Школа № 1» на 2025/2026 учебный год</h1><p>УТВЕРЖДАЮ "
                                      "Директор ______ И. И. Иванова «29» августа 2025 г.</p>"),
        "sveden/education/kug.docx": docx("Календарный учебный график на 2026/2027 учебный год",
                                          "Утверждён: Приказ № 12 от 29.08.2026"),
    }


def _tree(root: Path) -> None:
    pages = {
        "sveden/common/index.html": "<html><body><h1>Основные сведения</h1><p>МБОУ «Школа №1»</p></body></html>",
        "sveden/document/index.html": (
            "<html><body><a href='ustav.pdf'>Устав</a>"
            "<p><a href='/files/samo.pdf'>Отчёт о результатах самообследования</a> от 15.04.2025 г.</p>"
            "<p><a href='kd.docx'>Коллективный договор</a></p>"
            "<p><a href='priem.doc'>Правила приёма обучающихся</a></p>"
            "<p><a href='/files/scan.pdf'>Предписание Рособрнадзора</a></p>"
            "<p><a href='/nohead/prikaz.doc'>Приказ о каникулах</a></p>"
            "<p><a href='https://gosuslugi.example/licence.pdf'>Выписка из реестра лицензий</a></p></body></html>"),
        "sveden/education/index.html": (
            "<html><body><h1>Образование</h1><p><a href='/nohead/plan.pdf'>Учебный план</a></p>"
            "<p><a href='kug.docx'>Календарный учебный график</a></p></body></html>"),
        "sveden/struct/index.html": "<html><head><style>p{}</style></head><body> <div></div> </body></html>",
    }
    for path, text in pages.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    for path, body in documents().items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(body)
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
        if self.path.startswith(TRICKLE) or self.path.startswith(TRICKLE_DOCUMENT):
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


def heavy_pdf(operators: int = 300_000) -> bytes:
    """A pathological PDF: one page whose content stream shows a letter `operators` times — 4 KB compressed, some
    7 s of pypdf's text extraction (20 µs an operator) and 130 MB on an idle machine."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 12 Tf 10 10 Td " + b"(a) Tj " * operators + b"ET")
    page[NameObject("/Contents")] = writer._add_object(stream.flate_encode())
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
