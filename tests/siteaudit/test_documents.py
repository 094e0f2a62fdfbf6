"""The documents a subsection's page links to: answered or not, their dates, the key ones out of date — against the
real local site (conftest.site) and by hand-computed dates."""

import datetime

import pytest

import tests.siteaudit.conftest as fixture_site
from vsoko.siteaudit.checklist import Freshness, items_by_code, sections
from vsoko.siteaudit.documents import Link, date_in_text, key_item, last_modified, links, outdated
from vsoko.siteaudit.probe import probe_site

TODAY = datetime.date(2026, 12, 7)
DOCUMENTS = next(s for s in sections() if s.code == "document")
SELF_EXAM = items_by_code()["document.self_exam"].fresh
AGREEMENT = items_by_code()["document.collective_agreement"].fresh


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
    assert [i.code for i in items_by_code().values() if i.fresh] == ["document.collective_agreement",
                                                                     "document.self_exam"]


def test_the_documents_of_a_page_answered_dated_and_out_of_date(site):
    page = {p.section: p for p in probe_site(site, timeout=3, allow_internal=True, today=TODAY)}["document"]
    got = {d.url.removeprefix(site): d for d in page.documents}

    assert list(got) == ["sveden/document/ustav.pdf", "files/samo.pdf", "sveden/document/kd.docx",
                         "sveden/document/priem.doc", "nohead/plan.pdf"]  # the other site's: not followed
    charter = got["sveden/document/ustav.pdf"]
    assert (charter.item, charter.answered, charter.date, charter.date_source, charter.outdated) == (
        "document.charter", True, "2026-01-20", "Last-Modified", "")
    assert charter.message == f"«Устав» ({site}sveden/document/ustav.pdf): открывается, от 20.01.2026 (Last-Modified)."
    report = got["files/samo.pdf"]
    assert (report.item, report.date, report.date_source) == ("document.self_exam", "2025-04-15",
                                                              "дата в тексте ссылки")
    assert report.outdated == "документ от 15.04.2025, а после 20.04.2026 нужен документ 2026 года (за 2025 год)"
    assert report.basis == SELF_EXAM.basis
    agreement = got["sveden/document/kd.docx"]
    assert (agreement.date, agreement.outdated) == ("2020-01-10", "документу от 10.01.2020 больше 3 лет")
    admission = got["sveden/document/priem.doc"]
    assert (admission.item, admission.answered) == ("document.admission", False)
    assert admission.message == (f"«Правила приёма обучающихся» ({site}sveden/document/priem.doc): документ не "
                                 "открывается — ответ 404.")
    assert got["nohead/plan.pdf"].answered  # HEAD refused (405): the first byte answered
    assert page.note == "ссылок на документы на других сайтах: 1 — не проверялись"


def test_a_document_is_never_downloaded(site, monkeypatch):
    # The requests the documents get: HEAD, or a GET of one byte; the size cap is never reached.
    seen = []
    original = fixture_site.Handler.do_GET

    def recording(handler):
        seen.append((handler.path, handler.headers.get("Range")))
        return original(handler)

    monkeypatch.setattr(fixture_site.Handler, "do_GET", recording)
    probe_site(site, timeout=3, allow_internal=True, today=TODAY)
    assert ("/nohead/plan.pdf", "bytes=0-0") in seen
    assert all(path != "/sveden/document/ustav.pdf" for path, _ in seen)  # a HEAD was enough
