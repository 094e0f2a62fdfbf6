"""«Перечень предметов промежуточной аттестации» in «Успеваемость» (vsoko.progress.attestation).

Every role of the school reads the list and its check, the municipal observer too: it names subjects, grades and
classes, no pupil. Those who load the school's marks (`permissions.can_manage_data`: администратор, директор,
заместитель) enter and change it. `?format=xlsx` gives the appendix to the protocol; `?start=last_year` puts
last year's list in the grid as the start of this year's, saved only when the user saves.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from vsoko.accounts import permissions
from vsoko.indicators.formatting import plural
from vsoko.progress import access
from vsoko.progress.attestation import (
    AttestationError,
    Cell,
    adopted_list,
    attestation_document,
    build_grid,
    forms_of,
    list_lines,
    missing_annual_marks,
    save_list,
)
from vsoko.progress.enums import AttestationForm
from vsoko.records.models import Subject
from vsoko.web.downloads import excel_response, wants_excel
from vsoko.web.forms import DateInput
from vsoko.web.school_year import planning_year, planning_years, year_label

EDITORS_ONLY = "Перечень вводят администратор, директор и заместитель директора школы."


class ProtocolForm(forms.Form):
    protocol_number = forms.CharField(
        label="Номер протокола педсовета", max_length=50, required=False
    )
    protocol_date = forms.DateField(
        label="Дата протокола",
        required=False,
        widget=DateInput(),
        error_messages={"invalid": "Дата протокола не распознана: нужна дата вида 30.08.2024."},
    )


def index(request):
    code = request.POST.get("school") or request.GET.get("school")
    school, schools = access.chosen_school(request.user, code)
    year = planning_year(request)
    editor = permissions.can_manage_data(request.user, school)
    stored = adopted_list(school, year)
    if request.method == "POST":
        if not editor:
            raise PermissionDenied(EDITORS_ONLY)
        return _save(request, school, schools, year, stored)
    if wants_excel(request):
        return excel_response(
            request,
            attestation_document(school, year, stored),
            filename=f"Перечень промежуточной аттестации {year_label(year)}",
            object_type="attestation_list",
            object_id=str(year),
            school=school,
        )
    forms_now = forms_of(stored)
    previous = adopted_list(school, year - 1)
    started = editor and request.GET.get("start") == "last_year" and previous is not None
    if started:  # last year's forms fill the cells still empty this year
        forms_now = {**forms_of(previous), **{c: f for c, f in forms_now.items() if f}}
    initial = (
        {"protocol_number": stored.protocol_number, "protocol_date": stored.protocol_date}
        if stored
        else None
    )
    return _page(
        request,
        school,
        schools,
        year,
        stored,
        forms_now,
        ProtocolForm(initial=initial),
        previous=previous,
        started=started,
    )


def _save(request, school, schools, year, stored):
    form = ProtocolForm(request.POST)
    posted: dict[Cell, str] = {}
    try:
        posted = _posted_cells(request)
        if not form.is_valid():
            raise AttestationError(
                [
                    f"{form.fields[name].label}: {' '.join(errors)}"
                    for name, errors in form.errors.items()
                ]
            )
        saved = save_list(
            school,
            year,
            number=form.cleaned_data["protocol_number"],
            date=form.cleaned_data["protocol_date"],
            forms=posted,
        )
    except AttestationError as exc:
        shown = {**forms_of(stored), **posted}  # what was chosen, not what is stored
        return _page(
            request,
            school,
            schools,
            year,
            stored,
            shown,
            form,
            problems=exc.problems,
            status=400,
            previous=adopted_list(school, year - 1),
        )
    subjects = saved.items.values("subject").distinct().count()
    messages.success(
        request,
        f"Перечень {year_label(year)} сохранён ({saved.protocol}): {subjects} "
        f"{plural(subjects, 'предмет', 'предмета', 'предметов')}.",
    )
    return redirect(reverse("progress:attestation") + f"?school={school.code}&year={year}")


def _posted_cells(request) -> dict[Cell, str]:
    """The grid's cells from the form: «cells» lists them («<subject>-<grade>»), «f-<subject>-<grade>» their form."""
    cells: dict[Cell, str] = {}
    for key in request.POST.getlist("cells"):
        subject_id, _, grade = key.partition("-")
        if not (subject_id.isdigit() and grade.isdigit()):
            raise AttestationError(
                [f"Форма повреждена (клетка «{key}»): обновите страницу и повторите."]
            )
        cells[(int(subject_id), int(grade))] = request.POST.get(f"f-{key}", "").strip()
    return cells


def _page(
    request,
    school,
    schools,
    year,
    stored,
    forms_shown,
    protocol_form,
    *,
    previous=None,
    started=False,
    problems=(),
    status=200,
):
    editor = permissions.can_manage_data(request.user, school)
    added = [int(x) for x in request.GET.getlist("add") if x.isdigit()]
    grid = build_grid(school, year, forms_shown, added=added) if editor else None
    shown = {row.subject.pk for row in grid.rows} if grid else set()
    return render(
        request,
        "progress/attestation.html",
        {
            "school": school,
            "schools": schools,
            "year": year,
            "year_label": year_label(year),
            "years": [(y, year_label(y)) for y in planning_years(request)],
            "stored": stored,
            "lines": list_lines(stored),
            "editor": editor,
            "grid": grid,
            "choices": AttestationForm.choices,
            "protocol_form": protocol_form,
            "problems": problems,
            "previous": previous,
            "started": started,
            "added": added,
            "other_subjects": Subject.objects.exclude(pk__in=shown).order_by("name")
            if editor
            else [],
            "gaps": missing_annual_marks(school, year, stored, timezone.localdate()),
        },
        status=status,
    )
