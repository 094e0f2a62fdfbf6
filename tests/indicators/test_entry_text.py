"""A school's own text indicator («Реквизиты лицензии»): entered as text on the entry form, kept in the manual
value record beside the numbers, shown on the indicator page and in the catalog tree to the school's staff, and
never mirrored into the additive data values (a text is not summed across schools)."""


import pytest
from django.urls import reverse

from tests.indicators.entry_form import URL, deputy_with_catalog, fast_passwords, field, words  # noqa: F401 (autouse fixture)
from vsoko.datavalues.models import DataValue
from vsoko.indicators.models import Indicator
from vsoko.records.models import ManualValue

pytestmark = pytest.mark.django_db

CATALOG = """catalog: {code: demo, name: Демо}
indicators:
- {code: demo.license, name: Реквизиты лицензии, unit: text, method: entered, group: Общие сведения}
- {code: demo.canteen, name: Наличие столовой, unit: bool, method: entered, group: Общие сведения}
"""
LICENSE = "Лицензия № 1234 от 15.03.2016, серия 69Л01 № 0001234,\nвыдана Министерством образования Тверской области"



@pytest.fixture
def deputy(client, tmp_path):
    return deputy_with_catalog(client, tmp_path, CATALOG)


def test_a_text_indicator_is_entered_as_text_and_kept_beside_the_numbers(deputy):
    page = deputy.get(URL).content.decode()
    assert f'name="{field("demo.license", "text")}"' in page
    assert f'name="{field("demo.license", "value")}"' not in page
    assert f'name="{field("demo.license", "bench_region")}"' not in page  # no comparison for a text

    response = deputy.post(URL, {field("demo.license", "text"): LICENSE, field("demo.license", "source"): "сайт"})

    assert response.status_code == 302
    stored = ManualValue.objects.get(indicator="demo.license")
    assert (stored.text, stored.value, stored.source) == (LICENSE, None, "сайт")
    assert not DataValue.objects.filter(code__startswith="demo.license").exists()


def test_the_text_is_shown_in_the_form_again_and_cleared_by_emptying_it(deputy):
    deputy.post(URL, {field("demo.license", "text"): LICENSE})

    assert "Министерством образования Тверской области" in deputy.get(URL).content.decode()

    deputy.post(URL, {field("demo.license", "text"): "  "})
    assert not ManualValue.objects.exists()


def test_the_indicator_page_and_the_tree_show_the_text(deputy):
    deputy.post(URL, {field("demo.license", "text"): LICENSE})

    detail = words(deputy.get(reverse("indicators:detail", args=["demo.license"]) + "?year=2024"))
    tree = words(deputy.get(reverse("indicators:catalog") + "?catalog=demo&year=2024"))

    assert "Лицензия № 1234 от 15.03.2016" in detail
    assert "нет данных" not in detail.split("Лицензия № 1234")[0].split("Значение")[-1]
    assert "Лицензия № 1234 от 15.03.2016" in tree


def test_a_too_long_text_is_refused_and_kept(deputy):
    typed = "а" * 2001
    response = deputy.post(URL, {field("demo.license", "text"): typed})

    assert response.status_code == 200
    assert "не длиннее 2000 символов" in words(response)
    assert typed in response.content.decode()
    assert not ManualValue.objects.exists()


def test_the_observer_is_told_the_text_is_for_the_staff(deputy):
    deputy.post(URL, {field("demo.license", "text"): LICENSE})
    deputy.force_login(deputy.world.users["observer"])
    query = f"?year=2024&unit={deputy.world.school.code}"

    detail = words(deputy.get(reverse("indicators:detail", args=["demo.license"]) + query))
    tree = words(deputy.get(reverse("indicators:catalog") + query + "&catalog=demo"))

    assert "Лицензия" not in detail and "Лицензия" not in tree
    assert "Текст виден сотрудникам школы." in detail
    assert "текст видят сотрудники школы" in tree


def test_a_text_indicator_cannot_be_computed(deputy):
    response = deputy.post(reverse("indicators:own_new"), {
        "code": "program", "name": "Наименование программы развития", "unit": "text", "direction": "none",
        "method": "computed", "formula": "students.ce", "total": "on"})

    assert response.status_code == 200
    assert "Текстовый показатель вводится вручную: выберите способ «вводится вручную» и очистите формулу." in words(
        response)
    assert not Indicator.objects.filter(name="Наименование программы развития").exists()


def test_an_own_text_indicator_is_created_and_entered(deputy):
    response = deputy.post(reverse("indicators:own_new"), {
        "code": "program", "name": "Наименование программы развития", "unit": "text", "direction": "none",
        "method": "entered", "total": "on", "group": "Общие сведения"})
    assert response.status_code == 302
    own = Indicator.objects.get(name="Наименование программы развития")

    url = reverse("indicators:entry") + f"?catalog={own.catalog.code}&year=2024"
    deputy.post(url, {f"{own.pk}-text": "«Школа — территория успеха» на 2025–2030 годы"})

    assert ManualValue.objects.get(indicator=own.code).text == "«Школа — территория успеха» на 2025–2030 годы"


def test_a_catalog_file_with_a_computed_text_indicator_is_refused(tmp_path):
    from vsoko.indicators.catalogs import read_catalog

    (tmp_path / "bad.yaml").write_text(
        "catalog: {code: bad, name: Плохой}\nindicators:\n"
        "- {code: bad.x, name: Программа, unit: text, method: computed, formula: students.ce}\n", encoding="utf-8")
    errors: list[str] = []
    read_catalog(tmp_path / "bad.yaml", errors)

    assert any("bad.x" in e and "текстовый показатель вводится вручную" in e for e in errors), errors


def test_a_yes_no_indicator_is_chosen_as_da_net_and_its_change_is_said_in_words(deputy):
    """«Наличие столовой»: нет in 2023/2024, да in 2024/2025 — the tree and the page say «было: нет», not «+1,00»."""
    select = deputy.get(URL).content.decode()
    assert '<option value="1">да</option>' in select and '<option value="0">нет</option>' in select
    deputy.post(reverse("indicators:entry") + "?catalog=demo&year=2023", {field("demo.canteen", "value"): "0"})
    deputy.post(URL, {field("demo.canteen", "value"): "1"})

    detail = words(deputy.get(reverse("indicators:detail", args=["demo.canteen"]) + "?year=2024"))
    tree = words(deputy.get(reverse("indicators:catalog") + "?catalog=demo&year=2024"))

    assert "К прошлому году: было «нет»" in detail
    assert "+1,00" not in detail and "+1,00" not in tree
    assert "Наличие столовой demo.canteen · вводится вручную да было «нет»" in tree
