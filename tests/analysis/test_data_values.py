"""The data values of vsoko/datavalues/extractors/assessments.py: declared, documented, additive."""

from pathlib import Path

import pytest

from tests.accounts.personas import YEAR
from vsoko.datavalues.enums import Source
from vsoko.datavalues.models import DataValue
from vsoko.datavalues.registry import codes

DOC = Path(__file__).resolve().parents[2] / "docs" / "data-values.md"
MINE = "vsoko.datavalues.extractors.assessments."


def test_every_code_of_the_analysis_is_documented():
    declared = {c for c, code in codes().items() if code.extractor.startswith(MINE)}
    section = DOC.read_text().split("## Data values for assessment analysis", 1)[1]

    # 14 analysis codes and the task sums computed from the same pass over the task scores
    # (results.task_points, .task_max, and their .meta and .fl).
    assert len(declared) == 20
    assert sorted(c for c in declared if f"`{c}`" not in section) == []


def test_distributions_are_declared_as_such():
    assert codes()["assessment.score.dist"].dist is True
    assert codes()["assessment.task.points"].dims == ("assessment", "kind", "grade", "subject", "class", "task",
                                                      "difficulty")


@pytest.mark.django_db
def test_rows_per_procedure_and_class(aw):
    def value(code, key):
        return DataValue.objects.get(org_unit=aw.school, year_id=YEAR, code=code, key=key,
                                     source=Source.COMPUTED).value

    base = "assessment=VPR-5-R|class={}|grade=5|kind=vpr|subject=Русский язык"
    assert value("assessment.results", base.format("5А")) == 3
    assert value("assessment.absent", base.format("5А")) == 1
    assert value("assessment.marks", "assessment=VPR-5-R|class=5Б|grade=5|kind=vpr|mark=2|subject=Русский язык") == 2
    assert value("assessment.task.points", "assessment=VPR-5-R|class=5Б|difficulty=basic|grade=5|kind=vpr|"
                                           "subject=Русский язык|task=2") == 4
    assert value("assessment.task.max", "assessment=VPR-5-R|class=5Б|difficulty=basic|grade=5|kind=vpr|"
                                        "subject=Русский язык|task=2") == 9
    assert value("assessment.journal", "assessment=VPR-5-R|class=5Б|grade=5|journal_mark=4|kind=vpr|mark=2|"
                                       "subject=Русский язык") == 1
    assert value("assessment.failed.retake_passed",
                 "assessment=OGE-9-M|class=9А|grade=9|kind=oge|subject=Математика") == 1


@pytest.mark.django_db
def test_procedure_values_add_up_to_the_core_ones(aw):
    """Summed over procedures and classes, the analysis counts are the core `results.*` counts."""
    def total(code, **breakdown):
        rows = DataValue.objects.filter(org_unit=aw.school, year_id=YEAR, code=code, source=Source.COMPUTED)
        return sum(r.value for r in rows if all(r.breakdown.get(k) == v for k, v in breakdown.items()))

    for kind, grade, subject in (("vpr", "5", "Русский язык"), ("oge", "9", "Математика"), ("vpr", "5", "Математика")):
        where = {"kind": kind, "grade": grade, "subject": subject}
        assert total("assessment.results", **where) == total("results.main", **where)
        assert total("assessment.passed", **where) == total("results.passed", **where)
        assert total("assessment.task.points", **where) == total("results.task_points", **where)
