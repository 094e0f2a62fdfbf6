"""The social-context codes on a hand-counted fixture (vsoko.datavalues.extractors.context)."""

import datetime

import pytest

from tests.datavalues.records import Records
from vsoko.datavalues.compute import extract
from vsoko.datavalues.registry import breakdown_key
from vsoko.records.enums import AssessmentKind, Mark, Outcome, SocialCategory

pytestmark = pytest.mark.django_db

LOW, LARGE, ORPHAN = SocialCategory.LOW_INCOME, SocialCategory.LARGE_FAMILY, SocialCategory.ORPHAN


def key(**dims) -> str:
    return breakdown_key({name: str(value) for name, value in dims.items()})


@pytest.fixture
def world(school):
    """2024/25 (cut-off 25 May 2025):
    s1 5А малообеспеченная и многодетная, «5» и «4» — good; ВПР «5», 10 баллов (порог 5);
    s2 5А малообеспеченная, «2» и «4» — failing; ВПР «2», 3 балла;
    s3 6А малообеспеченная до 1 марта 2025 — статус снят до конца года: нигде; ВПР «3»;
    s4 6А малообеспеченная, выбыл 1 апреля — не в CE, но его результат ВПР «3», 6 баллов — считается;
    s5 7А сирота, без годовых отметок — none;
    s6 5А без статуса, «5»; ВПР «4» — нигде;
    s7 5А малообеспеченная, только «осв» — none; на ВПР отсутствовал.
    """
    b = Records(school)
    vpr = b.assessment(AssessmentKind.VPR, "математика", 5, min_score=5)
    s1 = b.student("s1", "5А", outcome=Outcome.PROMOTED)
    b.social(s1, LOW)
    b.social(s1, LARGE)
    b.marks(s1, {"математика": "5", "русский язык": "4"})
    b.result(vpr, s1, primary=10, mark=5)
    s2 = b.student("s2", "5А", outcome=Outcome.PROMOTED)
    b.social(s2, LOW)
    b.marks(s2, {"математика": "2", "русский язык": "4"})
    b.result(vpr, s2, primary=3, mark=2)
    s3 = b.student("s3", "6А", outcome=Outcome.PROMOTED)
    b.social(s3, LOW, until=datetime.date(2025, 3, 1))
    b.marks(s3, {"математика": "3"})
    b.result(vpr, s3, primary=6, mark=3)
    s4 = b.student("s4", "6А", outcome=Outcome.LEFT, left_on=datetime.date(2025, 4, 1))
    b.social(s4, LOW)
    b.result(vpr, s4, primary=6, mark=3)
    s5 = b.student("s5", "7А", outcome=Outcome.PROMOTED)
    b.social(s5, ORPHAN)
    s6 = b.student("s6", "5А", outcome=Outcome.PROMOTED)
    b.marks(s6, {"математика": "5"})
    b.result(vpr, s6, primary=9, mark=4)
    s7 = b.student("s7", "5А", outcome=Outcome.PROMOTED)
    b.social(s7, LOW)
    b.marks(s7, {"физическая культура": Mark.EXEMPT})
    b.result(vpr, s7, absent=True)
    return school


def values(school, code):
    return {v.key: v.value for v in extract([school.pk], [2024]) if v.code == code}


def test_year_end_attestation_per_social_category(world):
    assert values(world, "students.ce.social.attested") == {
        key(grade=5, social=LOW, attestation="good"): 1,
        key(grade=5, social=LARGE, attestation="good"): 1,
        key(grade=5, social=LOW, attestation="failing"): 1,
        key(grade=5, social=LOW, attestation="none"): 1,
        key(grade=7, social=ORPHAN, attestation="none"): 1,
    }


def test_procedure_results_per_social_category(world):
    assert values(world, "results.social.main") == {key(kind="vpr", social=LOW): 3, key(kind="vpr", social=LARGE): 1}
    assert values(world, "results.social.passed") == {key(kind="vpr", social=LOW): 2,
                                                      key(kind="vpr", social=LARGE): 1}
    assert values(world, "results.social.marks") == {
        key(kind="vpr", social=LOW, mark=5): 1, key(kind="vpr", social=LOW, mark=2): 1,
        key(kind="vpr", social=LOW, mark=3): 1, key(kind="vpr", social=LARGE, mark=5): 1,
    }


def test_a_school_without_social_statuses_has_zeros(school):
    b = Records(school)
    b.marks(b.student("s1", "5А", outcome=Outcome.PROMOTED), {"математика": "5"})

    assert values(school, "students.ce.social.attested") == {"": 0}
    assert values(school, "results.social.main") == {"": 0}
