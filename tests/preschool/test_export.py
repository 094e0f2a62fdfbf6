"""«Скачать Excel» of the year's overview: the book opened with openpyxl, its cells against the hand-computed values
of the fixture (tests/preschool/conftest.py) with two more ratings of «Безопасность помещений и территории»:
Младшая 1, Старшая 3.

    Области (groups by name: Младшая, Новая, Старшая)
      семья:   Младшая 3, 2, 4 → 3;  Старшая 1, 2, 3 → 2;  организация 15 / 6 = 2,5; групп не ниже базового
               2 из 2 = 100 %; оценок 5 из 6 = 83,3 %; в 2023/2024 (2 + 2) / 2 = 2 → +0,5
      условия: Младшая 2; Старшая 4; организация 3; 100 %; 100 %; в 2023/2024 4 → −1
      уход:    Младшая 1; Старшая 3; организация 2; групп 1 из 2 = 50 %; оценок 1 из 2 = 50 %; прошлого года нет
      все:     Младшая 12 / 5 = 2,4; Старшая 13 / 5 = 2,6; организация 25 / 10 = 2,5; групп 2 из 2; оценок 8 / 10
"""

import io
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook

from tests.preschool.conftest import YEAR, rate
from vsoko.audit.models import AuditEntry
from vsoko.preschool.export import overview_xlsx
from vsoko.preschool.models import PreschoolGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def book(monitoring):
    rate(monitoring.young, care_safety=1)
    rate(monitoring.old, care_safety=3)
    return load_workbook(io.BytesIO(overview_xlsx(monitoring.world.school, YEAR)))


def rows(sheet) -> dict[str, list]:
    """The sheet's rows under its header (row 3: a note, a blank row, the header), by their first cell."""
    return {row[0]: list(row[1:]) for row in sheet.iter_rows(min_row=4, values_only=True)}


def test_the_book_has_the_three_sheets(book):
    assert book.sheetnames == ["Области", "Показатели по группам", "Зоны роста"]


def test_the_areas_sheet_gives_group_means_the_organisation_shares_and_the_change(book):
    sheet = book["Области"]
    by_area = rows(sheet)

    assert [c.value for c in sheet[3]] == [
        "Область мониторинга", "Средний уровень: Младшая", "Средний уровень: Новая", "Средний уровень: Старшая",
        "Средний уровень организации", "Доля групп не ниже базового, %", "Доля оценок не ниже базового, %",
        "Средний уровень в 2023/2024", "Изменение к прошлому году"]
    assert by_area["Взаимодействие с семьей"] == [3, "—", 2, 2.5, 100, 83.3, 2, 0.5]
    assert by_area["Образовательные условия"] == [2, "—", 4, 3, 100, 100, 4, -1]
    assert by_area["Обеспечение здоровья, безопасности, присмотра и ухода"] == [1, "—", 3, 2, 50, 50, "—",
                                                                               "нет данных"]
    assert by_area["Качество образовательных программ"] == ["—", "—", "—", "—", "—", "—", "—", "нет данных"]
    assert by_area["Все области"] == [2.4, "—", 2.6, 2.5, 100, 80, None, None]
    assert "МБОУ «Школа №1», 2024/2025 учебный год." in sheet["A1"].value


def test_a_mean_is_rounded_a_half_up_to_two_places(monitoring):
    book = load_workbook(io.BytesIO(overview_xlsx(monitoring.world.school, YEAR)))

    assert rows(book["Области"])["Все области"][3] == 2.63  # 21 / 8 = 2,625


def test_the_indicators_sheet_gives_each_level_in_each_group(book):
    by_indicator = {row[1]: list(row[2:]) for row in book["Показатели по группам"].iter_rows(min_row=4,
                                                                                            values_only=True)}

    assert by_indicator["Информирование родителей (законных представителей)"] == [3, None, 1, 2]
    assert by_indicator["Консультативная поддержка семей"] == ["не оценивался", None, None, "—"]
    assert by_indicator["Безопасность помещений и территории"] == [1, None, 3, 2]
    assert len(by_indicator) == 29


def test_the_growth_sheet_lists_the_indicators_below_base_with_their_groups(book):
    zones = [row for row in book["Зоны роста"].iter_rows(min_row=4, values_only=True)]

    assert zones == [
        ("Информирование родителей (законных представителей)", "Взаимодействие с семьей", 2,
         "ниже базового уровня в группах: Старшая"),
        ("Безопасность помещений и территории", "Обеспечение здоровья, безопасности, присмотра и ухода", 2,
         "ниже базового уровня в группах: Младшая"),
    ]


def test_the_download_is_named_in_russian_and_audited(client, monitoring):
    client.force_login(monitoring.world.users["deputy"])

    response = client.get(f"/preschool/overview.xlsx?year={YEAR}")

    assert response.status_code == 200
    assert unquote(response["Content-Disposition"]) == (
        "attachment; filename*=utf-8''Мониторинг качества дошкольного образования за 2024-2025 учебный год.xlsx")
    assert AuditEntry.objects.filter(object_type="preschool_overview", object_id=str(YEAR)).count() == 1


def test_the_observer_downloads_levels_without_any_text(client, monitoring):
    client.force_login(monitoring.world.users["observer"])

    book = load_workbook(io.BytesIO(client.get(f"/preschool/overview.xlsx?year={YEAR}").content))

    cells = [str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    assert "2.5" in cells and not any("Петрова" in c or "стенда" in c for c in cells)


def test_another_schools_director_gets_their_own_school_not_the_asked_one(client, monitoring):
    world = monitoring.world
    PreschoolGroup.objects.create(school=world.other_school, year_id=YEAR, name="Своя", age_band="3–7 лет",
                                  children=9)
    client.force_login(world.users["other_director"])

    book = load_workbook(io.BytesIO(client.get(f"/preschool/overview.xlsx?school=s1&year={YEAR}").content))

    areas = book["Области"]
    assert "МБОУ «Школа №2»" in areas["A1"].value
    assert [c.value for c in areas[3]][1:2] == ["Средний уровень: Своя"]


def test_the_overview_page_links_the_download(client, monitoring):
    client.force_login(monitoring.world.users["teacher"])

    page = client.get(f"/preschool/?year={YEAR}").content.decode()

    assert f'href="/preschool/overview.xlsx?school=s1&amp;year={YEAR}" download>Скачать Excel' in page
