import pytest
from playwright.sync_api import expect

from vsoko.indicators.catalogs import load_shipped_catalogs
from vsoko.records.models import ManualValue

pytestmark = pytest.mark.e2e

CATALOG = """catalog: {code: demo, name: Демо}
indicators:
- {code: demo.share, name: Доля охваченных отдыхом, unit: percent, method: entered, group: Условия}
- {code: demo.pdn, name: Число обучающихся на учёте в ПДН, unit: count, method: entered, group: Условия}
"""


def test_the_deputy_types_a_share_over_100_sees_why_corrects_it_and_saves(logged_in_page, world, tmp_path):
    (tmp_path / "demo.yaml").write_text(CATALOG, encoding="utf-8")
    load_shipped_catalogs(tmp_path)
    deputy = logged_in_page("deputy")
    deputy.goto("/indicators/entry/?catalog=demo&year=2024")
    share = deputy.locator("fieldset", has_text="demo.share")

    share.get_by_label("Числитель").fill("30")
    share.get_by_label("Знаменатель").fill("25")
    deputy.locator("fieldset", has_text="demo.pdn").get_by_label("Значение").fill("3")
    deputy.get_by_role("button", name="Сохранить").click()

    summary = deputy.get_by_role("alert")
    expect(summary).to_contain_text("Ничего не сохранено: исправьте ошибки в показателях (1): Доля охваченных отдыхом.")
    summary.get_by_role("link", name="Доля охваченных отдыхом").click()
    share = deputy.locator("fieldset", has_text="demo.share")
    expect(share).to_contain_text("Числитель 30 больше знаменателя 25: доля была бы 120 %")
    assert not ManualValue.objects.exists()

    share.get_by_label("Числитель").fill("20")
    deputy.get_by_role("button", name="Сохранить").click()

    expect(deputy.get_by_text("Сохранено изменений: 2.")).to_be_visible()
    assert ManualValue.objects.get(indicator="demo.share").numerator == 20
