"""Objectivity flags of a municipality's schools: one read for all of them, the same as each school's «Анализ».

Three schools, ВПР, математика, 5 класс each (every school's procedure has the code «a1»: the flags must not mix
schools), 2024/2025:
    A  10 results «4»; journal «5» for 5 of them → понизили 5 из 10 = 50 % ≥ 50 %: high.
    B  10 results «3»; journal «4» for 4 of them → понизили 4 из 10 = 40 % ≥ 35 %: medium — but 4 people are
       fewer than the minimum (5): withheld from a reader who sees aggregates only.
    C  max score 20; 5 results «5» of 8 points, 5 results «4» of 9 points, no journal → «4» и «5» 100 % ≥ 80 %,
       mean score 8,5 of 20 = 42,5 % < 55 %: high marks, low score (high); 10 of 10 — the rest is 0, shown.
"""

import io

import pytest
from django.core.management import call_command

from tests.datavalues.records import Records, make_school
from tests.reports.test_municipal import paragraphs, table_after
from vsoko.analysis.access import Privacy
from vsoko.analysis.flags import FlagKind, Level
from vsoko.analysis.year import objectivity_by_school, year_index
from vsoko.datavalues.compute import recompute
from vsoko.demo.model import LAST_YEAR
from vsoko.indicators.catalogs import load_shipped_catalogs
from vsoko.records import enums
from vsoko.records.models import OrgUnit
from vsoko.reports.municipal import build

pytestmark = pytest.mark.django_db
YEAR = 2024
SECTION = "Признаки необъективности результатов"
LOWERED_A = ("5 из 10 (50,0 %, порог — от 50,0 %) понизили отметку по журналу — так бывает, когда журнальные отметки "
             "завышены.")
LOW_SCORE_C = "«4» и «5» у 100,0 % участников (порог — от 80,0 %), а средний первичный балл — 42,5 % от максимума (меньше 55,0 %)."


@pytest.fixture
def municipality(db):
    load_shipped_catalogs()
    unit = OrgUnit.objects.create(code="mun", name="Округ", kind=enums.OrgUnitKind.MUNICIPALITY)
    results = {  # school: (mark, journal mark, primary score) of each result
        "a": [(4, 5, None)] * 5 + [(4, 4, None)] * 5,
        "b": [(3, 4, None)] * 4 + [(3, 3, None)] * 6,
        "c": [(5, None, 8)] * 5 + [(4, None, 9)] * 5,
    }
    for code, rows in results.items():
        school = make_school(code, unit, name=f"Школа {code.upper()}")
        b = Records(school)
        vpr = b.assessment(enums.AssessmentKind.VPR, "математика", 5, year=YEAR, max_score=20)
        for i, (mark, journal, score) in enumerate(rows):
            b.result(vpr, b.student(f"{code}{i}", "5А", year=YEAR), mark=mark, journal=journal, primary=score)
        recompute(school, [YEAR])
    return unit


def schools() -> list[OrgUnit]:
    return list(OrgUnit.objects.filter(kind=enums.OrgUnitKind.SCHOOL).order_by("code"))


def found_flags(privacy: Privacy) -> dict[str, list[tuple[str, FlagKind, Level, str]]]:
    found = objectivity_by_school(schools(), YEAR, privacy)
    return {school.code: [(p.label, f.kind, f.level, f.reason) for p in found[school.pk] for f in p.flags]
            for school in schools()}


def test_each_school_gets_its_own_flags_and_a_small_group_is_withheld(municipality):
    assert found_flags(Privacy(on=True)) == {
        "a": [("ВПР, математика, 5 класс", FlagKind.JOURNAL_LOWERED, Level.HIGH, LOWERED_A)],
        "b": [],
        "c": [("ВПР, математика, 5 класс", FlagKind.HIGH_MARKS_LOW_SCORE, Level.HIGH, LOW_SCORE_C)],
    }
    # Whoever sees the pupils sees B's flag too.
    assert found_flags(Privacy(on=False))["b"] == [(
        "ВПР, математика, 5 класс", FlagKind.JOURNAL_LOWERED, Level.MEDIUM,
        "4 из 10 (40,0 %, порог — от 35,0 %) понизили отметку по журналу — так бывает, когда журнальные отметки завышены.")]


def test_the_report_counts_the_flags_per_school_and_explains_the_high_ones(municipality):
    document = build(municipality, YEAR)

    assert paragraphs(document, SECTION)[1] == "Признаки найдены у 2 из 3 школ."
    section = next(s for s in document.sections if s.heading == SECTION)
    assert section.blocks[2].header == [
        "Школа", "Процедур", "С признаками", "Из них с высоким риском", "Отметки по журналу выше результатов работы",
        "Высокие отметки при низком среднем балле"]
    assert table_after(document, SECTION) == [["Школа A", "1", "1", "1", "1", "0"],
                                              ["Школа C", "1", "1", "1", "0", "1"]]
    assert table_after(document, SECTION, 1) == [
        ["Школа A", "ВПР, математика, 5 класс", "Отметки по журналу выше результатов работы", LOWERED_A],
        ["Школа C", "ВПР, математика, 5 класс", "Высокие отметки при низком среднем балле", LOW_SCORE_C]]


def test_a_municipality_without_flags_says_so(municipality):
    other = OrgUnit.objects.create(code="mun-2", name="Другой округ", kind=enums.OrgUnitKind.MUNICIPALITY)
    OrgUnit.objects.filter(code__in=["a", "c"]).update(parent=other)  # B's only flag is withheld

    document = build(municipality, YEAR)

    assert paragraphs(document, SECTION)[1] == (
        "В 2024/2025 учебном году признаков необъективности результатов ВПР, ОГЭ и ЕГЭ ни у одной школы не найдено.")


def objectivity_of_the_index(school: OrgUnit, year: int, privacy: Privacy) -> list[tuple]:
    index = year_index(school, year, privacy)
    return [(row.assessment.pk, [(f.kind, f.level, f.reason, f.assessment) for f in row.flags if f.is_objectivity])
            for group in index.groups if group.key in ("vpr", "oge", "ege") for row in group.rows]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_flags_of_a_demo_municipality_are_those_of_each_schools_analysis(settings):
    """Three demo schools (seed 2: the second marks more generously than its ВПР show), both kinds of reader."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("demo", schools=3, students=80, years=2, seed=2, force=True, stdout=io.StringIO())
    demo_schools = schools()
    assert len(demo_schools) == 3

    for privacy in (Privacy(on=True), Privacy(on=False)):
        found = objectivity_by_school(demo_schools, LAST_YEAR, privacy, kinds=("vpr", "oge", "ege"))
        together = {s.pk: [(p.assessment.pk, [(f.kind, f.level, f.reason, f.assessment) for f in p.flags])
                           for p in found.get(s.pk, [])] for s in demo_schools}
        one_by_one = {s.pk: objectivity_of_the_index(s, LAST_YEAR, privacy) for s in demo_schools}
        assert together == one_by_one
        assert sum(len(flags) for rows in together.values() for _, flags in rows) > 0  # not vacuous
    shown = sum(len(p.flags) for ps in objectivity_by_school(demo_schools, LAST_YEAR, Privacy(on=True)).values()
                for p in ps)
    everything = sum(len(p.flags) for ps in objectivity_by_school(demo_schools, LAST_YEAR, Privacy(on=False)).values()
                     for p in ps)
    assert shown < everything  # some flag tells of a small group: the reader of aggregates does not get it
