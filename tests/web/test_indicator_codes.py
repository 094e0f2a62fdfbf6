"""The list of indicator codes under the fields that take them (a decision, a plan item)."""

import pytest

from tests.web.pages import parse
from vsoko.indicators.catalogs import CATALOG_DIR, read_catalog, store_catalog

pytestmark = pytest.mark.django_db


@pytest.fixture
def core_catalog(world):
    errors: list[str] = []
    store_catalog(read_catalog(CATALOG_DIR / "core.yaml", errors))
    assert errors == []


@pytest.mark.parametrize("url", ["/decisions/new/", "/plan/new/?school=s1"])
def test_a_field_of_codes_lists_each_code_with_its_indicators_name(client, world, core_catalog, url):
    # The field asks for «core.quality, core.vpr_base»: a deputy knows «Качество знаний», not its code.
    client.force_login(world.users["deputy"])

    page = parse(client.get(url))
    help_list = page.find_all("details", "codes-help")

    assert len(help_list) == 1
    items = [li.text for li in help_list[0].find_all("li")]
    assert "core.quality — Качество знаний" in items
    assert "core.success — Успеваемость" in items
    assert [p.text for p in help_list[0].find_all("p", "codes-help__catalog")] == ["Базовые показатели"]
