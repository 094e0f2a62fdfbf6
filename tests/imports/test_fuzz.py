"""Malformed input never crashes the import and never stores part of a package."""

from __future__ import annotations

import csv
import datetime
import io
import shutil
import tempfile
from pathlib import Path

import pytest
from django.apps import apps
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.imports.conftest import PACKAGE
from vsoko.imports.cells import CellError, parser_for
from vsoko.imports.service import import_package
from vsoko.imports.tables import TABLES

COLUMNS = [column for table in TABLES.values() for column in table.columns]

# Plausible values: most cells should look almost right, so validation gets past the obvious.
PLAUSIBLE = st.sampled_from([
    "", " ", "2024/2025", "2025/2024", "2024/25", "S1", "S2", "S3", "T1", "OGE-M-9", "9А", "12Б", "0", "1", "5", "-1",
    "1,5", "1.5", "1e9", "NaN", "inf", "да", "нет", "+", "-", "31.05.2025", "2025-02-30", "31.13.2025", "М", "ж",
    "год", "1 четверть", "зачёт", "н/а", "ОГЭ", "ЕГЭ", "Б", "П", "основная", "пересдача", "1;2;2;1", "1;;", ";;;;",
    "2:0-2;3:3-3", "2:5-1", "0:0;1:x", "ФГ; ЦОС", "учёт ПДН", "СЗД", "школа", "РФ", "Математика", "математика",
])
NASTY = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
CELL = st.one_of(PLAUSIBLE, PLAUSIBLE, PLAUSIBLE, NASTY)
HEADER = st.one_of(
    st.sampled_from([c.label for c in COLUMNS] + [c.key for c in COLUMNS] + ["З1", "task_2", "", "Фамилиия"]),
    NASTY,
)


@st.composite
def packages(draw) -> dict[str, list[list[str]]]:
    keys = draw(st.lists(st.sampled_from(list(TABLES)), min_size=1, max_size=4, unique=True))
    package = {}
    for key in keys:
        valid_header = PACKAGE[key][0]
        header = draw(st.one_of(
            st.just(valid_header),
            st.lists(HEADER, min_size=0, max_size=len(valid_header) + 2),
            st.permutations(valid_header).map(list),
        ))
        width = max(len(header), 1)
        rows = draw(st.lists(st.lists(CELL, min_size=0, max_size=width + 1), max_size=6))
        package[key] = [header, *rows]
    return package


def record_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in apps.get_app_config("records").get_models()}


def write(folder: Path, package: dict, delimiter: str, encoding: str) -> None:
    for key, rows in package.items():
        text = io.StringIO()
        csv.writer(text, delimiter=delimiter).writerows(rows)
        (folder / f"{key}.csv").write_bytes(text.getvalue().encode(encoding, errors="replace"))


@pytest.mark.django_db
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(package=packages(), delimiter=st.sampled_from([",", ";"]), encoding=st.sampled_from(["utf-8", "cp1251"]))
def test_malformed_csv_never_crashes_nor_writes_partially(school, package, delimiter, encoding):
    folder = Path(tempfile.mkdtemp())
    try:
        write(folder, package, delimiter, encoding)
        before = record_counts()

        report = import_package(folder, school=school)

        if not report.ok:
            assert record_counts() == before
            assert all(issue.message for issue in report.errors)
    finally:
        shutil.rmtree(folder)


EXCEL_CELLS = st.one_of(
    st.text(max_size=20), st.integers(min_value=-10**30, max_value=10**30), st.floats(allow_nan=True),
    st.booleans(), st.dates(), st.datetimes(), st.times(), st.timedeltas(), st.none(),
)


@settings(max_examples=400, deadline=None)
@given(column=st.sampled_from(COLUMNS), cell=EXCEL_CELLS)
def test_a_cell_parser_either_reads_the_cell_or_explains_why_not(column, cell):
    try:
        value = parser_for(column)(cell)
    except CellError as exc:
        assert str(exc)
    else:
        assert value is not None
        if isinstance(value, datetime.date):
            assert 1900 <= value.year <= 2100


@st.composite
def reshaped_packages(draw) -> dict[str, list[list[str]]]:
    """The hand-written package with optional columns dropped and the columns shuffled."""
    package = {}
    for key, (header, *rows) in PACKAGE.items():
        table = TABLES[key]
        required = {c.label for c in table.columns if c.must_be_filled} | {c.key for c in table.columns if c.must_be_filled}
        kept = [i for i, name in enumerate(header) if name in required or draw(st.booleans())]
        kept = draw(st.permutations(kept))
        package[key] = [[row[i] for i in kept] for row in (header, *rows)]
    return package


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(package=reshaped_packages())
def test_any_subset_of_columns_in_any_order_imports_and_reimports_unchanged(school, package):
    folder = Path(tempfile.mkdtemp())
    try:
        write(folder, package, ";", "utf-8")

        first = import_package(folder, school=school)
        again = import_package(folder, school=school)

        assert first.errors == []
        assert again.errors == []
        assert all(c.added == 0 and c.changed == 0 for c in again.counts.values()), again.counts
    finally:
        shutil.rmtree(folder)
