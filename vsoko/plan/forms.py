from __future__ import annotations

from django import forms

from vsoko.indicators.models import Indicator
from vsoko.plan.approval import ORDER_NUMBER_LENGTH
from vsoko.plan.enums import MONTH_NAMES, SCHOOL_MONTHS
from vsoko.plan.models import PlanItem
from vsoko.plan.review import PROTOCOL_NUMBER_LENGTH
from vsoko.web.forms import DateInput


class PlanItemForm(forms.ModelForm):
    months = forms.TypedMultipleChoiceField(
        label="Сроки", coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(m, MONTH_NAMES[m]) for m in SCHOOL_MONTHS],
    )
    # Asked for while the plan is approved (vsoko.plan.amendments): the page explains it above the form.
    reason = forms.CharField(label="Основание изменения", required=False, widget=forms.Textarea(attrs={"rows": 2}))
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


class ApprovalForm(forms.Form):
    """The director's order approving the plan of the year shown on the page."""

    year = forms.IntegerField(widget=forms.HiddenInput,
                              error_messages={"required": "не указан учебный год (обновите страницу)."})
    order_date = forms.DateField(label="Дата приказа", widget=DateInput(),
                                 error_messages={"required": "Укажите дату приказа.",
                                                 "invalid": "Дата приказа: введите дату, например 01.09.2024."})
    order_number = forms.CharField(label="Номер приказа", max_length=ORDER_NUMBER_LENGTH,
                                   error_messages={"required": "Укажите номер приказа."})


class ReviewForm(forms.Form):
    """The protocol of the pedagogical council that reviewed the plan of the year shown on the page."""

    year = forms.IntegerField(widget=forms.HiddenInput,
                              error_messages={"required": "не указан учебный год (обновите страницу)."})
    protocol_date = forms.DateField(label="Дата протокола педсовета", widget=DateInput(),
                                    error_messages={"required": "Укажите дату протокола педагогического совета.",
                                                    "invalid": "Дата протокола: введите дату, например 29.08.2024."})
    protocol_number = forms.CharField(label="Номер протокола", max_length=PROTOCOL_NUMBER_LENGTH,
                                      error_messages={"required": "Укажите номер протокола."})


class LiftForm(forms.Form):
    """The year whose approval is lifted and the basis of lifting it (stored with the approval, logged)."""

    year = forms.IntegerField(widget=forms.HiddenInput,
                              error_messages={"required": "не указан учебный год (обновите страницу)."})
    reason = forms.CharField(
        label="Основание", widget=forms.TextInput(attrs={"placeholder": "Приказ от 15.01.2025 № 7-о"}),
        error_messages={"required": "укажите основание снятия утверждения — например, «Приказ от 15.01.2025 № 7-о»."},
    )


class DeleteForm(forms.Form):
    reason = forms.CharField(label="Основание изменения", required=False, widget=forms.Textarea(attrs={"rows": 2}))
