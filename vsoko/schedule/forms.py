from __future__ import annotations

from django import forms

from vsoko.records.models import SchoolClass, Subject
from vsoko.schedule.enums import Half, Level, ProcedureKind
from vsoko.schedule.models import Holiday, ScheduledAssessment
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


GRADES = range(1, 12)


class HolidayForm(forms.ModelForm):
    """The school's holidays: a name, the first and last day within the year, and the grades if not every class's."""

    grades = forms.TypedMultipleChoiceField(
        label="Только для параллелей", coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(g, f"{g} класс") for g in GRADES],
        help_text="Не отмечено ничего — каникулы всех классов. Дополнительные февральские каникулы — только 1 класс.")

    class Meta:
        model = Holiday
        fields = ["name", "start", "end", "grades"]
        widgets = {"start": DateInput(), "end": DateInput()}
        labels = {"name": "Название", "start": "Первый день", "end": "Последний день"}
        help_texts = {"name": "Например: осенние каникулы."}
        error_messages = {"name": {"required": "Укажите название каникул, например «осенние каникулы»."},
                          "start": {"required": "Укажите первый день каникул."},
                          "end": {"required": "Укажите последний день каникул."}}

    def clean_start(self):
        start = self.cleaned_data["start"]
        _within_year(start, self.instance.year_id)
        return start

    def clean_end(self):
        end = self.cleaned_data["end"]
        _within_year(end, self.instance.year_id)
        return end

    def clean_grades(self) -> list[int]:
        return sorted(set(self.cleaned_data["grades"]))

    def clean(self):
        data = super().clean()
        start, end, name = data.get("start"), data.get("end"), data.get("name")
        if start and end and end < start:
            self.add_error("end", f"Последний день каникул {end:%d.%m.%Y} раньше первого {start:%d.%m.%Y}.")
        holiday = self.instance
        if name and Holiday.objects.filter(school=holiday.school, year_id=holiday.year_id, name=name) \
                .exclude(pk=holiday.pk).exists():
            self.add_error("name", f"Каникулы «{name}» в {holiday.year_id}/{holiday.year_id + 1} учебном году уже "
                                   "есть: откройте их, чтобы изменить даты.")
        return data
