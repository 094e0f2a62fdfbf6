from __future__ import annotations

import datetime

from django import forms

from vsoko.diagnostics.changes import date_problem
from vsoko.diagnostics.models import Diagnostic
from vsoko.diagnostics.procedures import procedures
from vsoko.records.models import SchoolClass, StaffMember, StaffYear
from vsoko.web.forms import DateInput

DATE_ERRORS = {"required": "Укажите дату проведения.", "invalid": "Дата не распознана: нужна дата вида 25.09.2024."}


def _date_field() -> forms.DateField:
    return forms.DateField(label="Дата проведения", widget=DateInput(), error_messages=DATE_ERRORS)


def _notes_field() -> forms.CharField:
    return forms.CharField(label="Примечание", required=False, widget=forms.Textarea(attrs={"rows": 2}))


def _within_year(date: datetime.date, year: int) -> datetime.date:
    if problem := date_problem(date, year):
        raise forms.ValidationError(problem)
    return date


class ClassChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: SchoolClass) -> str:
        return obj.name


class NewDiagnosticForm(forms.Form):
    """A diagnostic held in one or several classes (a whole grade: tick all its classes)."""

    procedure = forms.ChoiceField(label="Процедура", error_messages={"required": "Выберите процедуру.",
                                                                     "invalid_choice": "Такой процедуры нет."})
    date = _date_field()
    classes = ClassChoice(label="Классы", queryset=SchoolClass.objects.none(), widget=forms.CheckboxSelectMultiple,
                          error_messages={"required": "Отметьте хотя бы один класс.",
                                          "invalid_choice": "Вводить уровни этого класса вы не можете."})
    conducted_by = forms.ModelChoiceField(label="Кто проводил", queryset=StaffMember.objects.none(), required=False,
                                          empty_label="— не указано —")
    notes = _notes_field()

    def __init__(self, *args, school, year: int, classes, confidential: bool = True, **kwargs):
        """`confidential`: the user enters the levels of confidential procedures (the СПТ) — else they are not
        offered: a class teacher who recorded one could not enter its levels."""
        super().__init__(*args, **kwargs)
        self.school, self.year = school, year
        self.fields["procedure"].choices = [("", "— выберите —")] + [
            (p.code, p.title) for p in procedures().values() if confidential or p.levels_published]
        self.fields["classes"].queryset = classes.order_by("grade", "letter", "name")
        self.fields["conducted_by"].queryset = StaffMember.objects.filter(
            pk__in=StaffYear.objects.filter(school=school, year_id=year).values("staff_id")).order_by(
            "last_name", "first_name")

    def clean_date(self) -> datetime.date:
        return _within_year(self.cleaned_data["date"], self.year)

    def clean(self):
        data = super().clean()
        spec = procedures().get(data.get("procedure", ""))
        classes = data.get("classes") or []
        if spec is None or not classes:
            return data
        wrong = [c.name for c in classes if c.grade not in spec.grades]
        if wrong:
            self.add_error("classes", f"«{spec.name}» проводится в {spec.grades_text} кл., а не в: {', '.join(wrong)}.")
        held = Diagnostic.objects.filter(procedure=spec.code, school_class__in=classes).values_list(
            "school_class__name", flat=True)
        if held:
            self.add_error("classes", f"В этом учебном году «{spec.short}» уже записана в: {', '.join(sorted(held))} "
                                      "— откройте её и исправьте уровни.")
        return data

    def create(self) -> list[Diagnostic]:
        data = self.cleaned_data
        return [Diagnostic.objects.create(school=self.school, year_id=self.year, procedure=data["procedure"],
                                          date=data["date"], school_class=c, conducted_by=data["conducted_by"],
                                          notes=data["notes"]) for c in data["classes"]]


class DiagnosticForm(forms.Form):
    """A recorded diagnostic's date (within its school year) and notes."""

    date = _date_field()
    notes = _notes_field()

    def __init__(self, *args, diagnostic: Diagnostic, **kwargs):
        kwargs.setdefault("initial", {"date": diagnostic.date, "notes": diagnostic.notes})
        super().__init__(*args, **kwargs)
        self.diagnostic = diagnostic

    def clean_date(self) -> datetime.date:
        return _within_year(self.cleaned_data["date"], self.diagnostic.year_id)
