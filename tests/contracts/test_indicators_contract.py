"""spec/core-indicators.md as an outside grader checks it: a package built by hand (hand_package/, read
through `vsoko import`), every core indicator compared with a hand computation from the spec's words, and the
machine-readable output of `vsoko indicators` in JSON and CSV.

The package mixes what data-format.md allows: enrollments.csv is `;`-separated with Russian labels,
programs.csv is Windows-1251, social.csv has a UTF-8 BOM, `ё` in enumerations (`учёт КДН`, `призёр`,
`удовлетворён`), `+` and `1` as booleans, an ОГЭ mark derived from mark_scale and an ЕГЭ test score from
test_scale, a retake and absent rows, ten ВПР tasks (`10` after `9`).
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pytest

from tests.contracts.test_cli_contract import run
from vsoko.indicators.catalogs import CATALOG_DIR, read_catalog, store_catalog

pytestmark = pytest.mark.django_db

PACKAGE = Path(__file__).parent / "hand_package"
KEYS = ["code", "name", "year", "org_unit", "breakdown", "value", "numerator", "denominator", "unit"]


@pytest.fixture(autouse=True)
def keep_test_connection(monkeypatch):
    """A command run from the command line closes every connection when done; the test's must stay open."""
    from django.core.management import base

    monkeypatch.setattr(base.connections, "close_all", lambda: None)


@pytest.fixture
def imported(school, capsys, django_capture_on_commit_callbacks):
    errors: list[str] = []
    store_catalog(read_catalog(CATALOG_DIR / "core.yaml", errors))
    assert errors == []
    with django_capture_on_commit_callbacks(execute=True):  # the import computes its years after the commit
        assert run("import", str(PACKAGE)) == 0, capsys.readouterr().err
    capsys.readouterr()
    return school


def indicators(capsys, fmt: str = "json", year: str = "2024/2025") -> str:
    assert run("indicators", "--year", year, "--catalog", "core", "--format", fmt) == 0
    return capsys.readouterr().out


def pct(numerator, denominator):
    return (numerator, denominator, pytest.approx(100 * numerator / denominator))


# (code, breakdown) → (numerator, denominator, value); counts → value alone.
# CE(2024/2025) = s1–s10, s13–s17 less s11 (выбыл) and s12 (left 20.05.2025, before 25 May); s13 left on
# 25.05.2025 and stays. 15 students: grades 1–4 s1 s2 s3 s4 s16 s17, 5–9 s5–s10 less s11, 10–11 s13 s14 s15.
# Marks denominator (grades 2–11, a year mark other than осв): 13 — s5 (осв only) and s16 (grade 1) out.
EXPECTED = {
    ("core.students_total", ()): 15,
    ("core.students_level1", ()): 6,
    ("core.students_level2", ()): 6,
    ("core.students_level3", ()): 3,
    # quality: s1 (5 5), s2 (5 4), s6 (5 зачет), s9 (5 5), s14 (4 4), s17 (осв 4)
    ("core.quality", ()): pct(6, 13),
    # success: all but s4 (н/а), s8 (2), s10 (незачет), s15 (1); s7 (зачет only) succeeds
    ("core.success", ()): pct(9, 13),
    ("core.excellent", ()): pct(3, 13),  # s1, s6, s9
    # СОУ: 21 marks (осв, зачет, незачет out; s11 and s16 out of CE/grades):
    # 5×7 → 7.00, 4×7 → 4.48, 3×4 → 1.44, 2×1 → 0.16, 1 and н/а → 0.14: 13.22 / 21
    ("core.sou", ()): (pytest.approx(13.22), 21, pytest.approx(1322 / 21)),
    ("core.repeaters", ()): pct(1, 15),  # s8
    # grade 9 of CE: s8, s9, s10 (s11 left with gia_admitted да)
    ("core.g9_admitted", ()): pct(2, 3),
    ("core.g9_certificate", ()): pct(2, 3),
    ("core.g9_certificate_honors", ()): pct(1, 3),
    ("core.g11_admitted", ()): pct(2, 2),
    ("core.g11_certificate", ()): pct(1, 2),
    ("core.g11_certificate_honors", ()): pct(0, 2),
    # ОГЭ participants s9 s10 s11 s12 s18 (s8 absent only; s12's математика is a retake):
    # s10 5 < 8 in математика, s18 10 < 15 in русский
    ("core.oge_passed", ()): pct(3, 5),
    ("core.oge_mean_mark", (("subject", "математика"),)): (11, 3, pytest.approx(11 / 3)),  # 4, 2, 5 from the scale
    ("core.oge_mean_mark", (("subject", "русский язык"),)): (18, 5, pytest.approx(3.6)),
    ("core.oge_top_quartile", (("subject", "математика"),)): (None, 3, 25),  # 25 20 5, k = 1
    ("core.oge_top_quartile", (("subject", "русский язык"),)): (None, 5, 20),  # 30 20 18 16 10, k = 2
    # ЕГЭ participants s14 s15 s18: s15's база mark 2, s18's русский 20 < 24
    ("core.ege_passed", ()): pct(1, 3),
    ("core.ege_mean_score", (("subject", "математика (профиль)"),)): (62, 1, 62),  # primary 10 → 62 by the scale
    ("core.ege_mean_score", (("subject", "русский язык"),)): (135, 3, 45),
    ("core.ege_high", ()): pct(1, 3),  # s14's 85
    ("core.ege_top_quartile", (("subject", "математика (база)"),)): (None, 1, 10),
    ("core.ege_top_quartile", (("subject", "математика (профиль)"),)): (None, 1, 10),
    ("core.ege_top_quartile", (("subject", "русский язык"),)): (None, 3, 40),
    # ВПР marks: математика 5 4 5 2 3 (s5 s6 s7 s18; s8 absent), русский 3 5 (s4 s3)
    ("core.vpr_base", ()): pct(5, 6),
    ("core.vpr_base", (("subject", "математика"),)): pct(3, 4),
    ("core.vpr_base", (("grade", "4"),)): pct(2, 2),
    ("core.vpr_high", ()): pct(2, 6),
    # with a journal mark: s5 4=4, s6 5>4, s7 2<3, s4 3=3, s3 5=5
    ("core.vpr_lowered", ()): pct(1, 5),
    ("core.vpr_confirmed", ()): pct(3, 5),
    ("core.vpr_raised", ()): pct(1, 5),
    ("core.vpr_raised", (("grade", "5"),)): pct(1, 3),
    # tasks 1–8 Б (1 point each), 9 П (1), 10 В (3): s5 7/8 + 3/4, s6 8/8 + 0/4
    ("core.vpr_basic_tasks", ()): pct(15, 16),
    ("core.vpr_advanced_tasks", ()): pct(3, 8),
    ("core.events_participation", ()): pct(3, 15),  # s1 s2 s3 (s11, s18 not in CE)
    ("core.vsosh_municipal", ()): pct(1, 15),  # s2
    ("core.vsosh_winners", ()): pct(2, 4),  # s2, s18 of s1 s2 s11 s18
    ("core.additional_education", ()): pct(2, 15),  # s1 (two), s2; s3's внеурочная does not count
    # P: t1 t2 t3 t5 (t4 not pedagogical); on 01.09.2024 t1 is 33, t2 exactly 35; t1 has 2 full years, t2 3
    ("core.staff_total", ()): 4,
    ("core.staff_higher", ()): pct(1, 4),
    ("core.staff_first", ()): pct(1, 4),
    ("core.staff_courses_3y", ()): pct(2, 4),  # t1 (Y), t2 (Y−2); t3's in Y−3
    ("core.staff_under_35", ()): pct(2, 4),
    ("core.staff_young", ()): pct(2, 4),
    ("core.staff_higher_ped", ()): pct(2, 4),
    # parents r1–r5: overall satisfied r1, r4 (удовлетворён); r5 answered only facilities
    ("core.parents_satisfied", ()): pct(2, 5),
    ("core.parents_satisfied", (("grade_band", "1-4"),)): pct(1, 2),
    ("core.parents_satisfied", (("grade_band", "10-11"),)): pct(0, 1),
    ("core.parents_satisfied.facilities", ()): pct(2, 5),
    ("core.students_satisfied", ()): pct(1, 2),
    # s1 (no until), s3 (until 25.05.2025); s2's until 24.05; s11 not in CE
    ("core.prevention_registered", ()): pct(2, 15),
}


def test_every_core_indicator_of_a_hand_built_package_matches_the_hand_computation(imported, capsys):
    rows = json.loads(indicators(capsys))
    got = {(r["code"], tuple(sorted(r["breakdown"].items()))): r for r in rows}

    for key, expected in EXPECTED.items():
        row = got[key]
        if isinstance(expected, tuple):
            assert (row["numerator"], row["denominator"], row["value"]) == expected, key
        else:
            assert row["value"] == expected, key
    assert all(list(r) == KEYS and r["year"] == "2024/2025" for r in rows)
    spec_codes = {k[0] for k in EXPECTED} - {"core.parents_satisfied.facilities"}
    assert {r["code"] for r in rows} >= spec_codes
    assert ("core.ege_mean_score", (("subject", "математика (база)"),)) not in got  # a mark, no test score
    assert not [r for r in rows if r["code"].endswith(("_mean_mark", "_mean_score", "_top_quartile"))
                and r["breakdown"] == {}]


def test_a_share_with_a_zero_denominator_is_null(imported, capsys):
    rows = json.loads(indicators(capsys, year="2023/2024"))  # s4 alone, grade 3, no marks, one ВСОШ призёр

    by_code = {r["code"]: r for r in rows if r["breakdown"] == {}}
    assert by_code["core.students_total"]["value"] == 1
    assert by_code["core.quality"]["value"] is None
    assert by_code["core.g9_admitted"]["value"] is None
    assert (by_code["core.vsosh_municipal"]["numerator"], by_code["core.vsosh_municipal"]["denominator"]) == (1, 1)


def test_csv_output_is_the_json_output_in_rows(imported, capsys):
    """One row per JSON element, the JSON keys as the header, `,` between cells, the breakdown as its JSON
    object: what a grader's csv.DictReader (or pandas) reads without options."""
    rows = json.loads(indicators(capsys))
    text = indicators(capsys, "csv")

    table = list(csv.DictReader(io.StringIO(text)))
    assert text.split("\n", 1)[0] == ",".join(KEYS)
    assert len(table) == len(rows)
    for row, element in zip(table, rows, strict=True):
        assert json.loads(row["breakdown"]) == element["breakdown"]
        assert row["code"] == element["code"] and row["unit"] == element["unit"]
        for key in ("value", "numerator", "denominator"):
            assert (row[key] == "") if element[key] is None else math.isclose(float(row[key]), element[key])
