"""«Черновик формы ОО-1» (vsoko.reports.oo1): the page choosing a school and a year, and the workbook.

The school's administration (administrator, director, deputy) and the municipal observer, who chooses any school
of its municipality — one school a file; every other role 403 (permissions.can_draft_oo1). Each download goes to
the audit log (the report kind is `audited`), from the page or from the «Отчёты» page alike.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header

from vsoko.accounts import permissions
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.oo1 import TITLE, age_date, count_date
from vsoko.reports.registry import REPORTS, ReportError, record_export
from vsoko.reports.registry import render as render_report
from vsoko.reports.views import CONTENT_TYPES
from vsoko.web.school_year import available_years, chosen_school, selected_year, year_label

REFUSAL = ("Черновик формы ОО-1 формирует администрация школы (администратор, директор, заместитель директора) и "
           "наблюдатель муниципалитета.")


def _scope(request):
    school, schools = chosen_school(permissions.schools_with_oo1_for(request.user), request.GET.get("school"), REFUSAL)
    years = [y.start for y in available_years(request)]
    asked = request.GET.get("year", "")
    year = int(asked) if asked.isdigit() and int(asked) in years else selected_year(request)
    return school, schools, year, years


def page(request):
    school, schools, year, years = _scope(request)
    return render(request, "reports/oo1.html", {
        "school": school, "schools": schools, "year": year, "years": [(y, year_label(y)) for y in years],
        "year_label": year_label(year), "title": TITLE, "contents": REPORTS[ReportKind.OO1].contents,
        "count_date": count_date(year) if year else None, "age_date": age_date(year) if year else None,
        "reports_back": permissions.can_make_reports(request.user),  # the way back; an observer comes from «Сбор данных»
    })


def download(request):
    school, _, year, _ = _scope(request)
    if year is None:
        raise Http404
    try:
        # The observer sees aggregates only: small groups withheld; the school's administration files the form.
        data = render_report(ReportKind.OO1, school, year, Format.XLSX,
                             suppress=not permissions.can_see_personal_data(request.user, school))
    except ReportError as exc:
        messages.error(request, str(exc))
        return redirect(f"{reverse('reports:oo1')}?school={school.code}&year={year}")
    record_export(ReportKind.OO1, school, year, Format.XLSX, user=request.user, request=request)
    response = HttpResponse(data, content_type=CONTENT_TYPES[Format.XLSX])
    # The school's code, not its name or anybody's: «Черновик формы ОО-1 2024-2025 s1.xlsx».
    response["Content-Disposition"] = content_disposition_header(
        True, f"{ReportKind.OO1.label} {year}-{year + 1} {school.code}.xlsx")
    return response
