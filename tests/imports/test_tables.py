"""The table declarations: consistent with Excel's limits and fully documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from vsoko.imports.tables import TABLES, normalize, table_for_name, task_of_header

DOCS = Path(__file__).resolve().parents[2] / "docs" / "import.md"


@pytest.mark.parametrize("table", TABLES.values(), ids=TABLES.keys())
def test_table_names_and_headers_are_unambiguous(table):
    names = [normalize(n) for c in table.columns for n in {c.key, c.label}]

    assert len(table.sheet_title) <= 31  # Excel's limit for sheet names
    assert len(names) == len(set(names))
    assert table_for_name(table.key) is table
    assert table_for_name(f"  {table.title.upper()} ") is table
    assert table_for_name(table.sheet_title) is table
    assert all(c.key for c in table.natural_key)


def test_task_columns():
    assert [task_of_header(h) for h in ("task_1", "Task 10", "З3.1", "з 2", "Задание", "task")] == [
        "1", "10", "3.1", "2", None, None]


def test_every_table_and_column_is_documented():
    text = DOCS.read_text(encoding="utf-8")

    for table in TABLES.values():
        assert f"### {table.title}\n" in text
        for column in table.columns:
            assert f"| {column.label} | `{column.key}` |" in text
