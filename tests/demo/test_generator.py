"""The demo school looks like a real one: indicators computed on the generated rows fall in realistic ranges."""

from __future__ import annotations

import pytest

from tests.demo.stats import year_stats
from vsoko.demo.generator import generate_school
from vsoko.demo.model import LAST_YEAR, SchoolProfile
from vsoko.records.years import year_label

YEARS = [year_label(y) for y in range(LAST_YEAR - 2, LAST_YEAR + 1)]


@pytest.fixture(scope="module")
def package():
    return generate_school(SchoolProfile("school-1", "Школа", "1"), 3)


def test_three_years_end_with_the_last_demo_year(package):
    assert sorted({r["year"] for r in package.tables["enrollments"]}) == YEARS


@pytest.mark.parametrize("year", YEARS)
def test_contingent_is_a_school_of_about_six_hundred(package, year):
    stats = year_stats(package, year)

    assert 520 <= stats["students_total"] <= 700
    classes = {r["class"] for r in package.tables["enrollments"] if r["year"] == year}
    assert {"10А", "11А"} <= classes
    assert 22 <= len(classes) <= 32


@pytest.mark.parametrize("year", YEARS)
def test_progress_indicators_are_realistic(package, year):
    stats = year_stats(package, year)

    assert 35 <= stats["quality"] <= 65
    assert 95 <= stats["success"] <= 100
    assert 5 <= stats["excellent"] <= 20
    assert stats["repeaters"] < 2


@pytest.mark.parametrize("year", YEARS)
def test_every_admitted_ninth_grader_sits_the_oge(package, year):
    stats = year_stats(package, year)

    # ОГЭ participants = grade-9 CE minus those not admitted and those who sit ГВЭ-9 (ОВЗ).
    assert stats["g9_ce"] * 0.85 <= stats["ОГЭ_participants"] <= stats["g9_ce"]
    assert stats["g11_ce"] * 0.9 <= stats["ЕГЭ_participants"] <= stats["g11_ce"]
    assert stats["g9_certificate"] >= 85
    assert stats["ОГЭ_passed"] >= 80
    assert stats["ЕГЭ_passed"] >= 80


@pytest.mark.parametrize("year", YEARS)
def test_vpr_looks_like_fis_oko_statistics(package, year):
    stats = year_stats(package, year)

    assert 80 <= stats["vpr_base"] <= 95
    assert stats["vpr_lowered"] > stats["vpr_raised"]
    assert 50 <= stats["vpr_confirmed"] <= 80
    assert stats["vpr_basic_tasks"] > stats["vpr_advanced_tasks"]


@pytest.mark.parametrize("year", YEARS)
def test_staff_and_the_rest_are_realistic(package, year):
    stats = year_stats(package, year)

    assert 38 <= stats["staff_total"] <= 55
    assert 30 <= stats["staff_higher"] <= 65
    assert 0 < stats["staff_under_35"] < 45
    assert 40 <= stats["events_participation"] <= 90
    assert 55 <= stats["additional_education"] <= 90
    assert 70 <= stats["parents_satisfied"] <= 97
    assert 0 < stats["prevention_registered"] < 5


def test_ege_has_both_mathematics_levels_retakes_and_absences(package):
    assessments = {r["assessment_id"]: r for r in package.tables["assessments"]}
    subjects = {a["subject"] for a in assessments.values() if a["kind"] == "ЕГЭ"}
    results = package.tables["results"]

    assert {"Математика (профиль)", "Математика (база)", "Русский язык"} <= subjects
    assert any(r["attempt"] == "пересдача" for r in results)
    assert any(r.get("absent") for r in results)
    assert {a["kind"] for a in assessments.values()} >= {"ВПР", "ОГЭ", "ЕГЭ", "итоговое собеседование"}
