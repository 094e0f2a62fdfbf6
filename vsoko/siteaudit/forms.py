"""The audit's head (who, when, which address, the deadline) and its checklist: a status per item (required),
a comment and a link. Every error names the field or the item; a form with an error saves nothing."""

from __future__ import annotations

from django import forms

from vsoko.oversight.forms import RussianErrors
from vsoko.siteaudit.checklist import Item, sections
from vsoko.siteaudit.enums import ItemStatus
from vsoko.siteaudit.models import SiteAudit
from vsoko.web.forms import DateInput


class SiteAuditForm(RussianErrors, forms.ModelForm):
    class Meta:
        model = SiteAudit
        fields = ["date", "auditor", "site_url", "fix_deadline", "note"]
        labels = {"date": "Дата проверки", "auditor": "Кто проверял (ФИО, должность)",
                  "site_url": "Адрес официального сайта", "fix_deadline": "Срок устранения замечаний",
                  "note": "Примечание"}
        widgets = {"date": DateInput(), "fix_deadline": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site_url"].error_messages["invalid"] = ("«Адрес официального сайта»: нужен адрес вида "
                                                             "https://school.ru.")

    def clean(self):
        data = super().clean()
        day, deadline = data.get("date"), data.get("fix_deadline")
        self.refuse_future(data, "date", "Дата проверки")
        if day and deadline and deadline < day:
            self.add_error("fix_deadline", f"Срок устранения {deadline:%d.%m.%Y} раньше даты проверки "
                                           f"{day:%d.%m.%Y}.")
        return data


def status_field(code: str) -> str:
    return f"status__{code}"


def comment_field(code: str) -> str:
    return f"comment__{code}"


def link_field(code: str) -> str:
    return f"link__{code}"


class ChecklistForm(forms.Form):
    """A status, a comment and a link for every item of the checklist."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for section in sections():
            for item in section.items:
                self.fields[status_field(item.code)] = forms.ChoiceField(
                    label=item.name, choices=[("", "— выберите —"), *ItemStatus.choices],
                    error_messages={"required": f"«{item.name}»: выберите статус.",
                                    "invalid_choice": f"«{item.name}»: выберите статус из списка."})
                # The comment and the link say whose they are: a screen reader (and the phone's card) names the item.
                self.fields[comment_field(item.code)] = forms.CharField(
                    label="Комментарий", required=False, max_length=500,
                    widget=forms.TextInput(attrs={"aria-label": f"Комментарий: {item.name}"}),
                    error_messages={"max_length": f"«{item.name}»: комментарий не длиннее 500 знаков."})
                self.fields[link_field(item.code)] = forms.URLField(
                    label="Ссылка", required=False, max_length=500, assume_scheme="https",
                    widget=forms.URLInput(attrs={"aria-label": f"Ссылка: {item.name}"}),
                    error_messages={"invalid": f"«{item.name}»: ссылка не распознана, нужен адрес вида "
                                               "https://school.ru/sveden/document.",
                                    "max_length": f"«{item.name}»: ссылка не длиннее 500 знаков."})

    def rows(self) -> list[tuple[object, list[tuple[Item, object, object, object]]]]:
        """(section, [(item, status, comment, link bound fields)]) for the template."""
        return [(section, [(item, self[status_field(item.code)], self[comment_field(item.code)],
                            self[link_field(item.code)]) for item in section.items]) for section in sections()]

    def items(self) -> list[tuple[str, str, str, str]]:
        """(code, status, comment, link) of every item, from the cleaned data."""
        data = self.cleaned_data
        return [(i.code, data[status_field(i.code)], data.get(comment_field(i.code), ""),
                 data.get(link_field(i.code), "")) for s in sections() for i in s.items]


def initial_of(audit: SiteAudit) -> dict[str, str]:
    initial = {}
    for item in audit.items.all():
        initial[status_field(item.code)] = item.status
        initial[comment_field(item.code)] = item.comment
        initial[link_field(item.code)] = item.link
    return initial
