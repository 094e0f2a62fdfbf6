"""«График работ»: the school's schedule of assessment procedures for a half-year with its load checks.
The administration keeps it; every role of the school reads it; the municipal observer reads the counts of
problems per school."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from vsoko.accounts import permissions
from vsoko.records.approval import DataLocked
from vsoko.records.models import OrgUnit, SchoolClass, Subject
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.registry import ReportError
from vsoko.reports.registry import render as render_report
from vsoko.reports.views import CONTENT_TYPES
from vsoko.schedule import changes, load
from vsoko.schedule.enums import Half, ProblemKind
from vsoko.schedule.forms import EntryForm, GradeForm, HolidayForm, HoursForm
from vsoko.schedule.grid import month_grids
from vsoko.schedule.models import Holiday, ScheduledAssessment, SubjectHours
from vsoko.schedule.results import loaded_results
from vsoko.schedule.wording import abbreviation
from vsoko.web.school_year import chosen_school, page_year, year_label

READERS_ONLY = "График оценочных процедур видят работники школы и наблюдатель муниципалитета."
KEEPERS_ONLY = "График оценочных процедур составляет и меняет администрация школы."
NO_YEAR = "Сначала загрузите данные школы: график составляется на учебный год."


def _half(request, year: int | None) -> Half:
    raw = request.GET.get("half", "")
    if raw in ("1", "2"):
        return Half(int(raw))
    today = timezone.localdate()
    return Half.of(today) if year is not None and Half.FIRST.bounds(year)[0] <= today else Half.FIRST


def _editable_school(request) -> tuple[OrgUnit, int]:
    school, _ = chosen_school(permissions.schools_administered_by(request.user), request.GET.get("school"),
                              KEEPERS_ONLY)
    year = page_year(request)
    if year is None:
        raise PermissionDenied(NO_YEAR)
    return school, year


def _entry(request, pk: int) -> ScheduledAssessment:
    """A work of a school the user keeps the schedule of (404 otherwise, as for any record)."""
    return get_object_or_404(ScheduledAssessment.objects.select_related("school", "school_class", "subject"), pk=pk,
                             school__in=permissions.schools_administered_by(request.user))


def _to_schedule(school: OrgUnit, year: int, half: Half | None = None):
    query = f"?school={school.code}&year={year}" + (f"&half={half.value}" if half else "")
    return redirect(reverse("schedule:index") + query)


def index(request):
    school, schools = chosen_school(permissions.schools_for(request.user), request.GET.get("school"), READERS_ONLY)
    year = page_year(request)
    half = _half(request, year)
    context = {"school": school, "schools": schools, "year": year, "year_label": year_label(year), "half": half,
               "halves": Half.choices, "problem_kinds": list(ProblemKind)}
    if not permissions.can_read_schedule(request.user, school):
        return _counts(request, context, schools)
    if year is None:
        return render(request, "schedule/index.html", context)
    raw_grade = request.GET.get("grade", "")
    classes = list(SchoolClass.objects.filter(school=school, year_id=year).order_by("grade", "name"))
    grades = sorted({c.grade for c in classes})
    grade = int(raw_grade) if raw_grade.isdigit() and int(raw_grade) in grades else None
    entries = list(load.entries_of(school, year, half).select_related("school_class", "subject")
                   .filter(**({"school_class__grade": grade} if grade else {})))
    shown = [c for c in classes if grade is None or c.grade == grade]
    found = load.problems(school, year, half)
    if grade is not None:
        names = {c.name for c in shown} | {f"{grade} класс"}
        found = [p for p in found if p.class_name in names]
    results = loaded_results(entries)
    for entry in entries:  # what the grid and the list show of each work, worked out once
        entry.short, entry.result_pk = abbreviation(entry.subject.name), results.get(entry.pk)
        entry.kind_label, entry.level_label = entry.get_kind_display(), entry.get_level_display()
        entry.edit_url = reverse("schedule:edit", args=[entry.pk])
    school_holidays = list(Holiday.objects.filter(school=school, year_id=year))
    context.update({
        "grades": grades, "grade": grade, "grids": month_grids(entries, shown, year, half, school_holidays),
        "entries": entries, "holidays": [h for h in school_holidays if h.overlaps(*half.bounds(year))],
        "problems": found, "counts": load.counts(found),
        "errors": sum(1 for p in found if not p.kind.is_warning),
        "abbreviations": sorted({(abbreviation(e.subject.name), e.subject.name) for e in entries}),
        "has_hours": SubjectHours.objects.filter(school=school, year_id=year).exists(),
        "has_holidays": bool(school_holidays),
        "can_edit": permissions.can_edit_schedule(request.user, school), "formats": [Format.XLSX, Format.DOCX],
    })
    return render(request, "schedule/index.html", context)


def _counts(request, context: dict, schools: list[OrgUnit]):
    """The observer's page: the problems of each school's schedule, counted, no works listed (the checks of all
    the schools run together: the queries do not grow with their number)."""
    year, half = context["year"], context["half"]
    rows = []
    if year is not None:
        found = load.problems_of_schools(schools, year, half)
        works = dict(load.entries_of(schools, year, half).values_list("school").annotate(n=Count("pk")))
        rows = [{"school": school, "counts": load.counts(found[school.pk]), "works": works.get(school.pk, 0)}
                for school in schools]
    context.update({"rows": rows})
    return render(request, "schedule/counts.html", context)


def _save(request, entry: ScheduledAssessment, form) -> bool:
    try:
        changes.save_entry(form.save(commit=False), user=request.user, request=request)
    except DataLocked as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, "Работа сохранена в графике.")
    return True


def edit(request, pk: int | None = None):
    if pk is None:
        school, year = _editable_school(request)
        entry = ScheduledAssessment(school=school, year_id=year)
    else:
        entry = _entry(request, pk)
    form = EntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid() and _save(request, entry, form):
        return _to_schedule(entry.school, entry.year_id, Half.of(entry.date))
    return render(request, "schedule/edit.html", {"form": form, "entry": entry,
                                                  "year_label": year_label(entry.year_id)})


@require_POST
def delete(request, pk: int):
    entry = _entry(request, pk)
    try:
        changes.delete_entry(entry, user=request.user, request=request)
    except DataLocked as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Работа удалена из графика.")
    return _to_schedule(entry.school, entry.year_id, Half.of(entry.date))


def grade(request):
    school, year = _editable_school(request)
    form = GradeForm(request.POST or None, school=school, year=year)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            added = changes.add_for_grade(school=school, year=year, user=request.user, request=request, **data)
        except DataLocked as exc:
            messages.error(request, str(exc))
        else:
            if added:
                messages.success(request, f"Добавлено в график: {', '.join(a.school_class.name for a in added)}.")
            else:
                messages.info(request, "Эта работа уже стоит в графике во всех классах параллели.")
            return _to_schedule(school, year, Half.of(data["date"]))
    return render(request, "schedule/grade.html", {"form": form, "school": school, "year": year,
                                                   "year_label": year_label(year)})


def hours(request):
    school, year = _editable_school(request)
    grades = list(SchoolClass.objects.filter(school=school, year_id=year).order_by("grade")
                  .values_list("grade", flat=True).distinct())
    if not grades:
        raise Http404
    raw = request.GET.get("grade", "")
    chosen = int(raw) if raw.isdigit() and int(raw) in grades else grades[0]
    current = dict(SubjectHours.objects.filter(school=school, year_id=year, grade=chosen)
                   .values_list("subject_id", "hours"))
    subjects = list(Subject.objects.order_by("name"))
    form = HoursForm(request.POST or None, subjects=subjects, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            changed = changes.save_hours(school=school, year=year, grade=chosen, hours=form.hours(),
                                         user=request.user, request=request)
        except DataLocked as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Сохранено изменений: {changed}." if changed else "Изменений нет.")
            return redirect(f"{reverse('schedule:hours')}?school={school.code}&year={year}&grade={chosen}")
    return render(request, "schedule/hours.html", {
        "form": form, "school": school, "year": year, "year_label": year_label(year), "grades": grades,
        "grade": chosen, "share": settings.VSOKO_SCHEDULE_MAX_SHARE_PERCENT,
    })


def _holiday(request, pk: int) -> Holiday:
    """Holidays of a school the user keeps the schedule of (404 otherwise)."""
    return get_object_or_404(Holiday.objects.select_related("school"), pk=pk,
                             school__in=permissions.schools_administered_by(request.user))


def _to_holidays(school: OrgUnit, year: int):
    return redirect(f"{reverse('schedule:holidays')}?school={school.code}&year={year}")


def holidays(request):
    """The school's holidays of the year: the list, a form to add, the typical calendar in one button."""
    school, year = _editable_school(request)
    holiday = Holiday(school=school, year_id=year)
    form = HolidayForm(request.POST or None, instance=holiday)
    if request.method == "POST" and form.is_valid() and _save_holiday(request, form):
        return _to_holidays(school, year)
    return render(request, "schedule/holidays.html", {
        "form": form, "school": school, "year": year, "year_label": year_label(year),
        "holidays": Holiday.objects.filter(school=school, year_id=year),
    })


def holiday_edit(request, pk: int):
    holiday = _holiday(request, pk)
    form = HolidayForm(request.POST or None, instance=holiday)
    if request.method == "POST" and form.is_valid() and _save_holiday(request, form):
        return _to_holidays(holiday.school, holiday.year_id)
    return render(request, "schedule/holiday.html", {"form": form, "holiday": holiday,
                                                     "year_label": year_label(holiday.year_id)})


def _save_holiday(request, form) -> bool:
    try:
        saved = changes.save_holiday(form.save(commit=False), user=request.user, request=request)
    except DataLocked as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, f"Каникулы сохранены: {saved}.")
    return True


@require_POST
def holiday_delete(request, pk: int):
    holiday = _holiday(request, pk)
    try:
        changes.delete_holiday(holiday, user=request.user, request=request)
    except DataLocked as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Каникулы удалены: {holiday}.")
    return _to_holidays(holiday.school, holiday.year_id)


@require_POST
def holidays_typical(request):
    school, year = _editable_school(request)
    try:
        added = changes.load_typical_holidays(school=school, year=year, user=request.user, request=request)
    except DataLocked as exc:
        messages.error(request, str(exc))
    else:
        if added:
            messages.success(request, f"Добавлены типовые каникулы: {'; '.join(str(h) for h in added)}. "
                                      "Сверьте даты с календарным учебным графиком школы.")
        else:
            messages.info(request, "Все типовые каникулы этого года уже есть в списке.")
    return _to_holidays(school, year)


def export(request, fmt: str):
    if fmt not in (Format.XLSX, Format.DOCX):
        raise Http404
    school, _ = chosen_school(permissions.schools_for(request.user), request.GET.get("school"), READERS_ONLY)
    if not permissions.can_read_schedule(request.user, school):
        raise PermissionDenied("Наблюдатель видит число нарушений по школам; график публикует школа на своём сайте.")
    year = page_year(request)
    if year is None:
        raise Http404
    half = _half(request, year)
    try:
        data = render_report(ReportKind.SCHEDULE, school, year, Format(fmt), half=half)
    except ReportError as exc:
        messages.error(request, str(exc))
        return _to_schedule(school, year, half)
    response = HttpResponse(data, content_type=CONTENT_TYPES[Format(fmt)])
    response["Content-Disposition"] = content_disposition_header(
        True, f"{ReportKind.SCHEDULE.label} {year}-{year + 1} {half.label}.{fmt}")
    return response

