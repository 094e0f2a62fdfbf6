"""«Диагностики»: the pupils' monitoring diagnostics of a year (regulation 000, п. 4.4) — the counts per
level for every role of the school, the pupils' levels for the administration and the class teacher."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from vsoko.accounts import permissions
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.diagnostics import access
from vsoko.diagnostics.changes import DiagnosticRejected, change_diagnostic, delete_diagnostic
from vsoko.diagnostics.entry import LevelsRejected, current_levels, pupils_of, save_levels
from vsoko.diagnostics.forms import DiagnosticForm, NewDiagnosticForm
from vsoko.diagnostics.models import Diagnostic
from vsoko.diagnostics.procedures import procedure as procedure_spec
from vsoko.diagnostics.summary import (
    class_distribution,
    procedure_page,
    scope_for,
    withheld_assessed,
    year_summary,
)
from vsoko.diagnostics.workbook import UploadRejected, read_levels
from vsoko.diagnostics.workbook import template as make_template
from vsoko.records.approval import REOPEN_HINT, DataLocked, locked_years
from vsoko.web.school_year import chosen_school, page_year, year_label

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _school(request):
    if not permissions.can_view_diagnostics(request.user):
        raise PermissionDenied(access.READERS_ONLY)
    return chosen_school(permissions.schools_for(request.user), request.GET.get("school"), access.READERS_ONLY)


def index(request):
    school, schools = _school(request)
    year = page_year(request)
    scope = scope_for(request.user, school)
    diagnostics = []
    if year is not None:
        diagnostics = list(
            Diagnostic.objects.filter(school=school, year_id=year, school_class__in=scope.classes(request.user, [year]))
            .select_related("school_class", "conducted_by").annotate(assessed=Count("results"))
            .order_by("date", "school_class__grade", "school_class__letter"))
    hidden = withheld_assessed(request.user, scope, year, {d.procedure for d in diagnostics}) if year is not None \
        else set()
    return render(request, "diagnostics/index.html", {
        "school": school, "schools": schools, "year": year, "year_label": year_label(year),
        "summary": year_summary(request.user, scope, year) if year is not None else [],
        "diagnostics": [(d, d.pk in hidden) for d in diagnostics], "suppress": scope.suppress,
        "can_edit": year is not None and permissions.can_edit_diagnostics(request.user, school)
        and permissions.classes_with_diagnostic_levels_for(request.user, year).filter(school=school).exists(),
    })


def procedure(request, code: str):
    spec = procedure_spec(code)
    if spec is None:
        raise Http404
    school, schools = _school(request)
    year = page_year(request)
    if year is None:
        raise Http404
    scope = scope_for(request.user, school)
    return render(request, "diagnostics/procedure.html", {
        "school": school, "schools": schools, "year": year, "year_label": year_label(year),
        "page": procedure_page(request.user, scope, spec, year), "suppress": scope.suppress,
        "document": spec.document_of(school.name),
    })


def new(request):
    school, _ = chosen_school(permissions.schools_for(request.user), request.GET.get("school"), access.KEEPERS_ONLY)
    year = page_year(request)
    classes = permissions.classes_with_diagnostic_levels_for(request.user, year).filter(school=school) \
        if year is not None else None
    if not permissions.can_edit_diagnostics(request.user, school) or classes is None or not classes.exists():
        raise PermissionDenied(access.KEEPERS_ONLY)
    form = NewDiagnosticForm(request.POST or None, school=school, year=year, classes=classes,
                             confidential=permissions.can_see_confidential_diagnostics(request.user, school))
    locked = bool(locked_years(school, [year]))
    if request.method == "POST" and form.is_valid():
        if locked:
            messages.error(request, _locked_text(year))
        else:
            made = form.create()
            for diagnostic in made:
                record(user=request.user, action=AuditAction.CHANGE, object_type="diagnostic",
                       object_id=str(diagnostic.pk), school=school, request=request,
                       details={"действие": "записана диагностика", "диагностика": str(diagnostic),
                                "учебный год": year_label(year)})
            messages.success(request, "Диагностика записана: введите уровни обучающихся." if len(made) == 1
                             else f"Записано диагностик: {len(made)}; введите уровни каждого класса.")
            return redirect("diagnostics:detail", pk=made[0].pk)
    return render(request, "diagnostics/new.html", {"form": form, "school": school, "year": year,
                                                    "year_label": year_label(year), "locked": locked})


def _locked_text(year: int) -> str:
    return f"Данные за {year_label(year)} учебный год утверждены и не могут быть изменены. {REOPEN_HINT}"


def detail(request, pk: int, upload_problems: list[str] | None = None):
    diagnostic = access.readable(request.user, pk)
    spec = diagnostic.spec
    sees = spec is not None and access.sees_levels(request.user, diagnostic)
    can_edit = sees and permissions.can_edit_diagnostics(request.user, diagnostic.school)
    levels = current_levels(diagnostic) if sees else {}
    pupils = list(pupils_of(diagnostic)) if sees else []
    if request.method == "POST" and can_edit and upload_problems is None:
        chosen = {e.pk: request.POST.get(f"level-{e.pk}", "") for e in pupils}
        try:
            saved = save_levels(diagnostic, chosen, user=request.user, request=request)
        except (LevelsRejected, DataLocked) as error:
            messages.error(request, f"Ничего не сохранено: {error}")
            levels = chosen
        else:
            messages.success(request, f"Сохранено: оценено обучающихся — {saved.assessed}, изменений — "
                                      f"{saved.changed}.")
            return redirect("diagnostics:detail", pk=diagnostic.pk)
    elif sees:
        record(user=request.user, action=AuditAction.VIEW_LIST, object_type="diagnostic",
               object_id=str(diagnostic.pk), school=diagnostic.school, request=request,
               details={"диагностика": str(diagnostic), "обучающихся": len(pupils)})
    scope = scope_for(request.user, diagnostic.school)
    return render(request, "diagnostics/detail.html", {
        "diagnostic": diagnostic, "spec": spec, "year_label": year_label(diagnostic.year_id),
        "distribution": class_distribution(request.user, scope, diagnostic),
        "sees_levels": sees, "can_edit": can_edit, "suppress": scope.suppress,
        "rows": [(e, levels.get(e.pk, "")) for e in pupils],
        "locked": bool(locked_years(diagnostic.school, [diagnostic.year_id])),
        "upload_problems": upload_problems or [],
    })


def template(request, pk: int):
    diagnostic = access.editable(request.user, pk)
    pupils = list(pupils_of(diagnostic))
    record(user=request.user, action=AuditAction.EXPORT, object_type="diagnostic", object_id=str(diagnostic.pk),
           school=diagnostic.school, request=request,
           details={"выгрузка": "шаблон уровней", "диагностика": str(diagnostic), "обучающихся": len(pupils)})
    response = HttpResponse(make_template(diagnostic, pupils, current_levels(diagnostic)), content_type=XLSX)
    # «СПТ, 8В, 2025-2026»: ten classes' templates told apart (they were «diagnostic-219.xlsx» …)
    spec = procedure_spec(diagnostic.procedure)
    name = f"{spec.short if spec else diagnostic.procedure}, {diagnostic.school_class.name}, " \
           f"{year_label(diagnostic.year_id).replace('/', '-')}"
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.xlsx")
    return response


@require_POST
def upload(request, pk: int):
    diagnostic = access.editable(request.user, pk)
    file = request.FILES.get("file")
    if file is None:
        return detail(request, pk, upload_problems=["Выберите файл шаблона (.xlsx) с заполненным столбцом «Уровень»."])
    pupils = list(pupils_of(diagnostic))
    try:
        levels = current_levels(diagnostic) | read_levels(diagnostic, pupils, file.read(), file.name)
        saved = save_levels(diagnostic, levels, user=request.user, request=request, source="файл Excel")
    except UploadRejected as error:
        return detail(request, pk, upload_problems=error.problems)
    except (LevelsRejected, DataLocked) as error:
        return detail(request, pk, upload_problems=[f"Файл «{file.name}»: ничего не сохранено: {error}"])
    messages.success(request, f"Файл «{file.name}» загружен: оценено обучающихся — {saved.assessed}, изменений — "
                              f"{saved.changed}.")
    return redirect("diagnostics:detail", pk=diagnostic.pk)


def edit(request, pk: int):
    """The diagnostic's date and notes; the levels are entered on its page."""
    diagnostic = access.editable(request.user, pk)
    form = DiagnosticForm(request.POST or None, diagnostic=diagnostic)
    locked = bool(locked_years(diagnostic.school, [diagnostic.year_id]))
    if request.method == "POST" and form.is_valid():
        try:
            changed = change_diagnostic(diagnostic, **form.cleaned_data, user=request.user, request=request)
        except DiagnosticRejected as error:
            form.add_error("date", str(error))
        except DataLocked as error:
            messages.error(request, f"Ничего не сохранено: {error}")
        else:
            messages.success(request, "Диагностика исправлена." if changed else "Изменений нет.")
            return redirect("diagnostics:detail", pk=diagnostic.pk)
    return render(request, "diagnostics/edit.html", {"diagnostic": diagnostic, "form": form, "locked": locked,
                                                     "year_label": year_label(diagnostic.year_id)})


def delete(request, pk: int):
    """GET: what deleting would remove; POST: delete the diagnostic with its levels."""
    diagnostic = access.editable(request.user, pk)
    if request.method == "POST":
        school, year = diagnostic.school, diagnostic.year_id
        try:
            levels = delete_diagnostic(diagnostic, user=request.user, request=request)
        except DataLocked as error:
            messages.error(request, str(error))
            return redirect("diagnostics:detail", pk=pk)
        messages.success(request, f"Диагностика удалена вместе с уровнями обучающихся ({levels}).")
        return redirect(f"{reverse('diagnostics:index')}?school={school.code}&year={year}")
    return render(request, "diagnostics/delete.html", {
        "diagnostic": diagnostic, "spec": diagnostic.spec, "year_label": year_label(diagnostic.year_id),
        "levels": diagnostic.results.count(), "locked": bool(locked_years(diagnostic.school, [diagnostic.year_id])),
    })
