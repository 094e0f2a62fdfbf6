"""Forms of the indicator pages: manual values and benchmarks of one indicator."""

from __future__ import annotations

from django import forms

from vsoko.indicators.enums import Method, Unit

DECIMAL = {"max_digits": 14, "decimal_places": 4, "required": False}


class ManualValueForm(forms.Form):
    """One indicator's row of the entry form (prefix = the indicator's id)."""

    value = forms.DecimalField(label="Значение", **DECIMAL)
    numerator = forms.DecimalField(label="Числитель", min_value=0, **DECIMAL)
    denominator = forms.DecimalField(label="Знаменатель", min_value=0, **DECIMAL)
    comment = forms.CharField(label="Комментарий", required=False, max_length=2000)
    source = forms.CharField(label="Источник (документ, ссылка)", required=False, max_length=500)
    bench_municipality = forms.DecimalField(label="Муниципалитет", **DECIMAL)
    bench_region = forms.DecimalField(label="Регион", **DECIMAL)
    bench_country = forms.DecimalField(label="РФ", **DECIMAL)

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        if indicator.method != Method.ENTERED:
            for name in ("value", "numerator", "denominator", "comment", "source"):
                del self.fields[name]
        elif indicator.unit == Unit.BOOL:
            self.fields["value"] = forms.TypedChoiceField(
                label="Значение", required=False, choices=[("", "—"), ("1", "да"), ("0", "нет")],
                coerce=int, empty_value=None,
            )
            del self.fields["numerator"], self.fields["denominator"]
        elif indicator.unit != Unit.PERCENT and indicator.unit != Unit.RATIO:
            del self.fields["numerator"], self.fields["denominator"]

    def clean(self):
        data = super().clean()
        numerator, denominator = data.get("numerator"), data.get("denominator")
        if (numerator is None) != (denominator is None):
            raise forms.ValidationError("Укажите и числитель, и знаменатель (или ни того, ни другого).")
        if denominator == 0:
            self.add_error("denominator", "Знаменатель не может быть нулём.")
        if self.indicator.unit == Unit.PERCENT and data.get("value") is not None and not 0 <= data["value"] <= 100:
            self.add_error("value", "Доля в процентах — от 0 до 100.")
        return data

    @property
    def value_fields(self):
        return [self[n] for n in ("value", "numerator", "denominator", "comment", "source") if n in self.fields]

    @property
    def benchmark_fields(self):
        return [self[n] for n in ("bench_municipality", "bench_region", "bench_country")]
