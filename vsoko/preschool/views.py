"""«Дошкольное образование»: the monitoring of the quality of preschool education of a school year (regulation
004, section «Система мониторинга качества дошкольного образования»). Thin views over vsoko.preschool.summary
and entry; who sees what is vsoko.preschool.access."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from vsoko.accounts import permissions
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.preschool import access
from vsoko.preschool.areas import areas, source
from vsoko.preschool.entry import (
    copy_groups,
    delete_group,
    save_conclusion,
    save_group,
    save_levels,
    saved_levels,
)
from vsoko.preschool.enums import QualityLevel
from vsoko.preschool.export import municipal_xlsx, overview_xlsx
from vsoko.preschool.forms import ConclusionForm, EvaluationForm, GroupForm
from vsoko.preschool.models import PreschoolGroup, YearConclusion
from vsoko.preschool.municipality import municipal_overview
from vsoko.preschool.report import document, title
from vsoko.preschool.summary import overview
from vsoko.records.approval import DataLocked, locked_years
from vsoko.reports.enums import Format
from vsoko.reports.views import CONTENT_TYPES
from vsoko.reports.writers import WRITERS
from vsoko.web.school_year import chosen_school, page_year, year_label


def _school(request):
    if not permissions.can_view_preschool(request.user):
        raise PermissionDenied(access.READERS_ONLY)
    return chosen_school(permissions.schools_for(request.user), request.GET.get("school"), access.READERS_ONLY)


def _kept_school(request):
    school, _ = chosen_school(permissions.schools_administered_by(request.user), request.GET.get("school"),
                              access.KEEPERS_ONLY)
    year = page_year(request)
    if year is None:
        raise PermissionDenied("Сначала загрузите данные школы: дошкольные группы записываются за учебный год.")
    return school, year


def _back(school, year) -> str:
    return f"{reverse('preschool:index')}?school={school.code}&year={year}"


def index(request):
    school, schools = _school(request)
    year = page_year(request)
    sees_texts = access.sees_texts(request.user, school)
    return render(request, "preschool/index.html", {
        "school": school, "schools": schools, "year": year, "year_label": year_label(year),
        "page": overview(school, year) if year is not None else None, "sees_texts": sees_texts,
        "can_edit": year is not None and permissions.can_edit_preschool(request.user, school),
        "source": source(), "areas": areas(), "levels": QualityLevel.rated(),
        "municipal": permissions.works_above_schools(request.user),
    })


def group_edit(request, pk: int | None = None):
    if pk is None:
        school, year = _kept_school(request)
        group = PreschoolGroup(school=school, year_id=year)
    else:
        group = access.group_kept(request.user, pk)
    form = GroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        try:
            group = save_group(form, user=request.user, request=request)
        except DataLocked as error:
            messages.error(request, f"Ничего не сохранено: {error}")
        else:
            messages.success(request, f"Группа «{group.name}» сохранена." if pk else
                             f"Группа «{group.name}» добавлена: оцените её показатели.")
            return redirect("preschool:group", pk=group.pk)
    return render(request, "preschool/group_edit.html", {
        "form": form, "group": group, "year_label": year_label(group.year_id),
        "back": _back(group.school, group.year_id)})


@require_POST
def group_delete(request, pk: int):
    item = access.group_kept(request.user, pk)
    try:
        levels = delete_group(item, user=request.user, request=request)
    except DataLocked as error:
        messages.error(request, f"Группа не удалена: {error}")
        return redirect("preschool:group", pk=pk)
    messages.success(request, f"Группа «{item.name}» удалена вместе с оценками ({levels}).")
    return redirect(_back(item.school, item.year_id))


@require_POST
def group_copy(request):
    school, year = _kept_school(request)
    try:
        made = copy_groups(school, year, user=request.user, request=request)
    except DataLocked as error:
        messages.error(request, f"Ничего не перенесено: {error}")
    else:
        messages.success(request, f"Перенесено групп из {year_label(year - 1)} учебного года: {len(made)}; оцените "
                                  "их показатели." if made else
                         f"Переносить нечего: в {year_label(year - 1)} учебном году нет групп, которых нет сейчас.")
    return redirect(_back(school, year))


def group(request, pk: int):
    """The group's levels: a form for the keepers (saved whole), the same levels to read for the other staff."""
    item = access.group_read(request.user, pk)
    can_edit = permissions.can_edit_preschool(request.user, item.school)
    saved = saved_levels(item)
    form = EvaluationForm(request.POST if request.method == "POST" and can_edit else None, group=item, saved=saved)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(access.KEEPERS_ONLY)
        if form.is_valid():
            try:
                result = save_levels(item, form.levels(), evaluator=form.cleaned_data["evaluator"].strip(),
                                     evaluated_on=form.cleaned_data["evaluated_on"], user=request.user,
                                     request=request)
            except DataLocked as error:
                messages.error(request, f"Ничего не сохранено: {error}")
            else:
                messages.success(request, f"Оценки сохранены: новых — {result.created}, изменено — "
                                          f"{result.changed}.")
                return redirect("preschool:group", pk=item.pk)
    rows = [(area, [(ind, saved.get(ind.key)) for ind in area.indicators]) for area in areas()]
    return render(request, "preschool/group.html", {
        "group": item, "form": form, "can_edit": can_edit, "rows": rows, "year_label": year_label(item.year_id),
        "back": _back(item.school, item.year_id), "locked": bool(locked_years(item.school, [item.year_id])),
        "errors": form.error_list() if form.is_bound else [],
    })


def conclusion(request):
    school, year = _kept_school(request)
    item = YearConclusion.objects.filter(school=school, year_id=year).first() or YearConclusion(
        school=school, year_id=year)
    form = ConclusionForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            save_conclusion(form, user=request.user, request=request)
        except DataLocked as error:
            messages.error(request, f"Ничего не сохранено: {error}")
        else:
            messages.success(request, "Выводы и меры сохранены.")
            return redirect(_back(school, year))
    return render(request, "preschool/conclusion.html", {
        "form": form, "school": school, "year": year, "year_label": year_label(year), "back": _back(school, year)})


def report(request):
    """The справка in Word, for the school's roles (the observer: 403, it carries the conclusion's texts)."""
    school, _ = _school(request)
    if not access.sees_texts(request.user, school):
        raise PermissionDenied(access.AGGREGATES_ONLY)
    year = page_year(request)
    if year is None:
        raise PermissionDenied("Сначала загрузите данные школы: справка составляется за учебный год.")
    data = WRITERS[Format.DOCX](document(school, year))
    record(user=request.user, action=AuditAction.EXPORT, object_type="preschool_report", object_id=str(year),
           school=school, request=request, details={"формат": "docx", "учебный год": year_label(year)})
    response = HttpResponse(data, content_type=CONTENT_TYPES[Format.DOCX])
    response["Content-Disposition"] = content_disposition_header(True, f"{title(year).replace('/', '-')}.docx")
    return response


def export(request):
    """The overview as an Excel book, for whoever sees the overview page (the observer too: levels, no texts)."""
    school, _ = _school(request)
    year = page_year(request)
    if year is None:
        raise PermissionDenied("Сначала загрузите данные школы: обзор выгружается за учебный год.")
    data = overview_xlsx(school, year)
    record(user=request.user, action=AuditAction.EXPORT, object_type="preschool_overview", object_id=str(year),
           school=school, request=request, details={"формат": "xlsx", "учебный год": year_label(year)})
    response = HttpResponse(data, content_type=CONTENT_TYPES[Format.XLSX])
    response["Content-Disposition"] = content_disposition_header(True, f"{title(year).replace('/', '-')}.xlsx")
    return response


def municipality(request):
    """The organisations of the user's municipality that keep preschool groups, side by side (roles above a
    school, as «Сравнение школ»)."""
    if not permissions.works_above_schools(request.user):
        raise PermissionDenied(access.MUNICIPAL_ONLY)
    year = page_year(request)
    page = municipal_overview(permissions.schools_for(request.user), year) if year is not None else None
    return render(request, "preschool/municipality.html", {
        "year": year, "year_label": year_label(year), "page": page, "levels": QualityLevel.rated()})


def municipality_export(request):
    """The municipality's page as an Excel book, for the same roles."""
    if not permissions.works_above_schools(request.user):
        raise PermissionDenied(access.MUNICIPAL_ONLY)
    year = page_year(request)
    if year is None:
        raise PermissionDenied("Сначала загрузите данные: сравнение выгружается за учебный год.")
    data = municipal_xlsx(municipal_overview(permissions.schools_for(request.user), year))
    record(user=request.user, action=AuditAction.EXPORT, object_type="preschool_municipality", object_id=str(year),
           request=request, details={"формат": "xlsx", "учебный год": year_label(year)})
    response = HttpResponse(data, content_type=CONTENT_TYPES[Format.XLSX])
    name = f"Дошкольное образование по организациям {year_label(year).replace('/', '-')}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
