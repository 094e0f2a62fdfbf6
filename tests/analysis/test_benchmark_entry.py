"""The form of a procedure's comparison values (municipality, region, РФ) from ФИС ОКО «Аналитика»."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.accounts.personas import YEAR
from tests.analysis.pages import section, text
from vsoko.records.enums import ValueScope
from vsoko.records.models import ManualValue

pytestmark = pytest.mark.django_db


def url(aw):
    return f"/assessments/{aw.vpr.pk}/benchmarks/"


def test_the_deputy_enters_the_statistics_by_marks_and_sees_them_beside_the_school(client, aw):
    client.force_login(aw.users["deputy"])
    form = client.get(url(aw))
    assert form.status_code == 200
    assert "Значения для сравнения: ВПР, русский язык, 5 класс" in text(form)
    # The procedure's Word справка does not show them (yet): the form must not promise it.
    assert "справк" not in text(form)

    response = client.post(url(aw), {
        "2__municipality": "10", "3__municipality": "40", "4__municipality": "35,5", "5__municipality": "14,5",
        "participants__municipality": "1200", "mean__municipality": "3,55",
        "2__region": "12,5", "task.1__region": "55",
    })

    assert response.status_code == 302 and response["Location"] == f"/assessments/{aw.vpr.pk}/"
    page = client.get(f"/assessments/{aw.vpr.pk}/")
    marks = section(page, "marks")
    # The school: «2» 2 of 6 = 33,3 %; beside it the municipality's 10 % and the region's 12,5 %.
    assert "Отметка Участников % муниципалитет, % регион, %" in marks
    assert "«2» 2 33,3 % 10,0 % 12,5 %" in marks
    assert "«4» " in marks and "35,5 %" in marks
    assert "55,0 %" in section(page, "tasks")
    stored = {(m.indicator, m.scope): m.value for m in ManualValue.objects.filter(school=aw.school, year_id=YEAR)}
    assert stored[("vpr.5.русский язык.4", ValueScope.MUNICIPALITY)] == Decimal("35.5")
    assert stored[("vpr.5.русский язык.participants", ValueScope.MUNICIPALITY)] == 1200

    # The form shows what is stored; emptying a field removes the value.
    assert 'value="35,5"' in client.get(url(aw)).content.decode()
    client.post(url(aw), {"2__municipality": "10", "3__municipality": "40", "4__municipality": "35,5",
                          "5__municipality": "14,5"})
    left = set(ManualValue.objects.filter(school=aw.school, year_id=YEAR).values_list("indicator", "scope"))
    assert left == {(f"vpr.5.русский язык.{m}", ValueScope.MUNICIPALITY) for m in "2345"}


def test_a_share_over_100_or_shares_not_adding_up_are_refused_and_nothing_is_stored(client, aw):
    client.force_login(aw.users["deputy"])

    over = client.post(url(aw), {"2__region": "150"})
    assert over.status_code == 200
    assert "Доля в процентах — от 0 до 100 (введено 150)." in text(over)

    # 10 + 40 + 35 + 5 = 90: a «2»…«5» row of ФИС ОКО adds up to 100 (± rounding).
    short = client.post(url(aw), {"2__region": "10", "3__region": "40", "4__region": "35", "5__region": "5"})
    assert ("Регион: доли «2», «3», «4», «5» в сумме дают 90 %, а должны 100 % (строка таблицы «Статистика по "
            "отметкам»). Проверьте, не пропущена ли цифра.") in text(short)
    assert not ManualValue.objects.filter(school=aw.school).exists()


@pytest.mark.parametrize("persona, status", [("director", 200), ("teacher", 403),
                                              ("class_teacher", 403), ("mo_head", 403), ("observer", 403)])
def test_only_who_manages_the_schools_data_enters_benchmarks(client, aw, persona, status):
    client.force_login(aw.users[persona])
    assert client.get(url(aw)).status_code == status
    if status == 403:
        assert client.post(url(aw), {"2__region": "10"}).status_code == 403
        assert not ManualValue.objects.exists()


def test_the_entered_values_download_as_the_forms_table_with_numbers(client, aw):
    import io
    from urllib.parse import unquote

    from openpyxl import load_workbook

    from vsoko.audit.enums import AuditAction
    from vsoko.audit.models import AuditEntry

    client.force_login(aw.users["deputy"])
    client.post(url(aw), {"participants__municipality": "1200", "4__municipality": "35,5", "2__region": "12,5",
                          "mean__country": "3,55"})
    assert "Скачать в Excel" in text(client.get(url(aw)))

    response = client.get(url(aw), {"format": "xlsx"})

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert unquote(response["Content-Disposition"]).endswith("''Значения для сравнения ВПР, русский язык, 5 класс "
                                                             "2024-2025.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Значения для сравнения: ВПР, русский язык, 5 класс"
    header = rows.index(("Показатель", "Муниципалитет", "Регион", "РФ"))
    by_label = {r[0]: r[1:] for r in rows[header + 1:]}
    assert by_label["Участников"] == (1200, None, None)
    assert by_label["«2», %"] == (None, 12.5, None)
    assert by_label["«4», %"] == (35.5, None, None)
    assert by_label["Средняя отметка"] == (None, None, 3.55)  # numbers as typed, not texts
    assert sheet.cell(header + 1 + list(by_label).index("Средняя отметка") + 1, 4).number_format == "0.00"
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert (entry.object_type, entry.object_id, entry.school) == ("analysis_benchmarks", str(aw.vpr.pk), aw.school)


@pytest.mark.parametrize("persona", ["teacher", "observer"])
def test_the_entered_values_download_only_for_who_enters_them(client, aw, persona):
    client.force_login(aw.users[persona])
    assert client.get(url(aw), {"format": "xlsx"}).status_code == 403
