"""The one form of the approval page: a step of the workflow for a school's year."""

from __future__ import annotations

from django import forms

from vsoko.records.approval import TRANSITIONS


class TransitionForm(forms.Form):
    school = forms.IntegerField(widget=forms.HiddenInput)
    year = forms.IntegerField(min_value=2000, max_value=2100, widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=[(t.key, t.label) for t in TRANSITIONS.values()], widget=forms.HiddenInput)
