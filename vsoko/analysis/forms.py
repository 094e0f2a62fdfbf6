"""Input of the analysis pages: the procedure of the dynamics page."""

from __future__ import annotations

from django import forms
from django.db.models import Exists, OuterRef, QuerySet

from vsoko.records.enums import AssessmentKind
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
