"""The act as printed: an audit without a deadline has no column of «не установлен» and stays on portrait pages."""

import datetime
import io

import pytest
from docx import Document

from tests.reports.readers import docx_paragraphs, docx_rows
from tests.siteaudit.conftest import audit
from vsoko.siteaudit.enums import ItemStatus

pytestmark = pytest.mark.django_db


def test_an_act_without_a_deadline_prints_portrait_and_says_there_is_none(client, world):
    made = audit(world.school, datetime.date(2025, 3, 3),
                 {"eduStandarts.fgos": ItemStatus.MISSING})  # «Образовательные стандарты и требования», a long name
    client.force_login(world.users["deputy"])

    docx = client.get(f"/siteaudit/{made.pk}/act.docx").content

    assert [section.orientation for section in Document(io.BytesIO(docx)).sections] == [0]  # portrait only
    remarks = [row for row in docx_rows(docx) if row[0] == "1" and "не размещено" in row[2]]
    assert remarks == [["1", "Образовательные стандарты и требования",
                        "Федеральные государственные образовательные стандарты (ссылки или копии): не размещено", ""]]
    assert ("Срок устранения замечаний не установлен; об устранении сообщить проводившему аудит (Петрова А. А.)."
            in docx_paragraphs(docx))


def test_the_act_names_whoever_audited_not_a_deputy_the_director_may_be(client, world):
    made = audit(world.school, datetime.date(2025, 3, 3), {"eduStandarts.fgos": ItemStatus.MISSING})
    made.auditor, made.fix_deadline = "Иванов И. И., директор", datetime.date(2025, 4, 1)
    made.save()
    client.force_login(world.users["director"])

    paragraphs = docx_paragraphs(client.get(f"/siteaudit/{made.pk}/act.docx").content)

    assert ("Замечания устранить до 01.04.2025; об устранении сообщить проводившему аудит (Иванов И. И., директор)."
            in paragraphs)
    assert not any("заместител" in p for p in paragraphs)


def test_an_act_with_the_links_the_check_fills_and_a_deadline_prints_portrait(client, world):
    # The automatic check (and the demo) fill a link for each subsection and key document: a full address of 40
    # characters cannot be broken, and its column with the comment's beside it turned all but the first page
    # landscape; the deadline, the same on every row, took a column of the defects too.
    made = audit(world.school, datetime.date(2026, 12, 7), {"document.self_exam": ItemStatus.OUTDATED,
                                                             "eduStandarts.fgos": ItemStatus.MISSING})
    made.site_url, made.fix_deadline = "https://school-demo.example", datetime.date(2027, 1, 15)
    made.save()
    for item in made.items.all():
        item.link = f"https://school-demo.example/files/{item.code.split('.')[-1]}.pdf"
        if item.code == "document.charter":  # as a site writes a file named in Cyrillic
            item.link = "https://School-Demo.example/files/%D0%A3%D1%81%D1%82%D0%B0%D0%B2.pdf"
        if item.code == "document.licence":  # on another site: in full
            item.link = "https://reestr.example/licence/1"
        if item.code == "document.self_exam":
            item.comment = ("Возможно, устарел: документ от 18.04.2025, а после 20.04.2026 нужен документ "
                            "2026 года (за 2025 год)")
        item.save()
    client.force_login(world.users["deputy"])

    docx = client.get(f"/siteaudit/{made.pk}/act.docx").content

    assert [section.orientation for section in Document(io.BytesIO(docx)).sections] == [0]  # portrait only
    rows = docx_rows(docx)
    assert ["№", "Подраздел, сведения (документ), ссылка на сайте", "Статус", "Комментарий"] in rows
    # the link on the audited site by its path (the act's head gives the address), under the item's name
    assert ["9", "Устав\n/files/Устав.pdf", "размещено", ""] in rows
    assert ["10", "Выписка из реестра лицензий на осуществление образовательной деятельности\n"
            "https://reestr.example/licence/1", "размещено", ""] in rows
    assert ["15", "Отчёт о результатах самообследования\n/files/self_exam.pdf", "устарело",
            "Возможно, устарел: документ от 18.04.2025, а после 20.04.2026 нужен документ 2026 года (за 2025 год)"
            ] in rows
    assert ["№", "Подраздел", "Замечание", "Комментарий"] in rows  # the deadline is said under the table
    assert ("Замечания устранить до 15.01.2027; об устранении сообщить проводившему аудит (Петрова А. А.)."
            in docx_paragraphs(docx))
