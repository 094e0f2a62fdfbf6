from __future__ import annotations

from django import forms

from vsoko.rating.models import RatingPeriod

MONEY_HELP = "Сумма стимулирующей части фонда оплаты труда, распределяемая по баллам; можно указать позже."


class OpenPeriodForm(forms.Form):
    year = forms.TypedChoiceField(label="Учебный год", coerce=int)
    fund = forms.DecimalField(label="Фонд стимулирующих выплат, руб.", required=False, min_value=0, max_digits=12,
                              decimal_places=2, help_text=MONEY_HELP)

    def __init__(self, *args, years: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = years


class PeriodForm(forms.ModelForm):
    class Meta:
        model = RatingPeriod
        fields = ["fund", "protocol_number", "protocol_date"]
        widgets = {"protocol_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {"fund": MONEY_HELP}
