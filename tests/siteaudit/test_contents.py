"""What a document's text says of itself: the year it covers, its approval, a mark of an electronic signature — from
texts written as schools write them, and from real PDF and DOCX files (conftest.documents)."""

import datetime
import io

import pytest

from tests.siteaudit.conftest import documents, docx, pdf
from vsoko.siteaudit import contents as module
from vsoko.siteaudit.contents import Contents, Unreadable, contents, read


@pytest.mark.parametrize(("text", "calendar", "school"), [
    ("ОТЧЁТ о результатах самообследования\nза 2025 год", 2025, None),
    ("Отчёт о самообследовании за 2025 г.", 2025, None),
    ("Учебный план на 2025/2026 учебный год", None, 2025),
    ("Календарный учебный график 2025–2026 уч. г.", None, 2025),
    ("Учебный год: 2026-2027", None, 2026),
    ("Программа на 2025/2027 учебный год", None, None),  # not one school year
    ("Публичный доклад за 2025/2026 учебный год", None, 2025),  # «за 2025/…» is a school year, not a calendar one
    ("Устав (новая редакция)", None, None),
])
def test_the_year_the_document_covers(text, calendar, school):
    found = contents(text)
    assert (found.calendar_year, found.school_year) == (calendar, school)


@pytest.mark.parametrize(("text", "day"), [
    ("УТВЕРЖДЕНО\nприказом директора\nот 30.08.2025 № 112-о", datetime.date(2025, 8, 30)),
    ("Принято на педагогическом совете (протокол № 1 от 28.08.2025). Приказ № 12 от 31.08.2025",
     datetime.date(2025, 8, 31)),  # the council's protocol is not the approval
    ("УТВЕРЖДАЮ\nДиректор МБОУ «Школа № 1»\n________ И. И. Иванова\n«1» сентября 2025 г.", datetime.date(2025, 9, 1)),
    ("Утверждён приказом от 31.02.2025; согласовано 12.03.2025", datetime.date(2025, 3, 12)),  # 31.02: no such day
    ("Положение о ВСОКО. Введено в действие 01.09.2025", None),
    ("ПРИКАЗ\n30.08.2025 № 112\nОб утверждении учебного плана. ПРИКАЗЫВАЮ: с 01.09.2025 …", datetime.date(2025, 8, 30)),
    ("Приказом директора от «31» августа 2025 г. № 12", datetime.date(2025, 8, 31)),
    # A report's references to the acts it follows are not its approval:
    ("Самообследование проведено по Порядку, утвержденному приказом Минобрнауки России от 14.06.2013 № 462, и "
     "в соответствии с приказом Минобрнауки России от 10.12.2013 № 1324", None),
    ("В соответствии с приказом Минобрнауки России от 14.06.2013 № 462 … УТВЕРЖДЕН приказом от 15.04.2025 № 30",
     datetime.date(2025, 4, 15)),
])
def test_the_approval_date(text, day):
    assert contents(text).approved == day


@pytest.mark.parametrize(("text", "mark"), [
    ("ДОКУМЕНТ ПОДПИСАН\nЭЛЕКТРОННОЙ ПОДПИСЬЮ", "отметка об электронной подписи"),
    ("Подписано ЭП: Иванова И. И.", "отметка об электронной подписи"),
    ("Документ подписан простой электронной подписью", "отметка об электронной подписи"),
    ("СВЕДЕНИЯ О СЕРТИФИКАТЕ ЭП\nСертификат: 7c 2a 00 11 22 33 44 55 66 77\nВладелец: Петров Пётр Петрович, директор",
     "отметка об электронной подписи (сертификат 7c2a0011223344556677, владелец Петров Пётр Петрович, директор)"),
    ("Документ подписан электронной подписью. Владелец: Сидорова Мария Петровна Серийный номер сертификата: "
     "00AB CD EF 01 23 45 67 89 Срок действия: с 11.11.2025 до 11.02.2027",
     "отметка об электронной подписи (сертификат 00ABCDEF0123456789, владелец Сидорова Мария Петровна, действителен "
     "с 11.11.2025 по 11.02.2027)"),
    ("Положение об использовании электронной подписи в МБОУ «Школа № 1»", ""),  # a text about signatures
    ("Устав", ""),
])
def test_the_mark_of_an_electronic_signature(text, mark):
    assert contents(text).signature == mark


def test_a_signature_embedded_in_the_file_is_said_beside_the_stamp():
    assert contents("Устав", embedded=True).signature == "электронная подпись в файле"
    assert contents("Подписано ЭП", embedded=True).signature == ("отметка об электронной подписи; электронная "
                                                                  "подпись в файле")


def test_real_files():
    files = documents()
    assert read(files["files/samo.pdf"], ".pdf") == Contents(
        2024, None, datetime.date(2025, 4, 14), "отметка об электронной подписи (сертификат "
        "01A2B3C4D5E6F708090A0B0C0D0E0F10, владелец Иванова Ирина Ивановна, действителен с 01.02.2025 по 01.05.2026)")
    assert read(files["nohead/plan.pdf"], ".pdf").signature == "электронная подпись в файле"  # a /Sig field
    assert read(files["sveden/document/kd.docx"], ".docx").signature == "электронная подпись в файле"
    assert read(files["sveden/education/kug.docx"], ".docx") == Contents(None, 2026, datetime.date(2026, 8, 29), "")


def test_only_the_first_and_the_last_pages_of_a_pdf_are_read():
    pages = "".join(f"<p style='page-break-after: always'>Страница {n}{' за 2019 год' if n == 4 else ''}</p>"
                    for n in range(1, 8))
    text, _ = module.pdf_text(pdf(pages))
    assert [n for n in range(1, 8) if f"Страница {n}" in text] == [1, 2, 3, 6, 7]
    assert "2019" not in text  # page 4: not read


@pytest.mark.parametrize(("body", "suffix", "why"), [
    (b"<html>404</html>", ".pdf", "файл не читается как PDF"),  # a site's error page under a document's name
    (b"%PDF-1.4 broken", ".pdf", "файл не читается как PDF"),
    (b"PK not a zip", ".docx", "файл не читается как DOCX"),
])
def test_a_file_that_cannot_be_read_says_why(body, suffix, why):
    with pytest.raises(Unreadable, match=why):
        read(body, suffix)


def test_a_scan_has_no_text_and_a_docx_too_big_unpacked_is_refused(monkeypatch):
    with pytest.raises(Unreadable, match=r"в файле нет текста \(скан или изображение\)"):
        read(documents()["files/scan.pdf"], ".pdf")
    monkeypatch.setattr(module, "UNPACKED_CAP", 1000)
    with pytest.raises(Unreadable, match="файл DOCX слишком велик в распакованном виде"):
        read(docx("Коллективный договор"), ".docx")


@pytest.mark.parametrize(("password", "algorithm", "read_"), [
    ("", "RC4-128", True), ("секрет", "RC4-128", False),
    # AES — what «protect» of today's PDF programs writes — needs the `cryptography` package; it failed as locked.
    ("", "AES-128", True), ("", "AES-256", True), ("секрет", "AES-256", False)])
def test_a_pdf_protected_from_copying_is_read_one_locked_by_a_password_is_not(password, algorithm, read_):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(documents()["sveden/document/ustav.pdf"])))
    writer.encrypt(user_password=password, owner_password="владелец", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    if read_:
        assert read(out.getvalue(), ".pdf").approved == datetime.date(2024, 3, 12)
    else:
        with pytest.raises(Unreadable, match="файл PDF зашифрован паролем"):
            read(out.getvalue(), ".pdf")
