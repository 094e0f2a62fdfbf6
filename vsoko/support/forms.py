from __future__ import annotations

from django import forms

from vsoko.records.models import StaffMember, Subject
from vsoko.support.enums import CaseStatus
from vsoko.support.models import SupportCase, SupportMeasure
from vsoko.web.forms import DateInput


class CaseForm(forms.ModelForm):
    class Meta:
        model = SupportCase
        fields = ["subject", "reason", "causes", "status", "result_period", "note"]
        labels = {"subject": "Предмет", "reason": "Основание", "causes": "Причины", "status": "Состояние",
                  "result_period": "Итог подведён за период", "note": "Итог, примечание"}
        widgets = {"causes": forms.Textarea(attrs={"rows": 3}), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, subjects: list[Subject] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["subject"]
        field.queryset = Subject.objects.filter(pk__in=[s.pk for s in subjects or []]) if subjects is not None \
            else Subject.objects.all()
        field.empty_label = "— по всем предметам —"
        field.error_messages["invalid_choice"] = "Такого предмета нет среди предметов обучающегося в этом году."
        if "result_period" in self.fields:
            self.fields["result_period"].choices = [("", "— ещё не подведён —"),
                                                    *self.fields["result_period"].choices[1:]]

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status in (CaseStatus.SUCCEEDED, CaseStatus.FAILED) and not data.get("result_period"):
            self.add_error("result_period", "Сопровождение закрыто с итогом «успевает» или «не успевает»: укажите, "
                                            "за какой период подведён итог.")
        if status == CaseStatus.OPEN and data.get("result_period"):
            self.add_error("status", "Указан период итога, а сопровождение ещё идёт: выберите состояние "
                                     "«закрыто: успевает» или «закрыто: не успевает» либо очистите период итога.")
        return data


class MeasureForm(forms.ModelForm):
    class Meta:
        model = SupportMeasure
        fields = ["kind", "responsible", "due", "done", "done_on", "note"]
        labels = {"kind": "Мера", "responsible": "Ответственный", "due": "Срок", "done": "Выполнено",
                  "done_on": "Дата выполнения", "note": "Содержание, примечание"}
        widgets = {"due": DateInput(), "done_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "kind": {"required": "Выберите меру: дополнительные занятия, консультации, беседа с родителями…"},
            "due": {"invalid": "Срок не распознан: нужна дата вида 25.03.2025."},
            "done_on": {"invalid": "Дата выполнения не распознана: нужна дата вида 25.03.2025."},
        }

    def __init__(self, *args, staff: list[StaffMember], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["responsible"]
        field.queryset = StaffMember.objects.filter(pk__in=[s.pk for s in staff]).order_by(
            "last_name", "first_name", "middle_name")
        field.empty_label = "— не назначен —"
        field.error_messages["invalid_choice"] = "Такого педагога нет среди педагогов школы в этом учебном году."

    def clean(self):
        data = super().clean()
        if data.get("done_on") and not data.get("done"):
            self.add_error("done", "Указана дата выполнения: отметьте «Выполнено» или очистите дату.")
        return data


class OpenCaseForm(CaseForm):
    """Opening a case: its status and result come later."""

    class Meta(CaseForm.Meta):
        fields = ["subject", "reason", "causes"]
