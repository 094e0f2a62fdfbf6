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
