"""The справка in Word, read back with python-docx: groups, areas with the regulation's words, the levels per
group, dynamics, зоны роста, conclusion and measures."""

import pytest

from tests.preschool.conftest import YEAR
from tests.reports.readers import docx_paragraphs, docx_rows, row_of
from vsoko.preschool.models import YearConclusion

pytestmark = pytest.mark.django_db


def download(client, user):
    client.force_login(user)
    response = client.get(f"/preschool/report.docx?year={YEAR}")
    assert response.status_code == 200
    return response.content


def test_the_word_file_holds_groups_levels_dynamics_growth_and_conclusion(client, monitoring):
    YearConclusion.objects.create(school=monitoring.world.school, year_id=YEAR,
                                  conclusion="Условия соответствуют ФГОС ДО.",
                                  measures="Провести родительское собрание.\nОбновить стенд.")

    data = download(client, monitoring.world.users["teacher"])

    paragraphs, rows = docx_paragraphs(data), docx_rows(data)
    assert "Мониторинг качества дошкольного образования за 2024/2025 учебный год" in paragraphs
    assert row_of(rows, "Младшая") == ["Младшая", "3–4 года", "15", "1", "4", "2,75"]
    assert row_of(rows, "Новая") == ["Новая", "4–5 лет", "10", "0", "0", "—"]
    assert row_of(rows, "Взаимодействие с семьей") == ["Взаимодействие с семьей", "2,50", "83,3 %", "6"]
    assert row_of(rows, "Информирование родителей (законных представителей)") == [
        "Информирование родителей (законных представителей)", "3", "—", "1", "2,00"]
    assert row_of(rows, "Консультативная поддержка семей") == [
        "Консультативная поддержка семей", "не оценивался", "—", "—", "—"]
    dynamics = [r for r in rows if r[0] == "Образовательные условия" and len(r) == 5]
    assert dynamics == [["Образовательные условия", "—", "4,00", "3,00", "▼ ниже на 1,00"]]
    assert ["Информирование родителей (законных представителей)", "Взаимодействие с семьей", "2,00",
            "ниже базового уровня в группах: Старшая"] in rows
    assert any("«взаимодействия с семьей»" in p for p in paragraphs)
    assert "Провести родительское собрание." in paragraphs and "Обновить стенд." in paragraphs
    assert "Условия соответствуют ФГОС ДО." in paragraphs


def test_a_year_without_groups_says_so(client, world):
    paragraphs = docx_paragraphs(download(client, world.users["director"]))

    assert "Дошкольные группы за 2024/2025 учебный год в системе не записаны." in paragraphs


def test_the_file_is_named_as_the_справка_is_titled(client, monitoring):
    from urllib.parse import unquote

    client.force_login(monitoring.world.users["teacher"])
    response = client.get(f"/preschool/report.docx?year={YEAR}")

    assert unquote(response["Content-Disposition"]).endswith(
        "Мониторинг качества дошкольного образования за 2024-2025 учебный год.docx")
