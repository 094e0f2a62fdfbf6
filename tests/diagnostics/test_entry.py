import pytest

from tests.accounts.personas import YEAR
from vsoko.audit.models import AuditEntry
from vsoko.datavalues.models import RecomputeRequest
from vsoko.diagnostics.entry import LevelsRejected, current_levels, pupils_of, save_levels
from vsoko.records.approval import DataLocked
from vsoko.records.enums import ApprovalStatus
from vsoko.records.models import YearApproval

pytestmark = pytest.mark.django_db


def test_the_pupils_are_the_class_of_the_year_without_those_who_left_before_the_date(tiny):
    assert {e.student.student_id for e in pupils_of(tiny.b)} == {"S-002", "S-004"}  # gleb left on 01.10
    assert pupils_of(tiny.a).count() == 4


def test_a_save_replaces_the_levels_audits_without_names_and_asks_for_a_recompute(tiny, django_capture_on_commit_callbacks):
    p = tiny.pupils
    user = tiny.world.users["deputy"]

    with django_capture_on_commit_callbacks(execute=True):
        saved = save_levels(tiny.a, {p["ivanov"].pk: "medium", p["anna"].pk: "", p["vera"].pk: "high",
                                     p["boris"].pk: "low"}, user=user)

    assert current_levels(tiny.a) == {p["ivanov"].pk: "medium", p["vera"].pk: "high", p["boris"].pk: "low"}
    assert (saved.assessed, saved.changed) == (3, 3)  # ivanov changed, anna removed, vera added
    entry = AuditEntry.objects.get(object_type="diagnostic")
    assert (entry.details["оценено"], entry.details["изменено"]) == (3, 3)
    assert "Иванов" not in str(entry.details) and "Anna" not in str(entry.details)
    assert RecomputeRequest.objects.filter(school=tiny.world.school, year_id=YEAR).exists()


@pytest.mark.parametrize("bad", ["excellent", "outsider"])
def test_one_bad_value_saves_nothing(tiny, bad):
    p = tiny.pupils
    before = current_levels(tiny.a)
    levels = {p["ivanov"].pk: "low", p["anna"].pk: "high"}
    if bad == "outsider":
        levels[p["petrov"].pk] = "high"  # a pupil of 5Б in the diagnostic of 5А
    else:
        levels[p["boris"].pk] = bad

    with pytest.raises(LevelsRejected):
        save_levels(tiny.a, levels, user=tiny.world.users["deputy"])

    assert current_levels(tiny.a) == before
    assert not AuditEntry.objects.exists()


def test_an_approved_year_refuses_the_save(tiny):
    YearApproval.objects.create(school=tiny.world.school, year_id=YEAR, status=ApprovalStatus.APPROVED)
    before = current_levels(tiny.a)

    with pytest.raises(DataLocked, match="утверждены"):
        save_levels(tiny.a, {tiny.pupils["vera"].pk: "high"}, user=tiny.world.users["deputy"])

    assert current_levels(tiny.a) == before
