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
    ("Я и мир", "я и мир"),
])
def test_subject_names_are_stored_in_one_spelling(written, stored):
    assert canonical_subject_name(written) == stored


@pytest.mark.parametrize("written", [
    "IT-технологии",  # «IT» is an abbreviation, «iT-технологии» was a misprint
    "MS Office",
    "ИЗО-студия",  # the abbreviation is the part before the hyphen
    "Python-программирование",  # a Latin name keeps its capital as a proper name does
    "3D-моделирование",
    "iOS-разработка",
])
def test_abbreviations_and_latin_names_stay_as_written(written):
    assert canonical_subject_name(written) == written
