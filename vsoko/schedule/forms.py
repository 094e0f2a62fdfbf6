from __future__ import annotations

from django import forms

from vsoko.records.models import SchoolClass, Subject
from vsoko.schedule.enums import Half, Level, ProcedureKind
from vsoko.schedule.models import ScheduledAssessment
from vsoko.web.forms import DateInput


def _within_year(date, year: int) -> None:
    if not Half.FIRST.bounds(year)[0] <= date <= Half.SECOND.bounds(year)[1]:
        raise forms.ValidationError(f"Дата {date:%d.%m.%Y} не относится к {year}/{year + 1} учебному году "
                                    f"(1 сентября {year} — 31 августа {year + 1}).")


class EntryForm(forms.ModelForm):
    """One work in one class."""

    class Meta:
        model = ScheduledAssessment
        fields = ["date", "school_class", "subject", "kind", "level", "lesson", "note"]
        widgets = {"date": DateInput()}
        help_texts = {"level": "ВПР и НИКО — федеральный уровень; контрольные работы учителей — школьный.",
                      "lesson": "Необязательно: номер урока по расписанию."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        entry = self.instance
        self.fields["school_class"].queryset = SchoolClass.objects.filter(
            school=entry.school, year_id=entry.year_id).order_by("grade", "name")
        self.fields["subject"].queryset = Subject.objects.order_by("name")
        self.fields["lesson"].widget.attrs.update(min=1, max=10)

    def clean_date(self):
        date = self.cleaned_data["date"]
        _within_year(date, self.instance.year_id)
        return date


class GradeForm(forms.Form):
    """One work for every class of a grade: a ВПР, as a rule."""

    grade = forms.TypedChoiceField(label="Параллель", coerce=int)
    subject = forms.ModelChoiceField(label="Предмет", queryset=Subject.objects.order_by("name"))
    date = forms.DateField(label="Дата", widget=DateInput())
    kind = forms.ChoiceField(label="Вид", choices=ProcedureKind.choices, initial=ProcedureKind.VPR)
    level = forms.ChoiceField(label="Уровень", choices=Level.choices, initial=Level.FEDERAL)
    lesson = forms.IntegerField(label="Урок", min_value=1, max_value=10, required=False)
    note = forms.CharField(label="Примечание", max_length=500, required=False)

    def __init__(self, *args, school, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        grades = (SchoolClass.objects.filter(school=school, year_id=year).order_by("grade")
                  .values_list("grade", flat=True).distinct())
        self.fields["grade"].choices = [(g, f"{g} класс") for g in grades]

    def clean_date(self):
        date = self.cleaned_data["date"]
        _within_year(date, self.year)
        return date


class HoursForm(forms.Form):
    """The yearly hours of every subject in one grade; an empty field: the subject is not taught there."""

    def __init__(self, *args, subjects: list[Subject], current: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.subjects = subjects
        for subject in subjects:
            self.fields[f"s{subject.pk}"] = forms.IntegerField(
                label=subject.name, min_value=1, max_value=400, required=False, initial=current.get(subject.pk))

    def hours(self) -> dict[Subject, int | None]:
        return {s: self.cleaned_data[f"s{s.pk}"] for s in self.subjects}
