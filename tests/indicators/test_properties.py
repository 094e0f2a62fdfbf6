"""Property: for random records, values from data values equal a direct computation from the records,
and a municipality's value is the ratio of the sums of its schools (not a mean of their values)."""

from __future__ import annotations

import datetime
from fractions import Fraction

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.datavalues.records import Records, make_school
from tests.indicators.conftest import core_definitions, values_by_key
from vsoko.datavalues.compute import recompute
from vsoko.records.enums import OrgUnitKind, Outcome
from vsoko.records.models import OrgUnit

YEAR = 2024
MARKS = ["5", "4", "3", "2", "1", "pass", "fail", "exempt", "na"]
WEIGHTS = {"5": Fraction(1), "4": Fraction(64, 100), "3": Fraction(36, 100), "2": Fraction(16, 100),
           "1": Fraction(7, 100), "na": Fraction(7, 100)}
LEAVING = [None, "before", "on", "outcome"]
ANSWERS = ["полностью удовлетворен", "скорее удовлетворен", "скорее не удовлетворен", "не удовлетворен",
           "затрудняюсь ответить", None]

student = st.fixed_dictionaries({
    "grade": st.integers(1, 11),
    "leaving": st.sampled_from(LEAVING),
    "marks": st.dictionaries(st.sampled_from(["математика", "русский язык", "физика"]), st.sampled_from(MARKS),
                             max_size=3),
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

CODES = ["core.students_total", "core.quality", "core.success", "core.excellent", "core.sou",
         "core.staff_under_35", "core.staff_young", "core.parents_satisfied"]


def full_years(since: datetime.date, on: datetime.date) -> int:
    return on.year - since.year - ((on.month, on.day) < (since.month, since.day))


def direct(schools: list[dict]) -> dict[str, tuple[Fraction, Fraction] | Fraction]:
    """The core formulas computed straight from the generated records (pooled over the schools)."""
    ce = [s for data in schools for s in data["students"] if s["leaving"] in (None, "on")]
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
    return {
        "core.students_total": Fraction(len(ce)),
        "core.quality": (len(quality), len(graded)),
        "core.success": (len(success), len(graded)),
        "core.excellent": (len(excellent), len(graded)),
        "core.sou": (sum((WEIGHTS[m] for m in sou_marks), Fraction(0)), len(sou_marks)),
        "core.staff_under_35": (sum(full_years(p["birth"], first_sept) < 35 for p in people), len(people)),
        "core.staff_young": (sum(full_years(p["since"], first_sept) < 3 for p in people), len(people)),
        "core.parents_satisfied": (
            sum(r["overall"] in ANSWERS[:2] for r in answers), len(answers)),
    }


def build(school, data: dict) -> None:
    b = Records(school, YEAR)
    for i, s in enumerate(data["students"]):
        fields = {
            None: {}, "before": {"left_on": datetime.date(YEAR + 1, 5, 24)},
            "on": {"left_on": datetime.date(YEAR + 1, 5, 25)}, "outcome": {"outcome": Outcome.LEFT},
        }[s["leaving"]]
        student = b.student(f"s{i}", f"{s['grade']}А", **fields)
        b.marks(student, s["marks"])
    for i, p in enumerate(data["staff"]):
        b.staff(f"t{i}", birth_date=p["birth"], experience_since=p["since"])
    for i, r in enumerate(data["respondents"]):
        answers = {"safety": "скорее удовлетворен"}
        if r["overall"] is not None:
            answers["overall"] = r["overall"]
        b.survey("parents", f"r{i}", r["grade"], answers)


def check(got: dict, expected: dict) -> None:
    for code in CODES:
        v = got[(code, ())]
        want = expected[code]
        if isinstance(want, Fraction):
            assert v.value == (want if want else v.value), code
            continue
        num, den = want
        if not den:  # 0 when the source data exist, None when there are none at all
            assert (v.value, v.denominator or 0) == (None, 0), code
            continue
        assert v.denominator == den, code
        if den:
            assert v.numerator == pytest.approx(float(num)), code
            assert v.value == pytest.approx(float(Fraction(num) / den * 100)), code
        else:
            assert v.value is None, code


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

        for school, data in zip(schools, (first, second), strict=True):
            check(values_by_key(school, YEAR, defs, CODES), direct([data]))
        check(values_by_key(unit, YEAR, defs, CODES), direct([first, second]))
        transaction.set_rollback(True)
