"""The audit log's registry of object types names every kind of entry the product writes in Russian."""

from __future__ import annotations

import re
from pathlib import Path

import vsoko
from vsoko.audit.journal import OBJECT_TYPES, object_type_label

SOURCE = Path(vsoko.__file__).parent


def written_object_types() -> set[str]:
    """Every object type a module passes as a literal, and the analysis pages' «analysis_<page>» exports."""
    found: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'object_type="([a-z_]+)"', text))
        if path.match("analysis/views.py"):
            found |= {f"analysis_{page}" for page in re.findall(r'_excel\(request, [^\n]*?, "([a-z]+)", ', text)}
    return found


def test_the_source_is_read_for_the_object_types_it_writes():
    written = written_object_types()

    assert {"student", "comparison", "objectivity", "analysis_teacher", "rating_sheet"} <= written
    assert len(written) > 60


def test_every_object_type_the_product_writes_has_a_russian_label():
    unlabelled = sorted(t for t in written_object_types() if t not in OBJECT_TYPES)

    assert unlabelled == []


def test_the_label_is_shown_instead_of_the_code_and_an_unknown_code_as_stored():
    assert object_type_label("objectivity") == "признаки необъективности по школам"
    assert object_type_label("comparison") == "сравнение школ"
    assert object_type_label("something_new") == "something_new"
