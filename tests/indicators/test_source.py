"""vsoko.indicators.source: which source texts are not Russian, and document titles without files."""

import pytest

from vsoko.indicators.catalogs import read_catalogs
from vsoko.indicators.source import document_title, is_russian


@pytest.mark.parametrize(("text", "russian"), [
    ("Доля выпускников 9 класса, получивших аттестат", True),
    ("", True),
    ("доля обучающихся, достигших базового уровня по результатам ВПР (ГИС ФИС ОКО)", True),
    ("|CE|", False),
    ("качество знаний. Denominator: CE students of grades 2–11 with at least one year mark other than `осв`", False),
    # the quoted data values do not make an English definition Russian
    ("P with education `высшее педагогическое` / |P|", False),
    ("outcome `оставлен на повторное обучение` / |CE|", False),
])
def test_is_russian_counts_letters_outside_code_quotes(text, russian):
    assert is_russian(text) is russian


@pytest.mark.parametrize(("document", "title"), [
    ("Базовые показатели vsoko (spec/core-indicators.md)", "Базовые показатели vsoko"),
    ("Положение о ВСОКО (приказ № 30 от 28.02.2025)", "Положение о ВСОКО (приказ № 30 от 28.02.2025)"),
    ("Положение о ВСОКО", "Положение о ВСОКО"),
])
def test_document_title_drops_only_a_file_reference(document, title):
    assert document_title(document) == title


def test_only_the_core_catalog_has_a_source_that_is_not_russian():
    foreign = {s.code for s in read_catalogs() for e in s.indicators if not is_russian(e["text"])}
    core = next(s for s in read_catalogs() if s.code == "core")

    assert foreign == {"core"}
    assert all(not is_russian(e["text"]) for e in core.indicators)
