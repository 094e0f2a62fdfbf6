"""«Сведения о школе»: its name and system of periods, for whoever loads the school's data."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse

from vsoko.accounts import permissions
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.datavalues import generation
from vsoko.records.enums import PeriodSystem
from vsoko.records.school_details import SchoolDetailsError, change_school_details, system_in_marks
from vsoko.records.years import year_label
from vsoko.web.forms import SchoolDetailsForm
from vsoko.web.school_year import chosen_school, selected_year

REFUSAL = "Сведения о школе меняют администратор, директор и заместитель директора этой школы."


def school_details(request):
    asked = request.GET.get("school") or request.POST.get("school")
    school, schools = chosen_school(permissions.schools_managed_by(request.user), asked, REFUSAL)
    if request.method == "POST" and asked and asked != school.code:
        raise PermissionDenied(REFUSAL)  # a form sent for another school is never saved into one's own
    form = SchoolDetailsForm(request.POST or None,
                             initial={"name": school.name, "period_system": school.period_system})
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                changes = change_school_details(school, **form.cleaned_data)
                if changes:
                    generation.advance([school.pk])  # pages kept under the school's data show its new name and order
                    record(user=request.user, action=AuditAction.CHANGE, object_type="school", object_id=school.code,
                           school=school, request=request,
                           details={field: f"{before} → {after}" for field, (before, after) in changes.items()})
        except SchoolDetailsError as error:
            form.add_error(None, str(error))
        else:
            if changes:
                messages.success(request, "Сведения о школе сохранены.")
            else:
                messages.info(request, "Ничего не изменилось.")
            return redirect(f"{reverse('web:school_details')}?school={school.code}")
    year = selected_year(request)
    in_marks = system_in_marks(school, year) if year is not None else None
    return render(request, "web/school_details.html", {
        "school": school, "schools": schools, "form": form, "year_label": year_label(year) if year else "",
        "in_marks": in_marks, "own_system": PeriodSystem(school.period_system),
    })
