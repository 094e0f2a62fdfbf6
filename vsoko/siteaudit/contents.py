"""What a document linked from the site says of itself, read from its text (PDF by pypdf, DOCX from its XML): the
year it covers («за 2025 год», «на 2025/2026 учебный год»), the day it was approved («Утверждено приказом от
30.08.2025 № 12», «приказ № 12 от 30.08.2025», «УТВЕРЖДАЮ … «30» августа 2025 г.»), and whether it bears a mark of
an electronic signature: the stamp a signing service prints on a PDF (the elements of ГОСТ Р 7.0.97-2016: «Документ
подписан электронной подписью», the certificate's number, its owner, «Действителен с … по …») or a signature
embedded in the file.

All of it is a hint for the auditor, never a verdict: a scan (a copy of a paper document, which the site may
post) has no text to read, and a document's words may quote another's. Only the first and the last pages of a
PDF are read: the title, the approval and the signature's stamp are there."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass

from defusedxml import ElementTree
from pypdf import PdfReader

FIRST_PAGES, LAST_PAGES = 3, 2
UNPACKED_CAP = 30_000_000  # bytes of a DOCX's parts unpacked: a zip bomb is refused
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря")
_DAY = r"(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)"  # 30.08.2025
_DAY_IN_WORDS = rf"«?\s*(\d{{1,2}})\s*»?\s+({'|'.join(_MONTHS)})\s+((?:19|20)\d\d)"  # «30» августа 2025
_ANY_DAY = re.compile(rf"{_DAY}|{_DAY_IN_WORDS}", re.IGNORECASE)
_CALENDAR_YEAR = re.compile(r"\bза\s+((?:19|20)\d\d)\s*(?:календарный\s+)?(?:год\b|г\.|г\b)", re.IGNORECASE)
_SCHOOL_YEAR = re.compile(r"((?:19|20)\d\d)\s*[/–—-]\s*((?:19|20)\d\d)\s*(?:г\.\s*)?(?:учебн\w*\s+год|уч\.\s*г)"
                          r"|учебн\w*\s+год\w*\s*:?\s*((?:19|20)\d\d)\s*[/–—-]\s*((?:19|20)\d\d)", re.IGNORECASE)
# The document's own approval: «УТВЕРЖДЕНО», «УТВЕРЖДЁН(А)», «УТВЕРЖДАЮ» — not «утвержденным приказом Минобрнауки»,
# a report's reference to the act it follows.
_APPROVAL = re.compile(r"\bутвержд(?:аю|ен|ена|ено|ены)\b", re.IGNORECASE)
APPROVAL_WINDOW = 160  # characters after «утверждено» searched for its date
# The school's order: «Приказ № 12 от 31.08.2025», «приказом директора от 31.08.2025 № 12», an order's own heading
# «ПРИКАЗ 31.08.2025 № 12» — not «приказом Минобрнауки России от 14.06.2013 № 462».
_ORDER = re.compile(rf"\bприказ(?:ом)?\s+(?:(?:директора|по\s+школе|по\s+учреждению)\s+)?(?:№\s*[\w./-]+\s+)?"
                    rf"(?:от\s+)?(?:{_DAY}|{_DAY_IN_WORDS})", re.IGNORECASE)
_SIGNED = re.compile(r"подписан\w*\s+(?:\w+\s+){0,3}?(?:электронн\w*\s+(?:цифров\w*\s+)?подпись\w*|эцп|эп)\b",
                     re.IGNORECASE)
_CERTIFICATE = re.compile(r"(?:сертификат\w*|серийный\s+номер(?:\s+сертификата)?)\s*"
                          r"(?:№|:|ключа\s+(?:проверки\s+)?(?:эп|электронной\s+подписи)\s*:?)?\s*"
                          r"([0-9a-f]{2}(?:\s?[0-9a-f]{2}){7,})", re.IGNORECASE)
_OWNER = re.compile(r"владелец\s*:?\s*([^\n]{3,80})", re.IGNORECASE)
_VALID = re.compile(rf"(?:действител\w*|срок\s+действия)\s*:?\s*с\s+{_DAY}\s+(?:г\.\s*)?(?:по|до)\s+{_DAY}",
                    re.IGNORECASE)


class Unreadable(ValueError):
    """The document's text cannot be read; the message says why, in Russian."""


@dataclass(frozen=True)
class Contents:
    calendar_year: int | None  # «за 2025 год»
    school_year: int | None  # «2025/2026 учебный год» → 2025, its first year
    approved: datetime.date | None
    signature: str  # the mark found, in words; «» — none

    @property
    def covered(self) -> str:
        if self.calendar_year:
            return f"за {self.calendar_year} год"
        if self.school_year:
            return f"на {self.school_year}/{self.school_year + 1} учебный год"
        return ""


def read(body: bytes, suffix: str) -> Contents:
    """The contents of a PDF or DOCX file; Unreadable if there is no text in it (a scan) or it cannot be read."""
    text, embedded = pdf_text(body) if suffix == ".pdf" else docx_text(body)
    if not text.strip():
        raise Unreadable("в файле нет текста (скан или изображение)")
    return contents(text, embedded)


def pdf_text(body: bytes) -> tuple[str, bool]:
    """The text of the first and the last pages, and whether a signature is embedded in the file."""
    try:
        reader = PdfReader(io.BytesIO(body))
        if reader.is_encrypted and not _decrypted(reader):
            raise Unreadable("файл PDF зашифрован паролем")
        count = len(reader.pages)
        wanted = sorted({*range(min(FIRST_PAGES, count)), *range(max(count - LAST_PAGES, 0), count)})
        text = "\n".join(reader.pages[n].extract_text() or "" for n in wanted)
        embedded = _pdf_signed(reader)
    except Unreadable:
        raise
    except Exception as error:  # a file off the internet may be broken in any way the parser can fail
        raise Unreadable("файл не читается как PDF") from error
    return text, embedded


def _decrypted(reader) -> bool:
    """A PDF protected only from copying opens with an empty password (RC4 or AES: pypdf decrypts AES with the
    `cryptography` package, a dependency of vsoko for this)."""
    try:
        return bool(reader.decrypt(""))
    except Exception:
        return False


def _pdf_signed(reader) -> bool:
    """A signature field with a value: the file itself is signed (a signing program's «Подписать» in Acrobat)."""
    form = reader.trailer["/Root"].get("/AcroForm")
    fields = form.get_object().get("/Fields", []) if form else []
    for field in fields:
        field = field.get_object()
        if field.get("/FT") == "/Sig" and field.get("/V") is not None:
            return True
    return False


def docx_text(body: bytes) -> tuple[str, bool]:
    """The text of the body, headers and footers (text boxes too: stamps are drawn in them), and whether the file
    holds a signature of Word's «Добавить цифровую подпись» (its _xmlsignatures part)."""
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            names = archive.namelist()
            if sum(info.file_size for info in archive.infolist()) > UNPACKED_CAP:
                raise Unreadable("файл DOCX слишком велик в распакованном виде")
            parts = ["word/document.xml", *sorted(n for n in names if re.fullmatch(r"word/(header|footer)\d*\.xml", n))]
            lines = []
            for name in parts:
                if name in names:
                    lines += _docx_lines(archive.read(name))
    except Unreadable:
        raise
    except Exception as error:  # not a zip, a part missing or broken: any failure means the same to the auditor
        raise Unreadable("файл не читается как DOCX") from error
    return "\n".join(lines), any(n.startswith("_xmlsignatures/") for n in names)


def _docx_lines(xml: bytes) -> list[str]:
    lines: list[str] = []
    for element in ElementTree.fromstring(xml).iter():
        if element.tag == f"{_W}p":
            lines.append("")
        elif element.tag == f"{_W}t" and lines:
            lines[-1] += element.text or ""
        elif element.tag in (f"{_W}tab", f"{_W}br") and lines:
            lines[-1] += " "
    return lines


def contents(text: str, embedded: bool = False) -> Contents:
    flat = " ".join(text.replace("ё", "е").replace("Ё", "Е").split())
    return Contents(_calendar_year(flat), _school_year(flat), _approved(flat), _signature(text, flat, embedded))


def _calendar_year(flat: str) -> int | None:
    found = _CALENDAR_YEAR.search(flat)
    return int(found.group(1)) if found else None


def _school_year(flat: str) -> int | None:
    for found in _SCHOOL_YEAR.finditer(flat):
        first, second = (found.group(1), found.group(2)) if found.group(1) else (found.group(3), found.group(4))
        if int(second) == int(first) + 1:
            return int(first)
    return None


def _day(found: re.Match) -> datetime.date | None:
    day, month, year = [g for g in found.groups() if g is not None][:3]
    month = int(month) if month.isdigit() else _MONTHS.index(month.lower()) + 1
    try:
        return datetime.date(int(year), month, int(day))
    except ValueError:
        return None


def _approved(flat: str) -> datetime.date | None:
    """The first date just after «утверждено (утверждаю, утвержден приказом)», else the date of the school's order:
    the approval of this редакция. A date further on is another matter's."""
    for found in _APPROVAL.finditer(flat):
        window = flat[found.end():found.end() + APPROVAL_WINDOW]
        for day in _ANY_DAY.finditer(window):
            if (date := _day(day)) is not None:
                return date
    for found in _ORDER.finditer(flat):
        if (date := _day(found)) is not None:
            return date
    return None


def _signature(text: str, flat: str, embedded: bool) -> str:
    """The signature mark in words, or «»: a stamp «подписан электронной подписью» or the certificate's number
    beside its owner — with what the stamp tells (certificate, owner, validity); a signature in the file."""
    stamp, certificate, owner = _SIGNED.search(flat), _CERTIFICATE.search(flat), _OWNER.search(text)
    if not (stamp or (certificate and owner)):
        return "электронная подпись в файле" if embedded else ""
    said = []
    if certificate:
        said.append(f"сертификат {certificate.group(1).replace(' ', '')}")
    if owner:  # the stamp's next line may follow on the same one in the extracted text
        name = re.split(r"\s*(?:действител|срок\s+действия|сертификат|серийный|дата\s+подпис)", owner.group(1), flags=re.IGNORECASE)[0]
        said.append(f"владелец {' '.join(name.split()).rstrip(',;')}")
    if valid := _VALID.search(flat):
        start, end = valid.groups()[:3], valid.groups()[3:]
        said.append(f"действителен с {'.'.join(p.zfill(2) for p in start)} по {'.'.join(p.zfill(2) for p in end)}")
    mark = "отметка об электронной подписи" + (f" ({', '.join(said)})" if said else "")
    return f"{mark}; электронная подпись в файле" if embedded else mark
