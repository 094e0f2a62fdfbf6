"""Submitting, approving and reopening a year's (or a period's) data.

Everything that writes records or entered values — imports, manual entry, edits —
calls `ensure_open` first, so approved results never change silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction

from vsoko.accounts import permissions
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.records.enums import ApprovalStatus
from vsoko.records.models import Enrollment, OrgUnit, SchoolYear, StaffYear, YearApproval


class DataLocked(Exception):
    """The data are approved; the message says which and who may reopen them."""


def locked_years(school: OrgUnit, years) -> list[int]:
    """Of these years, the ones whose data (whole year or any period) are approved."""
    return sorted(
        set(
            YearApproval.objects.filter(school=school, year_id__in=list(years), status=ApprovalStatus.APPROVED)
            .values_list("year_id", flat=True)
        )
    )


def ensure_open(school: OrgUnit, years) -> None:
    locked = locked_years(school, years)
    if locked:
        labels = ", ".join(f"{y}/{y + 1}" for y in locked)
        raise DataLocked(
            f"Данные за {labels} учебный год утверждены и не могут быть изменены. "
            "Директор может снять утверждение на странице «Данные» → «Утверждение данных»."
        )


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
    done: str  # the message afterwards; {year} is «2024/2025»
    sources: tuple[ApprovalStatus, ...]
    target: ApprovalStatus
    allowed: Callable[[object, OrgUnit], bool]
    refused: str  # why PermissionDenied, for those without the right


TRANSITIONS: dict[str, Transition] = {t.key: t for t in (
    Transition(
        "submit", "Передать на утверждение", "Данные за {year} учебный год переданы директору на утверждение.",
        (ApprovalStatus.OPEN,), ApprovalStatus.SUBMITTED, permissions.can_manage_data,
        "Передать данные на утверждение могут администратор, директор и заместитель директора.",
    ),
    Transition(
        "approve", "Утвердить", "Данные за {year} учебный год утверждены: изменить их теперь нельзя.",
        (ApprovalStatus.OPEN, ApprovalStatus.SUBMITTED), ApprovalStatus.APPROVED, permissions.can_approve_data,
        "Утверждает данные директор школы.",
    ),
    Transition(
        "return", "Вернуть на доработку", "Данные за {year} учебный год возвращены на доработку.",
        (ApprovalStatus.SUBMITTED,), ApprovalStatus.OPEN, permissions.can_manage_data,
        "Вернуть данные на доработку могут администратор, директор и заместитель директора.",
    ),
    Transition(
        "reopen", "Снять утверждение", "Утверждение данных за {year} учебный год снято: данные снова можно изменять.",
        (ApprovalStatus.APPROVED,), ApprovalStatus.OPEN, permissions.can_approve_data,
        "Снять утверждение может только директор школы.",
    ),
)}


class TransitionRefused(Exception):
    """The data are not in a state the step starts from (someone else moved them meanwhile)."""


def year_status(school: OrgUnit, year: int) -> ApprovalStatus:
    status = YearApproval.objects.filter(school=school, year_id=year, period="").values_list("status", flat=True).first()
    return ApprovalStatus(status) if status else ApprovalStatus.OPEN


def transitions_for(user, school: OrgUnit, status: ApprovalStatus) -> list[Transition]:
    """The steps this user may take from this state, in the order of TRANSITIONS."""
    return [t for t in TRANSITIONS.values() if status in t.sources and t.allowed(user, school)]


@transaction.atomic
def apply_transition(key: str, *, school: OrgUnit, year: int, user, request=None) -> YearApproval:
    """Take one step of the workflow; PermissionDenied without the right, TransitionRefused from a wrong state."""
    transition = TRANSITIONS[key]
    if not transition.allowed(user, school):
        raise PermissionDenied(transition.refused)
    SchoolYear.objects.get_or_create(start=year)
    # Lock the row (if any), so two people pressing buttons at once see each other's step.
    current = (
        YearApproval.objects.select_for_update().filter(school=school, year_id=year, period="")
        .values_list("status", flat=True).first()
    ) or ApprovalStatus.OPEN
    if current not in transition.sources:
        raise TransitionRefused(
            f"Данные за {year}/{year + 1} учебный год уже в состоянии «{ApprovalStatus(current).label}»: "
            f"действие «{transition.label}» к ним не применяется. Обновите страницу."
        )
    return set_status(school=school, year=year, status=transition.target, user=user, request=request)


@dataclass
class YearRow:
    """One line of the page: a school's year, its state, who moved it last and when, the steps offered."""

    school: OrgUnit
    year: int
    approval: YearApproval | None
    approved_periods: list[str]
    transitions: list[Transition]

    @property
    def status(self) -> ApprovalStatus:
        return ApprovalStatus(self.approval.status) if self.approval else ApprovalStatus.OPEN

    @property
    def label(self) -> str:
        return f"{self.year}/{self.year + 1}"


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
            periods.setdefault((a.school_id, a.year_id), []).append(a.get_period_display())
    by_id = {s.pk: s for s in schools}
    rows = []
    for school_id, year in sorted(pairs, key=lambda p: (by_id[p[0]].name, -p[1])):
        row = YearRow(by_id[school_id], year, whole.get((school_id, year)), sorted(periods.get((school_id, year), [])), [])
        row.transitions = transitions_for(user, row.school, row.status)
        rows.append(row)
    return rows
