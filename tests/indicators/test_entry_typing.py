"""What a deputy types from paper and Excel into the entry form: «12,5», «1 234» (a space, or Excel's no-break
space, between thousands), «85 %» in a share, «−3» with the typographic minus. The number is read as she means it;
what cannot be a value is refused at its field in Russian, the form keeps what she typed, nothing is saved."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.indicators.entry_form import URL, deputy_with_catalog, fast_passwords, field, words  # noqa: F401 (autouse fixture)
from vsoko.records.models import ManualValue

pytestmark = pytest.mark.django_db

CATALOG = """catalog: {code: demo, name: Демо}
indicators:
- {code: demo.share, name: Доля педагогов с высшей категорией, unit: percent, method: entered, group: Кадры}
- {code: demo.computers, name: Число компьютеров, unit: count, method: entered, group: Кадры}
- {code: demo.area, name: Площадь на одного учащегося, unit: area, method: entered, group: Кадры}
"""



@pytest.fixture
def deputy(client, tmp_path):
    return deputy_with_catalog(client, tmp_path, CATALOG)


@pytest.mark.parametrize(("code", "typed", "stored"), [
    ("demo.area", "12,5", "12.5"),
    ("demo.area", "12.5", "12.5"),
    ("demo.computers", "1 234", "1234"),
    ("demo.computers", "1\u00a0234", "1234"),  # Excel's «1 234» copied from a Russian sheet
    ("demo.computers", "1\u202f234", "1234"),  # the narrow no-break space of LibreOffice and Word
    ("demo.area", "1 234,5", "1234.5"),
    ("demo.share", "85 %", "85"),
    ("demo.share", "85%", "85"),
    ("demo.share", " 85,0 % ", "85"),
])
def test_a_number_typed_as_on_paper_or_in_excel_is_read(deputy, code, typed, stored):
    response = deputy.post(URL, {field(code, "value"): typed})

    assert response.status_code == 302, words(response, tags_as="")
    assert ManualValue.objects.get(indicator=code).value == Decimal(stored)


def test_a_benchmark_share_with_the_percent_sign_is_read(deputy):
    response = deputy.post(URL, {field("demo.share", "bench_region"): "47,3 %"})

    assert response.status_code == 302
    assert str(ManualValue.objects.get(indicator="demo.share", scope="region").value.normalize()) == "47.3"


def test_the_typographic_minus_is_a_minus_and_a_negative_count_is_refused(deputy):
    response = deputy.post(URL, {field("demo.computers", "value"): "\u22123"})

    assert "Ошибка: Значение не может быть отрицательным (введено −3)." in words(response, tags_as="")
    assert not ManualValue.objects.exists()


def test_the_percent_sign_in_a_count_is_refused_at_its_field(deputy):
    """«85 %» in «Число компьютеров» is a slip of a row: the share belongs elsewhere."""
    response = deputy.post(URL, {field("demo.computers", "value"): "85 %", field("demo.share", "value"): "40"})

    page = words(response, tags_as="")
    assert response.status_code == 200
    assert "Ошибка: Знак % ставится только у доли в процентах, а здесь — чел./ед. (введено «85 %»)." in page
    assert not ManualValue.objects.exists()


def test_a_share_over_100_typed_with_the_percent_sign_is_refused(deputy):
    response = deputy.post(URL, {field("demo.share", "value"): "120 %"})

    assert "Ошибка: Доля в процентах — от 0 до 100 (введено 120)." in words(response, tags_as="")
    assert not ManualValue.objects.exists()


def test_what_she_typed_is_kept_in_the_field_after_an_error(deputy):
    response = deputy.post(URL, {field("demo.computers", "value"): "12 шт", field("demo.area", "value"): "7,4"})

    html = response.content.decode()
    assert "Ошибка: Нужно число, например 52,3 или 48." in words(response, tags_as="")
    assert 'value="12 шт"' in html
    assert 'value="7,4"' in html
    assert not ManualValue.objects.exists()


def test_a_link_given_as_the_source_is_a_link_on_the_indicator_page(deputy):
    """The evidence may be a link to the school's site instead of a file: it opens from the indicator page."""
    deputy.post(URL, {field("demo.computers", "value"): "48",
                      field("demo.computers", "source"): "https://school.example.ru/docs/inventory-2024.pdf"})

    html = deputy.get(reverse("indicators:detail", args=["demo.computers"]) + "?year=2024").content.decode()

    assert 'href="https://school.example.ru/docs/inventory-2024.pdf"' in html
