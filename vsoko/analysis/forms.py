"""Input of the analysis pages: the procedure of the dynamics page."""

from __future__ import annotations

from django import forms

from vsoko.records.enums import AssessmentKind
from vsoko.records.models import Subject


class DynamicsForm(forms.Form):
    kind = forms.ChoiceField(label="Вид", choices=AssessmentKind.choices)
    subject = forms.ModelChoiceField(label="Предмет", queryset=Subject.objects.all(), empty_label="— выберите предмет —")
    grade = forms.IntegerField(label="Класс", min_value=1, max_value=11, required=False)
