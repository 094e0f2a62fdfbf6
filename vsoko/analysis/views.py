"""Pages of «Оценочные процедуры»: thin views over the domain builders; every one exports to Excel.

Objects come through vsoko.analysis.access (built on vsoko.accounts.permissions): 404 outside
the user's schools; the observer gets aggregates with small groups hidden; student names
only through vsoko.analysis.journal (audit-logged). `?format=xlsx` gives the page's tables as
a workbook, logged as an export.
"""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify

from vsoko.accounts import permissions
from vsoko.analysis import access, export, sheets
from vsoko.analysis import benchmarks as bm
from vsoko.analysis.charts import histogram_svg
from vsoko.analysis.context import (
    chosen_municipality,
    context_table,
    may_see_context,
    municipal_context,
    municipalities_for,
    privacy_for,
)
from vsoko.analysis.forms import BenchmarksForm, DynamicsForm, initial_values
from vsoko.analysis.journal import journal_lists
from vsoko.analysis.procedure import procedure_page
from vsoko.analysis.risk import procedure_label
from vsoko.analysis.slices import (
    class_lines,
    grade_tables,
    procedure_dynamics,
    subject_lines,
    teacher_lines,
    teacher_page,
)
from vsoko.analysis.trend import trend_charts
from vsoko.analysis.year import year_index
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.records.approval import DataLocked
from vsoko.records.models import Assessment, Subject
from vsoko.teaching.access import can_enter_load
from vsoko.web.downloads import excel_response, wants_excel
from vsoko.web.school_year import page_year, selected_year, year_label


def _wants_excel(request) -> bool:
    return request.GET.get("format") == "xlsx"


def _excel(request, school, name: str, page: str, object_id, sheet_list) -> HttpResponse:
    record(user=request.user, action=AuditAction.EXPORT, object_type=f"analysis_{page}", object_id=object_id,
           school=school, details={"format": "xlsx"}, request=request)
    response = HttpResponse(export.xlsx(sheet_list), content_type=export.XLSX)
    filename = slugify(name, allow_unicode=True) or "analysis"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}.xlsx"
    return response


def _year(request, *, own: bool = False) -> int:
    """The year chosen in the header; with `own`, the page's ?year= first (a link from a procedure or a class of
    another year: its parallel is that year's)."""
    year = page_year(request) if own else selected_year(request)
    if year is None:
        raise Http404("Нет учебных лет с данными.")
    return year


def index(request):
    school, schools = access.chosen_school(request.user, request.GET.get("school"))
    year = page_year(request)  # an indicator's «Разбор» names its year
    privacy = access.Privacy.for_user(request.user, school)
    content = year_index(school, year, privacy, own_classes=access.own_classes(request.user, school, year)) \
        if year is not None else None
    if content is not None and _wants_excel(request):
        return _excel(request, school, f"Оценочные процедуры {year}", "index", school.code,
                      sheets.index_sheets(content))
    return render(request, "analysis/index.html", {
        "school": school, "schools": schools, "year": year, "index": content,
        "privacy": privacy, "can_import": permissions.can_manage_data(request.user, school),
        "can_report": permissions.can_make_reports(request.user, school),  # the summary справка of a kind
        "can_see_context": may_see_context(request.user, school),
        "earlier": _earlier_year(school, year) if content is not None and content.empty else None,
        "teachers": teacher_lines(access.teacher_links(request.user, school, year), year)
        if year is not None and not privacy.on else [],
    })


def _earlier_year(school, year: int) -> tuple[int, int] | None:
    """The latest year before `year` with the school's procedures, and how many: in the autumn the year just begun
    has none yet, and last spring's ВПР are what the deputy looks for."""
    latest = (Assessment.objects.filter(school=school, year_id__lt=year).order_by("-year_id")
              .values_list("year_id", flat=True).first())
    if latest is None:
        return None
    return latest, Assessment.objects.filter(school=school, year_id=latest).count()


def assessment(request, pk: int):
    item = access.assessment_for(request.user, pk)
    privacy = access.Privacy.for_user(request.user, item.school)
    page = procedure_page(item, privacy)
    lists = journal_lists(request.user, item, page.total.compared, request=request)
    if _wants_excel(request):
        return _excel(request, item.school, page.label, "assessment", item.pk, sheets.procedure_sheets(page, lists))
    histogram = None
    if not privacy.on and page.total.scored:
        histogram = histogram_svg(page.total.scores, max_score=item.max_score, boundaries=page.boundaries,
                                  spikes=page.spikes, title=f"Распределение первичных баллов: {page.label}")
    return render(request, "analysis/assessment.html", {
        "page": page, "a": item, "lists": lists, "histogram": histogram, "privacy": privacy,
        "trend": trend_charts(page.dynamics, page.is_ege, page.label, privacy),
        "can_enter_benchmarks": permissions.can_manage_data(request.user, item.school),
    })


def benchmarks(request, pk: int):
    """The procedure's municipal, regional and national figures, typed from ФИС ОКО «Аналитика»: for who enters the
    school's data (the administration); the figures then stand beside the school's on the procedure's page."""
    item = access.assessment_for(request.user, pk)
    if not permissions.can_manage_data(request.user, item.school):
        raise PermissionDenied("Значения для сравнения вводит администрация школы (директор или заместитель).")
    tasks = list(item.tasks.order_by("position", "task").values_list("task", flat=True))
    figures = bm.entry_figures(item, tasks)
    stored = bm.stored_entries(item, figures)
    label = procedure_label(item.kind, item.subject.name if item.subject else None, item.grade)
    if request.method == "GET" and wants_excel(request):
        return excel_response(request, bm.entry_document(item, label, figures, stored),
                              filename=f"Значения для сравнения {label} {year_label(item.year_id)}",
                              object_type="analysis_benchmarks", object_id=item.pk, school=item.school,
                              details={"учебный год": year_label(item.year_id), "значений": len(stored)})
    initial = initial_values(stored)
    form = BenchmarksForm(request.POST if request.method == "POST" else None, figures=figures, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = bm.save_entries(item, form.values(), user=request.user, request=request)
        except DataLocked as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Сохранено изменений: {changed}." if changed else "Изменений нет.")
            return redirect("analysis:assessment", pk=item.pk)
    return render(request, "analysis/benchmarks.html", {
        "a": item, "form": form, "label": label,
        "scopes": [bm.ValueScope(s).label for s in bm.SCOPES],
    })


def grade(request, grade: int):
    school, _ = access.chosen_school(request.user, request.GET.get("school"))
    year = _year(request, own=True)
    privacy = access.Privacy.for_user(request.user, school)
    tables = grade_tables(school, year, grade, privacy)
    if _wants_excel(request):
        return _excel(request, school, f"{grade} класс {year}", "grade", grade, sheets.class_table_sheets(tables, privacy))
    return render(request, "analysis/grade.html", {
        "school": school, "year": year, "grade": grade, "tables": tables, "privacy": privacy,
        "can_import": permissions.can_manage_data(request.user, school),
    })


def school_class(request, pk: int):
    item = access.class_for(request.user, pk)
    privacy = access.Privacy.for_user(request.user, item.school)
    lines = class_lines(item, privacy)
    if _wants_excel(request):
        return _excel(request, item.school, f"Класс {item.name} {item.year_id}", "class", item.pk,
                      sheets.class_sheets(item, lines, privacy))
    # No link to a parallel without procedures: it would be an empty page.
    parallel = bool(lines) or Assessment.objects.filter(school=item.school, year_id=item.year_id,
                                                        grade=item.grade).exists()
    return render(request, "analysis/class.html", {
        "cls": item, "lines": lines, "privacy": privacy, "parallel": parallel,
        "can_import": permissions.can_manage_data(request.user, item.school)})


def subject(request, pk: int):
    school, _ = access.chosen_school(request.user, request.GET.get("school"))
    item = get_object_or_404(Subject, pk=pk)
    privacy = access.Privacy.for_user(request.user, school)
    lines = subject_lines(school, item, privacy)
    if _wants_excel(request) and not lines:
        raise Http404("По этому предмету в школе нет результатов процедур.")
    if _wants_excel(request):
        return _excel(request, school, item.name, "subject", item.pk, sheets.subject_sheets(item, lines, privacy))
    return render(request, "analysis/subject.html", {
        "school": school, "subject": item, "lines": lines, "privacy": privacy,
    })


def teacher(request, pk: int):
    year = _year(request)
    staff = access.teacher_for(request.user, pk, year)
    privacy = access.Privacy.for_user(request.user, staff.school)
    page = teacher_page(staff, year, privacy)
    if _wants_excel(request):
        return _excel(request, staff.school, f"{staff.full_name} {year}", "teacher", staff.pk,
                      sheets.class_table_sheets(page.tables, privacy))
    # A named teacher's classes' results: a view of a staff member's data, as the rating sheet is.
    record(user=request.user, action=AuditAction.VIEW_PERSON, object_type="teacher_results", object_id=staff.pk,
           school=staff.school, details={"year": year}, request=request)
    return render(request, "analysis/teacher.html", {"page": page, "year": year, "privacy": privacy,
                                                     "can_enter_load": can_enter_load(request.user, staff.school)})


def dynamics(request):
    school, _ = access.chosen_school(request.user, request.GET.get("school"))
    form = DynamicsForm(request.GET if "kind" in request.GET else None, school=school)
    year = _year(request)
    privacy = access.Privacy.for_user(request.user, school)
    if not form.is_valid():
        return render(request, "analysis/dynamics.html", {"school": school, "year": year, "form": form})
    data = form.cleaned_data
    content = procedure_dynamics(school, data["kind"], data["subject"], data["grade"], year, privacy)
    if _wants_excel(request):
        return _excel(request, school, f"Динамика {content.label}", "dynamics", content.label,
                      sheets.dynamics_sheets(content, privacy))
    return render(request, "analysis/dynamics.html", {
        "school": school, "year": year, "d": content, "privacy": privacy, "form": form,
        "trend": trend_charts(content.rows, content.is_ege, content.label, privacy),
    })


def social_context(request):
    """Each social category's year beside the whole school's (004, Раздел VI: «контекстная информация»);
    ?municipality=code: beside the municipality's, with its schools × categories."""
    if "municipality" in request.GET:
        return _municipal_context(request, request.GET["municipality"])
    school, schools = access.chosen_school(request.user, request.GET.get("school"))
    privacy = privacy_for(request.user, school)
    year = selected_year(request)
    table = context_table(school, year, privacy) if year is not None else None
    if table is not None and _wants_excel(request):
        return _excel(request, school, f"Социальный контекст {year}", "context", school.code,
                      sheets.context_sheets(table))
    return render(request, "analysis/context.html", {"school": school, "schools": schools, "year": year,
                                                     "table": table, "privacy": privacy,
                                                     "municipalities": municipalities_for(request.user)})


def _municipal_context(request, code: str):
    municipality, municipalities = chosen_municipality(request.user, code)
    privacy = privacy_for(request.user, municipality)
    year = selected_year(request)
    content = municipal_context(municipality, year, privacy) if year is not None else None
    if content is not None and _wants_excel(request):
        return _excel(request, municipality, f"Социальный контекст {municipality.name} {year}", "context",
                      municipality.code, sheets.municipal_context_sheets(content))
    return render(request, "analysis/context_municipal.html", {
        "municipality": municipality, "municipalities": municipalities, "year": year,
        "content": content, "table": content.table if content else None, "privacy": privacy,
    })
