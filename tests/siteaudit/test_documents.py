"""The documents a subsection's page links to: answered or not, their dates, the key ones out of date — against the
real local site (conftest.site) and by hand-computed dates."""

import datetime
import time

import pytest

import tests.siteaudit.conftest as fixture_site
from vsoko.siteaudit import documents
from vsoko.siteaudit.checklist import Freshness, items_by_code, sections
from vsoko.siteaudit.contents import Contents
from vsoko.siteaudit.documents import Link, date_in_text, key_item, last_modified, links, outdated
from vsoko.siteaudit.probe import probe_site

TODAY = datetime.date(2026, 12, 7)
DOCUMENTS = next(s for s in sections() if s.code == "document")
SELF_EXAM = items_by_code()["document.self_exam"].fresh
AGREEMENT = items_by_code()["document.collective_agreement"].fresh
CURRICULUM = items_by_code()["education.curriculum"].fresh


def test_the_links_their_text_and_the_text_after_them():
    html = ("<p><a href='a.pdf'>Устав</a> (от 01.02.2024)</p><script>var a = '<a href=x.pdf>';</script>"
            "<a href='/b.docx'><b>Правила</b>  приёма</a>")
    assert links(html, "https://s.ru/sveden/document/") == [
        Link("https://s.ru/sveden/document/a.pdf", "Устав", "(от 01.02.2024)"),
        Link("https://s.ru/b.docx", "Правила приёма", ""),
    ]


@pytest.mark.parametrize(("text", "after", "day"), [
    ("Устав от 12.03.2024", "", datetime.date(2024, 3, 12)),
    ("Устав", "от 1.9.2025 г., новая редакция", datetime.date(2025, 9, 1)),
    ("Устав от 31.02.2024", "", None),  # not a date
    ("Устав 2024", "", None),
])
def test_the_date_in_the_link_s_text_or_after_it(text, after, day):
    assert date_in_text(Link("https://s.ru/a.pdf", text, after)) == day


def test_last_modified():
    assert last_modified("Fri, 10 Jan 2020 12:00:00 GMT") == datetime.date(2020, 1, 10)
    assert last_modified("вчера") is None
    assert last_modified(None) is None


def test_the_key_document_is_named_by_its_link_s_words():
    def item(text):
        found = key_item(Link("https://s.ru/a.pdf", text, ""), DOCUMENTS)
        return found.code if found else None

    assert item("УСТАВ МБОУ «Школа № 1»") == "document.charter"
    assert item("Отчёт о результатах самообследования за 2025 год") == "document.self_exam"
    assert item("Правила приема в 1 класс") == "document.admission"  # «е» for «ё»
    assert item("Правила внутреннего трудового распорядка") == "document.labour_rules"
    assert item("Приказ о каникулах") is None


@pytest.mark.parametrize(("day", "today", "why"), [
    # Before 20 April the report of the year before last may still stand; after it, one of this year is due.
    (datetime.date(2025, 4, 15), datetime.date(2026, 4, 20), ""),
    (datetime.date(2025, 4, 15), datetime.date(2026, 4, 21),
     "документ от 15.04.2025, а после 20.04.2026 нужен документ 2026 года (за 2025 год)"),
    (datetime.date(2026, 3, 1), datetime.date(2026, 12, 7), ""),
    (datetime.date(2025, 3, 1), datetime.date(2026, 1, 10), ""),  # the deadline of 2025 is the last passed
    (datetime.date(2024, 12, 30), datetime.date(2026, 1, 10),
     "документ от 30.12.2024, а после 20.04.2025 нужен документ 2025 года (за 2024 год)"),
])
def test_the_self_examination_report_is_due_by_20_april(day, today, why):
    assert outdated(SELF_EXAM, day, today) == why


def test_a_collective_agreement_older_than_three_years():
    assert outdated(AGREEMENT, datetime.date(2023, 12, 8), TODAY) == ""
    assert outdated(AGREEMENT, datetime.date(2023, 12, 7), TODAY) == "документу от 07.12.2023 больше 3 лет"
    assert outdated(Freshness("", years=1), datetime.date(2024, 2, 29), datetime.date(2025, 2, 28)) == \
        "документу от 29.02.2024 больше 1 года"


def test_the_rules_cite_their_basis():
    assert "приказ Минобрнауки России от 14.06.2013 № 462" in SELF_EXAM.basis
    assert "ст. 43 Трудового кодекса РФ" in AGREEMENT.basis
    assert "п. 9 ст. 2 Федерального закона от 29.12.2012 № 273-ФЗ" in CURRICULUM.basis
    assert [i.code for i in items_by_code().values() if i.fresh] == [
        "document.collective_agreement", "document.self_exam", "education.curriculum", "education.calendar"]


def text_says(calendar_year=None, school_year=None):
    return Contents(calendar_year, school_year, None, "")


@pytest.mark.parametrize(("covered", "today", "why"), [
    # The year the report's text names decides, not its date: «за 2024 год» is late once 20 April 2026 has passed.
    (2024, datetime.date(2026, 4, 20), ""),
    (2024, datetime.date(2026, 4, 21), "отчёт за 2024 год, а после 20.04.2026 нужен отчёт за 2025 год"),
    (2025, datetime.date(2026, 12, 7), ""),
    (2023, datetime.date(2026, 1, 10), "отчёт за 2023 год, а после 20.04.2025 нужен отчёт за 2024 год"),
])
def test_the_self_examination_report_by_the_year_its_text_names(covered, today, why):
    # A date of 2026 would pass the date's rule; the text's year is the surer one.
    assert outdated(SELF_EXAM, datetime.date(2026, 3, 1), today, text_says(calendar_year=covered)) == why


@pytest.mark.parametrize(("first", "today", "why"), [
    (2025, datetime.date(2026, 8, 31), ""),  # the school year 2025/2026 lasts till 31 August
    (2025, datetime.date(2026, 9, 1), "документ на 2025/2026 учебный год, а идёт 2026/2027 учебный год"),
    (2026, datetime.date(2026, 8, 20), ""),  # next year's plan, posted in August
    (2024, datetime.date(2026, 1, 15), "документ на 2024/2025 учебный год, а идёт 2025/2026 учебный год"),
])
def test_the_curriculum_by_the_school_year_its_text_names(first, today, why):
    assert outdated(CURRICULUM, None, today, text_says(school_year=first)) == why


def test_a_curriculum_without_its_school_year_in_the_text_is_not_judged():
    assert outdated(CURRICULUM, datetime.date(2019, 8, 30), TODAY) == ""
    assert outdated(CURRICULUM, None, TODAY, text_says(calendar_year=2019)) == ""


def test_the_documents_of_a_page_answered_dated_read_and_out_of_date(site):
    pages = {p.section: p for p in probe_site(site, timeout=3, allow_internal=True, today=TODAY)}
    got = {d.url.removeprefix(site): d for d in pages["document"].documents}

    assert list(got) == ["sveden/document/ustav.pdf", "files/samo.pdf", "sveden/document/kd.docx",
                         "sveden/document/priem.doc", "files/scan.pdf",
                         "nohead/prikaz.doc"]  # the other site's: not followed
    charter = got["sveden/document/ustav.pdf"]
    # The approval in its text dates it rather than the file's Last-Modified (20.01.2026).
    assert (charter.item, charter.answered, charter.date, charter.date_source, charter.outdated) == (
        "document.charter", True, "2024-03-12", "дата утверждения в тексте документа", "")
    assert (charter.approved, charter.signature, charter.unsigned, charter.unread) == ("2024-03-12", "", True, "")
    assert charter.message == (f"«Устав» ({site}sveden/document/ustav.pdf): открывается, от 12.03.2024 (дата "
                               "утверждения в тексте документа); в тексте: дата утверждения 12.03.2024; нет отметки "
                               "об электронной подписи.")
    report = got["files/samo.pdf"]
    assert (report.item, report.date, report.date_source) == ("document.self_exam", "2025-04-15",
                                                              "дата в тексте ссылки")  # the page's date first
    assert (report.covered, report.approved, report.unsigned) == ("за 2024 год", "2025-04-14", False)
    assert report.signature == ("отметка об электронной подписи (сертификат 01A2B3C4D5E6F708090A0B0C0D0E0F10, "
                                "владелец Иванова Ирина Ивановна, действителен с 01.02.2025 по 01.05.2026)")
    assert report.outdated == "отчёт за 2024 год, а после 20.04.2026 нужен отчёт за 2025 год"
    assert report.basis == SELF_EXAM.basis
    agreement = got["sveden/document/kd.docx"]
    assert (agreement.date, agreement.outdated) == ("2020-01-10", "документу от 10.01.2020 больше 3 лет")
    assert (agreement.signature, agreement.unsigned) == ("электронная подпись в файле", False)
    admission = got["sveden/document/priem.doc"]
    assert (admission.item, admission.answered) == ("document.admission", False)
    assert admission.message == (f"«Правила приёма обучающихся» ({site}sveden/document/priem.doc): документ не "
                                 "открывается — ответ 404.")
    scan = got["files/scan.pdf"]
    assert (scan.item, scan.unread, scan.unsigned) == ("document.prescriptions",
                                                       "в файле нет текста (скан или изображение)", False)
    order = got["nohead/prikaz.doc"]
    assert order.answered  # HEAD refused (405): the first byte answered
    assert order.unread == "формат DOC не читается (читаются PDF и DOCX)"
    assert pages["document"].note == "ссылок на документы на других сайтах: 1 — не проверялись"

    education = {d.url.removeprefix(site): d for d in pages["education"].documents}
    plan = education["nohead/plan.pdf"]
    assert (plan.item, plan.covered, plan.approved, plan.signature) == (
        "education.curriculum", "на 2025/2026 учебный год", "2025-08-29", "электронная подпись в файле")
    assert plan.outdated == "документ на 2025/2026 учебный год, а идёт 2026/2027 учебный год"
    calendar = education["sveden/education/kug.docx"]
    assert (calendar.covered, calendar.approved, calendar.outdated, calendar.unsigned) == (
        "на 2026/2027 учебный год", "2026-08-29", "", True)


def test_a_doc_is_never_downloaded_nor_a_document_over_the_cap(site, monkeypatch):
    seen = []
    original = fixture_site.Handler.do_GET

    def recording(handler):
        seen.append((handler.path, handler.headers.get("Range")))
        return original(handler)

    monkeypatch.setattr(fixture_site.Handler, "do_GET", recording)
    monkeypatch.setattr(documents, "MAX_BYTES", 9_000)  # the charter is 8 KB, the report 12 KB
    page = {p.section: p for p in probe_site(site, timeout=3, allow_internal=True, today=TODAY)}["document"]
    got = {d.url.removeprefix(site): d for d in page.documents}

    assert ("/nohead/prikaz.doc", "bytes=0-0") in seen  # HEAD refused: one byte
    assert all(path != "/sveden/document/priem.doc" for path, _ in seen)  # HEAD answered 404: no GET
    assert got["sveden/document/ustav.pdf"].approved == "2024-03-12"  # read
    report = got["files/samo.pdf"]
    assert (report.unread, report.covered, report.unsigned) == ("файл больше 0.009 МБ", "", False)
    assert report.message.endswith("; текст не прочитан: файл больше 0.009 МБ — возможно, устарел: документ от "
                                   f"15.04.2025, а после 20.04.2026 нужен документ 2026 года (за 2025 год) "
                                   f"({SELF_EXAM.basis}).")  # by the link's date, the text unread


def test_documents_past_the_reading_time_are_only_asked_whether_they_answer(site):
    html = "<a href='sveden/document/ustav.pdf'>Устав</a><a href='files/samo.pdf'>Отчёт</a>"
    checks, note = documents.check_documents(html, site, DOCUMENTS, TODAY, timeout=3, read_budget=0)

    assert [(c.answered, c.unread, c.approved) for c in checks] == [
        (True, "не хватило времени на чтение документов страницы", "")] * 2
    assert note == ""


def test_a_document_trickled_byte_by_byte_is_cut_off(site, monkeypatch):
    monkeypatch.setattr(documents, "READ_SECONDS", 0.5)
    html = "<a href='/slow/report.pdf'>Отчёт о результатах самообследования</a>"
    start = time.monotonic()
    [check], _ = documents.check_documents(html, site, DOCUMENTS, TODAY, timeout=3)

    assert time.monotonic() - start < 1.2  # not the 2 s the site trickles for
    assert (check.answered, check.unread) == (True, "файл не загрузился за 0.5 с")
    [check], _ = documents.check_documents(html, site, DOCUMENTS, TODAY, timeout=3, read_budget=0.3)
    assert check.unread == "не хватило времени на чтение документов страницы"  # the page's time ran out first


def test_a_signature_file_linked_beside_a_document_is_its_mark(site):
    # Signature files are not opened: a link to «….sig» beside the document is what the page shows of it.
    html = ("<a href='sveden/document/ustav.pdf'>Устав</a> <a href='sveden/document/ustav.pdf.sig'>подпись</a>"
            "<a href='files/scan.pdf'>Предписание</a> <a href='files/scan.p7s'>ЭП</a>"
            "<a href='sveden/education/kug.docx'>График</a> <a href='files/other.sig'>подпись</a>")
    checks, _ = documents.check_documents(html, site, DOCUMENTS, TODAY, timeout=3)
    got = {c.url.removeprefix(site): c for c in checks}

    charter = got["sveden/document/ustav.pdf"]
    assert (charter.signature, charter.unsigned) == ("файл подписи рядом со ссылкой (ustav.pdf.sig)", False)
    assert charter.message.endswith("; в тексте: дата утверждения 12.03.2024; файл подписи рядом со ссылкой "
                                    "(ustav.pdf.sig).")
    scan = got["files/scan.pdf"]
    assert scan.message.endswith("; текст не прочитан: в файле нет текста (скан или изображение); файл подписи рядом "
                                 "со ссылкой (scan.p7s).")
    assert (got["sveden/education/kug.docx"].signature, got["sveden/education/kug.docx"].unsigned) == ("", True)
    assert list(got) == ["sveden/document/ustav.pdf", "files/scan.pdf", "sveden/education/kug.docx"]
