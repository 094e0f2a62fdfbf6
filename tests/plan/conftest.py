import pytest

from tests.accounts.personas import build_world
from tests.datavalues.records import Records
from tests.reports.conftest import add_students
from vsoko.datavalues.compute import recompute
from vsoko.indicators.catalogs import CATALOG_DIR, read_catalog, store_catalog
from vsoko.indicators.models import Indicator, Target
from vsoko.records.enums import ValueScope


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    """The personas' world with only the core catalog stored (the school has chosen no other)."""
    errors: list[str] = []
    store_catalog(read_catalog(CATALOG_DIR / "core.yaml", errors))
    assert errors == []
    return build_world()


@pytest.fixture
def falling_school(school):
    """A school (core catalog only) whose knowledge quality fell from 3/4 = 75 % in 2022/2023 to 3/5 = 60 % in
    2023/2024, below its target of 70 % and the municipality's 68 % (the region's 55 % is lower); success is 100 %
    both years. 2024/2025, the year to plan, has two pupils (a year with data). Every «good» pupil has a 5 in
    mathematics and a 4 in Russian, the others 3 and 3 (tests/reports/conftest.add_students)."""
    errors: list[str] = []
    store_catalog(read_catalog(CATALOG_DIR / "core.yaml", errors))
    b = Records(school)
    for year, (good, total) in {2022: (3, 4), 2023: (3, 5), 2024: (1, 2)}.items():
        add_students(b, year, good, total)
    b.manual("core.quality", value="68", scope=ValueScope.MUNICIPALITY, year=2023)
    b.manual("core.quality", value="55", scope=ValueScope.REGION, year=2023)
    Target.objects.create(school=school, indicator=Indicator.objects.get(code="core.quality"), year_id=2023, value=70)
    recompute(school, [2022, 2023, 2024])
    return school
