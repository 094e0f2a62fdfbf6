from decimal import Decimal

import pytest

from vsoko.datavalues.registry import (
    Code,
    breakdown_key,
    breakdown_text,
    clean_breakdown,
    codes,
    dim_value,
    extractor,
    grade_band,
    parse_key,
    value_text,
)


def test_dimension_values_are_canonical_strings():
    assert [dim_value(v) for v in (Decimal("17.0"), Decimal("17.5"), 9, True, False, "", None, 17.0)] == [
        "17", "17.5", "9", "yes", "no", None, None, "17"]


def test_breakdown_key_is_sorted_and_parses_back():
    breakdown = clean_breakdown({"subject": "математика", "grade": 9, "outcome": "", "x": "a|b"})

    assert breakdown_key(breakdown) == "grade=9|subject=математика|x=a/b"
    assert parse_key(breakdown_key(breakdown)) == breakdown
    assert parse_key("") == {}


def test_grade_bands():
    assert [grade_band(g) for g in ("1", "4", "5", "9", "10", "11", "12", "x")] == [
        "1-4", "1-4", "5-9", "5-9", "10-11", "10-11", None, None]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"code": "nodot", "name": "x"}, "at least one dot"),
    ({"code": "a.b", "name": "x", "dims": ("colour",)}, "unknown dimension"),
    ({"code": "a.b", "name": "x", "dims": ("grade",), "fixed": ("subject",)}, "not among dims"),
    ({"code": "a.b", "name": "x", "dims": ("grade",), "dist": True}, "needs the dimension 'score'"),
    ({"code": "a.b", "name": "x", "dims": ("grade_band",)}, "unknown dimension"),
])
def test_code_declarations_are_checked(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Code(**kwargs)


def test_a_code_cannot_be_declared_by_two_extractors():
    taken = next(iter(codes()))

    with pytest.raises(ValueError, match="is declared by"):
        extractor(codes=[Code(taken, "again")])(lambda school_ids, years: [])


def test_every_registered_code_is_documented():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "data-values.md").read_text()
    core = {c for c, code in codes().items() if code.extractor.startswith("vsoko.datavalues.extractors.core.")}

    assert sorted(c for c in core if f"`{c}`" not in doc) == []


def test_coded_dimension_values_are_shown_in_russian_and_others_as_stored():
    codes()  # loads the extractors, which register their own dimensions
    assert value_text("kind", "oge") == "ОГЭ"
    assert value_text("level", "federal") == "заключительный или всероссийский"
    assert value_text("answer", "unsure") == "затрудняюсь ответить"
    assert value_text("staff_topic", "shnor") == "ШНОР"  # registered by the regulations' extractors
    assert value_text("subject", "математика") == "математика"
    assert value_text("unknown_dimension", "x") == "x"
    assert breakdown_text([("grade", "9"), ("in_ce", "no")]) == "параллель: 9, в контингенте на конец года: нет"

