from __future__ import annotations

from django import forms

from vsoko.decisions.enums import Basis, DecisionStatus
from vsoko.decisions.models import Decision
from vsoko.indicators.models import Indicator
from vsoko.plan.models import PlanItem
from vsoko.web.forms import DateInput


class DecisionForm(forms.ModelForm):
    indicator_codes = forms.CharField(
        label="Показатели (коды через запятую)", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Например: core.quality, core.vpr_base. По ним считается результативность: значение в год "
                  "решения и в следующий.",
    )

    class Meta:
        model = Decision
        fields = ["date", "title", "text", "basis", "plan_item", "body", "document_number", "responsible",
                  "deadline", "status", "result_note"]
        labels = {"title": "Решение (кратко)", "text": "Что решено", "date": "Дата решения",
                  "basis": "Основание", "plan_item": "Пункт плана мониторинга", "body": "Где принято",
                  "document_number": "Номер протокола или приказа", "responsible": "Ответственный (ФИО, должность)",
                  "deadline": "Срок исполнения", "status": "Состояние", "result_note": "Итог исполнения"}
        widgets = {"date": DateInput(), "deadline": DateInput(), "text": forms.Textarea(attrs={"rows": 4}),
                   "result_note": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "date": {"required": "Укажите дату решения.", "invalid": "Дата решения не распознана: нужна дата "
                                                                      "вида 25.03.2025."},
            "deadline": {"invalid": "Срок исполнения не распознан: нужна дата вида 25.03.2025."},
            "title": {"required": "Сформулируйте решение кратко (например, «Провести ВШК по математике в 5-х "
                                  "классах»)."},
            "text": {"required": "Опишите, что решено: мероприятия, участники, ожидаемый результат."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        decision = self.instance
        self.fields["plan_item"].queryset = PlanItem.objects.filter(school_id=decision.school_id,
                                                                    year_id=decision.year_id)
        self.fields["plan_item"].empty_label = "— не связано с пунктом плана —"
        self.fields["plan_item"].error_messages["invalid_choice"] = (
            "Такого пункта нет в плане мониторинга школы на этот учебный год.")
        self.fields["indicator_codes"].initial = ", ".join(decision.indicators)

    def clean_indicator_codes(self) -> list[str]:
        codes = list(dict.fromkeys(c.strip() for c in self.cleaned_data["indicator_codes"].split(",") if c.strip()))
        known = set(Indicator.objects.filter(code__in=codes, retired=False).values_list("code", flat=True))
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise forms.ValidationError(f"Нет показателей с кодами: {', '.join(unknown)}. Коды — в разделе "
                                        "«Показатели», на странице показателя.")
        return codes

    def clean(self):
        data = super().clean()
        basis, date, deadline = data.get("basis"), data.get("date"), data.get("deadline")
        if basis == Basis.INDICATOR and "indicator_codes" in data and not data["indicator_codes"]:
            self.add_error("indicator_codes", "Основание — значение показателя: укажите код хотя бы одного "
                                              "показателя.")
        if basis == Basis.PLAN_ITEM and "plan_item" in data and data["plan_item"] is None:
            self.add_error("plan_item", "Основание — пункт плана мониторинга: выберите пункт.")
        if date and deadline and deadline < date:
            self.add_error("deadline", f"Срок исполнения {deadline:%d.%m.%Y} раньше даты решения {date:%d.%m.%Y}.")
        if data.get("status") in (DecisionStatus.DONE, DecisionStatus.FAILED) and not data.get("result_note"):
            self.add_error("result_note", "Решение отмечено как «выполнено» или «не выполнено»: напишите итог "
                                          "исполнения (что сделано, где рассмотрено).")
        return data

    def save(self, commit: bool = True) -> Decision:
        self.instance.indicators = self.cleaned_data["indicator_codes"]
        return super().save(commit)
