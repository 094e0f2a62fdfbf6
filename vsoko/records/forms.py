"""The one form of the approval page: a step of the workflow for a school's year or one period's marks."""

from __future__ import annotations

from django import forms

from vsoko.records.approval import TRANSITIONS
from vsoko.records.enums import Period


class TransitionForm(forms.Form):
    school = forms.IntegerField(widget=forms.HiddenInput)
    year = forms.IntegerField(min_value=2000, max_value=2100, widget=forms.HiddenInput)
    period = forms.ChoiceField(choices=[("", "весь год"), *Period.choices], required=False, widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=[(t.key, t.label) for t in TRANSITIONS.values()], widget=forms.HiddenInput)
