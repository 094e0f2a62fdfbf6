"""Lists and pages of classes, students and staff. Every object comes through vsoko.accounts.permissions."""

from __future__ import annotations

import operator
from functools import reduce

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from vsoko.accounts import permissions
from vsoko.accounts.directory import class_teacher_names
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.progress.parents import may_print as may_print_for_parents
from vsoko.progress.pupil_sheets import may_print as may_print_sheets
from vsoko.records.models import SchoolClass, StaffEvent, StaffYear
from vsoko.web.downloads import excel_response, wants_excel
from vsoko.web.forms import StaffFilterForm, StudentFilterForm
from vsoko.web.overview import on_roll_ids, pupils_at_year_end
from vsoko.web.people_tables import (
    class_document,
    class_list_document,
    staff_list_document,
    student_list_document,
)
from vsoko.web.school_year import page_year, selected_year, year_label
from vsoko.web.search import (
    filters_with_search,
    person_query,
    search_forgotten,
    searched_text,
    show_search,
)
from vsoko.web.student_card import student_card

PAGE_SIZE = 50


def class_list(request):
    user = request.user
    permissions.require_personal_data(user)
    year = selected_year(request)
    classes = list(
        permissions.classes_visible_to(user, year)
        .select_related("school")
        .order_by("school__name", "grade", "letter", "name")
    ) if year is not None else []
    teachers = class_teacher_names(classes)
    pupils = pupils_at_year_end(classes, year)
    rows = [(c, teachers.get((c.school_id, c.name), ""), pupils.get(c.pk, 0)) for c in classes]
    several_schools = len({c.school_id for c in classes}) > 1
    if rows and wants_excel(request):
        return excel_response(request, class_list_document(rows, year, several_schools=several_schools),
                              filename=f"Классы {year_label(year)}", object_type="class_list",
                              details={"учебный год": year_label(year), "строк": len(rows)})
    return render(request, "web/class_list.html", {
        "year": year,
        "rows": rows,
        "several_schools": several_schools,
    })


def class_detail(request, pk: int):
    user = request.user
    permissions.require_personal_data(user)
    year = SchoolClass.objects.filter(pk=pk).values_list("year_id", flat=True).first()
    if year is None:
        raise Http404
    school_class = get_object_or_404(permissions.classes_visible_to(user, year).select_related("school", "year"), pk=pk)
    enrollments = list(
        school_class.enrollments.select_related("student").order_by("student__last_name", "student__first_name", "student__pk")
    )
    on_roll = on_roll_ids(enrollments)
    rows = [(e, e.pk in on_roll) for e in enrollments]
    class_teacher = class_teacher_names([school_class]).get((school_class.school_id, school_class.name), "")
    if rows and wants_excel(request):
        return excel_response(request, class_document(school_class, rows, class_teacher),
                              filename=f"Класс {school_class.name} {year_label(school_class.year_id)}",
                              object_type="class", object_id=pk, school=school_class.school,
                              details={"строк": len(rows)})
    record(user=user, action=AuditAction.VIEW_LIST, object_type="class", object_id=pk, school=school_class.school, request=request)
    return render(request, "web/class_detail.html", {
        "school_class": school_class,
        "rows": rows,
        "class_teacher": class_teacher,
        "on_roll": len(on_roll),
        "year_next": reverse("web:class_list"),
        "may_print_sheets": may_print_sheets(user, school_class),
        "may_print_for_parents": may_print_for_parents(user, school_class),
    })


def student_list(request):
    user = request.user
    permissions.require_personal_data(user)
    if request.method == "POST":
        return show_search(request, filters=("class",))
    text = searched_text(request)
    if text is None:
        return search_forgotten(request)
    year = selected_year(request)
    classes = (
        permissions.classes_visible_to(user, year).order_by("grade", "letter", "name")
        if year is not None else SchoolClass.objects.none()
    )
    form = StudentFilterForm(filters_with_search(request, text), classes=classes)
    enrollments = permissions.enrollments_visible_to(user, year).select_related("student", "school_class")
    query, chosen_class = "", None
    if form.is_bound and not form.is_valid():
        enrollments = enrollments.none()  # a class outside the user's scope: show nothing, say why
    elif form.is_bound:
        query = form.cleaned_data["q"].strip()
        if query:
            enrollments = enrollments.filter(person_query(query, id_field="student_id", prefix="student__"))
        chosen_class = form.cleaned_data["class"]
        if chosen_class:
            enrollments = enrollments.filter(school_class=chosen_class)
    enrollments = enrollments.order_by("student__last_name", "student__first_name", "student__pk")
    if year is not None and wants_excel(request):
        # The whole list the search and filter found, not the page of 50: a list of minors' personal data
        # leaving the system, logged as such (the observer never gets here: require_personal_data above).
        found = list(enrollments.select_related("school"))
        on_roll = on_roll_ids(found)
        schools = {e.school for e in found}
        return excel_response(
            request, student_list_document([(e, e.pk in on_roll) for e in found], year, school_class=chosen_class,
                                           query=query),
            filename=f"Обучающиеся {year_label(year)}", object_type="student_list",
            school=schools.pop() if len(schools) == 1 else None,
            details={"персональные данные": "список обучающихся", "учебный год": year_label(year), "поиск": query,
                     "класс": chosen_class.name if chosen_class else "", "строк": len(found)})
    page = Paginator(enrollments, PAGE_SIZE).get_page(request.GET.get("page"))
    record(user=user, action=AuditAction.VIEW_LIST, object_type="student_list",
           details={"year": year, "q": query, "page": page.number}, request=request)
    on_roll = on_roll_ids(list(page))
    rows = [(e, e.pk in on_roll) for e in page]
    return render(request, "web/student_list.html", {
        "year": year, "form": form, "page": page, "rows": rows, "query": query,
    })


def student_detail(request, pk: int):
    user = request.user
    permissions.require_personal_data(user)
    year = page_year(request)
    if year is None:
        raise Http404
    student = get_object_or_404(permissions.students_visible_to(user, year).select_related("school"), pk=pk)
    card = student_card(student, year, sensitive=permissions.can_see_sensitive(user, student.school))
    record(user=user, action=AuditAction.VIEW_PERSON, object_type="student", object_id=student.pk,
           school=student.school, details={"sensitive": card.sensitive}, request=request)
    return render(request, "web/student_detail.html", {
        "card": card, "student": student, "year": year, "year_next": reverse("web:student_list"),
        "linked_classes": _classes_open_to(user, card.enrollments),
    })


def _classes_open_to(user, enrollments) -> set[int]:
    """Of the classes in a student's history, those whose page the user may open (a class teacher of
    5А this year may not open last year's 4А): the others are shown as plain text."""
    wanted = {e.school_class_id for e in enrollments}
    per_year = [permissions.classes_visible_to(user, year).filter(pk__in=wanted) for year in {e.year_id for e in enrollments}]
    if not per_year:
        return set()
    return set(reduce(operator.or_, per_year).values_list("pk", flat=True))  # one query, whatever the years


def staff_list(request):
    user = request.user
    permissions.require_staff_access(user)
    if request.method == "POST":
        return show_search(request)
    text = searched_text(request)
    if text is None:
        return search_forgotten(request)
    year = selected_year(request)
    form = StaffFilterForm(filters_with_search(request, text))
    rows = (
        StaffYear.objects.filter(year_id=year, staff__in=permissions.staff_visible_to(user, year))
        .select_related("staff")
        .prefetch_related("subjects")
    )
    query = ""
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"].strip()
        if query:
            rows = rows.filter(person_query(query, id_field="staff_id", prefix="staff__"))
    rows = rows.order_by("staff__last_name", "staff__first_name", "staff__pk")
    if year is not None and wants_excel(request):
        found = list(rows.select_related("school"))
        return excel_response(request, staff_list_document(found, year, query), filename=f"Работники {year_label(year)}",
                              object_type="staff_list",
                              details={"учебный год": year_label(year), "поиск": query, "строк": len(found)})
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    record(user=user, action=AuditAction.VIEW_LIST, object_type="staff_list",
           details={"year": year, "q": query, "page": page.number}, request=request)
    return render(request, "web/staff_list.html", {"year": year, "form": form, "page": page, "query": query})


def staff_detail(request, pk: int):
    user = request.user
    permissions.require_staff_access(user)
    year = page_year(request)
    staff = get_object_or_404(permissions.staff_visible_to(user, year).select_related("school"), pk=pk)
    years = list(staff.years.select_related("year").prefetch_related("subjects").order_by("-year_id"))
    events = list(StaffEvent.objects.filter(staff=staff).order_by("-year_id", "date", "title"))
    record(user=user, action=AuditAction.VIEW_PERSON, object_type="staff", object_id=staff.pk,
           school=staff.school, request=request)
    return render(request, "web/staff_detail.html", {
        "staff": staff, "years": years, "events": events, "year": year, "year_next": reverse("web:staff_list"),
        "show_birth_date": permissions.can_see_staff_birth_dates(user, staff.school),
    })
