"""«Посещаемость»: the page per class and period, the upload of the journal's summary and its template. Every role
of the school sees the page within its classes (vsoko.progress.access); the administration uploads."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from vsoko.accounts import permissions
from vsoko.attendance.coverage import coverage
from vsoko.attendance.models import AttendanceRecord
from vsoko.attendance.page import build, chosen_period, document, loaded_periods
from vsoko.attendance.reader import AttendanceError, PeriodRef, all_periods, read_file
from vsoko.attendance.workbook import store, write_template
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.imports.readers import PackageError
from vsoko.imports.received import received_file
from vsoko.progress import access
from vsoko.web.downloads import excel_response, wants_excel
from vsoko.web.school_year import available_years, chosen_school, page_year, year_label

KEEPERS_ONLY = "Посещаемость загружает администрация школы (администратор, директор, заместитель директора)."
NO_YEAR = "Сначала загрузите данные школы: посещаемость сопоставляется со списками классов учебного года."
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    file = forms.FileField(label="Файл Excel (.xlsx, .xls), .ods или .csv",
                           error_messages={"required": "Выберите файл с посещаемостью."})
    period = forms.ChoiceField(label="Период", required=False,
                               choices=[("", "как в заголовке таблицы")] + [(p.value, p.label) for p in all_periods()])


def _page(request, school, schools, year, *, status: int = 200, **extra):
    scope = access.scope_for(request.user, school, year) if year is not None else None
    # A class teacher's periods are his class's: the school's year (of another class) showed him no class at all.
    # His class not loaded at all: the school's periods, so that the page says so rather than «not loaded».
    periods = (loaded_periods(school, year, scope) or loaded_periods(school, year)) if year is not None else []
    period = chosen_period(request.GET.get("period", ""), periods)
    page = build(school, year, period, scope) if period is not None else None
    if page is not None and page.absentees:
        # Names of pupils with their absences: a list of personal data.
        record(user=request.user, action=AuditAction.VIEW_LIST, object_type="attendance", object_id=year,
               school=school, details={"period": period.label, "pupils": len(page.absentees)}, request=request)
    if page is not None and wants_excel(request):
        return excel_response(request, document(page), filename=f"Посещаемость {period.label} "
                              f"{year_label(year).replace('/', '-')}", object_type="attendance", object_id=str(year),
                              school=school, details={"period": period.label})
    uploads = permissions.schools_administered_by(request.user).filter(pk=school.pk).exists()
    elsewhere = []
    if period is None and year is not None and len(schools) > 1:
        # A municipality's user on a school without attendance: the schools of his that have it, not a dead end.
        loaded = set(AttendanceRecord.objects.filter(year_id=year, school__in=schools)
                     .values_list("school_id", flat=True).distinct())
        elsewhere = [s for s in schools if s.pk in loaded]
    return render(request, "attendance/index.html", {
        "school": school, "schools": schools, "year": year, "year_label": year_label(year) if year else "",
        "years": available_years(request), "periods": periods, "period": period, "page": page, "scope": scope,
        "uploads": uploads, "elsewhere": elsewhere, "upload_form": UploadForm() if uploads else None,
        # What the school loaded is the administration's (and the observer's) to read: a class teacher's page is his
        # class, and the school's gaps and indicator pushed its card down a phone's screen.
        "template_periods": all_periods(),
        "coverage": coverage(school, year) if period is not None and scope.whole_school else None,
        **extra,
    }, status=status)


def index(request):
    school, schools = access.chosen_school(request.user, request.GET.get("school"))
    return _page(request, school, schools, page_year(request))


def _keeper(request):
    code = request.POST.get("school") or request.GET.get("school")
    school, schools = chosen_school(permissions.schools_administered_by(request.user), code, KEEPERS_ONLY)
    year = page_year(request)
    if year is None:
        raise PermissionDenied(NO_YEAR)
    return school, schools, year


@require_POST
def upload(request):
    school, schools, year = _keeper(request)
    form = UploadForm(request.POST, request.FILES)
    back = reverse("attendance:index") + f"?school={school.code}&year={year}"
    if not form.is_valid():
        messages.error(request, "Файл не загружен: " + " ".join(" ".join(e) for e in form.errors.values()))
        return redirect(back)
    file = form.cleaned_data["file"]
    period = PeriodRef.parse(form.cleaned_data["period"] or "")
    with received_file(file) as path:
        try:
            result = read_file(path, school=school, year=year, period=period, name=file.name)
        except (PackageError, AttendanceError) as exc:
            return _page(request, school, schools, year, status=400, upload_problems=[str(exc)],
                         upload_name=file.name)
    if not result.ok:
        return _page(request, school, schools, year, status=400, upload_problems=result.problems[:50],
                     more_problems=max(0, len(result.problems) - 50), upload_name=file.name)
    pupils = store(result, school=school, year=year, user=request.user, request=request)
    shown = ", ".join(f"{t.school_class.name} ({t.period.label})" for t in result.tables)
    messages.success(request, f"Файл «{file.name}» загружен: обучающихся {pupils}; {shown}."
                     + (f" Без чисел, пропущены — их данные не изменены: {', '.join(result.skipped)}."
                        if result.skipped else ""))
    first = result.tables[0].period.value
    return redirect(back + f"&period={first}")


def template(request):
    school, _, year = _keeper(request)
    period = PeriodRef.parse(request.GET.get("period", ""))  # the page's or the one chosen; none — asked on upload
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        True, f"Посещаемость {period.label + ' ' if period else ''}{year_label(year).replace('/', '-')}.xlsx")
    write_template(response, school=school, year=year, period=period)
    # The template lists the pupils of every class: an export of personal data.
    record(user=request.user, action=AuditAction.EXPORT, object_type="attendance", object_id=year, school=school,
           request=request, details={"template": True})
    return response
