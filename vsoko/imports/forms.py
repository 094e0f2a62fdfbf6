from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings

from vsoko.imports.runs import ACCEPTED_SUFFIXES
from vsoko.imports.subject_names import display
from vsoko.records.models import OrgUnit, Subject


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Файл пакета",
        help_text="Книга Excel (.xlsx, .xls) или .ods, архив .zip с CSV-файлами или один CSV-файл, названный по таблице "
                  "(students.csv).",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED_SUFFIXES)}),
    )
    school = forms.ModelChoiceField(label="Школа", queryset=OrgUnit.objects.none(), empty_label=None)

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        if len(schools) == 1:
            self.fields["school"].initial = schools[0]
            self.fields["school"].widget = forms.HiddenInput()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix == ".xlsb":
            raise forms.ValidationError(
                "Файл в формате .xlsb: откройте его в Excel, сохраните как «Книга Excel (*.xlsx)» и загрузите снова.")
        if suffix not in ACCEPTED_SUFFIXES:
            raise forms.ValidationError("Загрузите файл .xlsx, .xls, .ods, .zip или .csv.")
        if upload.size > settings.VSOKO_MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(f"Файл больше {settings.VSOKO_MAX_UPLOAD_MB} МБ — это предел загрузки.")
        return upload


class SubjectMergeForm(forms.Form):
    """The misspelt subject and the right one; each choice says how many rows name the subject."""

    wrong = forms.ModelChoiceField(label="Ошибочный предмет", queryset=Subject.objects.none(),
                                   help_text="его строки перейдут к правильному, сам он будет удалён")
    right = forms.ModelChoiceField(label="Правильный предмет", queryset=Subject.objects.none())

    def __init__(self, *args, rows: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("wrong", "right"):
            self.fields[name].queryset = Subject.objects.order_by("name")
            self.fields[name].label_from_instance = lambda s: f"{display(s.name)} — строк: {rows.get(s.pk, 0)}"

    def clean(self):
        data = super().clean()
        if data.get("wrong") and data.get("wrong") == data.get("right"):
            raise forms.ValidationError("Выберите два разных предмета: ошибочный и правильный.")
        return data
