from functools import cache

import pytest

from vsoko.indicators.catalogs import CATALOG_DIR, read_catalog
from vsoko.indicators.evaluate import Definition, indicator_values


@cache
def core_definitions() -> dict[str, Definition]:
    errors: list[str] = []
    spec = read_catalog(CATALOG_DIR / "core.yaml", errors)
    assert errors == []
    return {e["code"]: Definition.from_entry(e) for e in spec.indicators}


@pytest.fixture(scope="session")
def core_defs():
    return core_definitions()


def values_by_key(unit, year, defs, codes=None) -> dict:
    """{(code, ((dim, value), ...)): IndicatorValue} for the unit and year."""
    wanted = list(codes or defs)
    return {(v.code, tuple(sorted(v.breakdown.items()))): v for v in indicator_values(unit, year, defs, wanted)}


@pytest.fixture
def core_catalog(db):
    """Only the core catalog in the database (the regulation catalogs are tested on their own)."""
    from vsoko.indicators.catalogs import store_catalog

    errors: list[str] = []
    store_catalog(read_catalog(CATALOG_DIR / "core.yaml", errors))
    return errors
