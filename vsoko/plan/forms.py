from __future__ import annotations

from django import forms

from vsoko.indicators.models import Indicator
from vsoko.plan.enums import MONTH_NAMES, SCHOOL_MONTHS
from vsoko.plan.models import PlanItem
from vsoko.web.forms import DateInput


class PlanItemForm(forms.ModelForm):
    months = forms.TypedMultipleChoiceField(
        label="Сроки", coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(m, MONTH_NAMES[m]) for m in SCHOOL_MONTHS],
    )
    indicator_codes = forms.CharField(
        label="Показатели (коды через запятую)", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Например: core.quality, core.success. Коды — в разделе «Показатели».",
    )

    class Meta:
        model = PlanItem
        fields = ["object", "group", "method", "periodicity", "months", "responsible", "result_form", "done_on",
                  "note"]
        widgets = {"object": forms.Textarea(attrs={"rows": 2}), "method": forms.Textarea(attrs={"rows": 2}),
                   "note": forms.Textarea(attrs={"rows": 3}), "done_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator_codes"].initial = ", ".join(self.instance.indicators)

    def clean_indicator_codes(self) -> list[str]:
        codes = list(dict.fromkeys(c.strip() for c in self.cleaned_data["indicator_codes"].split(",") if c.strip()))
        known = set(Indicator.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise forms.ValidationError(f"Нет показателей с кодами: {', '.join(unknown)}.")
        return codes

    def save(self, commit: bool = True) -> PlanItem:
        self.instance.indicators = self.cleaned_data["indicator_codes"]
        return super().save(commit)
