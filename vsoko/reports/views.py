"""The «Отчёты» page: the three reports of a school and year, each downloadable in its formats.

For the school-wide roles (the analytic report shows small groups). A report is built while
the request waits: it takes well under a second, so it needs no background task.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from vsoko.accounts import permissions
from vsoko.records.models import OrgUnit
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.registry import REPORTS, ReportError, record_export
from vsoko.reports.registry import render as render_report
from vsoko.web.school_year import chosen_school, selected_year, year_label, years_with_data

CONTENT_TYPES = {
    Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Format.HTML: "text/html; charset=utf-8",
    Format.PDF: "application/pdf",
}


def scope(request) -> tuple[OrgUnit, list[OrgUnit], int | None, list[int]]:
    """The school (?school=code among the user's) and the year (?year=, else the one chosen in the header)."""
    school, schools = chosen_school(
        permissions.schools_reported_by(request.user), request.GET.get("school"),
        "Отчёты формирует администрация школы: администратор, директор, заместитель директора.")
    years = [y.start for y in years_with_data(request.user)]
    asked = request.GET.get("year", "")
    year = int(asked) if asked.isdigit() and int(asked) in years else selected_year(request)
    return school, schools, year, years


def index(request):
    school, schools, year, years = scope(request)
    reports = [{"kind": kind, "formats": REPORTS[kind].formats, "contents": REPORTS[kind].contents}
               for kind in ReportKind]
    return render(request, "reports/index.html", {
        "school": school, "schools": schools, "year": year, "years": [(y, year_label(y)) for y in years],
        "year_label": year_label(year), "reports": reports, "min_group": settings.VSOKO_MIN_GROUP_SIZE,
    })


def download(request, kind: str, fmt: str):
    if kind not in ReportKind.values or fmt not in Format.values:
        raise Http404
    kind, fmt = ReportKind(kind), Format(fmt)
    if fmt not in REPORTS[kind].formats:
        raise Http404
    school, _, year, _ = scope(request)
    if year is None:
        raise Http404
    try:
        data = render_report(kind, school, year, fmt)
    except ReportError as exc:
        messages.error(request, str(exc))
        return redirect("reports:index")
    record_export(kind, school, year, fmt, user=request.user, request=request)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{kind.value}-{year}-{year + 1}.{fmt.value}"'
    return response
