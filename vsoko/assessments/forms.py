"""Every input of the import and scale pages goes through one of these forms."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings

from vsoko.assessments.column_mapping import ColumnChoice
from vsoko.assessments.enums import ColumnRole
from vsoko.assessments.grading import ScaleError, parse_mark_scale, parse_test_scale
from vsoko.assessments.matching import RowMatch
from vsoko.assessments.models import ScaleDefinition
from vsoko.assessments.sources.grid import SUFFIXES
from vsoko.records.enums import AssessmentKind, PeriodSystem
from vsoko.records.models import SchoolYear

NUMBER = forms.TextInput(attrs={"inputmode": "numeric", "size": 4})


def _school_field(schools) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(label="Школа", queryset=schools, empty_label=None)


class UploadForm(forms.Form):
    file = forms.FileField(label="Файл протокола", help_text="Excel (.xlsx, .xls), .ods или .csv")

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        if schools.count() > 1:
            self.fields["school"] = _school_field(schools)
        self.schools = schools

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in SUFFIXES:
            raise forms.ValidationError("Загрузите книгу Excel (.xlsx, .xls), таблицу .ods или файл .csv.")
        if upload.size > settings.VSOKO_MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(f"Файл больше {settings.VSOKO_MAX_UPLOAD_MB} МБ.")
        return upload

    def school(self):
        return self.cleaned_data.get("school") or self.schools.first()


def _years() -> list[tuple[int, str]]:
    return [(y.start, y.label) for y in SchoolYear.objects.order_by("-start")]


class CodesForm(UploadForm):
    year = forms.TypedChoiceField(label="Учебный год", coerce=int, choices=())

    def __init__(self, *args, **kwargs):
        # Beside the protocol's form on one page: with the same ids, «Список кодов участников» named the protocol's
        # file field and a screen reader announced this one as «кнопка, выберите файл».
        kwargs.setdefault("auto_id", "id_codes_%s")
        super().__init__(*args, **kwargs)
        self.fields["file"].label = "Список кодов участников"
        self.fields["file"].help_text = "столбцы «Код участника» и «Код обучающегося» (или «ФИО» и «Класс»)"
        self.fields["year"].choices = _years()


class DetailsForm(forms.Form):
    """What the file does not say about its procedure."""

    kind = forms.ChoiceField(label="Вид процедуры", choices=[("", "—"), *AssessmentKind.choices], required=False)
    subject = forms.CharField(label="Предмет", max_length=200, required=False)
    grade = forms.IntegerField(label="Класс (параллель)", min_value=1, max_value=11, required=False, widget=NUMBER)
    year = forms.TypedChoiceField(label="Учебный год", coerce=int, choices=(), required=False, empty_value=None)
    date = forms.DateField(label="Дата", required=False, input_formats=["%d.%m.%Y", "%Y-%m-%d"],
                           widget=forms.DateInput(attrs={"placeholder": "дд.мм.гггг"}))
    period_system = forms.ChoiceField(label="Учебные периоды (для журнала)", required=False,
                                      choices=[("", "как в школе"), *PeriodSystem.choices])

    def __init__(self, *args, journal: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "—"), *_years()]
        if journal:  # a journal's marks: no procedure, so no kind, subject, grade or date to correct
            for name in ("kind", "subject", "grade", "date"):
                del self.fields[name]

    def overrides(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        if "date" in data:
            data["date"] = data["date"].isoformat()
        return data


class ColumnsForm(forms.Form):
    """Column roles for an unknown layout, plus what the file does not say about the procedure."""

    header_row = forms.IntegerField(label="Строка заголовков", min_value=1, max_value=100, widget=NUMBER)
    kind = forms.ChoiceField(label="Вид процедуры", choices=AssessmentKind.choices)
    subject = forms.CharField(label="Предмет", max_length=200)
    grade = forms.IntegerField(label="Класс (параллель)", min_value=1, max_value=11, required=False, widget=NUMBER)
    year = forms.TypedChoiceField(label="Учебный год", coerce=int, choices=())
    date = forms.DateField(label="Дата", required=False, input_formats=["%d.%m.%Y", "%Y-%m-%d"],
                           widget=forms.DateInput(attrs={"placeholder": "дд.мм.гггг"}))

    def __init__(self, *args, headers: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.headers = headers
        self.fields["year"].choices = _years()
        for col, text in enumerate(headers):
            label = text or f"столбец {col + 1} (без заголовка)"
            self.fields[f"role_{col}"] = forms.ChoiceField(label=label, choices=ColumnRole.choices)
            self.fields[f"task_{col}"] = forms.CharField(label="№ задания", max_length=20, required=False)
            self.fields[f"max_{col}"] = forms.IntegerField(label="макс. балл", min_value=1, max_value=100, required=False,
                                                           widget=NUMBER)

    def columns(self):
        """(header, role field, task field, max field) per column, for the template."""
        return [(text, self[f"role_{c}"], self[f"task_{c}"], self[f"max_{c}"]) for c, text in enumerate(self.headers)]

    def choices(self) -> list[ColumnChoice]:
        data = self.cleaned_data
        return [ColumnChoice(ColumnRole(data[f"role_{c}"]), (data.get(f"task_{c}") or "").strip(), data.get(f"max_{c}"))
                for c in range(len(self.headers))]

    def assessment(self) -> dict:
        data = self.cleaned_data
        return {"kind": data["kind"], "subject": data["subject"], "grade": data.get("grade"), "year": data["year"],
                "date": data.get("date")}


class ConfirmForm(forms.Form):
    """One choice per doubtful (or missing) row: which student it is."""

    def __init__(self, *args, unresolved: list[tuple[str, RowMatch]], students_for, **kwargs):
        """`students_for(match)` — whom to offer for a row nobody matched (its class, else the school)."""
        super().__init__(*args, **kwargs)
        self.rows = []
        for key, match in unresolved:
            options = [(c.student.pk, c.label) for c in match.candidates] or [
                (s.pk, f"{s.full_name} ({s.student_id})") for s in students_for(match)]
            self.fields[key] = forms.TypedChoiceField(
                label=match.person.label, coerce=int, required=False, choices=[("", "— не выбран —"), *options])
            self.rows.append((match, self[key]))

    def choices(self) -> dict[str, int]:
        return {key: value for key, value in self.cleaned_data.items() if value}


class ScaleForm(forms.ModelForm):
    class Meta:
        model = ScaleDefinition
        fields = ["max_score", "mark_scale", "test_scale", "min_score", "extra_conditions", "source", "verified"]
        widgets = {"test_scale": forms.Textarea(attrs={"rows": 3}), "extra_conditions": forms.Textarea(attrs={"rows": 2}),
                   "source": forms.Textarea(attrs={"rows": 2})}

    def clean_mark_scale(self):
        text = self.cleaned_data["mark_scale"].strip()
        if text:
            try:
                parse_mark_scale(text)
            except ScaleError as exc:
                raise forms.ValidationError(str(exc)) from None
        return text

    def clean_test_scale(self):
        text = self.cleaned_data["test_scale"].strip()
        if text:
            try:
                parse_test_scale(text)
            except ScaleError as exc:
                raise forms.ValidationError(str(exc)) from None
        return text

    def save(self, commit=True):
        self.instance.customized = True  # the next release's data must not overwrite the school's edit
        return super().save(commit)
