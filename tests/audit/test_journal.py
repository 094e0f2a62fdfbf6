"""The audit log's registry of object types names every kind of entry the product writes in Russian."""

from __future__ import annotations

import re
from pathlib import Path

from django.apps import apps

import vsoko
from vsoko.audit.journal import OBJECT_TYPES, object_type_label, object_urls
from vsoko.audit.models import AuditEntry

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


def test_every_linked_object_type_names_the_model_its_page_shows():
    for key, known in OBJECT_TYPES.items():
        if known.url_name:
            model = apps.get_model(known.model)
            assert known.key == "pk" or model._meta.get_field(known.key), key
        else:
            assert not known.model, key


def test_an_entry_links_to_its_object_only_while_the_object_exists(world):
    kept = world.classes["5А"]
    gone = world.classes["5Б"]
    gone_id = gone.pk
    entries = [AuditEntry.objects.create(action="view", object_type="class", object_id=str(kept.pk)),
               AuditEntry.objects.create(action="view", object_type="class", object_id=str(gone_id)),
               AuditEntry.objects.create(action="change", object_type="inquiry", object_id="999999"),
               AuditEntry.objects.create(action="view", object_type="import", object_id="not-a-uuid"),
               AuditEntry.objects.create(action="view", object_type="school", object_id="1")]
    gone.enrollments.all().delete()
    gone.delete()

    urls = object_urls(entries)

    assert urls == {entries[0].pk: f"/classes/{kept.pk}/"}
