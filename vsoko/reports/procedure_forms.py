"""The form of a procedure's «Выводы» and «Рекомендации»: the conclusions as one text, the recommendations as rows
(to whom, what); a row without text is no recommendation. Texts kept as vsoko.reports.self_exam_text keeps them.

The texts name no pupil (vsoko.reports.self_exam_text.students_named): every reader of the справка gets them,
the observer too, while the pupils who got «2» are listed by the справка itself only for who may see them."""

from __future__ import annotations

from django import forms

from vsoko.indicators.formatting import number
from vsoko.records.models import Assessment
from vsoko.reports.enums import Addressee
from vsoko.reports.procedure_conclusion import Conclusion, Recommendation
from vsoko.reports.self_exam_text import (
    MAX_LENGTH,
    KnownNames,
    clean_text,
    pupil_names,
    students_named,
)

EMPTY_ROWS = 3  # blank recommendation rows under the saved ones
MAX_RECOMMENDATION = 2_000  # characters: a recommendation is a sentence or two


def _checked(text: str, limit: int, names: KnownNames | None) -> str:
    text = clean_text(text)
    if len(text) > limit:
        raise forms.ValidationError(f"Текст длиннее {number(limit, 0)} знаков (сейчас {number(len(text), 0)}): "
                                    "сократите его.")
    named = students_named(text, names) if text and names is not None else []
    if named:
        raise forms.ValidationError(
            f"В тексте названы обучающиеся школы: {', '.join(map(str, named))}. Выводы и рекомендации получает "
            "каждый читатель справки, и тот, кому фамилии обучающихся не показываются (наблюдатель); получивших "
            "«2» справка перечисляет сама — только тем, кто вправе их видеть. Напишите обезличенно, например "
            "«обучающиеся 5Б, получившие «2»».")
    return text


class PupilNames:
    """The school's pupils' names, read once per request and only if some text is to be checked."""

    def __init__(self, assessment: Assessment):
        self.assessment = assessment
        self._names: KnownNames | None = None

    def get(self) -> KnownNames:
        if self._names is None:
            self._names = pupil_names(self.assessment.school, self.assessment.year_id)
        return self._names


class ConclusionForm(forms.Form):
    conclusions = forms.CharField(label="Выводы", required=False, strip=False,
                                  widget=forms.Textarea(attrs={"rows": 8, "class": "input"}))

    def __init__(self, *args, names: PupilNames, **kwargs):
        super().__init__(*args, **kwargs)
        self.names = names

    def clean_conclusions(self):
        text = self.cleaned_data.get("conclusions", "")
        return _checked(text, MAX_LENGTH, self.names.get() if text.strip() else None)


class RecommendationForm(forms.Form):
    addressee = forms.ChoiceField(label="Кому", choices=[("", "—"), *Addressee.choices], required=False)
    text = forms.CharField(label="Рекомендация", required=False, strip=False,
                           widget=forms.Textarea(attrs={"rows": 2, "cols": 70, "class": "input"}))

    def __init__(self, *args, names: PupilNames, **kwargs):
        super().__init__(*args, **kwargs)
        self.names = names

    def clean(self):
        data = super().clean()
        text = data.get("text", "")
        try:
            data["text"] = _checked(text, MAX_RECOMMENDATION, self.names.get() if text.strip() else None)
        except forms.ValidationError as error:
            self.add_error("text", error)
            return data
        if data["text"] and not data.get("addressee"):
            self.add_error("addressee", "Выберите, кому адресована рекомендация: учителю, МО, классному "
                                        "руководителю или администрации.")
        return data


RecommendationFormSet = forms.formset_factory(RecommendationForm, extra=EMPTY_ROWS, max_num=50, validate_max=True)


def forms_for(data, saved: Conclusion, assessment: Assessment) -> tuple[ConclusionForm, forms.BaseFormSet]:
    initial = [{"addressee": r.addressee.value, "text": r.text} for r in saved.recommendations]
    names = PupilNames(assessment)
    return (ConclusionForm(data, initial={"conclusions": saved.conclusions}, names=names),
            RecommendationFormSet(data, initial=initial, prefix="rec", form_kwargs={"names": names}))


def conclusion_from(form: ConclusionForm, rows: forms.BaseFormSet) -> Conclusion:
    return Conclusion(form.cleaned_data["conclusions"], tuple(
        Recommendation(Addressee(row.cleaned_data["addressee"]), row.cleaned_data["text"])
        for row in rows if row.cleaned_data.get("text")))
