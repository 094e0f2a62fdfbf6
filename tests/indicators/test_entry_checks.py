"""The entry form refuses values that cannot be: a share over 100 % however it is typed, a negative count,
a value that contradicts its own numerator and denominator; nothing of the section is saved, and the page
says so above the form and names the indicators to correct."""


import pytest
from django.urls import reverse

from tests.accounts.personas import build_world
from tests.indicators.entry_form import URL, deputy_with_catalog, fast_passwords, field, words  # noqa: F401 (autouse fixture)
from vsoko.records.models import ManualValue

pytestmark = pytest.mark.django_db

CATALOG = """catalog: {code: demo, name: Демо}
indicators:
- {code: demo.share, name: Доля охваченных отдыхом, unit: percent, method: entered, group: Условия}
- {code: demo.days, name: Дней болезни на одного обучающегося, unit: ratio, method: entered, group: Условия}
- {code: demo.pdn, name: Число обучающихся на учёте в ПДН, unit: count, method: entered, group: Условия}
"""



@pytest.fixture
def deputy(client, tmp_path):
    return deputy_with_catalog(client, tmp_path, CATALOG)


def test_a_numerator_over_the_denominator_of_a_share_is_refused(deputy):
    """30 of 25 would be 120 %: the value field refuses 120, the fraction must too."""
    response = deputy.post(URL, {field("demo.share", "numerator"): "30", field("demo.share", "denominator"): "25"})

    assert response.status_code == 200
    assert "Числитель 30 больше знаменателя 25: доля была бы 120 %, а доля — от 0 до 100 %." in words(response, tags_as="")
    assert not ManualValue.objects.exists()


def test_a_numerator_over_the_denominator_of_a_ratio_is_allowed(deputy):
    """1 850 days of illness of 540 pupils is 3,43 a pupil: a ratio may exceed one."""
    response = deputy.post(URL, {field("demo.days", "numerator"): "1850", field("demo.days", "denominator"): "540"})

    assert response.status_code == 302
    assert ManualValue.objects.get(indicator="demo.days").numerator == 1850


def test_a_benchmark_share_over_100_is_refused(deputy):
    response = deputy.post(URL, {field("demo.share", "value"): "45", field("demo.share", "bench_municipality"): "150"})

    page = words(response, tags_as="")
    assert response.status_code == 200
    assert "Ошибка: Доля в процентах — от 0 до 100 (введено 150)." in page
    assert not ManualValue.objects.exists()


@pytest.mark.parametrize(("code", "name"), [("demo.pdn", "value"), ("demo.days", "value"),
                                            ("demo.pdn", "bench_region")])
def test_a_negative_value_is_refused(deputy, code, name):
    response = deputy.post(URL, {field(code, name): "-3"})

    assert response.status_code == 200
    assert "Ошибка: Значение не может быть отрицательным (введено −3)." in words(response, tags_as="")
    assert not ManualValue.objects.exists()


def test_a_value_that_contradicts_its_numerator_and_denominator_is_refused(deputy):
    """Value 50 % with 3 of 4 (75 %): the school's page would show 50 % beside «3 из 4»."""
    response = deputy.post(URL, {field("demo.share", "value"): "50", field("demo.share", "numerator"): "3",
                                 field("demo.share", "denominator"): "4"})

    assert response.status_code == 200
    assert ("Значение 50 не совпадает с числителем и знаменателем: 3 из 4 — это 75,0 %. Исправьте одно или "
            "оставьте только числитель и знаменатель.") in words(response, tags_as="")
    assert not ManualValue.objects.exists()


@pytest.mark.parametrize("value", ["33,3", "33", "33.33"])
def test_a_value_rounded_from_its_numerator_and_denominator_is_accepted(deputy, value):
    """1 of 3 is 33,333… %: the value typed rounded to its own digits agrees."""
    response = deputy.post(URL, {field("demo.share", "value"): value, field("demo.share", "numerator"): "1",
                                 field("demo.share", "denominator"): "3"})

    assert response.status_code == 302


def test_the_page_says_above_the_form_that_nothing_was_saved_and_where_the_errors_are(deputy):
    response = deputy.post(URL, {field("demo.share", "value"): "120", field("demo.days", "value"): "много",
                                 field("demo.pdn", "value"): "4"})

    page = words(response, tags_as="")
    assert ("Ничего не сохранено: исправьте ошибки в показателях (2): Доля охваченных отдыхом; "
            "Дней болезни на одного обучающегося.") in page
    assert page.index("Ничего не сохранено") < page.index("Число обучающихся на учёте в ПДН")
    assert "Ошибка: Нужно число, например 52,3 или 48." in page
    assert not ManualValue.objects.exists()


def test_the_indicator_page_says_where_an_entered_value_comes_from(deputy):
    """The source and the comment typed with the value were kept but shown nowhere but the form itself."""
    deputy.post(URL, {field("demo.share", "numerator"): "412", field("demo.share", "denominator"): "575",
                      field("demo.share", "source"): "приказ № 45 от 01.06.2025",
                      field("demo.share", "comment"): "летний лагерь и путёвки"})

    page = words(deputy.get(reverse("indicators:detail", args=["demo.share"]) + "?year=2024"), tags_as="")

    assert "71,7 %" in page
    assert "Источник значения: приказ № 45 от 01.06.2025" in page
    assert "Комментарий: летний лагерь и путёвки" in page


def test_the_observer_of_the_municipality_is_not_shown_the_comment(deputy):
    deputy.post(URL, {field("demo.share", "value"): "40", field("demo.share", "comment"): "Иванов И. — в санатории"})
    deputy.force_login(deputy.world.users["observer"])

    page = words(deputy.get(reverse("indicators:detail", args=["demo.share"])
                            + f"?year=2024&unit={deputy.world.school.code}"), tags_as="")

    assert "40,0 %" in page
    assert "Иванов" not in page


@pytest.mark.parametrize(("code", "typed", "error"), [
    ("core.quality", "120", "Доля в процентах — от 0 до 100 (введено 120)."),
    ("core.students_total", "-10", "Значение не может быть отрицательным (введено −10)."),
    ("core.quality", "семьдесят", "Нужно число, например 52,3 или 48."),
])
def test_a_target_that_cannot_be_is_refused(client, code, typed, error):
    """A target of 120 % for knowledge quality could never be met: the targets page refuses it as the entry form
    refuses such a value, and saves none of the catalog's targets."""
    from vsoko.indicators.catalogs import CATALOG_DIR, read_catalog, store_catalog
    from vsoko.indicators.models import Target

    world = build_world()
    store_catalog(read_catalog(CATALOG_DIR / "core.yaml", []))
    client.force_login(world.users["deputy"])
    url = reverse("indicators:targets") + "?catalog=core&year=2024"

    response = client.post(url, {field(code, "value"): typed, field("core.success", "value"): "99"})

    assert response.status_code == 200
    assert f"Ошибка: {error}" in words(response, tags_as="")
    assert not Target.objects.exists()
