from __future__ import annotations

from django import forms

from vsoko.observations.criteria import CRITERIA, POINTS
from vsoko.observations.enums import VisitKind, VisitPurpose
from vsoko.observations.models import LessonVisit
from vsoko.plan.enums import MONTH_NAMES, SCHOOL_MONTHS
from vsoko.records.models import SchoolClass, StaffMember, Subject
from vsoko.web.forms import DateInput
from vsoko.web.school_year import year_label


def score_field(key: str) -> str:
    return f"score_{key}"


class StaffChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: StaffMember) -> str:
        return obj.full_name or obj.staff_id


class LessonVisitForm(forms.ModelForm):
    """A visit of the school and year of its instance: the teacher and the visitor among the school's staff of
    the year, the class among its classes of the year, the date within the school year."""

    teacher = StaffChoice(queryset=StaffMember.objects.none(), label="Учитель (чей урок посещён)")
    observer = StaffChoice(queryset=StaffMember.objects.none(), label="Кто посетил")

    class Meta:
        model = LessonVisit
        fields = ["date", "teacher", "observer", "kind", "purpose", "school_class", "subject", "topic",
                  "modern_technologies", "ict", "differentiation", "conclusions", "recommendations"]
        labels = {"date": "Дата посещения", "kind": "Что посещено", "purpose": "Цель посещения",
                  "school_class": "Класс", "subject": "Предмет", "topic": "Тема урока или мероприятия",
                  "modern_technologies": "Применялись современные педагогические технологии",
                  "ict": "Использовались ИКТ", "differentiation": "Дифференцированный подход",
                  "conclusions": "Выводы", "recommendations": "Рекомендации учителю"}
        widgets = {"date": DateInput(), "conclusions": forms.Textarea(attrs={"rows": 3}),
                   "recommendations": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "date": {"required": "Укажите дату посещения.",
                     "invalid": "Дата посещения не распознана: нужна дата вида 25.03.2025."},
        }

    def __init__(self, *args, teachers=None, visitors=None, **kwargs):
        """`teachers`, `visitors`: the staff the user may choose (vsoko.observations.access); None — any."""
        super().__init__(*args, **kwargs)
        visit = self.instance
        staff = (StaffMember.objects.filter(school_id=visit.school_id, years__year_id=visit.year_id)
                 .distinct().order_by("last_name", "first_name"))
        for name, allowed in (("teacher", teachers), ("observer", visitors)):
            self.fields[name].queryset = staff if allowed is None else staff.filter(pk__in=allowed.values("pk"))
            self.fields[name].error_messages["invalid_choice"] = (
                f"Такого работника нет среди работников школы в {year_label(visit.year_id)} учебном году."
                if allowed is None else
                "Этого работника выбрать нельзя: руководитель МО записывает свои посещения уроков учителей "
                "предмета МО.")
            self.fields[name].error_messages["required"] = (
                "Выберите учителя, чей урок посещён." if name == "teacher" else "Выберите, кто посетил урок.")
        if visitors is not None and not visit.observer_id:
            mine = list(self.fields["observer"].queryset[:2])
            if len(mine) == 1:  # the head of an МО records their own visit: the visitor is them
                self.initial["observer"] = mine[0].pk
        self.fields["school_class"].queryset = SchoolClass.objects.filter(school_id=visit.school_id,
                                                                          year_id=visit.year_id)
        self.fields["school_class"].empty_label = "— без класса (внеклассное мероприятие) —"
        self.fields["school_class"].error_messages["invalid_choice"] = (
            f"Такого класса нет в школе в {year_label(visit.year_id)} учебном году.")
        self.fields["subject"].queryset = Subject.objects.order_by("name")
        self.fields["subject"].empty_label = "— не указан —"
        for name in ("conclusions", "recommendations"):
            self.fields[name].help_text = LessonVisit._meta.get_field(name).help_text
        for criterion in CRITERIA:
            self.fields[score_field(criterion.key)] = forms.TypedChoiceField(
                label=criterion.label, help_text=criterion.hint, choices=POINTS, coerce=int,
                initial=visit.scores.get(criterion.key, 1) if visit.scores else 1,
                error_messages={"required": f"Оцените критерий «{criterion.label}»: 0, 1 или 2 балла.",
                                "invalid_choice": f"Критерий «{criterion.label}»: балл 0, 1 или 2."})

    def score_fields(self) -> list[forms.BoundField]:
        return [self[score_field(c.key)] for c in CRITERIA]

    def clean(self):
        data = super().clean()
        visit = self.instance
        date, teacher, observer = data.get("date"), data.get("teacher"), data.get("observer")
        first, last = visit.school_year_days
        if date and not first <= date <= last:
            self.add_error("date", f"Дата {date:%d.%m.%Y} вне {year_label(visit.year_id)} учебного года "
                                   f"(с {first:%d.%m.%Y} по {last:%d.%m.%Y}).")
        if teacher and observer and teacher == observer:
            self.add_error("observer", "Учитель и посетивший урок — один человек: посещение записывают "
                                       "за другого работника.")
        if data.get("kind") in VisitKind.with_class() and "school_class" in data and data["school_class"] is None:
            self.add_error("school_class", f"Для вида «{VisitKind(data['kind']).label}» выберите класс.")
        return data

    def save(self, commit: bool = True) -> LessonVisit:
        self.instance.scores = {c.key: self.cleaned_data[score_field(c.key)] for c in CRITERIA}
        return super().save(commit)


class JournalFilterForm(forms.Form):
    """The journal's filters: teacher, visitor, purpose, month; the staff offered are those of the visits."""

    teacher = StaffChoice(queryset=StaffMember.objects.none(), required=False, label="Учитель",
                          empty_label="все")
    observer = StaffChoice(queryset=StaffMember.objects.none(), required=False, label="Кто посетил",
                           empty_label="все")
    purpose = forms.ChoiceField(choices=[("", "все"), *VisitPurpose.choices], required=False, label="Цель")
    month = forms.TypedChoiceField(choices=[("", "все"), *((m, MONTH_NAMES[m]) for m in SCHOOL_MONTHS)],
                                   coerce=int, empty_value=None, required=False, label="Месяц")

    def __init__(self, *args, visits, **kwargs):
        super().__init__(*args, **kwargs)
        order = ("last_name", "first_name")
        self.fields["teacher"].queryset = StaffMember.objects.filter(
            pk__in=visits.values("teacher_id")).order_by(*order)
        self.fields["observer"].queryset = StaffMember.objects.filter(
            pk__in=visits.values("observer_id")).order_by(*order)
        for name in ("teacher", "observer"):
            self.fields[name].error_messages["invalid_choice"] = "Такого работника нет среди посещений журнала."

    def chosen(self) -> dict:
        """The filters as keyword arguments of summary.filter_visits (nothing chosen when invalid)."""
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"teacher": data["teacher"], "observer": data["observer"], "purpose": data["purpose"],
                "month": data["month"]}
