from __future__ import annotations

import datetime

from django import forms

from vsoko.records.years import school_year_of, year_label
from vsoko.surveys.models import dates_outside_year
from vsoko.surveys.questionnaires import Questionnaire, questionnaire_choices, questionnaires
from vsoko.surveys.responses import new_submission_key
from vsoko.web.forms import DateInput


class SurveyForm(forms.Form):
    year = forms.TypedChoiceField(label="Учебный год опроса", coerce=int)
    questionnaire = forms.ChoiceField(label="Анкета", choices=questionnaire_choices)
    title = forms.CharField(label="Название опроса", max_length=200, required=False,
                            help_text="Если оставить пустым — название анкеты.")
    opens_on = forms.DateField(label="Начало", widget=DateInput())
    closes_on = forms.DateField(label="Окончание (включительно)", widget=DateInput())

    def __init__(self, *args, years: list[int], today: datetime.date, **kwargs):
        self.today = today
        super().__init__(*args, **kwargs)
        current = school_year_of(today)
        self.fields["year"].choices = [(y, year_label(y) + (" (текущий)" if y == current else "")) for y in years]

    def clean(self):
        data = super().clean()
        opens_on, closes_on, year = data.get("opens_on"), data.get("closes_on"), data.get("year")
        if opens_on and closes_on and year is not None:
            if closes_on < opens_on:
                self.add_error("closes_on", "Окончание не может быть раньше начала.")
            elif closes_on < self.today:
                self.add_error("closes_on", f"Окончание {closes_on:%d.%m.%Y} уже прошло: по такому опросу никто не "
                                            "сможет ответить.")
            # The answers belong to the survey's year: both dates lie in it (the model's rule, Survey.clean).
            for field, message in dates_outside_year(year, opens_on, closes_on).items():
                self.add_error(field, message)
        if data.get("questionnaire") and not data.get("title"):
            data["title"] = questionnaires()[data["questionnaire"]].title
        return data


class ClosingForm(forms.Form):
    """A survey's new last day: to extend it when few have answered, or to end it earlier."""

    closes_on = forms.DateField(label="Окончание (включительно)", widget=DateInput())

    def __init__(self, *args, survey, today: datetime.date, **kwargs):
        self.survey = survey
        self.today = today
        super().__init__(*args, **kwargs)

    def clean_closes_on(self):
        closes_on = self.cleaned_data["closes_on"]
        year = self.survey.year_id
        if closes_on < self.survey.opens_on:
            raise forms.ValidationError(f"Окончание не может быть раньше начала ({self.survey.opens_on:%d.%m.%Y}).")
        if closes_on < self.today:
            raise forms.ValidationError(f"Окончание {closes_on:%d.%m.%Y} уже прошло: по такому опросу никто не "
                                        "сможет ответить.")
        outside = dates_outside_year(year, None, closes_on)
        if outside:
            raise forms.ValidationError(outside["closes_on"])
        return closes_on


class ResponseForm(forms.Form):
    """The questionnaire as a form: every question optional, the grade asked unless the link gives it
    or the questionnaire asks none."""

    submission = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, questionnaire: Questionnaire, ask_grade: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        if not self.is_bound:
            self.initial["submission"] = new_submission_key()
        if ask_grade and questionnaire.asks_grade:
            grades = [("", "— выберите —")] + [(str(g), f"{g} класс") for g in questionnaire.grade_range]
            self.fields["grade"] = forms.TypedChoiceField(label=questionnaire.grade_question, choices=grades,
                                                          coerce=int, empty_value=None,
                                                          error_messages={"required": "Укажите класс."})
        for question in questionnaire.questions:
            self.fields[f"q_{question.code}"] = forms.ChoiceField(
                label=question.text, required=False, widget=forms.RadioSelect,
                choices=[(option, option) for option in question.options],
            )

    def answers(self) -> dict[str, str]:
        return {q.code: self.cleaned_data.get(f"q_{q.code}") or "" for q in self.questionnaire.questions}
