"""«Рейтинг педагогов»: the year's period, the teachers' оценочные листы, the commission's check and the rating.
Views are thin: the state changes are vsoko.rating.workflow, who sees what vsoko.rating.access."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from vsoko.accounts import permissions
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.rating import access, workflow
from vsoko.rating.documents import (
    protocol_docx,
    rating_document,
    rating_xlsx,
    rubles_text,
    sheet_docx,
)
from vsoko.rating.enums import CriterionGroup, PeriodAction, PeriodStatus, SheetAction, SheetStatus
from vsoko.rating.forms import OpenPeriodForm, PeriodForm
from vsoko.rating.models import RatingPeriod, RatingSheet
from vsoko.rating.table import rating_of
from vsoko.records.models import StaffYear
from vsoko.reports.enums import Format
from vsoko.teaching.access import can_enter_load
from vsoko.teaching.assignments import has_load, waiting_for_load
from vsoko.web.downloads import excel_response
from vsoko.web.school_year import chosen_school, year_label

FILES = {"xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", rating_xlsx),
         "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", protocol_docx)}


def _require_reader(user) -> None:
    if not permissions.can_view_rating(user):
        raise PermissionDenied(access.READERS_ONLY)


def _school(request):
    _require_reader(request.user)
    return chosen_school(permissions.schools_with_rating_for(request.user), request.GET.get("school"),
                         access.READERS_ONLY)


def index(request):
    school, schools = _school(request)
    keeps = access.keeps(request.user, school)
    periods = list(RatingPeriod.objects.filter(school=school).order_by("-year_id"))
    opened = {p.year_id for p in periods}
    years = [(y, year_label(y)) for y in StaffYear.objects.filter(school=school).values_list("year_id", flat=True)
             .distinct().order_by("-year_id") if y not in opened]
    form = OpenPeriodForm(request.POST or None, years=years)
    if request.method == "POST":
        if not keeps:
            raise PermissionDenied(access.KEEPERS_ONLY)
        if form.is_valid():
            try:
                period = workflow.open_period(school, form.cleaned_data["year"], form.cleaned_data["fund"])
            except workflow.RatingError as error:
                form.add_error(None, str(error))
            else:
                record(user=request.user, action=AuditAction.CHANGE, object_type="rating_period",
                       object_id=str(period.pk), school=school,
                       details={"действие": "открыт рейтинг", "учебный год": year_label(period.year_id)},
                       request=request)
                messages.success(request, f"Рейтинг за {year_label(period.year_id)} учебный год открыт: "
                                          f"оценочные листы созданы для {period.sheets.count()} педагогов.")
                return redirect("rating:period", pk=period.pk)
    return render(request, "rating/index.html", {
        "school": school, "schools": schools, "periods": periods, "keeps": keeps, "form": form, "years": years,
        "sees_list": access.sees_list(request.user, school),
        "own": list(access.own_sheets(request.user, school)),
        "linked": permissions.staff_records_of(request.user, school).exists()})


def my_sheet(request):
    school, schools = _school(request)
    own = access.own_sheets(request.user, school).first()
    if own is not None:
        return redirect("rating:sheet", pk=own.pk)
    return render(request, "rating/my_empty.html", {
        "school": school, "schools": schools,
        "linked": permissions.staff_records_of(request.user, school).exists()})


def _period(request, pk: int) -> RatingPeriod:
    """A period of the user's schools: 403 for the observer, 404 for another school's."""
    _require_reader(request.user)
    return get_object_or_404(RatingPeriod.objects.select_related("school"), pk=pk,
                             school__in=permissions.schools_with_rating_for(request.user))


def _kept_period(request, pk: int) -> RatingPeriod:
    period = _period(request, pk)
    if not access.keeps(request.user, period.school):
        raise PermissionDenied(access.KEEPERS_ONLY)
    return period


def period_page(request, pk: int):
    period = _period(request, pk)
    if not access.sees_list(request.user, period.school):
        raise PermissionDenied("Список оценочных листов видят администрация школы и руководители МО; свой лист — "
                               "в разделе «Мой оценочный лист».")
    keeps = access.keeps(request.user, period.school)
    rating = rating_of(period, access.sheets_visible_to(request.user, period))
    record(user=request.user, action=AuditAction.VIEW_LIST, object_type="rating_sheets", school=period.school,
           details={"учебный год": year_label(period.year_id), "листов": len(rating.rows)}, request=request)
    counts = {status.label: sum(1 for r in rating.rows if r.sheet.status == status) for status in SheetStatus}
    rows = sorted(rating.rows, key=lambda r: r.staff.full_name)
    return render(request, "rating/period.html", {
        "period": period, "year_label": year_label(period.year_id), "rows": rows, "counts": counts, "keeps": keeps,
        "form": PeriodForm(instance=period), **_load_notice(request.user, period)})


def _load_notice(user, period: RatingPeriod) -> dict:
    """Whether the year's load is entered (without it two teachers of a subject get the same measures), the
    subject teachers a load entered in part does not name yet (measured by subject, as without it), and whether
    this user may enter it."""
    return {"load_entered": has_load(period.school, period.year_id),
            "waiting_for_load": waiting_for_load(period.school, period.year_id),
            "can_enter_load": can_enter_load(user, period.school)}


@require_POST
def period_change(request, pk: int):
    period = _kept_period(request, pk)
    try:
        action = PeriodAction(request.POST.get("action", PeriodAction.SAVE))
    except ValueError:
        raise Http404("Нет такого действия.") from None
    if action == PeriodAction.SAVE:
        form = PeriodForm(request.POST, instance=period)
        if not form.is_valid():
            messages.error(request, "Не сохранено: " + "; ".join(
                f"«{form.fields[f].label}», значение «{request.POST.get(f, '')}»: {' '.join(e)}" if f in form.fields
                else " ".join(e) for f, e in form.errors.items()))
            return redirect("rating:period", pk=period.pk)
        form.save()
    elif action == PeriodAction.RECOMPUTE:
        try:
            workflow.refresh_computed(period)
        except workflow.RatingError as error:
            messages.error(request, f"Не пересчитано: {error}")
            return redirect("rating:period", pk=period.pk)
    else:
        workflow.set_period_status(period, PeriodStatus.CLOSED if action == PeriodAction.CLOSE else PeriodStatus.OPEN)
    record(user=request.user, action=AuditAction.CHANGE, object_type="rating_period", object_id=str(period.pk),
           school=period.school, details={"действие": action.label, "учебный год": year_label(period.year_id)},
           request=request)
    messages.success(request, action.label)
    return redirect("rating:period", pk=period.pk)


def rating_page(request, pk: int):
    period = _kept_period(request, pk)
    rating = rating_of(period)
    record(user=request.user, action=AuditAction.VIEW_LIST, object_type="rating", school=period.school,
           details={"учебный год": year_label(period.year_id), "листов": len(rating.rows)}, request=request)
    return render(request, "rating/rating.html", {
        "period": period, "year_label": year_label(period.year_id), "rating": rating,
        "groups": CriterionGroup.choices, "point_value": rubles_text(rating.point_value),
        "paid": rubles_text(rating.paid), "remainder": rubles_text(rating.remainder),
        "fund": rubles_text(period.fund)})


def export(request, pk: int, fmt: str):
    period = _kept_period(request, pk)
    if fmt not in FILES:
        raise Http404("Рейтинг выгружается в Excel (.xlsx) или протоколом в Word (.docx).")
    content_type, write = FILES[fmt]
    rating = rating_of(period)
    if fmt == Format.XLSX.value:
        # The rating's table, as every page's table goes to Excel: the one writer, the one audit record.
        return excel_response(request, rating_document(rating), filename=f"Рейтинг педагогов {year_label(period.year_id)}",
                              object_type="rating", school=period.school,
                              details={"учебный год": year_label(period.year_id), "листов": len(rating.rows)})
    record(user=request.user, action=AuditAction.EXPORT, object_type="rating", school=period.school,
           details={"учебный год": year_label(period.year_id), "формат": fmt, "листов": len(rating.rows)},
           request=request)
    response = HttpResponse(write(rating), content_type=content_type)
    # Named as a deputy files it, like the other downloads: «Протокол комиссии … 2024-2025.docx».
    response["Content-Disposition"] = content_disposition_header(
        True, f"Протокол комиссии по стимулирующим выплатам {period.year_id}-{period.year_id + 1}.{fmt}")
    return response


def _sheet(request, pk: int) -> RatingSheet:
    """A sheet the user reads: 403 for the observer, 404 outside their scope (another teacher's sheet)."""
    _require_reader(request.user)
    sheet = get_object_or_404(RatingSheet.objects.select_related("period__school", "staff"), pk=pk,
                              period__school__in=permissions.schools_with_rating_for(request.user))
    if not access.sheets_visible_to(request.user, sheet.period).filter(pk=pk).exists():
        raise Http404("Такого оценочного листа нет среди доступных вам.")
    return sheet


def sheet_word(request, pk: int):
    sheet = _sheet(request, pk)
    record(user=request.user, action=AuditAction.EXPORT, object_type="rating_sheet", object_id=str(sheet.pk),
           school=sheet.period.school, details={"педагог": sheet.staff.full_name, "формат": "docx",
                                                "учебный год": year_label(sheet.period.year_id)}, request=request)
    response = HttpResponse(sheet_docx(sheet), content_type=FILES["docx"][0])
    # The file is named by the sheet's number: no name of a person in a URL or a file name the browser logs.
    year = sheet.period.year_id
    response["Content-Disposition"] = content_disposition_header(
        True, f"Оценочный лист № {sheet.pk} {year}-{year + 1}.docx")
    return response


def _entered(post, prefix: str, codes) -> dict[str, tuple[str | None, str]]:
    return {code: (post.get(f"{prefix}points-{code}"), post.get(f"{prefix}comment-{code}", "")) for code in codes}


def sheet_page(request, pk: int):
    sheet = _sheet(request, pk)
    own = access.is_own(request.user, sheet)
    keeps = access.keeps(request.user, sheet.period.school)
    judges = access.judges(request.user, sheet)
    if request.method == "POST":
        try:
            action = SheetAction(request.POST.get("action", ""))
        except ValueError:
            raise Http404("Нет такого действия.") from None
        if action in SheetAction.commission() and keeps and not judges:
            raise PermissionDenied(access.OWN_SHEET)
        codes = list(sheet.lines.values_list("code", flat=True))
        try:
            # Saving and submitting (or reviewing and confirming) stand or fall together: a refused submission
            # leaves the sheet as it was.
            with transaction.atomic():
                if own and action in (SheetAction.SAVE, SheetAction.SUBMIT):
                    workflow.save_self(sheet, _entered(request.POST, "", codes))
                    if action == SheetAction.SUBMIT:
                        workflow.submit(sheet)
                elif judges and action in (SheetAction.REVIEW, SheetAction.CONFIRM):
                    workflow.review(sheet, _entered(request.POST, "c-", codes),
                                    class_teacher=request.POST.get("class_teacher") == "on")
                    if action == SheetAction.CONFIRM:
                        workflow.confirm(sheet, request.user)
                elif judges and action == SheetAction.RETURN:
                    workflow.return_sheet(sheet, request.POST.get("return_comment", ""))
                else:
                    raise PermissionDenied("Лист заполняет сам педагог, а проверяет и подтверждает администрация "
                                           "школы.")
        except workflow.RatingError as error:
            # The page again with everything as typed (nothing was saved): a teacher who submits with one
            # criterion empty must not lose the evidence she wrote for the others.
            messages.error(request, f"Не сохранено: {error}")
            sheet.refresh_from_db()
            return _sheet_page(request, sheet, own, keeps, judges, typed=request.POST)
        else:
            record(user=request.user, action=AuditAction.CHANGE, object_type="rating_sheet", object_id=str(sheet.pk),
                   school=sheet.period.school, details={"действие": action.label, "педагог": sheet.staff.full_name,
                                                        "учебный год": year_label(sheet.period.year_id)},
                   request=request)
            messages.success(request, action.label)
        return redirect("rating:sheet", pk=sheet.pk)
    record(user=request.user, action=AuditAction.VIEW_PERSON, object_type="rating_sheet", object_id=str(sheet.pk),
           school=sheet.period.school, details={"педагог": sheet.staff.full_name,
                                                "учебный год": year_label(sheet.period.year_id)}, request=request)
    return _sheet_page(request, sheet, own, keeps, judges)


def _sheet_page(request, sheet: RatingSheet, own: bool, keeps: bool, judges: bool, typed=None):
    """The sheet; `typed` — a refused form's data, shown in the fields instead of the saved values."""
    teacher_edits, commission_edits = own and sheet.editable_by_teacher, judges and sheet.reviewable
    returnable = sheet.period.is_open and sheet.status in (SheetStatus.SUBMITTED, SheetStatus.CONFIRMED)
    groups = [(group.label, lines) for group, lines in sheet.grouped_lines()]
    if typed is not None:
        for _, lines in groups:
            for line in lines:
                if teacher_edits:
                    line.self_points = typed.get(f"points-{line.code}", line.self_points)
                    line.self_comment = typed.get(f"comment-{line.code}", line.self_comment)
                if commission_edits:
                    line.confirmed_points = typed.get(f"c-points-{line.code}", line.confirmed_points)
                    line.commission_comment = typed.get(f"c-comment-{line.code}", line.commission_comment)
        if commission_edits:
            sheet.class_teacher = typed.get("class_teacher") == "on"
    rating = rating_of(sheet.period, RatingSheet.objects.filter(pk=sheet.pk))
    return render(request, "rating/sheet.html", {
        "sheet": sheet, "period": sheet.period, "year_label": year_label(sheet.period.year_id),
        "groups": groups, "row": rating.rows[0], "own": own, "keeps": keeps,
        "teacher_edits": teacher_edits, "commission_edits": commission_edits,
        "may_return": judges and returnable,
        # A member of the commission on their own sheet: the page says why the commission's buttons are not there.
        "own_in_commission": keeps and own and returnable,
        "return_comment": typed.get("return_comment", "") if typed is not None else "",
        "sees_list": access.sees_list(request.user, sheet.period.school), **_load_notice(request.user, sheet.period)})
