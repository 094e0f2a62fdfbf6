"""Who is counted in an indicator's numerator and denominator (vsoko/indicators/counted.py).

The lists must be exactly the people the evaluated value counts: for every indicator
of the four shipped catalogs that counts people, the list sizes equal the numerator
and denominator computed from data values, on a school with every kind of edge case.
Then access: who gets the lists, who gets only part of them, who gets none.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from tests.accounts.personas import YEAR, build_world
from tests.datavalues.records import Records, d, make_school
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.datavalues.compute import recompute
from vsoko.indicators import counted
from vsoko.indicators.catalogs import load_shipped_catalogs
from vsoko.indicators.evaluate import Definition, evaluator_for
from vsoko.indicators.models import Indicator
from vsoko.records.enums import (
    AssessmentKind,
    EventKind,
    EventLevel,
    EventResult,
    Outcome,
    ProgramKind,
    QualificationCategory,
    Sex,
    SocialCategory,
    StaffEventKind,
)


@pytest.fixture
def school(db):
    """A school of 2024/2025 with every population edge case the person lists must respect."""
    load_shipped_catalogs()
    school = make_school("s")
    r = Records(school, YEAR)
    a = r.student("a", "2А", sex=Sex.MALE)
    r.marks(a, {"математика": "5", "русский язык": "5"})
    b = r.student("b", "5А", sex=Sex.FEMALE, ovz=True)
    r.marks(b, {"математика": "4", "русский язык": "3"})
    c = r.student("c", "5А", sex=Sex.FEMALE)
    r.marks(c, {"математика": "2", "русский язык": "na"})
    left_early = r.student("e", "5А", left_on=d("2025-05-20"))  # left before 25 May: not in CE
    r.marks(left_early, {"математика": "5"})
    left_on_cutoff = r.student("f", "9А", left_on=d("2025-05-25"), gia_admitted=True, certificate="regular")
    r.marks(left_on_cutoff, {"математика": "4"})
    g = r.student("g", "9А", gia_admitted=True, certificate="honors")
    r.marks(g, {"математика": "5", "физкультура": "pass"})
    h = r.student("h", "9А", gia_admitted=False, outcome=Outcome.REPEATING)
    r.marks(h, {"математика": "2"})
    i = r.student("i", "11А", gia_admitted=True, certificate="regular", disability=True)
    r.marks(i, {"математика": "exempt"})

    oge = r.assessment(AssessmentKind.OGE, "математика", 9, min_score=8)
    r.result(oge, left_on_cutoff, primary=12, mark=4)
    r.result(oge, g, primary=20, mark=5)
    r.result(oge, h, primary=5, mark=2)
    oge_russian = r.assessment(AssessmentKind.OGE, "русский язык", 9, min_score=15)
    r.result(oge_russian, left_on_cutoff, primary=10, mark=2)  # fails one of two: not «passed all»
    r.result(oge_russian, g, absent=True)  # absent: not a main result
    ege = r.assessment(AssessmentKind.EGE, "физика", 11, min_score=36)
    r.result(ege, i, primary=40, test=85)

    r.event(a, "Олимпиада", EventLevel.SCHOOL)
    r.event(b, "ВсОШ", EventLevel.MUNICIPAL, kind=EventKind.VSOSH, result=EventResult.PRIZE)
    r.event(g, "Финал", EventLevel.FINAL, result=EventResult.WINNER)
    r.event(g, "Конкурс", EventLevel.ALL_RUSSIAN)  # the same student twice at the federal level: counted once
    r.event(left_early, "Олимпиада", EventLevel.REGIONAL)  # not in CE
    r.program(a, "Шахматы", ProgramKind.ADDITIONAL)
    r.program(c, "Футбол", ProgramKind.SPORTS)
    r.social(c, SocialCategory.PDN)
    r.social(h, SocialCategory.PDN, until=d("2025-03-01"))  # removed before 25 May: not counted
    r.social(b, SocialCategory.LARGE_FAMILY)

    young = r.staff("t1", birth_date=d("1990-09-02"), experience_since=d("2022-09-02"),
                    category=QualificationCategory.HIGHEST, education="higher_ped")
    r.staff_event(young, StaffEventKind.COURSES)
    r.staff("t2", birth_date=d("1989-09-01"), experience_since=d("2021-09-01"), category=QualificationCategory.FIRST)
    r.staff("t3", birth_date=d("1970-01-01"), experience_since=d("1995-09-01"))
    r.staff("x", pedagogical=False, birth_date=d("1980-01-01"))
    recompute(school, [YEAR])
    return school


def listable():
    definitions = {i.code: Definition.of(i) for i in Indicator.objects.filter(retired=False)}
    return definitions, {code: defn for code, defn in definitions.items() if counted.parts(defn)}


def test_the_lists_are_exactly_the_evaluated_numerator_and_denominator(school, django_user_model):
    deputy = django_user_model.objects.create_superuser("root")
    definitions, people_counting = listable()
    # Every catalog has such indicators; the core ones at least these.
    assert {"core.students_total", "core.quality", "core.success", "core.excellent", "core.oge_passed",
            "core.staff_under_35", "core.staff_higher", "core.additional_education"} <= set(people_counting)
    evaluator = evaluator_for(school, [YEAR], definitions, list(people_counting))
    for code, definition in people_counting.items():
        value = evaluator.value(code, YEAR)
        groups = counted.counted_people(definition, school, YEAR, deputy)
        sizes = [Fraction(g.counted) for g in groups]
        expected = [value.numerator or 0, value.denominator or 0] if len(groups) == 2 else [value.value or 0]
        assert sizes == expected, code
        assert all(len(g.people) == g.counted for g in groups), code


def names(group) -> list[str]:
    return [p.name or str(p.pk) for p in group.people]


def test_hand_counted_lists_of_core_indicators(school, django_user_model):
    root = django_user_model.objects.create_superuser("root")
    definitions, _ = listable()

    def sizes(code):
        return [g.counted for g in counted.counted_people(definitions[code], school, YEAR, root)]

    # CE: a, b, c, f (left on 25 May itself), g, h, i; e left on 20 May.
    assert sizes("core.students_total") == [7]
    # Grades 2–11 with a year-end attestation: all 7 (i has only «осв» — graded 0 — so not attested: 6).
    # Quality: a (5,5), g (5, зачёт) -> 2; f has a 4 -> also «good»: 3 of 6.
    assert sizes("core.quality") == [3, 6]
    # Success: everyone attested without 2 or н/а: a, b, f, g -> 4 of 6 (c has 2 and н/а, h has 2).
    assert sizes("core.success") == [4, 6]
    # ОГЭ: participants f, g, h (g's absent Russian is no result); passed all: g only (f failed Russian, h maths).
    assert sizes("core.oge_passed") == [1, 3]
    # Additional education or sports: a and c of 7.
    assert sizes("core.additional_education") == [2, 7]
    # Staff under 35 on 1 September 2024: t1 (born 1990-09-02 -> 33); t2 born 1989-09-01 is 35. Of 3 pedagogues.
    assert sizes("core.staff_under_35") == [1, 3]
    assert sizes("core.staff_higher") == [1, 3]


def test_survey_and_mark_indicators_have_no_lists(school):
    definitions, _ = listable()
    for code in ("core.sou", "core.parents_satisfied", "core.vpr_base", "core.oge_mean_mark"):
        assert counted.parts(definitions[code]) is None, code


# --- access ------------------------------------------------------------------------------------

@pytest.fixture
def personas(db):
    load_shipped_catalogs()
    world = build_world()
    recompute(world.school, [YEAR])
    return world


def page(client, user, code, *, people=True):
    client.force_login(user)
    suffix = "&people=1" if people else ""
    return client.get(f"/indicators/{code}/?unit=s1&year={YEAR}{suffix}")


def test_deputy_gets_the_lists_and_the_access_is_audited(client, personas):
    deputy = personas.users["deputy"]
    response = page(client, deputy, "core.students_total", people=False)
    assert "Показать, кто учтён" in response.content.decode()
    assert not AuditEntry.objects.filter(object_type="indicator_people").exists()

    html = page(client, deputy, "core.students_total").content.decode()
    # CE of school 1: Иванов, Петров, Сидорова; Орлов left in January.
    for name in ("Иванов Алексей", "Петров Борис", "Сидорова Вера"):
        assert name in html
    assert "Орлов" not in html
    entry = AuditEntry.objects.get(object_type="indicator_people")
    assert entry.action == AuditAction.VIEW_LIST
    assert entry.object_id == "core.students_total"
    assert entry.school == personas.school


def test_class_teacher_sees_only_their_class_and_how_many_are_outside(client, personas):
    html = page(client, personas.users["class_teacher"], "core.students_total").content.decode()
    assert "Иванов Алексей" in html  # 5А
    assert "Петров" not in html and "Сидорова" not in html
    assert "вне вашего доступа: 2" in html


def test_sensitive_lists_need_the_permission(client, personas):
    # The director has no permission for sensitive categories; профилактический учёт is one.
    html = page(client, personas.users["director"], "core.prevention_registered").content.decode()
    assert "доступны только пользователям с разрешением" in html
    assert "Иванов" not in html
    html = page(client, personas.users["deputy"], "core.prevention_registered").content.decode()
    assert "Иванов Алексей" in html


def test_observer_and_staff_lists_for_people_without_staff_access(client, personas):
    html = page(client, personas.users["observer"], "core.students_total").content.decode()
    assert "Кто учтён" not in html and "Иванов" not in html
    html = page(client, personas.users["class_teacher"], "core.staff_under_35").content.decode()
    assert "Кто учтён" not in html and "Смирнова" not in html
    assert not AuditEntry.objects.filter(object_type="indicator_people").exists()
