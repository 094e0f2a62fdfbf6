"""A school's own indicator may not count the levels of a confidential diagnostic (the СПТ: procedures.yaml
`levels_published: false`) nor the pupils of the social category «группа риска СПТ» on their own.

Those figures are the administration's only (`permissions.can_see_confidential_diagnostics`), while an indicator
is shown to every worker of the school on «Показатели» — per grade where it is broken down — and to the
municipality's observer. Showing one indicator to some readers only would have to be repeated in every place an
indicator goes (the pages, their Excel, the reports, comparisons, targets, the formulas of other indicators): the
catalog refuses such a formula instead, and says where the administration reads the levels. Counting who took part
(`diagnostics.pupils[diagnostic=spt]`) stays allowed, as in the shipped catalogs; so does `students.ce.risk`, where
the СПТ risk group is one of several categories together.
"""

from __future__ import annotations

from collections.abc import Iterable

from vsoko.datavalues.registry import codes
from vsoko.diagnostics.procedures import procedures
from vsoko.indicators import formula as f
from vsoko.records.enums import SocialCategory

DIAGNOSTICS = "diagnostics.pupils"
LEVEL_DIMS = ("diagnostic_level", "favourable")  # a level, or «благоприятный» / not: a level in two groups
SOCIAL = "social"
REFUSED = ("Собственный показатель не может считать {what}: их видит только администрация школы, а показатель "
           "видят все работники школы и наблюдатель муниципалитета. Уровни СПТ администрация смотрит на странице "
           "диагностики; по СПТ показатель может считать только число участников.")


def confidential_counts(tree, breakdowns: Iterable[Iterable[str]]) -> str | None:
    """Why an own indicator with this formula (parsed) and these breakdowns is refused; None when it may be
    saved. A reference counts the confidential levels where its pupils may include a confidential diagnostic and it
    picks a level (a condition on `diagnostic_level` or `favourable`) or the indicator is broken down by one; and
    the СПТ risk group where its `social` condition picks that category or the indicator is broken down by
    `social`."""
    dims = {dim for breakdown in breakdowns for dim in breakdown}
    secret = [code for code, spec in procedures().items() if not spec.levels_published]
    registry = codes()
    for ref in f.code_refs(tree):
        conditions = {cond.dim: cond for cond in ref.selector}
        if ref.code == DIAGNOSTICS and _may_include(conditions.get("diagnostic"), secret):
            if any(dim in conditions for dim in LEVEL_DIMS) or dims & set(LEVEL_DIMS):
                return REFUSED.format(what="уровни конфиденциальной диагностики (СПТ)")
        if SOCIAL in conditions and conditions[SOCIAL].matches(SocialCategory.SPT_RISK):
            return REFUSED.format(what=f"обучающихся категории «{SocialCategory.SPT_RISK.label}»")
        if SOCIAL in dims and SOCIAL not in conditions and ref.code in registry and SOCIAL in registry[ref.code].dims:
            return REFUSED.format(what=f"обучающихся категории «{SocialCategory.SPT_RISK.label}» (разрез «social»)")
    return None


def _may_include(condition: f.Cond | None, codes: list[str]) -> bool:
    return any(condition is None or condition.matches(code) for code in codes)
