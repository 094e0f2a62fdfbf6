import datetime
import io
import shutil
from urllib.parse import unquote

import openpyxl
import pytest
from django.urls import reverse

from tests.libreoffice import as_csv_sheets
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


def test_the_journals_sheets_are_lists_with_dates_numbers_and_a_filter(client, world):
    visit(world, "smirnova", modern_technologies=True, recommendations="Больше задач")  # 15.10.2024, 5 × 2 = 10
    visit(world, "volkov", ict=True, points=1, day=datetime.date(2025, 4, 2))  # 5 × 1 = 5
    client.force_login(world.users["deputy"])

    book = openpyxl.load_workbook(io.BytesIO(client.get(reverse("observations:export")).content))

    journal, by_teacher = book["Журнал"], book["По учителям"]
    assert (journal["A2"].value, journal["A2"].number_format) == (datetime.datetime(2024, 10, 15), "dd.mm.yyyy")
    assert (journal["L2"].value, journal["Q2"].value, journal["Q3"].value) == (2, 10, 5)  # a criterion's points, sum
    assert [(c.value, c.number_format) for c in by_teacher[3]] == [
        ("Смирнова Мария", "General"), (1, "0"), (1, "0"), (0, "0"), (0, "0"), (10, "0.0"),
        (datetime.datetime(2024, 10, 15), "dd.mm.yyyy"), ("Больше задач", "General")]
    assert (journal.freeze_panes, journal.auto_filter.ref) == ("B2", "A1:T3")
    assert (by_teacher.freeze_panes, by_teacher.auto_filter.ref) == ("B2", "A1:H3")
    assert book.properties.title == "Журнал посещения уроков, 2024/2025 учебный год"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_journal(client, world, tmp_path):
    visit(world, "smirnova", modern_technologies=True, recommendations="=опасная формула", topic="Дроби")
    client.force_login(world.users["deputy"])
    (tmp_path / "journal.xlsx").write_bytes(client.get(reverse("observations:export")).content)

    sheets = as_csv_sheets(tmp_path / "journal.xlsx")

    assert sheets["Журнал"][1].startswith("15.10.2024,Смирнова Мария,Петрова Нина,урок,5А,Математика,Дроби,")
    assert sheets["Журнал"][1].endswith(",10,высокий,,=опасная формула")
    assert sheets["По учителям"][1] == "Смирнова Мария,1,1,0,0,10.0,15.10.2024,=опасная формула"


def test_a_teachers_export_has_only_their_own_visits(client, world):
    visit(world, "smirnova")
    visit(world, "volkov")
    client.force_login(world.users["volkov"])

    book = openpyxl.load_workbook(io.BytesIO(client.get(reverse("observations:export")).content))

    assert [row[1].value for row in book["Журнал"].iter_rows(min_row=2)] == ["Волков Олег"]


# --- «Скачать в Excel» of the summary page (vsoko.web.downloads) ----------------------------------------------


def summary_rows(response) -> list[tuple]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


TEACHERS_HEADER = ("Учитель", "Посещений", "С современными технологиями, %", "С ИКТ, %", "Средний балл (из 10)",
                   "Последнее посещение", "Последние рекомендации")
COUNTS = ("Посещений", "Учителей", "С современными технологиями, % посещений", "С ИКТ, % посещений")


def two_visits(world):
    visit(world, "smirnova", modern_technologies=True, recommendations="Больше задач")  # 15.10.2024, 5 × 2 = 10
    visit(world, "volkov", ict=True, points=1, day=datetime.date(2025, 4, 2))  # 5 × 1 = 5


def test_the_summary_in_excel_is_the_pages_tables_with_numbers(client, world):
    two_visits(world)
    client.force_login(world.users["deputy"])
    assert "Скачать в Excel" in client.get(reverse("observations:summary")).content.decode()

    response = client.get(reverse("observations:summary"), {"format": "xlsx"})
    rows = summary_rows(response)

    assert rows[0][0] == "Сводка по посещению уроков, 2024/2025 учебный год"
    assert rows[1][0] == "МБОУ «Школа №1»"
    assert any(r[0] and r[0].startswith("Посещений: 2, учителей: 2; учителей, у которых хотя бы раз отмечены "
                                        "современные технологии, — 1 (50,0 %), ИКТ — 1 (50,0 %).") for r in rows)
    head = rows.index(TEACHERS_HEADER)
    # one visit each: the share of visits with a technology is 0 or 100 %; Волков's one visit scored 5 of 10
    assert rows[head + 1:head + 3] == [("Волков Олег", 1, 0, 100, 5, "02.04.2025", "—"),
                                       ("Смирнова Мария", 1, 100, 0, 10, "15.10.2024", "Больше задач")]
    cut = [r[:5] for r in rows]  # the sheet is as wide as its widest table
    purposes = cut.index(("Цель посещения", *COUNTS))
    assert cut[purposes + 1] == ("тематический контроль", 2, 2, 50, 50)
    months = cut.index(("Месяц", *COUNTS))
    assert cut[months + 1:months + 3] == [("октябрь", 1, 1, 100, 0), ("апрель", 1, 1, 0, 100)]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(head + 2, 3).number_format == "0.0"  # numbers with the page's one decimal, not texts
    assert unquote(response["Content-Disposition"]).endswith("''Сводка по посещению уроков 2024-2025.xlsx")
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert (entry.object_type, entry.school, entry.details["посещений"]) == ("lesson_visits_summary", world.school, 2)


def test_the_observers_summary_in_excel_has_counts_and_no_names(client, world):
    two_visits(world)
    client.force_login(world.users["observer"])

    rows = summary_rows(client.get(reverse("observations:summary"), {"format": "xlsx"}))

    texts = " ".join(str(c) for r in rows for c in r if c is not None)
    assert "Волков" not in texts and "Смирнова" not in texts and "Больше задач" not in texts
    assert TEACHERS_HEADER not in rows
    months = rows.index(("Месяц", *COUNTS))
    assert rows[months + 1:months + 3] == [("октябрь", 1, 1, 100, 0), ("апрель", 1, 1, 0, 100)]


def test_a_teachers_summary_in_excel_has_only_their_own_visits(client, world):
    two_visits(world)
    client.force_login(world.users["volkov"])

    rows = summary_rows(client.get(reverse("observations:summary"), {"format": "xlsx"}))

    head = rows.index(TEACHERS_HEADER)
    assert [r[0] for r in rows[head + 1:head + 3]] == ["Волков Олег", None]
