"""reg004.5.3.2 (СПТ) and reg004.3.2.1 (профессиональная диагностика 10–11) from the pupils' diagnostics, by hand.

The personas' world (tests/accounts/personas.py) has in its contingent at the end of 2024/2025 (CE) Иванов (5А),
Петров (5Б) and Сидорова (10А); Орлов left 5Б before 25 May. Added here: 7А — a7, b7, c7; 10А — d10; 11А — e11,
and f11 who left on 01.03.2025 (before 25 May, «выбыл»). So CE = 8 pupils, of them 6 in grades 7–11
(a7 b7 c7 Сидорова d10 e11) and 3 in grades 10–11 (Сидорова d10 e11).
"""

from __future__ import annotations

import datetime

import pytest

from tests.accounts.personas import YEAR
from tests.indicators.conftest import values_by_key
from vsoko.datavalues.compute import recompute
from vsoko.diagnostics.models import Diagnostic, DiagnosticResult
from vsoko.indicators.catalogs import CATALOG_DIR, read_catalog, read_catalogs, store_catalog
from vsoko.indicators.enums import Method
from vsoko.indicators.evaluate import Definition
from vsoko.indicators.forms import ManualValueForm
from vsoko.indicators.models import Indicator
from vsoko.records import enums
from vsoko.records.models import Enrollment, SchoolClass, Student

pytestmark = pytest.mark.django_db
SPT, CAREER = "reg004.5.3.2", "reg004.3.2.1"
OCTOBER = datetime.date(2024, 10, 8)


@pytest.fixture
def school(world):
    for name, grade in (("7А", 7), ("11А", 11)):
        world.classes[name] = SchoolClass.objects.create(school=world.school, year_id=YEAR, name=name, grade=grade,
                                                         letter="А")
    pupils = {key: Enrollment.objects.get(student=world.students[key], year_id=YEAR)
              for key in ("ivanov", "sidorova")}
    for key, class_key, fields in (("a7", "7А", {}), ("b7", "7А", {}), ("c7", "7А", {}), ("d10", "10А", {}),
                                   ("e11", "11А", {}),
                                   ("f11", "11А", {"left_on": datetime.date(2025, 3, 1),
                                                   "outcome": enums.Outcome.LEFT})):
        student = Student.objects.create(school=world.school, student_id=f"R-{key}", last_name=key.capitalize(),
                                         first_name="Тест", sex=enums.Sex.FEMALE)
        pupils[key] = world.enroll(student, class_key, **fields)
    world.pupils = pupils
    return world


def hold(world, procedure: str, class_key: str, levels: dict[str, str]) -> None:
    diagnostic = Diagnostic.objects.create(school=world.school, year_id=YEAR, procedure=procedure, date=OCTOBER,
                                           school_class=world.classes[class_key])
    for key, level in levels.items():
        DiagnosticResult.objects.create(diagnostic=diagnostic, enrollment=world.pupils[key], level=level)


def indicators(world, *codes) -> dict:
    recompute(world.school, [YEAR])
    defs = {e["code"]: Definition.from_entry(e) for spec in read_catalogs() for e in spec.indicators}
    return values_by_key(world.school, YEAR, defs, list(codes))


def triple(value) -> tuple:
    return None if value is None else (value.value, value.numerator, value.denominator)


def test_the_spt_share_counts_participants_of_7_to_11_among_all_pupils(school):
    hold(school, "spt", "7А", {"a7": "no_risk", "b7": "latent_risk"})  # c7 did not take part
    hold(school, "spt", "10А", {"sidorova": "no_risk"})  # d10 did not take part
    # f11 took the test in October and left on 01.03.2025: not in CE, so in neither part of the share.
    hold(school, "spt", "11А", {"e11": "explicit_risk", "f11": "no_risk"})
    # A «СПТ» recorded in 5А (outside the procedure's grades 7–11) is no participation in the СПТ.
    hold(school, "spt", "5А", {"ivanov": "no_risk"})

    got = indicators(school, SPT)

    # a7 b7 Сидорова e11 of all 8 pupils of CE (the regulation: «от общего количества обучающихся»).
    assert triple(got[(SPT, ())]) == (50, 4, 8)
    assert triple(got[(SPT, (("grade", "7"),))])[1:] == (2, 3)
    assert triple(got[(SPT, (("grade", "10"),))]) == (50, 1, 2)
    assert triple(got[(SPT, (("grade", "11"),))]) == (100, 1, 1)


def test_the_career_diagnostics_share_of_grades_10_and_11(school):
    hold(school, "career_10_11", "10А", {"sidorova": "high", "d10": "low"})  # a low level is taking part too
    hold(school, "career_10_11", "11А", {"f11": "medium"})  # e11 not assessed; f11 left before 25 May
    hold(school, "career_10_11", "7А", {"a7": "high"})  # outside grades 10–11

    got = indicators(school, CAREER)

    assert triple(got[(CAREER, ())])[1:] == (2, 3)  # Сидорова, d10 of Сидорова, d10, e11
    assert triple(got[(CAREER, (("grade", "10"),))]) == (100, 2, 2)
    assert triple(got[(CAREER, (("grade", "11"),))]) == (0, 0, 1)


def test_no_value_but_not_zero_when_the_procedure_was_not_held(school):
    got = indicators(school, SPT, CAREER)  # no diagnostics at all in the year

    assert got.get((SPT, ())) is None or got[(SPT, ())].value is None
    assert got.get((CAREER, ())) is None or got[(CAREER, ())].value is None

    # Other diagnostics held, the СПТ and the профдиагностика not: still «нет данных», as reg000's 4.4 does.
    hold(school, "upbringing", "7А", {"a7": "high", "b7": "medium"})
    got = indicators(school, SPT, CAREER)

    assert got[(SPT, ())].value is None and got[(CAREER, ())].value is None
    assert (got[(SPT, ())].numerator, got[(SPT, ())].denominator) == (0, 0)  # as reg000.4.4.1.1 not held: 0 of 0


def test_the_entry_form_no_longer_asks_for_them():
    errors: list[str] = []
    store_catalog(read_catalog(CATALOG_DIR / "reg004.yaml", errors))
    assert errors == []

    for code in (SPT, CAREER):
        indicator = Indicator.objects.get(code=code)
        assert indicator.method == Method.COMPUTED
        form = ManualValueForm(indicator=indicator, prefix=str(indicator.pk))
        assert not {"value", "numerator", "denominator"} & set(form.fields), code
    still_entered = ManualValueForm(indicator=Indicator.objects.get(code="reg004.5.3.9"))
    assert {"numerator", "denominator"} <= set(still_entered.fields)


def test_the_observers_spt_page_shows_no_small_grade_and_no_class(school, settings):
    """The observer's page of reg004.5.3.2: who took part per grade (never per class), each grade's share withheld
    where its participants or the rest are 1–4 pupils — 7: 2 of 3, 10: 1 of 2, 11: 1 of 1 — and the school's 4 of 8."""
    from vsoko.indicators.dashboard import indicator_detail

    settings.VSOKO_MIN_GROUP_SIZE = 5
    store_catalog(read_catalog(CATALOG_DIR / "reg004.yaml", []))
    hold(school, "spt", "7А", {"a7": "no_risk", "b7": "latent_risk"})
    hold(school, "spt", "10А", {"sidorova": "no_risk"})
    hold(school, "spt", "11А", {"e11": "explicit_risk", "f11": "no_risk"})
    recompute(school.school, [YEAR])

    detail = indicator_detail(school.school, YEAR, Indicator.objects.get(code=SPT), suppress=True)
    staff = indicator_detail(school.school, YEAR, Indicator.objects.get(code=SPT))

    # The school's staff read the grades (and only grades: the breakdown is by параллель, never by class).
    assert [label for label, _ in staff.breakdown_rows] == ["параллель: 7", "параллель: 10", "параллель: 11"]
    # The observer: every grade's cell withheld (3), and a row withheld in every year shown is left out whole.
    assert detail.hidden == 3 and detail.breakdown_rows == []
    assert getattr(detail.line.values[-1][1], "suppressed", False)  # 4 of 8


def test_no_indicator_counts_the_spt_by_its_levels():
    """The СПТ's levels are confidential (levels_published: false): an indicator may count who took part, never a
    level — it would publish them per grade on the observer's pages. (reg004.5.3.4's «группа риска СПТ» is the
    pupil's social category, entered by the school, counted with six others.)"""
    formulas = [e.get("formula") or "" for spec in read_catalogs() for e in spec.indicators]
    spt = [f for f in formulas if "diagnostic=spt" in f]

    assert spt and not any("level=" in f or "favourable=" in f for f in spt)  # diagnostic_level=, favourable=
