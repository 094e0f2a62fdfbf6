"""Submitting, approving and reopening a year's data, or one period's marks.

An approved year locks all of the school's data of that year; an approved period
(«1 четверть», годовые отметки) locks only the period marks of that period, so the
results of a quarter can be approved at its pedagogical council while the rest of
the year is still being entered. Everything that writes records or entered values —
imports, manual entry, edits — calls `ensure_open` first, so approved results never
change silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction

from vsoko.accounts import permissions
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.records.enums import ApprovalStatus, Period
from vsoko.records.models import (
    Enrollment,
    OrgUnit,
    SchoolYear,
    StaffYear,
    YearApproval,
)
from vsoko.records.years import year_label

REOPEN_HINT = "Директор может снять утверждение на странице «Данные» → «Утверждение данных»."


class DataLocked(Exception):
    """The data are approved; the message says which and who may reopen them."""


def what_is_approved(year: int, period: str = "") -> str:
    """The subject of the page's messages: «Данные за 2024/2025 учебный год», «Отметки за 1 четверть 2024/2025 учебного года»."""
    if not period:
        return f"Данные за {year_label(year)} учебный год"
    if period == Period.YEAR:
        return f"Годовые отметки за {year_label(year)} учебный год"
    return f"Отметки за {Period(period).label} {year_label(year)} учебного года"


def locked_years(school: OrgUnit, years) -> list[int]:
    """Of these years, the ones whose data are approved as a whole."""
    return sorted(
        set(
            YearApproval.objects.filter(school=school, year_id__in=list(years), period="", status=ApprovalStatus.APPROVED)
            .values_list("year_id", flat=True)
        )
    )


def locked_periods(school: OrgUnit, periods: Iterable[tuple[int, str]]) -> list[tuple[int, str]]:
    """Of these (year, period) pairs, the ones whose marks are approved."""
    wanted = set(periods)
    if not wanted:
        return []
    approved = YearApproval.objects.filter(
        school=school, year_id__in={year for year, _ in wanted}, period__in={period for _, period in wanted},
        status=ApprovalStatus.APPROVED,
    ).values_list("year_id", "period")
    return sorted(set(approved) & wanted)


def ensure_open(school: OrgUnit, years, mark_periods: Iterable[tuple[int, str]] = ()) -> None:
    """Raise DataLocked if any of these years is approved, or the marks of any of these (year, period) pairs."""
    locked = locked_years(school, years)
    if locked:
        labels = ", ".join(year_label(y) for y in locked)
        raise DataLocked(f"Данные за {labels} учебный год утверждены и не могут быть изменены. {REOPEN_HINT}")
    periods = locked_periods(school, mark_periods)
    if periods:
        labels = "; ".join(what_is_approved(year, period) for year, period in periods)
        raise DataLocked(f"{labels}: утверждены и не могут быть изменены. {REOPEN_HINT}")


@transaction.atomic
def set_status(*, school: OrgUnit, year: int, status: ApprovalStatus, user, period: str = "", request=None) -> YearApproval:
    """Move a year's data to a new state; reopening approved data is logged as such."""
    SchoolYear.objects.get_or_create(start=year)
    approval, _ = YearApproval.objects.select_for_update().get_or_create(school=school, year_id=year, period=period)
    previous = approval.status
    approval.status = status
    approval.changed_by = user if getattr(user, "is_authenticated", False) else None
    approval.save()
    action = {
        ApprovalStatus.APPROVED: AuditAction.APPROVE,
        ApprovalStatus.OPEN: AuditAction.REOPEN if previous == ApprovalStatus.APPROVED else AuditAction.CHANGE,
    }.get(status, AuditAction.CHANGE)
    record(
        user=user, action=action, object_type="year_approval", object_id=f"{year}{'/' + period if period else ''}",
        school=school, details={"status": [previous, status]}, request=request,
    )
    return approval


# The workflow of the «Утверждение данных» page: open → submitted → approved → (reopened) open.


@dataclass(frozen=True)
class Transition:
    key: str
    label: str  # the button
    done: str  # the message afterwards; {what} is `what_is_approved`
    sources: tuple[ApprovalStatus, ...]
    target: ApprovalStatus
    allowed: Callable[[object, OrgUnit], bool]
    refused: str  # why PermissionDenied, for those without the right


TRANSITIONS: dict[str, Transition] = {t.key: t for t in (
    Transition(
        "submit", "Передать на утверждение", "{what} переданы директору на утверждение.",
        (ApprovalStatus.OPEN,), ApprovalStatus.SUBMITTED, permissions.can_manage_data,
        "Передать данные на утверждение могут администратор, директор и заместитель директора.",
    ),
    Transition(
        "approve", "Утвердить", "{what} утверждены: изменить их теперь нельзя.",
        (ApprovalStatus.OPEN, ApprovalStatus.SUBMITTED), ApprovalStatus.APPROVED, permissions.can_approve_data,
        "Утверждает данные директор школы.",
    ),
    Transition(
        "return", "Вернуть на доработку", "{what} возвращены на доработку.",
        (ApprovalStatus.SUBMITTED,), ApprovalStatus.OPEN, permissions.can_manage_data,
        "Вернуть данные на доработку могут администратор, директор и заместитель директора.",
    ),
    Transition(
        "reopen", "Снять утверждение", "{what}: утверждение снято, их снова можно изменять.",
        (ApprovalStatus.APPROVED,), ApprovalStatus.OPEN, permissions.can_approve_data,
        "Снять утверждение может только директор школы.",
    ),
)}


class TransitionRefused(Exception):
    """The data are not in a state the step starts from (someone else moved them meanwhile)."""


def year_status(school: OrgUnit, year: int, period: str = "") -> ApprovalStatus:
    status = YearApproval.objects.filter(school=school, year_id=year, period=period).values_list("status", flat=True).first()
    return ApprovalStatus(status) if status else ApprovalStatus.OPEN


def transitions_for(user, school: OrgUnit, status: ApprovalStatus) -> list[Transition]:
    """The steps this user may take from this state, in the order of TRANSITIONS."""
    return [t for t in TRANSITIONS.values() if status in t.sources and t.allowed(user, school)]


@transaction.atomic
def apply_transition(key: str, *, school: OrgUnit, year: int, user, period: str = "", request=None) -> YearApproval:
    """Take one step of the workflow for the year (period "") or one period's marks;
    PermissionDenied without the right, TransitionRefused from a wrong state."""
    transition = TRANSITIONS[key]
    if not transition.allowed(user, school):
        raise PermissionDenied(transition.refused)
    SchoolYear.objects.get_or_create(start=year)
    # Lock the row (if any), so two people pressing buttons at once see each other's step.
    current = (
        YearApproval.objects.select_for_update().filter(school=school, year_id=year, period=period)
        .values_list("status", flat=True).first()
    ) or ApprovalStatus.OPEN
    if current not in transition.sources:
        raise TransitionRefused(
            f"{what_is_approved(year, period)} уже в состоянии «{ApprovalStatus(current).label}»: "
            f"действие «{transition.label}» к ним не применяется. Обновите страницу."
        )
    return set_status(school=school, year=year, period=period, status=transition.target, user=user, request=request)


def period_name(period: str) -> str:
    """A period as the approval page names it: «1 четверть», «годовые отметки»."""
    return "годовые отметки" if period == Period.YEAR else Period(period).label


@dataclass
class YearRow:
    """One line of the page: a school's year (or one period's marks of it), its state, who moved it
    last and when, the steps offered."""

    school: OrgUnit
    year: int
    approval: YearApproval | None
    approved_periods: list[str]
    transitions: list[Transition]
    period: str = ""

    @property
    def status(self) -> ApprovalStatus:
        return ApprovalStatus(self.approval.status) if self.approval else ApprovalStatus.OPEN

    @property
    def label(self) -> str:
        return year_label(self.year)

    @property
    def period_label(self) -> str:
        return period_name(self.period) if self.period else ""


def year_rows(user, schools) -> list[YearRow]:
    """Every year with data (contingent, staff or an approval) of these schools, latest first; a fixed number of queries."""
    schools = list(schools)
    ids = [s.pk for s in schools]
    pairs = set(Enrollment.objects.filter(school_id__in=ids).values_list("school_id", "year_id").distinct())
    pairs |= set(StaffYear.objects.filter(school_id__in=ids).values_list("school_id", "year_id").distinct())
    approvals = list(YearApproval.objects.filter(school_id__in=ids).select_related("changed_by"))
    pairs |= {(a.school_id, a.year_id) for a in approvals}
    whole = {(a.school_id, a.year_id): a for a in approvals if not a.period}
    periods: dict[tuple[int, int], list[str]] = {}
    for a in approvals:
        if a.period and a.status == ApprovalStatus.APPROVED:
            periods.setdefault((a.school_id, a.year_id), []).append(a.period)
    by_id = {s.pk: s for s in schools}
    rows = []
    for school_id, year in sorted(pairs, key=lambda p: (by_id[p[0]].name, -p[1])):
        school = by_id[school_id]
        order = Period.for_system(school.period_system)
        approved = sorted(periods.get((school_id, year), []), key=lambda p: order.index(p) if p in order else len(order))
        row = YearRow(school, year, whole.get((school_id, year)), [period_name(p) for p in approved], [])
        row.transitions = transitions_for(user, row.school, row.status)
        rows.append(row)
    return rows


def period_rows(user, schools, year: int) -> list[YearRow]:
    """The periods of the school's system (quarters, trimesters or halves, then the year marks) of one
    year, each with its own state; a fixed number of queries."""
    schools = list(schools)
    approvals = {
        (a.school_id, a.period): a
        for a in YearApproval.objects.filter(school__in=schools, year_id=year).exclude(period="").select_related("changed_by")
    }
    rows = []
    for school in schools:
        for period in Period.for_system(school.period_system):
            row = YearRow(school, year, approvals.get((school.pk, period)), [], [], period=period)
            row.transitions = transitions_for(user, school, row.status)
            rows.append(row)
    return rows
