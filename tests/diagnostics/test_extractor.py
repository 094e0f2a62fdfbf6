"""diagnostics.pupils and the six reg000 indicators of п. 4.4, computed by hand on the tiny fixture
(tests/diagnostics/conftest.py): 5 pupils of 6 assessed in grade 5 — high 1, medium 2, low 2."""

import pytest

from tests.accounts.personas import YEAR
from tests.indicators.conftest import values_by_key
from vsoko.datavalues.compute import recompute
from vsoko.datavalues.models import DataValue
from vsoko.diagnostics.models import Diagnostic, DiagnosticResult
from vsoko.indicators.catalogs import read_catalogs
from vsoko.indicators.evaluate import Definition

pytestmark = pytest.mark.django_db


def pupils(school) -> dict[str, int]:
    return {v.key: int(v.value) for v in DataValue.objects.filter(org_unit=school, year_id=YEAR,
                                                                  code="diagnostics.pupils")}


def test_pupils_per_level_and_favourable_counted_in_the_database(tiny):
    recompute(tiny.world.school, [YEAR])

    # Орлов (5Б, low) left on 20.01.2025, before 25 May: assessed, but not in the contingent at the year's end.
    assert pupils(tiny.world.school) == {
        "diagnostic=adaptation_5|diagnostic_level=high|favourable=yes|grade=5|in_ce=yes": 1,
        "diagnostic=adaptation_5|diagnostic_level=medium|favourable=yes|grade=5|in_ce=yes": 2,
        "diagnostic=adaptation_5|diagnostic_level=low|favourable=no|grade=5|in_ce=yes": 1,
        "diagnostic=adaptation_5|diagnostic_level=low|favourable=no|grade=5|in_ce=no": 1,
    }


def test_the_indicators_of_4_4(tiny):
    school = tiny.world.school
    a1 = Diagnostic.objects.create(school=school, year_id=YEAR, procedure="anxiety", date=tiny.a.date,
                                   school_class=tiny.world.classes["5А"])
    for key, level in (("ivanov", "high"), ("anna", "low"), ("boris", "medium"), ("vera", "high")):
        DiagnosticResult.objects.create(diagnostic=a1, enrollment=tiny.pupils[key], level=level)
    recompute(school, [YEAR])
    defs = {e["code"]: Definition.from_entry(e) for spec in read_catalogs() for e in spec.indicators}

    got = values_by_key(school, YEAR, defs, ["reg000.4.4.1.3", "reg000.4.4.2.1", "reg000.4.4.1.1"])

    adaptation = got[("reg000.4.4.1.3", ())]
    anxiety = got[("reg000.4.4.2.1", ())]
    assert (adaptation.value, adaptation.numerator, adaptation.denominator) == (60, 3, 5)
    assert (anxiety.value, anxiety.numerator, anxiety.denominator) == (50, 2, 4)
    assert got[("reg000.4.4.2.1", (("grade", "5"),))].value == 50
    assert got.get(("reg000.4.4.1.1", ())) is None or got[("reg000.4.4.1.1", ())].value is None  # not held
