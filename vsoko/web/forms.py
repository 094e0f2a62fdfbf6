"""Every input of the shell goes through a form: login, year choice, list filters; the widgets other forms share."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.validators import UnicodeUsernameValidator

from vsoko.audit.login_throttle import is_throttled
from vsoko.records.enums import PeriodSystem
from vsoko.records.models import SchoolClass, StaffMember, Subject


class DateInput(forms.DateInput):
    """The browser's date picker; its value is ISO (2025-04-01) whatever the page's language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Неверный логин или пароль. Проверьте раскладку клавиатуры и Caps Lock.",
        "inactive": "Учётная запись отключена. Обратитесь к администратору школы.",
        "throttled": "Слишком много неудачных попыток входа. Подождите 15 минут и попробуйте снова.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Логин"
        self.fields["password"].label = "Пароль"

    def get_invalid_login_error(self):
        username = self.cleaned_data.get("username") or ""
        ip = self.request.META.get("REMOTE_ADDR") if self.request is not None else None
        if username and is_throttled(username=username, ip=ip):
            return forms.ValidationError(self.error_messages["throttled"], code="throttled")
        return super().get_invalid_login_error()


class YearForm(forms.Form):
    year = forms.IntegerField(label="Учебный год")
    next = forms.CharField(required=False)


class StudentFilterForm(forms.Form):
    q = forms.CharField(label="Поиск по ФИО или коду", required=False, max_length=100)

    def __init__(self, data, *, classes):
        super().__init__(data)
        self.fields["class"] = forms.ModelChoiceField(
            queryset=classes, label="Класс", required=False, empty_label="Все классы",
        )


class StaffFilterForm(forms.Form):
    q = forms.CharField(label="Поиск по ФИО или коду", required=False, max_length=100)


class StaffDevelopmentFilterForm(forms.Form):
    """The perspective plan's filters; the subjects offered are those of the teachers on the page."""

    needs = forms.BooleanField(label="Только те, кому в этом учебном году нужна аттестация или курсы",
                               required=False)

    def __init__(self, data, *, subjects: list[tuple[int, str]]):
        super().__init__(data)
        self.fields["subject"] = forms.TypedChoiceField(
            label="Предмет", required=False, coerce=int, empty_value=None,
            choices=[("", "Все предметы"), *subjects],
            error_messages={"invalid_choice": "Предмета с кодом %(value)s нет у педагогов этой страницы."},
        )


class UserRoleForm(forms.Form):
    """A role for a user of the school: an existing login or a new one (created with a random password)."""

    username = forms.CharField(label="Логин", max_length=150, validators=[UnicodeUsernameValidator()],
                               help_text="Латиница, цифры и знаки @ . + - _; например ivanova.")
    last_name = forms.CharField(label="Фамилия", max_length=150, required=False)
    first_name = forms.CharField(label="Имя", max_length=150, required=False)
    role = forms.ChoiceField(label="Роль")
    class_name = forms.ChoiceField(label="Класс (для классного руководителя)", required=False)
    subject = forms.ChoiceField(label="Предмет (для учителя и руководителя МО)", required=False)
    sensitive = forms.BooleanField(label="Доступ к здоровью, ОВЗ, социальному статусу и профилактическому учёту",
                                   required=False)
    staff = forms.ChoiceField(
        label="Работник школы", required=False,
        help_text="Чьи это уроки, меры сопровождения и план развития. Без выбора — работник с теми же фамилией "
                  "и именем, если он в школе один.")

    def __init__(self, *args, school, year: int | None, roles: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r.value, r.label) for r in roles]
        classes = SchoolClass.objects.filter(school=school, year_id=year).order_by("grade", "letter")
        self.fields["class_name"].choices = [("", "—"), *((c.name, c.name) for c in classes)]
        self.fields["subject"].choices = [("", "—"), *((s.name, s.name) for s in Subject.objects.order_by("name"))]
        staff = StaffMember.objects.filter(school=school).order_by("last_name", "first_name", "middle_name", "staff_id")
        self.fields["staff"].choices = [("", "—"), *((m.staff_id, f"{m.full_name} ({m.staff_id})") for m in staff)]


class SchoolDetailsForm(forms.Form):
    name = forms.CharField(label="Название школы", max_length=300, error_messages={
        "required": "Укажите название школы: оно стоит в отчётах и на титульном листе."})
    period_system = forms.ChoiceField(label="Учебные периоды", choices=PeriodSystem.choices)
