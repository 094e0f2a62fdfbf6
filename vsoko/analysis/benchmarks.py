"""Municipal, regional and national figures of a procedure to compare with (ФИС ОКО «Аналитика»).

They are entered like any other comparison value — the `values` sheet of the package (or
records.ManualValue) with the level «муниципалитет», «регион» or «РФ» — under a code naming
the procedure and the figure: `<вид>.<класс>.<предмет>.<показатель>`, e.g.

    vpr.5.математика.2        % of «2» on ВПР mathematics in grade 5
    vpr.5.математика.task.3   % completion of task 3
    oge.9.русский язык.passed % of results at or above the minimum
    ege.11.русский язык.mean  mean test score (ОГЭ, ВПР: mean mark)

The kind is its code (`vpr`, `oge`, `ege`, …), the subject is compared by its key (case, «ё»,
spellings — vsoko.assessments.subjects). They reach the data values as source «benchmark»
with the dimension `scope`; this module reads them from there.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from vsoko.assessments.subjects import subject_key
from vsoko.datavalues.enums import Source
from vsoko.datavalues.models import DataValue
from vsoko.records.enums import ValueScope
from vsoko.records.models import Assessment

SCOPES = (ValueScope.MUNICIPALITY, ValueScope.REGION, ValueScope.COUNTRY)
FIGURES = {"2": "«2», %", "3": "«3», %", "4": "«4», %", "5": "«5», %", "participants": "участников",
           "mean": "средний балл", "passed": "преодолели порог, %"}


def prefix(kind: str, grade: int | None, subject: str) -> str:
    return f"{kind}.{grade or ''}.{subject_key(subject)}."


@dataclass
class Benchmarks:
    """{figure: {scope: value}} of one procedure; figures as in FIGURES, tasks as `task.<n>`."""

    values: dict[str, dict[str, Fraction]]

    @property
    def scopes(self) -> list[ValueScope]:
        present = {scope for by_scope in self.values.values() for scope in by_scope}
        return [s for s in SCOPES if s in present]

    def get(self, figure: str, scope: str) -> Fraction | None:
        return self.values.get(figure, {}).get(scope)

    def row(self, figure: str) -> list[Fraction | None]:
        return [self.get(figure, s) for s in self.scopes]

    def __bool__(self) -> bool:
        return bool(self.values)


def for_assessment(assessment: Assessment) -> Benchmarks:
    """The comparison values entered for the school's year under this procedure's codes (one query)."""
    subject = assessment.subject.name if assessment.subject else ""
    wanted = prefix(assessment.kind, assessment.grade, subject)
    rows = DataValue.objects.filter(
        org_unit_id=assessment.school_id, year_id=assessment.year_id, source=Source.BENCHMARK,
        code__startswith=f"{assessment.kind}.",
    ).values_list("code", "breakdown", "value")
    values: dict[str, dict[str, Fraction]] = defaultdict(dict)
    for code, breakdown, value in rows:
        head, figure = _split(code)
        if head == wanted and breakdown.get("scope") in SCOPES:
            values[figure][breakdown["scope"]] = Fraction(value)
    return Benchmarks(dict(values))


def _split(code: str) -> tuple[str, str]:
    """`vpr.5.Математика.task.3.1` → ("vpr.5.математика.", "task.3.1")."""
    parts = code.split(".", 2)
    if len(parts) < 3:
        return "", ""
    kind, grade, rest = parts
    number = int(grade) if grade.isdigit() else None
    subject, marker, task = rest.partition(".task.")
    if marker:
        return prefix(kind, number, subject), f"task.{task}"
    for figure in sorted(FIGURES, key=len, reverse=True):
        if rest.endswith("." + figure):
            return prefix(kind, number, rest[: -len(figure) - 1]), figure
    return "", ""
