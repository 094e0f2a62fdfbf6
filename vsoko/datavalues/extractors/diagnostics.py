"""Data values of the pupils' monitoring diagnostics (regulation 000, п. 4.4; vsoko.diagnostics).

    diagnostics.pupils[diagnostic=readiness_1, diagnostic_level=high|medium, favourable=yes, grade=1]

counts the pupils with a level (a pupil not assessed has no result and is not counted). Whether a level is
«благоприятный» is data of procedures.yaml: the dimension `favourable` is computed in the query from the
procedures' (procedure, level) pairs, so the catalog's formulas need not repeat the lists of levels.

`in_ce` says whether the pupil is in the contingent at the year's end (CE: not «выбыл», not left before
25 May): a share of the assessed (reg000, п. 4.4) counts every assessed pupil, a share of a grade's contingent
(reg004: the СПТ, the профессиональная диагностика of grades 10–11) only those with `in_ce=yes`, as its
denominator `students.ce` does.
"""

from __future__ import annotations

from django.db.models import BooleanField, Case, CharField, Count, Q, Value, When

from vsoko.datavalues.populations import ce_condition
from vsoko.datavalues.registry import DIMS, YES_NO, Code, extractor, present_in, register_dim
from vsoko.datavalues.staging import grouped
from vsoko.diagnostics.models import Diagnostic, DiagnosticResult
from vsoko.diagnostics.procedures import procedures
from vsoko.records.models import Enrollment, SchoolClass

_LEVELS = {level.code: level.label for p in procedures().values() for level in p.levels}
for _name, _label, _values in [
    ("diagnostic", "диагностика", {p.code: p.name for p in procedures().values()}),
    ("diagnostic_level", "уровень по диагностике", _LEVELS),
    ("favourable", "благоприятный уровень", YES_NO),
]:
    if _name not in DIMS:
        register_dim(_name, _label, values=_values)


def favourable_case() -> Case:
    """True where the result's level is a favourable level of its diagnostic's procedure."""
    pairs = [Q(diagnostic__procedure=p.code, level__in=p.favourable_codes) for p in procedures().values()]
    return Case(*(When(pair, then=Value(True)) for pair in pairs), default=Value(False), output_field=BooleanField())


@extractor(
    reads=(Diagnostic, DiagnosticResult, Enrollment, SchoolClass),
    codes=[Code("diagnostics.pupils", "обучающиеся, оценённые в мониторинговой диагностике, по уровню",
                dims=("diagnostic", "diagnostic_level", "favourable", "grade", "in_ce"), fixed=("diagnostic",))],
    present=present_in(Diagnostic),
)
def diagnostic_levels(school_ids, years):
    dims = {"diagnostic": "diagnostic__procedure", "diagnostic_level": "level", "favourable": "favourable",
            "grade": "diagnostic__school_class__grade", "in_ce": "in_ce"}
    in_ce = Case(When(ce_condition(school_ids, years, "enrollment"), then=Value("yes")), default=Value("no"),
                 output_field=CharField())
    rows = (
        DiagnosticResult.objects.filter(diagnostic__school_id__in=school_ids, diagnostic__year_id__in=years)
        .annotate(favourable=favourable_case(), in_ce=in_ce)
        .values("diagnostic__school_id", "diagnostic__year_id", *[v for v in dims.values()])
        .annotate(n=Count("enrollment", distinct=True)).order_by()
    )
    yield grouped(rows, "diagnostics.pupils", dims, school="diagnostic__school_id", year="diagnostic__year_id")
