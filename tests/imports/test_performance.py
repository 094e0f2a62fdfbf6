"""A full-size package: 1,000 students over three years (~260k marks, ~100k task scores).

Its speed is measured in benchmarks/run.py, not here: tests assert behaviour, not time.
"""

from __future__ import annotations

import pytest

from tests.imports import big_package
from vsoko.imports.service import import_package
from vsoko.records.models import PeriodMark, TaskScore

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def test_full_size_package_imports_and_reimports_unchanged(tmp_path, school):
    package = big_package.build()
    path = big_package.write(tmp_path / "big.xlsx", package)

    report = import_package(path, school=school)
    again = import_package(path, school=school)

    assert report.errors == []
    assert PeriodMark.objects.count() == len(package["marks"]) - 1
    assert TaskScore.objects.count() == 15 * (len(package["results"]) - 1)
    assert all(c.added == c.changed == 0 for c in again.counts.values())
