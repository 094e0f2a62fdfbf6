from __future__ import annotations

from django import forms

from vsoko.preschool.areas import Area, Indicator, areas
from vsoko.preschool.enums import QualityLevel
from vsoko.preschool.models import Evaluation, PreschoolGroup, YearConclusion
from vsoko.records.years import school_year_days
from vsoko.web.forms import DateInput
from vsoko.web.school_year import year_label

CHOOSE = ("", "— выберите уровень —")


def level_field(key: str) -> str:
    return f"level_{key}"


def comment_field(key: str) -> str:
    return f"comment_{key}"


class GroupForm(forms.ModelForm):
    """A preschool group of the school and year of its instance: counts only, no child named."""

    class Meta:
        model = PreschoolGroup
        fields = ["name", "age_band", "children", "children_ovz"]
        labels = {"name": "Название группы", "age_band": "Возраст детей", "children": "Детей в группе",
                  "children_ovz": "Из них детей с ОВЗ"}
        error_messages = {
            "name": {"required": "Укажите название группы, например «Младшая разновозрастная группа»."},
            "age_band": {"required": "Укажите возраст детей группы, например «3–4 года»."},
            "children": {"required": "Укажите, сколько детей в группе.",
                         "invalid": "Число детей в группе — целое число, например 18."},
            "children_ovz": {"required": "Укажите, сколько детей с ОВЗ (0, если их нет).",
                             "invalid": "Число детей с ОВЗ — целое число, например 2 (0, если их нет)."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["age_band"].help_text = PreschoolGroup._meta.get_field("age_band").help_text
        for name in ("children", "children_ovz"):
            self.fields[name].error_messages["min_value"] = (
                f"«{self.fields[name].label}»: число не может быть отрицательным.")

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        group = self.instance
        clash = PreschoolGroup.objects.filter(school_id=group.school_id, year_id=group.year_id, name__iexact=name)
        if clash.exclude(pk=group.pk).exists():
            raise forms.ValidationError(f"Группа «{name}» в {year_label(group.year_id)} учебном году уже есть: "
                                        "выберите другое название.")
        return name

    def clean(self):
        data = super().clean()
        children, ovz = data.get("children"), data.get("children_ovz")
        if children is not None and ovz is not None and ovz > children:
            self.add_error("children_ovz", f"Детей с ОВЗ ({ovz}) больше, чем детей в группе ({children}).")
        return data


class EvaluationForm(forms.Form):
    """All indicators of a group at once: a level for every one (1–4 or «не оценивался») and its grounds; the form
    is saved whole or not at all (vsoko.preschool.entry)."""

    evaluator = forms.CharField(label="Кто оценивал", max_length=200, error_messages={
        "required": "Укажите, кто оценивал: например, «Заместитель директора Иванова И. И., воспитатель "
                    "Петрова А. А.»."})
    evaluated_on = forms.DateField(label="Дата оценки", widget=DateInput(), error_messages={
        "required": "Укажите дату оценки.", "invalid": "Дата оценки не распознана: нужна дата вида 25.04.2025."})

    def __init__(self, *args, group: PreschoolGroup, saved: dict[str, Evaluation], **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        any_saved = next(iter(saved.values()), None)
        if any_saved is not None:
            self.initial.setdefault("evaluator", any_saved.evaluator)
            self.initial.setdefault("evaluated_on", any_saved.evaluated_on)
        self.sections: list[tuple[Area, list[tuple[Indicator, forms.BoundField, forms.BoundField]]]] = []
        for area in areas():
            for ind in area.indicators:
                where = f"«{area.title}» → «{ind.title}»"
                old = saved.get(ind.key)
                self.fields[level_field(ind.key)] = forms.TypedChoiceField(
                    label=ind.title, choices=[CHOOSE, *QualityLevel.choices], coerce=int,
                    initial=old.level if old else "",
                    error_messages={"required": f"{where}: выберите уровень — от 1 до 4 или «не оценивался».",
                                    "invalid_choice": f"{where}: такого уровня нет; уровни — от 1 до 4 или "
                                                      "«не оценивался»."})
                self.fields[comment_field(ind.key)] = forms.CharField(
                    label=f"Обоснование: {ind.title}", required=False, initial=old.comment if old else "",
                    widget=forms.Textarea(attrs={"rows": 2}))

    def rows(self) -> list[tuple[Area, list[tuple[Indicator, forms.BoundField, forms.BoundField]]]]:
        return [(area, [(ind, self[level_field(ind.key)], self[comment_field(ind.key)]) for ind in area.indicators])
                for area in areas()]

    def clean_evaluated_on(self):
        date = self.cleaned_data["evaluated_on"]
        first, last = school_year_days(self.group.year_id)
        if not first <= date <= last:
            raise forms.ValidationError(f"Дата {date:%d.%m.%Y} вне {year_label(self.group.year_id)} учебного года "
                                        f"(с {first:%d.%m.%Y} по {last:%d.%m.%Y}).")
        return date

    def clean(self):
        data = super().clean()
        for area in areas():
            for ind in area.indicators:
                level, comment = data.get(level_field(ind.key)), data.get(comment_field(ind.key), "")
                if level == QualityLevel.BELOW_BASE and not comment.strip():
                    self.add_error(comment_field(ind.key), (
                        f"«{area.title}» → «{ind.title}»: уровень «ниже базового» — напишите в обосновании, "
                        "какие требования не выполняются."))
        return data

    def levels(self) -> dict[str, tuple[int, str]]:
        """indicator key → (level, grounds) of the valid form."""
        return {ind.key: (self.cleaned_data[level_field(ind.key)], self.cleaned_data[comment_field(ind.key)].strip())
                for area in areas() for ind in area.indicators}

    def error_list(self) -> list[str]:
        """Every error of the form with where it is, in the form's order (the summary above the form)."""
        found = []
        for name in self.fields:
            found += [f"{self.fields[name].label}: {e}" if name in ("evaluator", "evaluated_on") else e
                      for e in self.errors.get(name, [])]
        return found


class ConclusionForm(forms.ModelForm):
    class Meta:
        model = YearConclusion
        fields = ["conclusion", "measures"]
        labels = {"conclusion": "Выводы по итогам мониторинга",
                  "measures": "Меры по повышению качества дошкольного образования"}
        widgets = {"conclusion": forms.Textarea(attrs={"rows": 6}), "measures": forms.Textarea(attrs={"rows": 6})}

    def clean(self):
        data = super().clean()
        if not (data.get("conclusion", "").strip() or data.get("measures", "").strip()):
            raise forms.ValidationError("Напишите выводы или меры по повышению качества: оба поля пусты.")
        return data
