"""The form of a report's texts (the self-examination report's analytic part, the public report's director's
parts): one text per section, each with the revision the page showed (vsoko.reports.self_exam_text.save_texts
refuses to overwrite a newer one)."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from vsoko.indicators.formatting import number
from vsoko.records.models import OrgUnit
from vsoko.reports.enums import SelfExamSection
from vsoko.reports.models import SelfExamText
from vsoko.reports.self_exam_text import (
    MAX_LENGTH,
    Edit,
    Sections,
    clean_text,
    pupil_names,
    students_named,
)


def text_field(section: SelfExamSection) -> str:
    return f"text_{section.value}"


def revision_field(section: SelfExamSection) -> str:
    return f"revision_{section.value}"


class ReportTextForm(forms.Form):
    def __init__(self, data=None, *, school: OrgUnit, year: int, texts: dict[SelfExamSection, SelfExamText],
                 sections: Sections = SelfExamSection):
        super().__init__(data)
        self.school, self.year, self.sections = school, year, sections
        for section in sections:
            saved = texts.get(section)
            self.fields[text_field(section)] = forms.CharField(
                label=section.field_label, required=False, strip=False,
                initial=saved.text if saved else "",
                widget=forms.Textarea(attrs={"rows": 8, "class": "input"}))
            self.fields[revision_field(section)] = forms.CharField(
                required=False, initial=str(saved.revision if saved else 0), widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        names = None  # the pupils' names, read once and only when there is a text to check
        for section in self.sections:
            name = text_field(section)
            text = clean_text(data.get(name, ""))
            data[name] = text
            if len(text) > MAX_LENGTH:
                self.add_error(name, f"Текст длиннее {number(MAX_LENGTH, 0)} знаков (сейчас {number(len(text), 0)}): "
                                     "сократите его — раздел отчёта не должен занимать больше нескольких страниц.")
                continue
            if text and names is None:
                names = pupil_names(self.school, self.year)
            named = students_named(text, names) if text else []
            if named:
                self.add_error(name, f"В тексте названы обучающиеся школы: {', '.join(map(str, named))} — фамилия "
                                     "рядом с именем или инициалом (в любом падеже). Отчёт публикуется на сайте "
                                     "школы, имён обучающихся в нём быть не должно (152-ФЗ): напишите обезличенно, "
                                     "например «обучающийся 9 класса». Однофамильца, который не учится в школе, "
                                     "назовите с отчеством: «Лев Николаевич Толстой».")
        return data

    def edits(self) -> dict[SelfExamSection, Edit]:
        return {section: Edit(self.cleaned_data[text_field(section)],
                              _revision(self.cleaned_data.get(revision_field(section), "")))
                for section in self.sections}

    def shown_revisions(self, newer: dict[SelfExamSection, SelfExamText]) -> ReportTextForm:
        """The same form (the user's texts as typed) showing the newer revisions of these sections, so that the
        next save, after the user has merged the texts, goes through; each of them carries the error."""
        data = self.data.copy()
        for section, saved in newer.items():
            data[revision_field(section)] = str(saved.revision)
        form = ReportTextForm(data, school=self.school, year=self.year, texts={}, sections=self.sections)
        form.is_valid()
        for section, saved in newer.items():
            who = (saved.updated_by.get_full_name() or saved.updated_by.get_username()) if saved.updated_by else "—"
            when = timezone.localtime(saved.updated_at).strftime("%d.%m.%Y %H:%M")
            form.add_error(text_field(section), (
                f"Пока страница была открыта, текст этого раздела сохранил другой пользователь ({who}, {when}). "
                "Ваш текст не "
                "сохранён — он в поле; сохранённый текст — под полем. Соедините их и сохраните ещё раз."))
        return form


def _revision(raw: str) -> int:
    return int(raw) if raw.isdigit() else 0
