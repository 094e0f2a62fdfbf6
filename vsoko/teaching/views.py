"""«Распределение нагрузки»: the administration enters who teaches which subject in which class, a grade at a
time, by a file, or by moving last year's load one grade up."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.imports.readers import PackageError
from vsoko.imports.received import received_file
from vsoko.records.models import OrgUnit, Subject
from vsoko.teaching.access import KEEPERS_ONLY, schools_keeping_load
from vsoko.teaching.assignments import (
    AssignmentError,
    Cell,
    apply,
    build_grid,
    transfer_from_last_year,
)
from vsoko.teaching.workbook import read_upload, write_template
from vsoko.web.school_year import chosen_school, page_year, year_label

NO_YEAR = "Сначала загрузите данные школы: нагрузка распределяется на учебный год."
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    file = forms.FileField(label="Файл Excel (.xlsx, .xls), .ods или .csv",
                           error_messages={"required": "Выберите файл с распределением нагрузки."})


def _school_year(request) -> tuple[OrgUnit, list[OrgUnit], int]:
    code = request.POST.get("school") or request.GET.get("school")
    school, schools = chosen_school(schools_keeping_load(request.user), code, KEEPERS_ONLY)
    year = page_year(request)
    if year is None:
        raise PermissionDenied(NO_YEAR)
    return school, schools, year


def _grade(request) -> int | None:
    raw = request.POST.get("grade") or request.GET.get("grade", "")
    return int(raw) if raw.isdigit() else None


def _added(request) -> list[int]:
    return [int(x) for x in request.GET.getlist("add") if x.isdigit()]


def _page(request, school, schools, year, grade, *, posted: dict[Cell, list[int]] | None = None, status: int = 200,
          **extra):
    grid = build_grid(school, year, grade, added=_added(request))
    if posted is not None:  # a refused save shows what was chosen, not what is stored
        for row in grid.rows:
            for cell in row.cells:
                cell.staff = posted.get((cell.school_class.pk, cell.subject.pk), cell.staff)
    shown = {row.subject.pk for row in grid.rows}
    context = {"school": school, "schools": schools, "year": year, "year_label": year_label(year), "grid": grid,
               "other_subjects": Subject.objects.exclude(pk__in=shown).order_by("name"),
               "added": _added(request), "upload_form": UploadForm(), **extra}
    return render(request, "teaching/index.html", context, status=status)


def _back(school, year, grade) -> HttpResponse:
    query = f"?school={school.code}&year={year}" + (f"&grade={grade}" if grade is not None else "")
    return redirect(reverse("teaching:index") + query)


def _posted_cells(request) -> dict[Cell, list[int]]:
    """The grid's cells from the form: «cells» lists them, «t-<class>-<subject>» their teachers."""
    cells: dict[Cell, list[int]] = {}
    for key in request.POST.getlist("cells"):
        class_id, _, subject_id = key.partition("-")
        if not (class_id.isdigit() and subject_id.isdigit()):
            raise AssignmentError("Форма повреждена: обновите страницу и повторите.")
        chosen = [int(v) for v in request.POST.getlist(f"t-{key}") if v.isdigit()]
        cells[(int(class_id), int(subject_id))] = list(dict.fromkeys(chosen))
    return cells


def index(request):
    if request.method != "POST" and page_year(request) is None:
        # A school that has loaded nothing yet: the page says what comes first instead of refusing (the «Данные»
        # page links here from the first day).
        school, _ = chosen_school(schools_keeping_load(request.user), request.GET.get("school"), KEEPERS_ONLY)
        return render(request, "teaching/no_year.html", {"school": school, "message": NO_YEAR})
    school, schools, year = _school_year(request)
    grade = _grade(request)
    if request.method != "POST":
        # The grid names each teacher with their classes: a view of staff data, as the staff list is.
        record(user=request.user, action=AuditAction.VIEW_LIST, object_type="teaching_load", object_id=year,
               school=school, details={"grade": grade}, request=request)
        return _page(request, school, schools, year, grade)
    posted: dict[Cell, list[int]] = {}
    try:
        posted = _posted_cells(request)
        change = apply(school, year, {cell: dict.fromkeys(staff) for cell, staff in posted.items()},
                       user=request.user, request=request)
    except AssignmentError as exc:
        messages.error(request, f"Ничего не сохранено: {exc}")
        return _page(request, school, schools, year, grade, posted=posted, status=400)
    messages.success(request, f"Распределение нагрузки сохранено: {change.summary}.")
    return _back(school, year, grade)


@require_POST
def transfer(request):
    """Last year's load one grade up, into the cells of this year that are still empty; saved at once and shown
    with what could not be moved."""
    school, schools, year = _school_year(request)
    moved = transfer_from_last_year(school, year)
    change = apply(school, year, {cell: dict.fromkeys(staff) for cell, staff in moved.proposed.items()},
                   user=request.user, request=request, source="last_year")
    return _page(request, school, schools, year, _grade(request), transfer=moved, transferred=change)


@require_POST
def upload(request):
    school, schools, year = _school_year(request)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Файл не загружен: " + " ".join(" ".join(e) for e in form.errors.values()))
        return _back(school, year, _grade(request))
    file = form.cleaned_data["file"]
    with received_file(file) as path:
        try:
            result = read_upload(path, school=school, year=year, user=request.user, request=request, name=file.name)
        except (PackageError, AssignmentError) as exc:
            return _page(request, school, schools, year, _grade(request), status=400,
                         upload_problems=[str(exc)], upload_name=file.name)
    if not result.ok:
        return _page(request, school, schools, year, _grade(request), status=400,
                     upload_problems=result.problems[:50], more_problems=max(0, len(result.problems) - 50),
                     upload_name=file.name)
    messages.success(request, f"Файл «{file.name}» загружен: строк {result.rows}, {result.change.summary}.")
    return _back(school, year, _grade(request))


def template(request):
    school, _, year = _school_year(request)
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        True, f"Распределение нагрузки {year_label(year).replace('/', '-')}.xlsx")
    write_template(response, school=school, year=year)
    record(user=request.user, action=AuditAction.EXPORT, object_type="teaching_load", object_id=year, school=school,
           request=request)
    return response
