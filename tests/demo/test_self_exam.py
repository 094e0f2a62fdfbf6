"""The demo school's own text of its self-examination report: the sections no data can tell, written by the
demo deputy through the page's function, the same for the same seed, kept when the demo runs again."""

import random

import pytest

from tests.accounts.personas import make_user
from vsoko.accounts.enums import Role
from vsoko.audit.models import AuditEntry
from vsoko.demo.self_exam import texts, write_demo_self_exam
from vsoko.reports.enums import SelfExamSection
from vsoko.reports.self_exam_text import texts_of

pytestmark = pytest.mark.django_db
YEAR = 2025


def test_the_demo_writes_the_sections_no_data_can_tell(school):
    deputy = make_user("deputy", role=Role.DEPUTY, org_unit=school)

    write_demo_self_exam(school, YEAR, seed=1)

    saved = texts_of(school, YEAR)
    assert list(saved) == [SelfExamSection.MANAGEMENT, SelfExamSection.PROCESS, SelfExamSection.METHODS,
                           SelfExamSection.LIBRARY, SelfExamSection.FACILITIES]
    assert {t.updated_by for t in saved.values()} == {deputy}
    assert saved[SelfExamSection.MANAGEMENT].text.startswith("Управление школой осуществляется")
    assert AuditEntry.objects.filter(object_type="self_exam_text", user=deputy).count() == 5


def test_the_same_seed_gives_the_same_texts_and_a_second_run_keeps_them(school):
    assert texts(random.Random("1-self-exam")) == texts(random.Random("1-self-exam"))
    write_demo_self_exam(school, YEAR, seed=1)
    first = {s: (t.text, t.revision) for s, t in texts_of(school, YEAR).items()}

    write_demo_self_exam(school, YEAR, seed=2)

    assert {s: (t.text, t.revision) for s, t in texts_of(school, YEAR).items()} == first
