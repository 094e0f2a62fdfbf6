"""Input of the analysis pages: the procedure of the dynamics page, a procedure's comparison values."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.db.models import Exists, OuterRef, QuerySet

from vsoko.analysis.benchmarks import MARK_FIGURES, SCOPES, EntryFigure
from vsoko.indicators.entry import out_of_range, plain, typed
from vsoko.indicators.enums import Unit
from vsoko.records.enums import AssessmentKind, ValueScope
from vsoko.records.models import Assessment, OrgUnit, Result, Subject


def _with_results(school: OrgUnit) -> QuerySet[Assessment]:
    return Assessment.objects.filter(Exists(Result.objects.filter(assessment=OuterRef("pk"))), school=school)


def kinds_with_results(school: OrgUnit) -> list[tuple[str, str]]:
    """The kinds (value, label) of the school's procedures that have results, in the enum's order (one query)."""
    kinds = set(_with_results(school).values_list("kind", flat=True).distinct().order_by())
    return [(value, label) for value, label in AssessmentKind.choices if value in kinds]


def subjects_with_results(school: OrgUnit, kind: str | None = None, grade: int | None = None) -> QuerySet[Subject]:
    """Subjects of the school's procedures that have results (of the kind and parallel, where given), in one query."""
    procedures = _with_results(school)
    if kind is not None:
        procedures = procedures.filter(kind=kind)
    if grade is not None:
        procedures = procedures.filter(grade=grade)
    return Subject.objects.filter(pk__in=procedures.values("subject_id")).order_by("name")


class DynamicsForm(forms.Form):
    kind = forms.ChoiceField(label="Вид", choices=AssessmentKind.choices, error_messages={
        "invalid_choice": "Процедур этого вида с результатами в школе нет."})
    subject = forms.ModelChoiceField(
        label="Предмет", queryset=Subject.objects.none(), empty_label="— выберите предмет —",
        error_messages={"invalid_choice": "По этому предмету нет результатов выбранного вида процедуры в этом классе."})
    grade = forms.IntegerField(label="Класс", min_value=1, max_value=11, required=False)

    def __init__(self, data=None, *, school: OrgUnit):
        """The kinds offered: those with results in the school; the subjects: those with results for the kind and
        parallel of `data`, if it names them (one kind, a grade 1–11), else for any."""
        super().__init__(data)
        self.fields["kind"].choices = kinds_with_results(school)
        kind = self.data.get("kind")
        grade = self.data.get("grade", "")
        self.fields["subject"].queryset = subjects_with_results(
            school, kind if kind in AssessmentKind.values else None,
            int(grade) if grade.isdigit() and 1 <= int(grade) <= 11 else None)


class BenchmarksForm(forms.Form):
    """A procedure's comparison values: a field per row (figure) and level (municipality, region, РФ), named
    `<figure>__<scope>`; the numbers as ФИС ОКО «Аналитика» gives them, with a decimal comma or point."""

    def __init__(self, *args, figures: list[EntryFigure], **kwargs):
        super().__init__(*args, **kwargs)
        self.figures = figures
        for figure in figures:
            for scope in SCOPES:
                self.fields[field_name(figure.figure, scope)] = forms.DecimalField(
                    label=f"{figure.label} — {ValueScope(scope).label}", max_digits=14, decimal_places=4,
                    required=False, localize=True, widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
                    error_messages={"invalid": "Нужно число, например 52,3 или 48.",
                                    "max_decimal_places": "Не больше четырёх знаков после запятой.",
                                    "max_digits": "Слишком большое число."})

    def rows(self):
        """[(figure, [bound field per scope])] for the table of the template."""
        return [(f, [self[field_name(f.figure, s)] for s in SCOPES]) for f in self.figures]

    def clean(self):
        data = super().clean()
        for figure in self.figures:
            for scope in SCOPES:
                name = field_name(figure.figure, scope)
                value = data.get(name)
                if value is None:
                    continue
                problem = out_of_range(value, Unit.PERCENT if figure.percent else Unit.NUMBER)
                if problem is None and value < 0:
                    problem = f"Значение не может быть отрицательным (введено {typed(value)})."
                if problem is None and figure.upper is not None and value > figure.upper:
                    problem = f"Не больше {typed(figure.upper)} (введено {typed(value)})."
                if problem is None and figure.figure == "participants" and value != value.to_integral_value():
                    problem = f"Число участников — целое (введено {typed(value)})."
                if problem:
                    self.add_error(name, problem)
        for scope in SCOPES:
            shares = [data.get(field_name(m, scope)) for m in MARK_FIGURES]
            if all(isinstance(v, Decimal) for v in shares) and abs(sum(shares) - 100) > SHARES_ROUNDING:
                total = typed(sum(shares))
                self.add_error(None, f"{ValueScope(scope).label.capitalize()}: доли «2», «3», «4», «5» в сумме "
                                     f"дают {total} %, а должны 100 % (строка таблицы «Статистика по отметкам»). "
                                     "Проверьте, не пропущена ли цифра.")
        return data

    def values(self) -> dict[tuple[str, str], Decimal | None]:
        return {(f.figure, s): self.cleaned_data.get(field_name(f.figure, s)) for f in self.figures for s in SCOPES}


# ФИС ОКО rounds each share to a tenth or a hundredth: four of them may miss 100 by a little.
SHARES_ROUNDING = Decimal(1)


def field_name(figure: str, scope: str) -> str:
    return f"{figure}__{scope}"


def initial_values(stored: dict[tuple[str, str], Decimal]) -> dict[str, Decimal]:
    """The stored values as the form's initial data: 35.5 and 1200, not 35.5000 and 1200.0000."""
    return {field_name(figure, scope): plain(value) for (figure, scope), value in stored.items()}
