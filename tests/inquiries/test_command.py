"""`vsoko inquiry list [--org CODE]` and `vsoko inquiry export ID --output FILE.xlsx`: the requests from the command
line; the export is the Excel of the request's page, recorded in the journal as its download is."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.inquiries.conftest import CONTEXT_ANSWER
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.inquiries.workflow import save_answer


def inquiry(*args) -> str:
    out = io.StringIO()
    call_command("inquiry", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def one_answered(world, context_inquiry):
    save_answer(context_inquiry.answers.get(recipient=world.school), CONTEXT_ANSWER, send=True)
    return context_inquiry


def test_list_gives_the_number_deadline_who_answered_sender_and_title(one_answered):
    sent = f"{timezone.localtime(one_answered.created):%d.%m.%Y}"

    lines = inquiry("list").splitlines()

    assert lines == ["№\tнаправлен\tсрок\tответили\tот кого\tназвание",
                     f"{one_answered.pk}\t{sent}\t01.12.2999\t1 из 2\tГородской округ\tКонтекст школ"]


def test_list_of_an_org_gives_its_answers_state_or_that_it_sent_the_request(one_answered):
    assert inquiry("list", "--org", "s1").splitlines()[1].endswith("\tКонтекст школ\tотправлен")
    assert inquiry("list", "--org", "s2").splitlines()[1].endswith("\tКонтекст школ\tне начат")
    assert inquiry("list", "--org", "mun").splitlines()[1].endswith("\tКонтекст школ\tнаправила")


def test_list_of_an_unknown_org_names_the_codes_there_are(one_answered):
    with pytest.raises(CommandError, match="Организации с кодом «s9» нет. Коды организаций: mun, s1, s2."):
        inquiry("list", "--org", "s9")


def test_list_says_there_are_none(world):
    assert inquiry("list") == "Запросов нет.\n"


def rows_of(data: bytes) -> list[tuple]:
    return [row for sheet in load_workbook(io.BytesIO(data)).worksheets for row in sheet.iter_rows(values_only=True)]


def test_export_writes_the_excel_of_the_requests_page_and_the_journal_says_so(client, world, one_answered, tmp_path):
    out = tmp_path / "контекст.xlsx"

    inquiry("export", str(one_answered.pk), "--output", str(out))

    client.force_login(world.users["observer"])
    page = client.get(reverse("inquiries:detail", args=[one_answered.pk]), {"format": "xlsx"})
    written = rows_of(out.read_bytes())
    assert written == rows_of(page.content)
    assert ("Число обучающихся из многодетных семей", 40, None, None, None) in written  # school 2 did not send
    entry = AuditEntry.objects.filter(object_type="inquiry", action=AuditAction.EXPORT).order_by("pk").first()
    assert (entry.user, entry.details["откуда"]) == (None, "команда vsoko inquiry")


def test_export_refuses_an_unknown_number_and_a_file_that_is_not_xlsx_and_writes_nothing(one_answered, tmp_path):
    with pytest.raises(CommandError, match="Запроса № 999 нет"):
        inquiry("export", "999", "--output", str(tmp_path / "a.xlsx"))
    with pytest.raises(CommandError, match="укажите файл .xlsx"):
        inquiry("export", str(one_answered.pk), "--output", str(tmp_path / "a.csv"))
    assert list(tmp_path.iterdir()) == []
