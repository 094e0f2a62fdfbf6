"""«Посещение уроков»: the journal of visited lessons of a school year, kept by the administration; each
role reads the visits of its scope (vsoko.observations.access), the municipal observer counts only."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from vsoko.accounts import permissions
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.datavalues.refresh import request_recompute
from vsoko.observations import access, summary
from vsoko.observations.criteria import CRITERIA, MAX_TOTAL
from vsoko.observations.export import journal_xlsx, summary_document
from vsoko.observations.forms import JournalFilterForm, LessonVisitForm
from vsoko.observations.models import LessonVisit
from vsoko.web.downloads import excel_response, rows_count, wants_excel
from vsoko.web.school_year import chosen_school, page_year, year_label

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _scope(request):
    """The school (?school=code) among the user's, the year, and the visits the user reads there."""
    school, schools = chosen_school(permissions.schools_with_observations_for(request.user),
                                    request.GET.get("school"), access.READERS_ONLY)
    year = page_year(request)
    return school, schools, year, access.visits_visible_to(request.user, school, year)


def _context(request, school, schools, year) -> dict:
    user = request.user
    return {"school": school, "schools": schools, "year": year, "year_label": year_label(year),
            "counts_only": access.counts_only(user, school), "sees_all": access.sees_all(user, school),
            "linked": access.own_staff(user, school).exists(),
            "can_edit": permissions.can_edit_observations(user, school),
            "can_record": permissions.can_record_observations(user, school)}


def index(request):
    school, schools, year, visits = _scope(request)
    context = _context(request, school, schools, year)
    if context["counts_only"]:
        every = LessonVisit.objects.filter(school=school, year_id=year)
        return render(request, "observations/counts.html", context | {
            "totals": summary.totals(every), "purposes": summary.purpose_rows(every),
            "months": summary.month_rows(every), "kinds": summary.kind_rows(every)})
    _audit_list(request, school, year)
    form = JournalFilterForm(request.GET or None, visits=visits)
    shown = summary.filter_visits(visits, **form.chosen()).select_related(
        "teacher", "observer", "school_class", "subject")
    return render(request, "observations/index.html", context | {
        "form": form, "visits": list(shown), "has_visits": visits.exists(), "totals": summary.totals(shown),
        "levels": summary.level_counts(shown), "max_total": MAX_TOTAL})


def summary_page(request):
    school, schools, year, visits = _scope(request)
    context = _context(request, school, schools, year)
    if context["counts_only"]:
        visits = LessonVisit.objects.filter(school=school, year_id=year)
    figures = {"teachers": [] if context["counts_only"] else summary.teacher_rows(visits),
               "purposes": summary.purpose_rows(visits), "months": summary.month_rows(visits),
               "totals": summary.totals(visits), "levels": summary.level_counts(visits)}
    if figures["totals"].visits and wants_excel(request):
        # The file is logged as an export (the observer's too: what the municipality took away), not as a view.
        document = summary_document(school, year, **figures | {
            "levels": None if context["counts_only"] else figures["levels"]})
        return excel_response(request, document, filename=f"Сводка по посещению уроков {year_label(year)}",
                              object_type="lesson_visits_summary", school=school,
                              details={"учебный год": year_label(year), "посещений": figures["totals"].visits,
                                       "строк": rows_count(document)})
    if not context["counts_only"]:
        _audit_list(request, school, year)
    return render(request, "observations/summary.html", context | figures | {"max_total": MAX_TOTAL})


def _audit_list(request, school, year) -> None:
    """The journal and the summary name the visited teachers: a view of a list of staff data."""
    record(user=request.user, action=AuditAction.VIEW_LIST, object_type="lesson_visits", school=school,
           details={"учебный год": year_label(year)}, request=request)


def export(request):
    school, _, year, visits = _scope(request)
    if access.counts_only(request.user, school):
        raise PermissionDenied(access.COUNTS_ONLY)
    record(user=request.user, action=AuditAction.EXPORT, object_type="lesson_visits", school=school,
           details={"учебный год": year_label(year), "посещений": visits.count()}, request=request)
    response = HttpResponse(journal_xlsx(visits, year), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, f"Посещение уроков {year}-{(year or 0) + 1}.xlsx")
    return response


def _visit(request, pk: int) -> LessonVisit:
    """A visit the user reads: 403 for the observer (counts only), 404 outside the user's scope."""
    visit = get_object_or_404(
        LessonVisit.objects.select_related("school", "teacher", "observer", "school_class", "subject"), pk=pk,
        school__in=permissions.schools_with_observations_for(request.user))
    if access.counts_only(request.user, visit.school):
        raise PermissionDenied(access.COUNTS_ONLY)
    if not access.visits_visible_to(request.user, visit.school, visit.year_id).filter(pk=pk).exists():
        raise Http404("Такого посещения нет среди посещений, которые вам доступны.")
    return visit


def _editable(request, pk: int) -> LessonVisit:
    visit = _visit(request, pk)
    if not access.may_change(request.user, visit):
        raise PermissionDenied(access.KEEPERS_ONLY)
    return visit


def detail(request, pk: int):
    visit = _visit(request, pk)
    # A visit is a named teacher's assessed lesson: every reading of it is in the log (no name or text in it).
    record(user=request.user, action=AuditAction.VIEW_PERSON, object_type="lesson_visit", object_id=str(visit.pk),
           school=visit.school, request=request)
    scores = [(c, visit.scores.get(c.key)) for c in CRITERIA]
    return render(request, "observations/detail.html", {
        "visit": visit, "scores": scores, "max_total": MAX_TOTAL, "year_label": year_label(visit.year_id),
        "can_edit": access.may_change(request.user, visit)})


def _new(request) -> LessonVisit:
    if not permissions.can_record_observations(request.user):
        raise PermissionDenied(access.KEEPERS_ONLY)
    school, _ = chosen_school(permissions.schools_recording_observations_for(request.user), request.GET.get("school"),
                              access.KEEPERS_ONLY)
    year = page_year(request)
    if year is None:
        raise PermissionDenied("Сначала загрузите данные школы: посещение относится к учебному году.")
    today = timezone.localdate()
    first, last = LessonVisit(year_id=year).school_year_days
    return LessonVisit(school=school, year_id=year, date=today if first <= today <= last else None,
                       created_by=request.user)


def _audit(request, visit: LessonVisit, what: str) -> None:
    record(user=request.user, action=AuditAction.CHANGE, object_type="lesson_visit", object_id=str(visit.pk),
           school=visit.school, details={
               "действие": what, "дата": visit.date.strftime("%d.%m.%Y") if visit.date else "",
               "учитель": str(visit.teacher) if visit.teacher_id else "", "учебный год": year_label(visit.year_id)},
           request=request)


def edit(request, pk: int | None = None):
    visit = _new(request) if pk is None else _editable(request, pk)
    form = LessonVisitForm(request.POST or None, instance=visit,
                           teachers=access.recordable_teachers(request.user, visit.school, visit.year_id),
                           visitors=access.recording_visitors(request.user, visit.school))
    if request.method == "POST" and form.is_valid():
        form.save()
        _audit(request, visit, "изменено посещение" if pk else "записано посещение")
        # The shares of reg000.6.1 and 6.2 follow the journal: recomputed in the background.
        request_recompute(visit.school, visit.year_id)
        messages.success(request, "Посещение сохранено.")
        return redirect("observations:detail", pk=visit.pk)
    return render(request, "observations/edit.html", {"form": form, "visit": visit,
                                                      "year_label": year_label(visit.year_id)})


@require_POST
def delete(request, pk: int):
    visit = _editable(request, pk)
    _audit(request, visit, "удалено посещение")
    school, year = visit.school, visit.year_id
    visit.delete()
    request_recompute(school, year)
    messages.success(request, "Посещение удалено.")
    return redirect(f"{reverse('observations:index')}?school={school.code}&year={year}")
