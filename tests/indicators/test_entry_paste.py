"""«Вставить столбец из Excel»: a column of values pasted into the section fills its value fields in order, as a
preview — nothing is saved until «Сохранить», and what cannot be a value is marked at its field."""


import pytest

from tests.indicators.entry_form import URL, deputy_with_catalog, fast_passwords, field, words  # noqa: F401 (autouse fixture)
from vsoko.records.models import ManualValue

pytestmark = pytest.mark.django_db

CATALOG = """catalog: {code: demo, name: Демо}
indicators:
- {code: demo.share, name: Доля педагогов с высшей категорией, unit: percent, method: entered, group: Кадры}
- {code: demo.total, name: Численность учащихся, unit: count, method: computed, formula: students.ce, group: Кадры}
- {code: demo.pcs, name: Число компьютеров, unit: count, method: entered, group: Кадры}
- {code: demo.hall, name: Наличие читального зала, unit: bool, method: entered, group: Кадры}
- {code: demo.program, name: Программа развития, unit: text, method: entered, group: Кадры}
"""



@pytest.fixture
def deputy(client, tmp_path):
    return deputy_with_catalog(client, tmp_path, CATALOG)


def test_a_pasted_column_fills_the_entered_fields_in_order_and_saves_nothing(deputy):
    column = "85,5\r\n1\u00a0234\r\nда\r\n«Школа успеха» 2025–2030\r\n"  # Excel ends a copied column with a newline

    response = deputy.post(URL, {"paste_column": column, "paste": "1"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Заполнено полей: 4 из 4. Проверьте значения и нажмите «Сохранить»." in words(response)
    assert f'name="{field("demo.share", "value")}" value="85,5"' in html
    assert f'name="{field("demo.pcs", "value")}" value="1\u00a0234"' in html
    assert '<option value="1" selected>да</option>' in html
    assert "«Школа успеха» 2025–2030</textarea>" in html.replace("&laquo;", "«").replace("&raquo;", "»")
    assert not ManualValue.objects.exists()


def test_more_lines_than_fields_fill_nothing(deputy):
    response = deputy.post(URL, {"paste_column": "1\n2\n3\n4\n5\n", "paste": "1",
                                 field("demo.pcs", "value"): "48"})

    html = response.content.decode()
    assert "Вставлено строк: 5, а полей для значений в разделе: 4. Поля не заполнены." in words(response)
    assert f'name="{field("demo.pcs", "value")}" value="48"' in html  # what she had typed stays
    assert not ManualValue.objects.exists()


def test_two_columns_are_refused_with_the_line(deputy):
    response = deputy.post(URL, {"paste_column": "85\nЧисло компьютеров\t48\n", "paste": "1"})

    assert ("Строка 2: несколько ячеек («Число компьютеров», «48») — скопируйте один столбец значений. "
            "Поля не заполнены.") in words(response)


def test_a_pasted_value_that_cannot_be_is_marked_at_its_field(deputy):
    response = deputy.post(URL, {"paste_column": "120\n48", "paste": "1"})

    page = words(response)
    assert "Заполнено полей: 2 из 4." in page
    assert "Ошибка: Доля в процентах — от 0 до 100 (введено 120)." in page
    assert not ManualValue.objects.exists()


def test_the_save_button_comes_first_so_enter_in_a_field_saves(deputy):
    html = deputy.get(URL).content.decode()

    assert html.index("Сохранить</button>") < html.index('name="paste"')
    assert "Порядок: Доля педагогов с высшей категорией; Число компьютеров; Наличие читального зала; " \
           "Программа развития." in words(deputy.get(URL))


def test_a_number_pasted_into_a_yes_no_field_is_refused_in_plain_words(deputy):
    response = deputy.post(URL, {"paste_column": "85\n48\n85 %\n", "paste": "1"})

    assert "Ошибка: Здесь «да» или «нет» (введено «85 %»)." in words(response)
