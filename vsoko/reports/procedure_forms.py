"""The form of a procedure's «Выводы» and «Рекомендации»: the conclusions as one text, the recommendations as rows
(to whom, what); a row without text is no recommendation. Texts kept as vsoko.reports.self_exam_text keeps them."""

from __future__ import annotations

from django import forms

from vsoko.indicators.formatting import number
from vsoko.reports.enums import Addressee
from vsoko.reports.procedure_conclusion import Conclusion, Recommendation
from vsoko.reports.self_exam_text import MAX_LENGTH, clean_text

EMPTY_ROWS = 3  # blank recommendation rows under the saved ones
MAX_RECOMMENDATION = 2_000  # characters: a recommendation is a sentence or two


def _checked(text: str, limit: int) -> str:
    text = clean_text(text)
    if len(text) > limit:
        raise forms.ValidationError(f"Текст длиннее {number(limit, 0)} знаков (сейчас {number(len(text), 0)}): "
                                    "сократите его.")
    return text


class ConclusionForm(forms.Form):
    conclusions = forms.CharField(label="Выводы", required=False, strip=False,
                                  widget=forms.Textarea(attrs={"rows": 8, "class": "input"}))

    def clean_conclusions(self):
        return _checked(self.cleaned_data.get("conclusions", ""), MAX_LENGTH)


class RecommendationForm(forms.Form):
    addressee = forms.ChoiceField(label="Кому", choices=[("", "—"), *Addressee.choices], required=False)
    text = forms.CharField(label="Рекомендация", required=False, strip=False,
                           widget=forms.Textarea(attrs={"rows": 2, "class": "input"}))

    def clean(self):
        data = super().clean()
        try:
            data["text"] = _checked(data.get("text", ""), MAX_RECOMMENDATION)
        except forms.ValidationError as error:
            self.add_error("text", error)
            return data
        if data["text"] and not data.get("addressee"):
            self.add_error("addressee", "Выберите, кому адресована рекомендация: учителю, МО, классному "
                                        "руководителю или администрации.")
        return data


RecommendationFormSet = forms.formset_factory(RecommendationForm, extra=EMPTY_ROWS, max_num=50, validate_max=True)


def forms_for(data, saved: Conclusion) -> tuple[ConclusionForm, forms.BaseFormSet]:
    initial = [{"addressee": r.addressee.value, "text": r.text} for r in saved.recommendations]
    return (ConclusionForm(data, initial={"conclusions": saved.conclusions}),
            RecommendationFormSet(data, initial=initial, prefix="rec"))


def conclusion_from(form: ConclusionForm, rows: forms.BaseFormSet) -> Conclusion:
    return Conclusion(form.cleaned_data["conclusions"], tuple(
        Recommendation(Addressee(row.cleaned_data["addressee"]), row.cleaned_data["text"])
        for row in rows if row.cleaned_data.get("text")))
