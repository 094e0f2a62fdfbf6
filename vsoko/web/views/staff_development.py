"""«Перспективный план аттестации и повышения квалификации» (vsoko.web.staff_development): the page and its
Excel and Word files. For whoever sees staff records: the school's administration sees every pedagogical
staff member, the head of a methodical association those who teach its subject."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header

from vsoko.accounts import permissions
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.records.models import OrgUnit
from vsoko.reports.enums import Format
from vsoko.web.forms import StaffDevelopmentFilterForm
from vsoko.web.school_year import chosen_school, selected_year, year_label
from vsoko.web.staff_development import (
    DevelopmentRow,
    by_year,
    development_rows,
    subjects_of,
    summarize,
)
from vsoko.web.staff_development_files import plan_docx, plan_xlsx, title

# The page's downloads: the writer and the content type of each format.
FILES: dict[Format, tuple[Callable[[list[DevelopmentRow], OrgUnit, int], bytes], str]] = {
    Format.XLSX: (plan_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    Format.DOCX: (plan_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}


def _plan(request) -> tuple[OrgUnit, list[OrgUnit], int | None, list[DevelopmentRow], StaffDevelopmentFilterForm]:
    """The school (?school=code), the year chosen in the header, the rows the user may see and the filters."""
    user = request.user
    permissions.require_staff_access(user)
    school, schools = chosen_school(permissions.schools_with_staff_seen_by(user), request.GET.get("school"),
                                    "Сведения о педагогах доступны администрации школы и руководителям МО.")
    year = selected_year(request)
    rows = (development_rows(permissions.staff_visible_to(user, year), school, year, timezone.localdate())
            if year is not None else [])
    form = StaffDevelopmentFilterForm(request.GET or None, subjects=subjects_of(rows))
    if form.is_bound and not form.is_valid():
        rows = []  # a subject not on the page: show nothing and say why
    elif form.is_bound and form.cleaned_data["subject"] is not None:
        rows = [row for row in rows if row.teaches(form.cleaned_data["subject"])]
    return school, schools, year, rows, form


def staff_development(request):
    school, schools, year, rows, form = _plan(request)
    summary = summarize(rows)
    needs_only = form.is_bound and form.is_valid() and form.cleaned_data["needs"]
    shown = [row for row in rows if row.needs_something] if needs_only else rows
    record(user=request.user, action=AuditAction.VIEW_LIST, object_type="staff_development", school=school,
           details={"year": year, "rows": len(shown)}, request=request)
    subject = form.cleaned_data.get("subject") if form.is_bound and form.is_valid() else None
    return render(request, "web/staff_development.html", {
        "school": school, "schools": schools, "year": year, "year_label": year_label(year) if year else "",
        "title": title(year) if year else "", "form": form, "rows": shown, "summary": summary,
        "needs_only": needs_only, "by_year": by_year(rows, year) if year else [],
        "formats": list(FILES), "subject": subject or "",
    })


def staff_development_download(request, fmt: str):
    if fmt not in {f.value for f in FILES}:
        raise Http404
    school, _, year, rows, _ = _plan(request)
    if year is None:
        raise Http404
    write, content_type = FILES[Format(fmt)]
    record(user=request.user, action=AuditAction.EXPORT, object_type="staff_development", school=school,
           details={"year": year, "format": fmt, "rows": len(rows)}, request=request)
    response = HttpResponse(write(rows, school, year), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        True, f"План аттестации и повышения квалификации {year}-{year + 1}.{fmt}")
    return response
