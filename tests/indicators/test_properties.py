"""Property: roll-up is exact (the issue's «done when»).

For random records of two schools of one municipality:
1. each school's value from its data values equals a direct computation from its records;
2. the two schools' numerators and denominators (counts: values) sum to the municipality's,
   and the municipality's value is the formula over those sums (not a mean of the schools'
   values); a top-quartile boundary is that of the pooled distribution.
"""

from __future__ import annotations

import datetime
import math
from fractions import Fraction

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.datavalues.records import Records, make_school
from tests.indicators.conftest import core_definitions, values_by_key
from vsoko.datavalues.compute import recompute
from vsoko.indicators.enums import Unit
from vsoko.records.enums import AssessmentKind, Attempt, OrgUnitKind, Outcome
from vsoko.records.models import OrgUnit

YEAR = 2024
MATH = "математика"
OGE_MIN = 8
MARKS = ["5", "4", "3", "2", "1", "pass", "fail", "exempt", "na"]
WEIGHTS = {"5": Fraction(1), "4": Fraction(64, 100), "3": Fraction(36, 100), "2": Fraction(16, 100),
           "1": Fraction(7, 100), "na": Fraction(7, 100)}
LEAVING = [None, "before", "on", "outcome"]
ANSWERS = ["полностью удовлетворен", "скорее удовлетворен", "скорее не удовлетворен", "не удовлетворен",
           "затрудняюсь ответить", None]

# An ОГЭ mathematics result: absent rows carry (meaningless) scores, which must not count;
# a retake, on a reserve day, neither. Few distinct scores, so that ties are common.
oge = st.one_of(st.none(), st.fixed_dictionaries({
    "primary": st.integers(5, 11), "mark": st.integers(2, 5), "absent": st.booleans(),
    "retake": st.one_of(st.none(), st.integers(5, 11)),
}))
student = st.fixed_dictionaries({
    "grade": st.integers(1, 11),
    "leaving": st.sampled_from(LEAVING),
    "marks": st.dictionaries(st.sampled_from(["математика", "русский язык", "физика"]), st.sampled_from(MARKS),
                             max_size=3),
    "oge": oge,
})
staff = st.fixed_dictionaries({
    "birth": st.dates(datetime.date(1985, 8, 25), datetime.date(1993, 9, 10)),
    "since": st.dates(datetime.date(2020, 8, 25), datetime.date(2023, 9, 10)),
})
respondent = st.fixed_dictionaries({"grade": st.integers(1, 11), "overall": st.sampled_from(ANSWERS)})
school_data = st.fixed_dictionaries({
    "students": st.lists(student, max_size=7),
    "staff": st.lists(staff, max_size=4),
    "respondents": st.lists(respondent, max_size=4),
})

SUBJECT = (("subject", MATH),)
KEYS = [("core.students_total", ()), ("core.quality", ()), ("core.success", ()), ("core.excellent", ()),
        ("core.sou", ()), ("core.staff_under_35", ()), ("core.staff_young", ()), ("core.parents_satisfied", ()),
        ("core.oge_passed", ()), ("core.oge_mean_mark", SUBJECT), ("core.oge_top_quartile", SUBJECT)]
CODES = sorted({code for code, _ in KEYS})
QUARTILE = "core.oge_top_quartile"


def full_years(since: datetime.date, on: datetime.date) -> int:
    return on.year - since.year - ((on.month, on.day) < (since.month, since.day))


def direct(schools: list[dict]) -> dict[tuple, object]:
    """The core formulas computed straight from the generated records (pooled over the schools).

    Per key: a count (None without any enrollment), (numerator, denominator), ("kth", score, n)
    for the top quartile, or None where the breakdown must be absent (no main result).
    """
    students = [s for data in schools for s in data["students"]]
    ce = [s for s in students if s["leaving"] in (None, "on")]
    graded = [s for s in ce if s["grade"] >= 2 and any(m != "exempt" for m in s["marks"].values())]

    def numeric(s):
        return [int(m) for m in s["marks"].values() if m.isdigit()]

    def clean(s):
        return not ({"na", "fail"} & set(s["marks"].values()))

    quality = [s for s in graded if numeric(s) and min(numeric(s)) >= 4 and clean(s)]
    success = [s for s in graded if clean(s) and not ({1, 2} & set(numeric(s)))]
    excellent = [s for s in graded if numeric(s) and min(numeric(s)) == 5 and clean(s)]
    sou_marks = [m for s in ce if s["grade"] >= 2 for m in s["marks"].values() if m in WEIGHTS]
    first_sept = datetime.date(YEAR, 9, 1)
    people = [p for data in schools for p in data["staff"]]
    answers = [r for data in schools for r in data["respondents"]]
    # ОГЭ: main results, in CE or not; one main result per student here
    main = [s["oge"] for s in students if s["oge"] and not s["oge"]["absent"]]
    scores = sorted((r["primary"] for r in main), reverse=True)
    return {
        ("core.students_total", ()): Fraction(len(ce)) if students else None,
        ("core.quality", ()): (len(quality), len(graded)),
        ("core.success", ()): (len(success), len(graded)),
        ("core.excellent", ()): (len(excellent), len(graded)),
        ("core.sou", ()): (sum((WEIGHTS[m] for m in sou_marks), Fraction(0)), len(sou_marks)),
        ("core.staff_under_35", ()): (sum(full_years(p["birth"], first_sept) < 35 for p in people), len(people)),
        ("core.staff_young", ()): (sum(full_years(p["since"], first_sept) < 3 for p in people), len(people)),
        ("core.parents_satisfied", ()): (sum(r["overall"] in ANSWERS[:2] for r in answers), len(answers)),
        ("core.oge_passed", ()): (sum(r["primary"] >= OGE_MIN for r in main), len(main)),
        ("core.oge_mean_mark", SUBJECT): (sum(r["mark"] for r in main), len(main)) if main else None,
        (QUARTILE, SUBJECT): ("kth", scores[math.ceil(len(scores) / 4) - 1], len(scores)) if main else None,
    }


def build(school, data: dict) -> None:
    b = Records(school, YEAR)
    if any(s["oge"] for s in data["students"]):
        main = b.assessment(AssessmentKind.OGE, MATH, 9, min_score=OGE_MIN)
        reserve = b.assessment(AssessmentKind.OGE, MATH, 9, min_score=OGE_MIN)
    for i, s in enumerate(data["students"]):
        fields = {
            None: {}, "before": {"left_on": datetime.date(YEAR + 1, 5, 24)},
            "on": {"left_on": datetime.date(YEAR + 1, 5, 25)}, "outcome": {"outcome": Outcome.LEFT},
        }[s["leaving"]]
        student = b.student(f"s{i}", f"{s['grade']}А", **fields)
        b.marks(student, s["marks"])
        if s["oge"]:
            r = s["oge"]
            b.result(main, student, primary=r["primary"], mark=r["mark"], absent=r["absent"])
            if r["retake"] is not None:
                b.result(reserve, student, primary=r["retake"], mark=3, attempt=Attempt.RETAKE)
    for i, p in enumerate(data["staff"]):
        b.staff(f"t{i}", birth_date=p["birth"], experience_since=p["since"])
    for i, r in enumerate(data["respondents"]):
        answers = {"safety": "скорее удовлетворен"}
        if r["overall"] is not None:
            answers["overall"] = r["overall"]
        b.survey("parents", f"r{i}", r["grade"], answers)


def check(got: dict, expected: dict) -> None:
    """Claim 1: the values from data values equal the direct computation."""
    defs = core_definitions()
    for key in KEYS:
        want = expected[key]
        if want is None and key[1]:  # a breakdown without data: no row
            assert key not in got, key
            continue
        v = got[key]
        if want is None or isinstance(want, Fraction):
            assert v.value == want, key
        elif want[0] == "kth":
            assert (v.value, v.denominator) == want[1:], key
        elif not want[1]:  # empty denominator: 0 when the source data exist, None when there are none at all
            assert (v.value, v.denominator or 0) == (None, 0), key
        else:
            num, den = want
            assert v.denominator == den, key
            assert v.numerator == pytest.approx(float(num)), key
            assert v.value == pytest.approx(float(Fraction(num) / den * defs[key[0]].factor)), key


def added(values):
    """Sum of the parts that have a value; None when none has."""
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def check_roll_up(parts: list[dict], unit: dict) -> None:
    """Claim 2: the schools' numerators and denominators (counts: values) sum to the municipality's."""
    defs = core_definitions()
    assert set(unit) == set().union(*parts)
    for key, v in unit.items():
        school_values = [p[key] for p in parts if key in p]
        if key[0] == QUARTILE:  # not additive: the pooled distribution, whose size n adds up
            assert v.denominator == added(s.denominator for s in school_values), key
        elif defs[key[0]].unit == Unit.COUNT:
            assert v.value == added(s.value for s in school_values), key
        else:
            numerator = added(s.numerator for s in school_values)
            assert v.numerator == (None if numerator is None else pytest.approx(numerator)), key
            assert v.denominator == added(s.denominator for s in school_values), key


@pytest.mark.django_db
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=school_data, second=school_data)
def test_values_from_data_values_equal_a_direct_computation(first, second):
    defs = core_definitions()
    with transaction.atomic():
        unit = OrgUnit.objects.create(code="mun-p", name="Район", kind=OrgUnitKind.MUNICIPALITY)
        schools = [make_school("p1", unit), make_school("p2", unit)]
        for school, data in zip(schools, (first, second), strict=True):
            build(school, data)
            recompute(school, [YEAR])

        parts = [values_by_key(school, YEAR, defs, CODES) for school in schools]
        total = values_by_key(unit, YEAR, defs, CODES)
        for got, data in zip(parts, (first, second), strict=True):
            check(got, direct([data]))
        check(total, direct([first, second]))
        check_roll_up(parts, total)
        transaction.set_rollback(True)
