"""The benchmarks of the demo's `values` sheet: the municipality's and the region's figures of a year."""

from __future__ import annotations

import random

from vsoko.demo.manual_values import YearFacts, add_values
from vsoko.demo.model import Calendar
from vsoko.demo.package import Package

FACTS = YearFacts(students=600, seniors=60, tenth=30, eleventh=30, older=300, ovz=18, non_native=15, risk=12,
                  teachers=50, young=5, classes=26)


def benchmarks(seed: str) -> dict[tuple[str, str], object]:
    package = Package()
    add_values(random.Random(seed), package, Calendar(2025), FACTS)
    return {(row["indicator"], row["scope"]): row["value"] for row in package.tables["values"]
            if row["scope"] in ("муниципалитет", "регион")}


def test_every_school_of_the_municipality_states_the_same_municipal_and_regional_figures():
    # Each school drew them from its own random numbers: eight schools of one municipality stated eight «регион»
    # values of quality for 2025/2026 (45,8 … 47,3 %), and the municipality's page showed whichever came first.
    first, second = benchmarks("school-1"), benchmarks("school-2")

    assert len(first) == 16  # eight indicators, two scopes
    assert first == second

