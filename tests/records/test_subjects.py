import pytest

from vsoko.records.subjects import canonical_subject_name


@pytest.mark.parametrize(("written", "stored"), [
    ("Русский язык", "русский язык"),
    ("  русский\u00a0 язык ", "русский язык"),
    ("Математика (база)", "математика (база)"),
    ("История России. Всеобщая история", "история России. Всеобщая история"),
    ("ОБЗР", "ОБЗР"),
    ("ИЗО", "ИЗО"),
    ("физика", "физика"),
])
def test_subject_names_are_stored_in_one_spelling(written, stored):
    assert canonical_subject_name(written) == stored
