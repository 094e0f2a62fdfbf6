import datetime
import io
from urllib.parse import unquote

import openpyxl
import pytest
from django.urls import reverse

from tests.observations.conftest import visit
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_the_journal_opens_in_excel_with_a_row_per_visit_and_a_summary(client, world):
    visit(world, "smirnova", modern_technologies=True, recommendations="=опасная формула", topic="Дроби")
    visit(world, "volkov", ict=True, points=1, day=datetime.date(2025, 4, 2), subject=world.subjects["physics"])
    client.force_login(world.users["deputy"])

    response = client.get(reverse("observations:export"))

    assert unquote(response["Content-Disposition"].split("''", 1)[1]) == "Посещение уроков 2024-2025.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Журнал", "По учителям"]
    journal = [[c.value for c in row] for row in book["Журнал"].iter_rows()]
    assert journal[0][:4] == ["Дата", "Учитель", "Кто посетил", "Что посещено"]
    assert journal[1][:11] == [datetime.datetime(2024, 10, 15), "Смирнова Мария", "Петрова Нина", "урок", "5А",
                               "Математика", "Дроби", "тематический контроль", "да", "нет", "нет"]
    assert journal[1][-4:] == [10, "высокий", None, "=опасная формула"]  # text, never a formula
    assert journal[2][1] == "Волков Олег" and journal[2][-4] == 5
    by_teacher = [[c.value for c in row] for row in book["По учителям"].iter_rows()]
    assert [r[:3] for r in by_teacher[1:]] == [["Волков Олег", 1, 0], ["Смирнова Мария", 1, 1]]
    assert AuditEntry.objects.get(action=AuditAction.EXPORT, object_type="lesson_visits").details["посещений"] == 2


def test_a_teachers_export_has_only_their_own_visits(client, world):
    visit(world, "smirnova")
    visit(world, "volkov")
    client.force_login(world.users["volkov"])

    book = openpyxl.load_workbook(io.BytesIO(client.get(reverse("observations:export")).content))

    assert [row[1].value for row in book["Журнал"].iter_rows(min_row=2)] == ["Волков Олег"]
