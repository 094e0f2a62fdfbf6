"""The objectivity figures of many schools summed in the database (`objectivity_figures`): the same flags as the
figures read row by row (`year_index`), the histogram's peaks found with their true neighbours.

One school, ВПР, математика, 5 класс, max 20, scale 2:0-4;3:5-9;4:10-14;5:15-20, 24 results in 5А and 5Б:
    scores 4×1, 5×6, 6×2, 7.5×1, 9×1, 12×5, 13×3, 15×4, 16×1 — sum 237.5, mean 237.5 / 24;
    marks by the scale: «2» 1, «3» 10, «4» 8, «5» 5 → «4» и «5» 13 of 24 (54 %): no «high marks, low score»;
    boundary 5: 6 results, 1 one point below, 2 above → a peak; boundary 15: 4 results, none at 14 (the score
    below with results is 13, three of them: not a neighbour), 1 above → a peak; 12 (5 results, none at 11,
    3 at 13) is a peak of the histogram but no boundary; boundary 10: nobody;
    journal: 6 results one mark higher in the journal (понизили, 25 % ≥ 20 %: medium), 1 lower (4 %: none).
"""

from decimal import Decimal
from fractions import Fraction

import pytest

from tests.datavalues.records import Records, make_school
from vsoko.analysis.access import Privacy
from vsoko.analysis.flags import FlagKind, Level
from vsoko.analysis.thresholds import Thresholds
from vsoko.analysis.year import objectivity_by_school, objectivity_figures, year_index
from vsoko.datavalues.compute import recompute
from vsoko.records import enums

pytestmark = pytest.mark.django_db
YEAR = 2024
SCALE = "2:0-4;3:5-9;4:10-14;5:15-20"
SCORES = {"5А": [5, 5, 5, 4, 6, 12, 12, 12, 15, 15, 7.5, 13], "5Б": [5, 5, 5, 6, 12, 12, 13, 13, 15, 15, 16, 9]}


def mark_of(score) -> int:
    return 2 if score < 5 else 3 if score < 10 else 4 if score < 15 else 5


@pytest.fixture
def school(db):
    school = make_school("s", name="Школа")
    b = Records(school)
    vpr = b.assessment(enums.AssessmentKind.VPR, "математика", 5, year=YEAR, max_score=20)
    vpr.mark_scale = SCALE
    vpr.save()
    n = 0
    for class_name, scores in SCORES.items():
        for score in scores:
            mark = mark_of(score)
            # 9 понизили (37,5 %: a flag from 35 %), 1 повысил
            journal = mark + 1 if n < 6 or 10 <= n < 13 else mark - 1 if n == 6 else mark
            b.result(vpr, b.student(f"p{n}", class_name, year=YEAR), mark=mark, journal=journal, primary=score)
            n += 1
    recompute(school, [YEAR])
    return school


def test_the_sums_are_those_of_the_results(school):
    f = objectivity_figures([school.pk], YEAR, Thresholds())[(school.pk, "a1")]

    assert (f.marked, f.marks[4] + f.marks[5], f.compared, f.lowered, f.raised) == (24, 13, 24, 9, 1)
    assert f.scored == 24
    assert f.mean_score == Fraction(475, 48)  # 237.5 / 24
    # The peaks of the histogram with their neighbours exactly one point away; 12 is no boundary, the rule says.
    assert f.peaks == {Decimal(5): (6, 1, 2), Decimal(12): (5, 0, 3), Decimal(15): (4, 0, 1)}


def test_the_flags_are_those_of_the_schools_analysis(school):
    found = objectivity_by_school([school], YEAR, Privacy(on=False))[school.pk]
    index = year_index(school, YEAR, Privacy(on=False))
    one_by_one = [(f.kind, f.level, f.reason) for g in index.groups for row in g.rows for f in row.flags
                  if f.is_objectivity]

    assert [(f.kind, f.level, f.reason) for p in found for f in p.flags] == one_by_one
    assert [(f.kind, f.level) for f in found[0].flags] == [
        (FlagKind.JOURNAL_LOWERED, Level.MEDIUM), (FlagKind.BOUNDARY_SPIKE, Level.MEDIUM),
        (FlagKind.BOUNDARY_SPIKE, Level.MEDIUM)]
    assert [f.reason.split(":")[0] for f in found[0].flags[1:]] == ["Граница отметки «3» — 5 б.",
                                                                   "Граница отметки «5» — 15 б."]
