"""The oversight forms. Every error names the field; a form with an error saves nothing (the views save only a
valid form, in one transaction)."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from vsoko.oversight.enums import InspectionResult
from vsoko.oversight.models import (
    CRITERIA,
    Credential,
    Finding,
    Inspection,
    NokoMeasure,
    NokoResult,
    Participation,
    PublicExpert,
)
from vsoko.records.models import Assessment, StaffMember
from vsoko.records.years import school_year_of, year_label
from vsoko.reports.self_exam_text import pupil_names, students_named
from vsoko.web.forms import DateInput


def _d(day: datetime.date) -> str:
    return f"{day:%d.%m.%Y}"


class RussianErrors:
    """Messages that name the field: «Заполните поле «Номер».», «Дата начала: дата не распознана …». Mixed in
    before the Django form class, it rewrites the messages of every field once the form is built."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.name_fields()

    def refuse_future(self, data: dict, name: str, what: str) -> None:
        """A day of something done that has not come yet: «Дата устранения 01.10.2030 ещё не наступила.»"""
        day = data.get(name)
        if day and day > timezone.localdate():
            self.add_error(name, f"{what} {_d(day)} ещё не наступила.")

    def name_fields(self) -> None:
        for field in self.fields.values():
            label = field.label
            field.error_messages["required"] = f"Заполните поле «{label}»."
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = f"«{label}»: дата не распознана, нужна дата вида 25.03.2025."
            if isinstance(field, forms.DecimalField):
                field.error_messages["invalid"] = f"«{label}»: нужно число от 0 до 100, например 87,5."
                field.error_messages["max_digits"] = f"«{label}»: балл — число от 0 до 100."
                field.error_messages["max_decimal_places"] = f"«{label}»: не больше двух знаков после запятой."
                field.error_messages["min_value"] = f"«{label}»: балл не может быть меньше 0."
                field.error_messages["max_value"] = f"«{label}»: балл не может быть больше 100."
            elif isinstance(field, forms.IntegerField):  # DecimalField is an IntegerField too: hence elif
                field.error_messages["invalid"] = f"«{label}»: нужно целое число."
                field.error_messages["min_value"] = f"«{label}»: число не может быть отрицательным."
            if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
                field.error_messages["invalid_choice"] = f"«{label}»: выберите значение из списка."
            if isinstance(field, forms.TypedChoiceField) and field.choices and field.choices[0][0] == "":
                # Django's own blank label of a select («- Select an option -») has no Russian translation.
                field.choices = [("", "— выберите —"), *field.choices[1:]]
            if isinstance(field, forms.ModelChoiceField) and field.empty_label and field.empty_label.startswith("-"):
                field.empty_label = "— выберите —"


class CredentialForm(RussianErrors, forms.ModelForm):
    class Meta:
        model = Credential
        fields = ["kind", "number", "issued_on", "issuer", "scope", "indefinite", "valid_until", "note"]
        labels = {"kind": "Документ", "number": "Номер (регистрационный номер записи)", "issued_on": "Дата",
                  "issuer": "Кем выдана (предоставлена)", "scope": "Образовательные программы, уровни образования",
                  "indefinite": "Бессрочно", "valid_until": "Действует до", "note": "Примечание"}
        widgets = {"issued_on": DateInput(), "valid_until": DateInput(), "scope": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        issued, until, indefinite = data.get("issued_on"), data.get("valid_until"), data.get("indefinite")
        if indefinite and until:
            self.add_error("valid_until", "Документ отмечен «бессрочно»: срок действия не указывается — уберите "
                                          "дату или отметку «бессрочно».")
        if not indefinite and "valid_until" in data and until is None:
            self.add_error("valid_until", "Укажите, до какого дня действует документ, или отметьте «бессрочно».")
        if issued and until and until <= issued:
            self.add_error("valid_until", f"Срок действия {_d(until)} не позже даты документа {_d(issued)}.")
        self.refuse_future(data, "issued_on", "Дата документа")
        return data


class InspectionForm(RussianErrors, forms.ModelForm):
    class Meta:
        model = Inspection
        fields = ["body", "body_note", "kind", "started_on", "finished_on", "subject", "result", "act"]
        labels = {"body": "Орган контроля (надзора)", "body_note": "Наименование органа (если нужно уточнить)",
                  "kind": "Вид", "started_on": "Дата начала", "finished_on": "Дата окончания",
                  "subject": "Предмет проверки", "result": "Результат", "act": "Акт проверки (номер, дата)"}
        widgets = {"started_on": DateInput(), "finished_on": DateInput(), "subject": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        data = super().clean()
        started, finished = data.get("started_on"), data.get("finished_on")
        if started and finished and finished < started:
            self.add_error("finished_on", f"Дата окончания {_d(finished)} раньше даты начала {_d(started)}.")
        inspection = self.instance
        subject = data.get("subject", "")
        if started and subject and (named := students_named(subject, pupil_names(inspection.school,
                                                                                 school_year_of(started)))):
            # The subject is printed in the published self-examination: an unplanned inspection after a complaint
            # must not name the pupil it was about.
            self.add_error("subject", f"В предмете проверки назван обучающийся школы: {', '.join(map(str, named))}. "
                                      "Предмет проверки попадает в отчёт о самообследовании, который публикуется: "
                                      "напишите обезличенно, например «по обращению родителя обучающегося 5 класса».")
        if (data.get("result") == InspectionResult.CLEAN and inspection.pk
                and (count := inspection.findings.count())):
            self.add_error("result", f"У проверки записано нарушений: {count}. Чтобы указать «нарушений нет», "
                                     "сначала удалите их.")
        if started and inspection.pk and (early := inspection.findings.filter(deadline__lt=started).first()):
            self.add_error("started_on", f"Срок устранения нарушения «{early.text[:60]}» ({_d(early.deadline)}) "
                                         f"раньше даты начала {_d(started)}.")
        return data


class StaffChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: StaffMember) -> str:
        return obj.full_name or obj.staff_id


class FindingForm(RussianErrors, forms.ModelForm):
    responsible = StaffChoice(queryset=StaffMember.objects.none(), required=False, label="Ответственный",
                              empty_label="— не назначен —")

    class Meta:
        model = Finding
        fields = ["text", "deadline", "fixed_on", "responsible", "note"]
        labels = {"text": "Нарушение (пункт предписания)", "deadline": "Срок устранения",
                  "fixed_on": "Устранено (дата)", "note": "Примечание"}
        widgets = {"deadline": DateInput(), "fixed_on": DateInput(), "text": forms.Textarea(attrs={"rows": 3}),
                   "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = StaffMember.objects.filter(school=self.instance.inspection.school)

    def clean(self):
        data = super().clean()
        inspection = self.instance.inspection
        if inspection.result != InspectionResult.VIOLATIONS:
            raise forms.ValidationError("У этой проверки результат «нарушений нет»: чтобы записать нарушение, "
                                        "сначала измените результат проверки на «выявлены нарушения».")
        deadline, fixed = data.get("deadline"), data.get("fixed_on")
        if deadline and deadline < inspection.started_on:
            self.add_error("deadline", f"Срок устранения {_d(deadline)} раньше начала проверки "
                                       f"{_d(inspection.started_on)}.")
        if fixed and fixed < inspection.started_on:
            self.add_error("fixed_on", f"Дата устранения {_d(fixed)} раньше начала проверки "
                                       f"{_d(inspection.started_on)}.")
        self.refuse_future(data, "fixed_on", "Дата устранения")
        return data


class NokoResultForm(RussianErrors, forms.ModelForm):
    year = forms.IntegerField(label="Учебный год (год начала, например 2024 для 2024/2025)", min_value=2000,
                              max_value=2100)

    class Meta:
        model = NokoResult
        fields = ["year", *(field for field, _ in CRITERIA), "place", "places", "note"]
        labels = {"place": "Место в муниципалитете", "places": "Всего организаций в рейтинге",
                  "note": "Примечание (кто проводил, источник — bus.gov.ru)",
                  **{field: f"{name[0].upper()}{name[1:]} (0–100)" for field, name in CRITERIA}}
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].error_messages["min_value"] = "Учебный год: нужен год начала не раньше 2000."
        self.fields["year"].error_messages["max_value"] = "Учебный год: нужен год начала не позже 2100."

    def clean(self):
        data = super().clean()
        year, result = data.get("year"), self.instance
        if year and NokoResult.objects.filter(school=result.school, year=year).exclude(pk=result.pk).exists():
            self.add_error("year", f"Результаты НОКО за {year_label(year)} учебный год уже записаны: измените их, "
                                   "а не добавляйте второй раз.")
        if all(data.get(field) is None for field, _ in CRITERIA) and not any(
                field in self.errors for field, _ in CRITERIA):
            raise forms.ValidationError("Укажите баллы школы хотя бы по одному критерию НОКО.")
        place, places = data.get("place"), data.get("places")
        if place and places and place > places:
            self.add_error("place", f"Место {place} больше числа организаций в рейтинге ({places}).")
        return data


class NokoMeasureForm(RussianErrors, forms.ModelForm):
    class Meta:
        model = NokoMeasure
        fields = ["text", "deadline", "done_on"]
        labels = {"text": "Мероприятие", "deadline": "Срок", "done_on": "Выполнено (дата)"}
        widgets = {"deadline": DateInput(), "done_on": DateInput(), "text": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        data = super().clean()
        self.refuse_future(data, "done_on", "Дата выполнения")
        return data


class PublicExpertForm(RussianErrors, forms.ModelForm):
    class Meta:
        model = PublicExpert
        fields = ["last_name", "first_name", "middle_name", "represents", "represents_note", "trained_on",
                  "training"]
        labels = {"last_name": "Фамилия", "first_name": "Имя", "middle_name": "Отчество",
                  "represents": "Кого представляет", "represents_note": "Организация, уточнение",
                  "trained_on": "Обучение пройдено (дата)", "training": "Обучение (программа, кем проведено)"}
        widgets = {"trained_on": DateInput()}

    def clean(self):
        data = super().clean()
        trained = data.get("trained_on")
        self.refuse_future(data, "trained_on", "Дата обучения")
        if data.get("training") and "trained_on" in data and trained is None:
            self.add_error("trained_on", "Указано обучение: укажите и дату, когда оно пройдено.")
        return data


class AssessmentChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Assessment) -> str:
        when = f", {_d(obj.date)}" if obj.date else ""
        return f"{year_label(obj.year_id)}: {obj}{when}"


class ParticipationForm(RussianErrors, forms.ModelForm):
    assessment = AssessmentChoice(queryset=Assessment.objects.none(), label="Оценочная процедура")

    class Meta:
        model = Participation
        fields = ["assessment", "date", "role", "remark"]
        labels = {"date": "Дата", "role": "Роль", "remark": "Замечание (кратко)"}
        widgets = {"date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessment"].queryset = (Assessment.objects.filter(school=self.instance.expert.school)
                                              .select_related("subject").order_by("-year", "date", "kind", "pk"))

    def clean(self):
        data = super().clean()
        assessment, day = data.get("assessment"), data.get("date")
        if assessment and day and school_year_of(day) != assessment.year_id:
            self.add_error("date", f"Дата {_d(day)} не в {year_label(assessment.year_id)} учебном году, к которому "
                                   "относится процедура.")
        expert = self.instance.expert
        if assessment and (Participation.objects.filter(expert=expert, assessment=assessment)
                           .exclude(pk=self.instance.pk).exists()):
            self.add_error("assessment", f"Участие {expert.full_name} в этой процедуре уже записано.")
        return data
