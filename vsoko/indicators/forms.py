"""Forms of the indicator pages: manual values and benchmarks, own indicators, targets."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django import forms
from django.conf import settings as django_settings

from vsoko.datavalues.registry import DIMS, codes
from vsoko.indicators import formula as f
from vsoko.indicators.entry import evidence_suffix, out_of_range, typed
from vsoko.indicators.enums import Direction, Method, Unit
from vsoko.indicators.formatting import format_value, number
from vsoko.indicators.models import Indicator

# Localized: «52,3» (the Russian decimal comma, as typed in Excel) and «52.3» are both accepted; a text
# field with the decimal keypad on phones, since a browser's number field refuses the comma.
DECIMAL = {"max_digits": 14, "decimal_places": 4, "required": False, "localize": True,
           "widget": forms.TextInput(attrs={"inputmode": "decimal"}),
           "error_messages": {"invalid": "Нужно число, например 52,3 или 48."}}
# Spaces Excel, LibreOffice and Word put between thousands: «1 234» (a space, a no-break space, a narrow one).
GROUPED = re.compile(r"[-\u2212]?\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?")
SPACES = re.compile(r"[ \u00a0\u202f\u2009]")


class TypedNumberField(forms.DecimalField):
    """A number as a deputy types it from paper or Excel: «12,5», «1 234», «85 %» in a share, «−3» with the
    typographic minus. `unit` (set by the form) decides whether the percent sign belongs."""

    unit = ""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
            if value.endswith("%"):
                if self.unit != Unit.PERCENT:
                    raise forms.ValidationError(
                        f"Знак % ставится только у доли в процентах, а здесь — {Unit(self.unit).label} "
                        f"(введено «{value}»).")
                value = value[:-1].rstrip()
            if GROUPED.fullmatch(value):
                value = SPACES.sub("", value)
            value = value.replace("\u2212", "-")
        return super().to_python(value)


TEXT_LIMIT = 2000
BENCHMARKS = ("bench_municipality", "bench_region", "bench_country")


class ManualValueForm(forms.Form):
    """One indicator's row of the entry form (prefix = the indicator's id)."""

    value = TypedNumberField(label="Значение", **DECIMAL)
    numerator = TypedNumberField(label="Числитель", min_value=0, **DECIMAL)
    denominator = TypedNumberField(label="Знаменатель", min_value=0, **DECIMAL)
    comment = forms.CharField(label="Комментарий", required=False, max_length=2000)
    source = forms.CharField(label="Источник (документ, ссылка)", required=False, max_length=500)
    evidence = forms.FileField(label="Подтверждающий документ", required=False,
                               help_text="PDF, Word, Excel, OpenDocument, JPG или PNG")
    remove_evidence = forms.BooleanField(label="Удалить документ", required=False)
    bench_municipality = TypedNumberField(label="Муниципалитет", **DECIMAL)
    bench_region = TypedNumberField(label="Регион", **DECIMAL)
    bench_country = TypedNumberField(label="РФ", **DECIMAL)

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        for name in ("value", *BENCHMARKS):
            self.fields[name].unit = indicator.unit
        for name in ("numerator", "denominator"):  # counts of people: never a percent sign
            self.fields[name].unit = Unit.COUNT
        if indicator.method != Method.ENTERED:
            for name in ("value", "numerator", "denominator", "comment", "source", "evidence", "remove_evidence"):
                del self.fields[name]
        elif indicator.unit == Unit.BOOL:
            self.fields["value"] = forms.TypedChoiceField(
                label="Значение", required=False, choices=[("", "—"), ("1", "да"), ("0", "нет")],
                coerce=int, empty_value=None,
                error_messages={"invalid_choice": "Здесь «да» или «нет» (введено «%(value)s»)."},
            )
            del self.fields["numerator"], self.fields["denominator"]
        elif indicator.unit == Unit.TEXT:
            # A fact in words: no number, no fraction, nothing to compare with another level.
            self.fields["text"] = forms.CharField(
                label="Значение (текст)", required=False, max_length=TEXT_LIMIT,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"max_length": f"Текст — не длиннее {TEXT_LIMIT} символов (введено %(show_value)d)."})
            for name in ("value", "numerator", "denominator", *BENCHMARKS):
                del self.fields[name]
        elif indicator.unit != Unit.PERCENT and indicator.unit != Unit.RATIO:
            del self.fields["numerator"], self.fields["denominator"]

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        if upload is None:
            return None
        if not evidence_suffix(upload.name):
            raise forms.ValidationError(
                f"Файл «{upload.name}»: такой тип не принимается — можно PDF, Word, Excel, OpenDocument, JPG или PNG.")
        limit = django_settings.VSOKO_MAX_EVIDENCE_MB
        if upload.size > limit * 1024 * 1024:
            raise forms.ValidationError(
                f"Файл «{upload.name}»: {number(Fraction(upload.size, 1024 * 1024), 1)} МБ, больше допустимых {limit} МБ.")
        return upload

    def clean(self):
        data = super().clean()
        numerator, denominator = data.get("numerator"), data.get("denominator")
        if (numerator is None) != (denominator is None):
            raise forms.ValidationError("Укажите и числитель, и знаменатель (или ни того, ни другого).")
        if denominator == 0:
            self.add_error("denominator", "Знаменатель не может быть нулём.")
        unit = self.indicator.unit
        for name in ("value", *BENCHMARKS):
            if name in self.fields and (problem := out_of_range(data.get(name), unit)):
                self.add_error(name, problem)
        if numerator is None or not denominator or self.errors:
            return data
        if unit == Unit.PERCENT and numerator > denominator:
            share = number(Fraction(numerator) / Fraction(denominator) * 100, 1)
            raise forms.ValidationError(f"Числитель {typed(numerator)} больше знаменателя {typed(denominator)}: "
                                        f"доля была бы {share} %, а доля — от 0 до 100 %.")
        value = data.get("value")
        factor = 100 if unit == Unit.PERCENT else 1
        exact = numerator * factor / denominator
        if value is not None and exact.quantize(_digits_of(value), ROUND_HALF_UP) != value:
            shown = format_value(Fraction(numerator) * factor / Fraction(denominator), unit)
            raise forms.ValidationError(
                f"Значение {typed(value)} не совпадает с числителем и знаменателем: {typed(numerator)} из "
                f"{typed(denominator)} — это {shown}. Исправьте одно или оставьте только числитель и знаменатель.")
        return data

    @property
    def value_fields(self):
        return [self[n] for n in ("value", "text", "numerator", "denominator", "comment", "source") if n in self.fields]

    @property
    def evidence_fields(self):
        return [self[n] for n in ("evidence", "remove_evidence") if n in self.fields]

    @property
    def benchmark_fields(self):
        return [self[n] for n in BENCHMARKS if n in self.fields]


def _digits_of(value: Decimal) -> Decimal:
    """The place of the last digit typed: 33 → 1, 33,3 → 0,1 (a value rounded from a fraction to it agrees)."""
    exponent = value.normalize().as_tuple().exponent if value != value.to_integral_value() else 0
    return Decimal(1).scaleb(min(int(exponent), 0))


class OwnIndicatorForm(forms.Form):
    """A school's own indicator; the formula is checked as in a catalog file, errors next to the field."""

    code = forms.RegexField(
        label="Код (латиница, цифры, «_»)", max_length=60, regex=r"^[a-z][a-z0-9_]*$",
        error_messages={"invalid": "Код: строчные латинские буквы, цифры и «_», начиная с буквы."},
    )
    name = forms.CharField(label="Название", max_length=500)
    unit = forms.ChoiceField(label="Единица", choices=Unit.choices)
    unit_label = forms.CharField(label="Подпись единицы", max_length=100, required=False)
    direction = forms.ChoiceField(label="Направление", choices=Direction.choices, initial=Direction.UP)
    method = forms.ChoiceField(label="Способ получения", choices=Method.choices, initial=Method.COMPUTED)
    formula = forms.CharField(label="Формула (для вычисляемого)", required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    breakdowns = forms.CharField(
        label="Разрезы (через запятую; «grade+subject» — сочетание)", required=False, max_length=500)
    total = forms.BooleanField(label="Значение по школе в целом", required=False, initial=True)
    group = forms.CharField(label="Группа", max_length=500, required=False)
    criterion = forms.CharField(label="Критерий", max_length=1000, required=False)
    explanation = forms.CharField(label="Формула словами", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["code"].disabled = True

    def clean_breakdowns(self) -> list[list[str]]:
        raw = self.cleaned_data.get("breakdowns") or ""
        out = []
        for part in filter(None, (p.strip() for p in raw.split(","))):
            dims = [d.strip() for d in part.split("+") if d.strip()]
            unknown = [d for d in dims if d not in DIMS]
            if unknown:
                raise forms.ValidationError(
                    f"Неизвестное измерение «{unknown[0]}». Есть: {', '.join(sorted(DIMS))}.")
            out.append(dims)
        return out

    def clean(self):
        data = super().clean()
        method, text = data.get("method"), (data.get("formula") or "").strip()
        if data.get("unit") == Unit.TEXT and method == Method.COMPUTED:
            self.add_error("method", "Текстовый показатель вводится вручную: выберите способ «вводится вручную» "
                                     "и очистите формулу.")
        elif method == Method.COMPUTED and not text:
            self.add_error("formula", "Укажите формулу: показатель вычисляется.")
        elif method == Method.ENTERED and text:
            self.add_error("formula", "У показателя, вводимого вручную, формулы нет: очистите поле.")
        elif method == Method.COMPUTED and "breakdowns" in data:
            try:
                tree = f.parse(text)
                known = set(Indicator.objects.filter(retired=False).values_list("code", flat=True))
                f.check(tree, codes=codes(), indicators=known, breakdowns=[tuple(b) for b in data["breakdowns"]],
                        total=data.get("total", True))
            except f.FormulaError as exc:
                self.add_error("formula", f"{exc} в формуле «{text}».")
        if not data.get("total") and not data.get("breakdowns"):
            self.add_error("breakdowns", "Без значения по школе нужен хотя бы один разрез.")
        data["formula"] = text
        return data

    @staticmethod
    def initial_of(indicator: Indicator, catalog_code: str) -> dict:
        initial = {name: getattr(indicator, name) for name in (
            "name", "unit", "unit_label", "direction", "method", "formula", "total", "group", "criterion",
            "explanation")}
        initial["code"] = indicator.code.removeprefix(f"{catalog_code}.")
        initial["breakdowns"] = ", ".join("+".join(b) for b in indicator.breakdowns)
        return initial


class TargetForm(forms.Form):
    """One indicator's target in a year (prefix = the indicator's id); empty removes it."""

    value = TypedNumberField(label="Цель", **DECIMAL)

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["value"].unit = indicator.unit

    def clean_value(self):
        value = self.cleaned_data.get("value")
        if problem := out_of_range(value, self.indicator.unit):
            raise forms.ValidationError(problem)
        return value
