"""Municipal, regional and national figures of a procedure to compare with (ФИС ОКО «Аналитика»).

They are entered on the procedure's own form (`/assessments/<pk>/benchmarks/`, `save_entries`: the rows of
ФИС ОКО «Статистика по отметкам» and «Выполнение заданий») or, in bulk, like any other comparison value — the
`values` sheet of the package (records.ManualValue) with the level «муниципалитет», «регион» or «РФ». Either
way they are stored under a code naming the procedure and the figure, `<вид>.<класс>.<предмет>.<показатель>`,
which a user never has to type, e.g.

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
from decimal import Decimal
from fractions import Fraction

from django.db import transaction

from vsoko.assessments.enums import KINDS_WITH_MINIMUM
from vsoko.assessments.subjects import subject_key
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.datavalues.compute import refresh_manual_values
from vsoko.datavalues.enums import Source
from vsoko.datavalues.models import DataValue
from vsoko.records.approval import ensure_open
from vsoko.records.enums import AssessmentKind, ValueScope
from vsoko.records.models import Assessment, ManualValue
from vsoko.records.years import year_label
from vsoko.reports.document import Document, Number, Table

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
        head, figure = split_code(code)
        if head == wanted and breakdown.get("scope") in SCOPES:
            values[figure][breakdown["scope"]] = Fraction(value)
    return Benchmarks(dict(values))


def split_code(code: str) -> tuple[str, str]:
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


# --- entry ---------------------------------------------------------------------------------------------

MARK_FIGURES = ("2", "3", "4", "5")


@dataclass(frozen=True)
class EntryFigure:
    """One row of the entry form: the figure as stored, its words, and what kind of number it is."""

    figure: str
    label: str
    percent: bool = False
    upper: Decimal | None = None  # the largest value it may take, beside 100 % of a share


def entry_figures(assessment: Assessment, tasks: list[str]) -> list[EntryFigure]:
    """The rows of the procedure's form, in the order of the ФИС ОКО tables: participants, the shares of the
    marks, the mean, the share at or above the minimum (kinds with one), then each task's completion."""
    rows = [EntryFigure("participants", "Участников")]
    if assessment.kind != AssessmentKind.EGE or assessment.mark_scale:
        rows += [EntryFigure(m, f"«{m}», %", percent=True) for m in MARK_FIGURES]
    if assessment.kind == AssessmentKind.EGE:
        rows.append(EntryFigure("mean", "Средний тестовый балл", upper=Decimal(100)))
    else:
        rows.append(EntryFigure("mean", "Средняя отметка", upper=Decimal(5)))
    if assessment.kind in KINDS_WITH_MINIMUM:
        rows.append(EntryFigure("passed", "Преодолели минимальный порог, %", percent=True))
    rows += [EntryFigure(f"task.{task}", f"Задание {task}: выполнение, %", percent=True) for task in tasks]
    return rows


def entry_code(assessment: Assessment, figure: str) -> str:
    subject = assessment.subject.name if assessment.subject else ""
    return prefix(assessment.kind, assessment.grade, subject) + figure


def stored_entries(assessment: Assessment, figures: list[EntryFigure]) -> dict[tuple[str, str], Decimal]:
    """{(figure, scope): value} of the values stored under the procedure's codes (one query)."""
    by_code = {entry_code(assessment, f.figure): f.figure for f in figures}
    rows = ManualValue.objects.filter(school_id=assessment.school_id, year_id=assessment.year_id,
                                      indicator__in=list(by_code), scope__in=SCOPES)
    return {(by_code[m.indicator], m.scope): m.value for m in rows if m.value is not None}


def save_entries(assessment: Assessment, values: dict[tuple[str, str], Decimal | None], *, user=None,
                 request=None) -> int:
    """Store the form's values {(figure, scope): value or None}: a value replaces the stored one, an empty field
    removes it; mirrored into the data values and audited. Returns the number of changes.

    Raises records.approval.DataLocked when the year's data are approved."""
    school, year = assessment.school, assessment.year_id
    ensure_open(school, [year])
    codes = {entry_code(assessment, figure): figure for figure, _ in values}
    stored = {(m.indicator, m.scope): m for m in ManualValue.objects.filter(
        school=school, year_id=year, indicator__in=list(codes), scope__in=SCOPES)}
    changed = 0
    with transaction.atomic():
        for (figure, scope), value in values.items():
            code = entry_code(assessment, figure)
            current = stored.get((code, scope))
            if value is None:
                if current is not None:
                    current.delete()
                    changed += 1
            elif current is None:
                ManualValue.objects.create(school=school, year_id=year, indicator=code, scope=scope, value=value,
                                           source="ФИС ОКО, «Аналитика»")
                changed += 1
            elif current.value != value or current.numerator is not None or current.denominator is not None:
                current.value, current.numerator, current.denominator = value, None, None
                current.save(update_fields=["value", "numerator", "denominator"])
                changed += 1
        if changed:
            refresh_manual_values(school, [year])
            record(user=user, action=AuditAction.CHANGE, object_type="procedure_benchmarks",
                   object_id=str(assessment.pk), school=school, details={"changes": changed}, request=request)
    return changed


def entry_document(assessment: Assessment, label: str, figures: list[EntryFigure],
                   stored: dict[tuple[str, str], Decimal]) -> Document:
    """The entry form's table as «Скачать в Excel» gives it (vsoko.web.downloads): the stored values, each a number
    with the places it was typed with (35,5; 1200; 3,55), an empty cell where nothing is entered."""
    document = Document(f"Значения для сравнения: {label}", [
        assessment.school.name, f"{year_label(assessment.year_id)} учебный год", "Из ФИС ОКО, раздел «Аналитика»"])
    table = Table(["Показатель", *(ValueScope(s).label[:1].upper() + ValueScope(s).label[1:] for s in SCOPES)])
    for figure in figures:
        values = [stored.get((figure.figure, s)) for s in SCOPES]
        table.add(figure.label, *(None if v is None else Number.of(v, max(0, -v.normalize().as_tuple().exponent))
                                  for v in values))
    document.section("Значения для сравнения").blocks.append(table)
    return document
