"""The school year the user is looking at: kept in the session, chosen among the years with data;
the years a page that prepares a year offers besides them (`planning_years`: the coming years, before their data);
and the school, chosen with ?school=code among those a page offers (`chosen_school`).

Every page of the shell shows one year (`year_id` = its start year). The choice is
one of the years that have enrollments or staff rows in the user's schools; the
default is the latest of them. Other apps read it with `selected_year(request)`.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from vsoko.accounts.permissions import schools_for
from vsoko.records.models import Enrollment, OrgUnit, SchoolYear, StaffYear
from vsoko.records.years import coming_years
from vsoko.records.years import year_label as records_year_label

SESSION_KEY = "vsoko_year"


def years_with_data(user) -> list[SchoolYear]:
    """Years with enrollments or staff rows in the user's schools, latest first (one query)."""
    schools = schools_for(user)
    # EXISTS per year: an index probe on (school, year) that stops at the first row, where IN read every
    # enrollment of a municipality's fifty schools on every page.
    return list(
        SchoolYear.objects.filter(
            Exists(Enrollment.objects.filter(school__in=schools, year_id=OuterRef("start")))
            | Exists(StaffYear.objects.filter(school__in=schools, year_id=OuterRef("start")))
        ).order_by("-start")
    )


def available_years(request) -> list[SchoolYear]:
    """years_with_data for the request's user, computed once per request."""
    if not hasattr(request, "_vsoko_years"):
        request._vsoko_years = years_with_data(request.user) if request.user.is_authenticated else []
    return request._vsoko_years


def selected_year(request) -> int | None:
    """The year chosen in the session if it still has data, else the latest year with data."""
    years = [y.start for y in available_years(request)]
    if not years:
        return None
    chosen = request.session.get(SESSION_KEY)
    return chosen if chosen in years else years[0]


def page_year(request) -> int | None:
    """The page's own ?year= among the years with data (a link into another year: a student's history,
    an indicator's decision), else the year chosen in the header. The header's choice stays as it was."""
    raw = request.GET.get("year", "")
    if raw.isdigit() and int(raw) in {y.start for y in available_years(request)}:
        return int(raw)
    return selected_year(request)


def choose_year(request, start: int) -> bool:
    """Remember the year in the session; False if the user has no data for it."""
    if start not in {y.start for y in available_years(request)}:
        return False
    request.session[SESSION_KEY] = start
    return True


def planning_years(request) -> list[int]:
    """The years with data and the coming years, latest first: the years the pages that prepare a year (the
    monitoring plan) offer. Result pages offer only the years with data: a coming year would show nothing there."""
    with_data = [y.start for y in available_years(request)]
    return sorted({*with_data, *coming_years(with_data, timezone.localdate())}, reverse=True)


def planning_year(request) -> int:
    """The page's ?year= among the planning years, else the year chosen in the header, else (no data at all) the
    latest coming year."""
    years = planning_years(request)
    raw = request.GET.get("year", "")
    if raw.isdigit() and int(raw) in years:
        return int(raw)
    return selected_year(request) or years[0]


def year_label(start: int | None) -> str:
    return records_year_label(start) if start is not None else ""


def chosen_school(schools: QuerySet[OrgUnit], code: str | None, refusal: str) -> tuple[OrgUnit, list[OrgUnit]]:
    """The school asked for (`code`) among these, else the first by name, and all of them; 403 with `refusal`
    when there are none (the page is not for this user)."""
    options = list(schools.order_by("name"))
    if not options:
        raise PermissionDenied(refusal)
    return next((s for s in options if s.code == code), options[0]), options
