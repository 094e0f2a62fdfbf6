"""«Успеваемость»: the results of a period for the school (or the user's classes) and for one class.

Thin views over vsoko.progress.page; who sees what is vsoko.progress.access. `?format=docx` gives the
page as «Справка об итогах периода», `?format=xlsx` the same tables in Excel (vsoko.web.downloads), each logged
as an export (and the named lists in it as a list view).
"""

from __future__ import annotations

from urllib.parse import quote

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from vsoko.accounts import permissions
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.progress import access, parents
from vsoko.progress import pupil_sheets as sheets
from vsoko.progress.document import class_document, document, mark_columns
from vsoko.progress.figures import asked_period, periods_with_marks
from vsoko.progress.lists import named_lists
from vsoko.progress.page import hidden_class_ids, period_page
from vsoko.progress.teachers import heads_association, teacher_table
from vsoko.records.enums import Period
from vsoko.records.models import SchoolClass
from vsoko.records.school_details import other_system
from vsoko.reports.enums import Format
from vsoko.reports.views import CONTENT_TYPES
from vsoko.reports.writers import WRITERS
from vsoko.web.downloads import excel_response, wants_excel
from vsoko.web.school_year import available_years, page_year, year_label


def index(request):
    school, schools = access.chosen_school(request.user, request.GET.get("school"))
    year = page_year(request)
    periods = periods_with_marks(school, year) if year is not None else []
    period = asked_period(request.GET.get("period", ""), periods)
    scope = access.scope_for(request.user, school, year) if year is not None else None
    page = lists = teachers = None
    own = []
    if period is not None:
        page = period_page(school, year, period, periods, scope)
        order = {r.result.class_id: r.result.name for r in page.rows}
        lists = named_lists(request.user, page.results, order, scope, request=request, hidden=hidden_class_ids(page))
        own = page.own_subjects
        teachers = teacher_table(page) if own and heads_association(request.user) else None
        if request.GET.get("format") == "docx":
            return _docx(request, page, lists, teachers)
        if wants_excel(request):
            return excel_response(request, document(page, lists, teachers), filename=_file_name(page),
                                  object_type="period_results", object_id=f"{page.year}-{page.period.value}",
                                  school=page.school, details={"классов": len(page.rows)})
    return render(request, "progress/index.html", {
        "school": school, "schools": schools, "year": year, "years": available_years(request),
        "periods": periods, "period": period, "page": page, "lists": lists, "scope": scope,
        "privacy": scope.privacy if scope else None, "columns": mark_columns(page.subjects) if page else [],
        "own": own, "own_columns": mark_columns([s for _, s in own]), "teachers": teachers,
        "teacher_columns": mark_columns([line.result for line in teachers.lines]) if teachers else [],
        "other_system": other_system(school, periods), "manages_data": permissions.can_manage_data(request.user, school),
    })


def _docx(request, page, lists, teachers) -> HttpResponse:
    record(user=request.user, action=AuditAction.EXPORT, object_type="period_results",
           object_id=f"{page.year}-{page.period.value}", school=page.school, details={"format": "docx"},
           request=request)
    return _word(document(page, lists, teachers), f"{_file_name(page)}.docx")


def _file_name(page) -> str:
    what = "года" if page.period == Period.YEAR else page.period.label  # «Итоги года 2024-2025.docx»
    return f"Итоги {what} {year_label(page.year).replace('/', '-')}"


def _word(report, filename: str) -> HttpResponse:
    response = HttpResponse(WRITERS[Format.DOCX](report), content_type=CONTENT_TYPES[Format.DOCX])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def school_class(request, pk: int):
    item = get_object_or_404(
        SchoolClass.objects.select_related("school").filter(school__in=permissions.schools_for(request.user)), pk=pk)
    scope = access.scope_for(request.user, item.school, item.year_id)
    if scope.class_ids is not None and item.pk not in scope.class_ids:
        raise Http404("Этого класса нет среди ваших классов.")
    periods = periods_with_marks(item.school, item.year_id)
    period = asked_period(request.GET.get("period", ""), periods)
    page = row = lists = None
    if period is not None:
        class_scope = access.Scope({item.pk}, scope.names, scope.privacy)
        page = period_page(item.school, item.year_id, period, periods, class_scope)
        row = page.rows[0] if page.rows else None
        if scope.privacy.on and row is not None:  # hidden on the school's page too (vsoko.progress.page), or small
            row.hidden = row.hidden or scope.privacy.too_small(row.figures.listed)
        if row is not None and not row.hidden:
            lists = named_lists(request.user, page.results, {item.pk: item.name}, class_scope, request=request)
            if wants_excel(request):
                return excel_response(request, class_document(page, lists), filename=f"Итоги {item.name} "
                                      f"{_file_name(page).removeprefix('Итоги ')}", object_type="period_results_class",
                                      object_id=item.pk, school=item.school, details={"период": period.value})
    subjects = page.subjects if page and row and not row.hidden else []
    return render(request, "progress/class.html", {
        "cls": item, "periods": periods, "period": period, "page": page, "row": row,
        "subjects": subjects, "columns": mark_columns(subjects), "privacy": scope.privacy,
        "may_print_sheets": sheets.may_print(request.user, item), "lists": lists,
        "may_print_for_parents": parents.may_print(request.user, item),
    })


def pupil_sheets(request, pk: int):
    """«Листы результатов» of a class (vsoko.progress.pupil_sheets): a page per pupil, audited as an export."""
    item = get_object_or_404(
        SchoolClass.objects.select_related("school").filter(school__in=permissions.schools_for(request.user)), pk=pk)
    if not sheets.may_print(request.user, item):
        raise Http404("Листы результатов печатают администрация школы и классный руководитель класса.")
    report = sheets.pupil_sheets(item)
    record(user=request.user, action=AuditAction.EXPORT, object_type="pupil_sheets", object_id=str(item.pk),
           school=item.school, details={"class": item.name, "year": item.year_id, "pupils": len(report.sections)},
           request=request)
    return _word(report, f"Листы результатов {item.name} {year_label(item.year_id).replace('/', '-')}.docx")


def parents_sheet(request, pk: int):
    """«Справка для родительского собрания» of a class and period (vsoko.progress.parents): no names, small
    groups withheld; for the class teacher and the administration, audited as an export."""
    item = get_object_or_404(
        SchoolClass.objects.select_related("school").filter(school__in=permissions.schools_for(request.user)), pk=pk)
    if not parents.may_print(request.user, item):
        raise Http404("Справку для родительского собрания готовят классный руководитель класса и администрация.")
    periods = periods_with_marks(item.school, item.year_id)
    period = asked_period(request.GET.get("period", ""), periods)
    report = parents.parents_document(item, period, periods)
    record(user=request.user, action=AuditAction.EXPORT, object_type="parents_meeting", object_id=str(item.pk),
           school=item.school, details={"class": item.name, "year": item.year_id,
                                        "период": period.value if period else None}, request=request)
    return _word(report, f"{parents.file_name(item, period)}.docx")
