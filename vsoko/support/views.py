"""«Работа с неуспевающими»: the pupils at risk after a period, their support cases with measures, and the
cases' results at the next period. Thin views over vsoko.support.page; who sees what is vsoko.support.access.
Every page with names is audit-logged (a list view, a person's view), every change too; an approved year
refuses changes; a case opened by mistake is deleted after a confirmation page; `?format=docx` gives the Word
report (an export)."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from vsoko.accounts import permissions
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.progress.figures import asked_period, periods_with_marks
from vsoko.records.approval import DataLocked, ensure_open, locked_years
from vsoko.records.enums import Period
from vsoko.records.models import Enrollment, PeriodMark, StaffMember, Subject
from vsoko.reports.enums import Format
from vsoko.reports.views import CONTENT_TYPES
from vsoko.reports.writers import WRITERS
from vsoko.support import access
from vsoko.support.changes import delete_case, record_change
from vsoko.support.document import document
from vsoko.support.enums import CaseStatus
from vsoko.support.forms import CaseForm, MeasureForm, OpenCaseForm
from vsoko.support.models import SupportCase, SupportMeasure
from vsoko.support.outcome import results_of
from vsoko.support.page import name_of, support_page
from vsoko.support.risk import at_risk
from vsoko.web.downloads import excel_response, wants_excel
from vsoko.web.school_year import available_years, page_year, year_label

NAMES_ONLY = "Отчёт содержит фамилии обучающихся: он доступен только тем, кто видит сведения об обучающихся."


def _audit(request, case: SupportCase, what: str) -> None:
    record_change(case, what, user=request.user, request=request)


def _refused(request, case: SupportCase) -> bool:
    """True (with the message said) when the case's year is approved."""
    try:
        ensure_open(case.school, [case.year_id])
    except DataLocked as exc:
        messages.error(request, str(exc))
        return True
    return False


def index(request):
    school, schools = access.chosen_school(request.user, request.GET.get("school"))
    year = page_year(request)
    periods = periods_with_marks(school, year) if year is not None else []
    period = asked_period(request.GET.get("period", ""), periods)
    scope = access.scope_for(request.user, school, year) if year is not None else None
    page = None
    if period is not None:
        page = support_page(request.user, school, year, period, periods, scope)
        if request.GET.get("format") == "docx":
            return _docx(request, page)
        if wants_excel(request):
            if not page.scope.names:
                raise PermissionDenied(NAMES_ONLY)
            return excel_response(request, document(page), filename=_file_name(page), object_type="support",
                                  object_id=f"{page.year}-{page.period.value}", school=page.school,
                                  details={"students": page.shown_people})
        if page.shown_people:
            record(user=request.user, action=AuditAction.VIEW_LIST, object_type="support",
                   object_id=f"{year}-{period.value}", school=school, details={"students": page.shown_people},
                   request=request)
    return render(request, "support/index.html", {
        "school": school, "schools": schools, "year": year, "years": available_years(request),
        "periods": periods, "period": period, "page": page, "scope": scope,
        "privacy": scope.privacy if scope else None,
        "locked": year is not None and bool(locked_years(school, [year])),
    })


def _docx(request, page) -> HttpResponse:
    if not page.scope.names:
        raise PermissionDenied(NAMES_ONLY)
    record(user=request.user, action=AuditAction.EXPORT, object_type="support",
           object_id=f"{page.year}-{page.period.value}", school=page.school,
           details={"format": "docx", "students": page.shown_people}, request=request)
    response = HttpResponse(WRITERS[Format.DOCX](document(page)), content_type=CONTENT_TYPES[Format.DOCX])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(_file_name(page))}.docx"
    return response


def _file_name(page) -> str:
    return f"Работа с неуспевающими {page.period.label} {year_label(page.year).replace('/', '-')}"


def open_case(request):
    """A new case for a pupil of the at-risk list (?student=, ?year=, ?period=), prefilled from the list."""
    permissions.require_personal_data(request.user)
    year = page_year(request)
    student = get_object_or_404(permissions.students_visible_to(request.user, year or 0).select_related("school")
                                .filter(school__in=permissions.schools_for(request.user)),
                                pk=request.GET.get("student") if request.GET.get("student", "").isdigit() else 0)
    enrollment = get_object_or_404(Enrollment.objects.select_related("school_class"), student=student, year_id=year)
    scope = access.scope_for(request.user, student.school, year)
    if not scope.edits(enrollment.school_class_id):
        raise PermissionDenied(access.NOT_YOURS)
    periods = periods_with_marks(student.school, year)
    period = asked_period(request.GET.get("period", ""), periods) or Period.for_system(student.school.period_system)[0]
    existing = SupportCase.objects.filter(student=student, year_id=year, status=CaseStatus.OPEN).first()
    if existing is not None:
        messages.info(request, "У обучающегося уже есть открытое сопровождение в этом учебном году.")
        return redirect("support:case", pk=existing.pk)
    row = next((r for r in at_risk(student.school, year, period) if r.student_id == student.pk), None)
    subject_ids = set(PeriodMark.objects.filter(student=student, year_id=year).values_list("subject_id", flat=True))
    subject_ids |= set(row.subject_ids if row else [])
    case = SupportCase(school=student.school, year_id=year, student=student, opened_period=period)
    initial = {}
    if row is not None:
        initial["reason"] = row.reason
        if len(row.subject_ids) == 1:
            initial["subject"] = row.subject_ids[0]
    form = OpenCaseForm(request.POST or None, instance=case, initial=initial,
                    subjects=list(Subject.objects.filter(pk__in=subject_ids).order_by("name")))
    if request.method == "POST" and form.is_valid() and not _refused(request, case):
        form.save()
        _audit(request, case, "открыто сопровождение")
        messages.success(request, "Сопровождение открыто. Добавьте меры поддержки.")
        return redirect("support:case", pk=case.pk)
    # The form names the pupil, the class and why they are at risk: a view of the person, as the case's page.
    record(user=request.user, action=AuditAction.VIEW_PERSON, object_type="student", object_id=str(student.pk),
           school=student.school, details={"раздел": "сопровождение неуспевающих: открытие"}, request=request)
    return render(request, "support/case_form.html", {
        "form": form, "case": case, "name": name_of(student), "class_name": enrollment.school_class.name,
        "row": row, "year_label": year_label(year)})


def case_detail(request, pk: int):
    case, scope = access.case_for(request.user, pk)
    record(user=request.user, action=AuditAction.VIEW_PERSON, object_type="support_case", object_id=str(case.pk),
           school=case.school, details={"обучающийся": case.student.student_id}, request=request)
    today = timezone.localdate()
    measures = [(m, m.is_overdue(today), access.may_mark_done(request.user, scope, case, m))
                for m in case.measures.select_related("responsible").order_by("due", "pk")]
    return render(request, "support/case.html", {
        "case": case, "name": name_of(case.student), "measures": measures, "result": results_of([case])[case.pk],
        "editable": scope.edits(case.class_id), "year_label": year_label(case.year_id),
        "locked": bool(locked_years(case.school, [case.year_id])),
    })


def case_edit(request, pk: int):
    case, _ = access.editable_case(request.user, pk)
    subject_ids = set(PeriodMark.objects.filter(student=case.student, year_id=case.year_id)
                      .values_list("subject_id", flat=True)) | ({case.subject_id} - {None})
    form = CaseForm(request.POST or None, instance=case,
                    subjects=list(Subject.objects.filter(pk__in=subject_ids).order_by("name")))
    if request.method == "POST" and form.is_valid() and not _refused(request, case):
        form.save()
        _audit(request, case, "изменено сопровождение")
        messages.success(request, "Сопровождение сохранено.")
        return redirect("support:case", pk=case.pk)
    return render(request, "support/case_form.html", {
        "form": form, "case": case, "name": name_of(case.student), "class_name": case.class_name,
        "year_label": year_label(case.year_id)})


def case_delete(request, pk: int):
    """GET: what deleting would remove; POST: delete the case opened by mistake, with its measures."""
    case, _ = access.editable_case(request.user, pk)
    if request.method == "POST":
        back = _list_url(case)
        try:
            measures = delete_case(case, user=request.user, request=request)
        except DataLocked as exc:
            messages.error(request, str(exc))
            return redirect("support:case", pk=pk)
        messages.success(request, f"Сопровождение обучающегося удалено вместе с мерами поддержки ({measures}).")
        return redirect(back)
    return render(request, "support/case_delete.html", {
        "case": case, "name": name_of(case.student), "year_label": year_label(case.year_id),
        "measures": case.measures.count(), "locked": bool(locked_years(case.school, [case.year_id]))})


def _list_url(case: SupportCase) -> str:
    return (f"{reverse('support:index')}?school={case.school.code}&year={case.year_id}"
            f"&period={case.opened_period}")


def _staff(case: SupportCase) -> list[StaffMember]:
    return list(StaffMember.objects.filter(school=case.school, years__year_id=case.year_id,
                                           years__pedagogical=True).distinct())


def _subject_teacher(case: SupportCase, staff: list[StaffMember]) -> StaffMember | None:
    """The one teacher of the case's subject in the school that year, if there is exactly one."""
    if case.subject_id is None:
        return None
    teaching = list(StaffMember.objects.filter(pk__in=[s.pk for s in staff], years__year_id=case.year_id,
                                               years__subjects=case.subject_id).distinct()[:2])
    return teaching[0] if len(teaching) == 1 else None


def measure_edit(request, pk: int | None = None, case_pk: int | None = None):
    if pk is None:
        case, _ = access.editable_case(request.user, case_pk)
        measure = SupportMeasure(case=case)
    else:
        measure = get_object_or_404(SupportMeasure, pk=pk)
        case, _ = access.editable_case(request.user, measure.case_id)
    staff = _staff(case)
    initial = {}
    if pk is None and (teacher := _subject_teacher(case, staff)) is not None:
        initial["responsible"] = teacher.pk
    form = MeasureForm(request.POST or None, instance=measure, staff=staff, initial=initial)
    if request.method == "POST" and form.is_valid() and not _refused(request, case):
        if form.cleaned_data["done"] and not form.cleaned_data["done_on"]:
            form.instance.done_on = timezone.localdate()
        form.save()
        _audit(request, case, f"{'изменена' if pk else 'добавлена'} мера: {measure.get_kind_display()}")
        messages.success(request, "Мера сохранена.")
        return redirect("support:case", pk=case.pk)
    return render(request, "support/measure_form.html", {
        "form": form, "case": case, "measure": measure, "name": name_of(case.student),
        "year_label": year_label(case.year_id)})


@require_POST
def measure_done(request, pk: int):
    measure = get_object_or_404(SupportMeasure.objects.select_related("responsible__school"), pk=pk)
    case, scope = access.case_for(request.user, measure.case_id)
    if not access.may_mark_done(request.user, scope, case, measure):
        raise PermissionDenied("Отметить меру выполненной может ответственный педагог, классный руководитель "
                               "или администрация школы.")
    if not _refused(request, case):
        measure.done, measure.done_on = True, measure.done_on or timezone.localdate()
        measure.save(update_fields=["done", "done_on"])
        _audit(request, case, f"выполнена мера: {measure.get_kind_display()}")
        messages.success(request, "Мера отмечена как выполненная.")
    return redirect("support:case", pk=case.pk)


@require_POST
def measure_delete(request, pk: int):
    measure = get_object_or_404(SupportMeasure, pk=pk)
    case, _ = access.editable_case(request.user, measure.case_id)
    if not _refused(request, case):
        _audit(request, case, f"удалена мера: {measure.get_kind_display()}")
        measure.delete()
        messages.success(request, "Мера удалена.")
    return redirect("support:case", pk=case.pk)
