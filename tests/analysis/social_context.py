"""Two hand-counted schools of a municipality with pupils of social categories (`build_municipality`), for the
tests of the page «Результаты в социальном контексте» (tests/analysis/test_context_municipal.py) and of its
section in the municipal analytic report (tests/reports/test_municipal_context.py); each makes it its fixture
`municipality`, as tests/analysis/world.py's world is the fixture `aw`."""

from tests.datavalues.records import Records, make_school
from vsoko.datavalues.compute import recompute
from vsoko.records.enums import AssessmentKind, OrgUnitKind, Outcome, SocialCategory
from vsoko.records.models import OrgUnit

YEAR = 2024
LOW, ORPHAN = SocialCategory.LOW_INCOME, SocialCategory.ORPHAN


def pupils(b: Records, prefix: str, category, marks: str) -> list:
    """One pupil of 5А per mark (a year mark in mathematics), of the category if given."""
    found = []
    for n, mark in enumerate(marks):
        pupil = b.student(f"{prefix}{n}", "5А", outcome=Outcome.PROMOTED)
        if category:
            b.social(pupil, category)
        b.marks(pupil, {"математика": mark})
        found.append(pupil)
    return found


def build_municipality() -> OrgUnit:
    """2024/25, «Городской округ»:
    Школа А — ten low-income pupils «4»×5 and «3»×5 (quality 5 of 10), ten without a category «5»×10: the school's
    quality 15 of 20 = 75 %, success 20 of 20; low-income against the school 50 − 75 = −25 п. п.
    ВПР (порог 5 баллов): two low-income pupils, 10 баллов «5» and 2 балла «2».
    Школа Б — five low-income «4»×5 (quality 5 of 5), two orphans «5», «3» (1 of 2), three without a category
    «3», «3», «2»: the school's quality 6 of 10 = 60 %, success 9 of 10; low-income +40, orphans −10 п. п.
    ВПР: one low-income pupil, 8 баллов «4».
    The municipality: quality 21 of 30 = 70 % (the mean of the schools' 75 % and 60 % would be 67,5 %), success
    29 of 30; low-income 10 of 15 (the mean of 50 % and 100 % would be 75 %), success 15 of 15, three results:
    one «2», two above the threshold; orphans 1 of 2."""
    unit = OrgUnit.objects.create(code="mun", name="Городской округ", kind=OrgUnitKind.MUNICIPALITY)
    first, second = make_school("a", unit, "Школа А"), make_school("b", unit, "Школа Б")

    a = Records(first)
    low_a = pupils(a, "al", LOW, "4444433333")
    pupils(a, "an", None, "5555555555")
    vpr = a.assessment(AssessmentKind.VPR, "математика", 5, min_score=5)
    a.result(vpr, low_a[0], primary=10, mark=5)
    a.result(vpr, low_a[5], primary=2, mark=2)

    b = Records(second)
    low_b = pupils(b, "bl", LOW, "44444")
    pupils(b, "bo", ORPHAN, "53")
    pupils(b, "bn", None, "332")
    b.result(b.assessment(AssessmentKind.VPR, "математика", 5, min_score=5), low_b[0], primary=8, mark=4)

    recompute(first, [YEAR])
    recompute(second, [YEAR])
    return unit
