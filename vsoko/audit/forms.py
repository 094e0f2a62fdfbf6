"""The filter of the audit log page (and of its export)."""

from __future__ import annotations

from django import forms

from vsoko.audit.enums import AuditAction
from vsoko.audit.journal import Filters
from vsoko.web.forms import DateInput


class AuditFilterForm(forms.Form):
    user = forms.CharField(label="Пользователь (логин)", required=False, max_length=150,
                           widget=forms.TextInput(attrs={"class": "input", "type": "search"}))
    action = forms.ChoiceField(label="Действие", required=False)
    object_type = forms.ChoiceField(label="Тип объекта", required=False)
    date_from = forms.DateField(label="С даты", required=False, widget=DateInput(attrs={"class": "input"}),
                                input_formats=["%Y-%m-%d", "%d.%m.%Y"])
    date_to = forms.DateField(label="По дату", required=False, widget=DateInput(attrs={"class": "input"}),
                              input_formats=["%Y-%m-%d", "%d.%m.%Y"])

    def __init__(self, data, *, schools, object_types: list[tuple[str, str]]):
        super().__init__(data)
        self.fields["action"].choices = [("", "Все действия"), *AuditAction.choices]
        self.fields["object_type"].choices = [("", "Все типы"), *object_types]
        self.fields["school"] = forms.ModelChoiceField(queryset=schools, label="Школа", required=False,
                                                       empty_label="Все школы")
        self.several_schools = len(schools) > 1

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "Дата «по» раньше даты «с»: поменяйте их местами.")
        return cleaned

    def filters(self) -> Filters:
        """The valid filter; an unbound form filters nothing."""
        if not self.is_bound:
            return Filters()
        data = self.cleaned_data
        return Filters(
            user=data.get("user", "").strip(), action=data.get("action", ""), object_type=data.get("object_type", ""),
            date_from=data.get("date_from"), date_to=data.get("date_to"), school=data.get("school"),
        )
