"""Changing the plan's items: freely while the plan is a draft; once the director's order approves it, every item
added, changed (its object, indicators, methods, periodicity, months, responsible, form of results) or deleted is
an amendment (изменение плана) with its reason, the old and new values, who and when. The done date and the
result note are the plan's execution, not a change of it: they need no reason in either state."""

from __future__ import annotations

from django.db import transaction

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.plan.approval import approval_in_force
from vsoko.plan.enums import MONTH_NAMES, PLAN_FIELDS, AmendmentKind
from vsoko.plan.models import PlanAmendment, PlanApproval, PlanItem
from vsoko.records.models import SchoolYear
from vsoko.records.years import year_label

REASON_HINT = "Укажите «Основание изменения» — например, приказ о внесении изменений в план."


class ReasonRequired(Exception):
    """The plan is approved and the change has no reason: nothing is saved. The message names the order and
    what would change."""


def plan_values(item: PlanItem) -> dict[str, str]:
    """The item's plan fields as the plan shows them (months by name in school-year order, indicators by code)."""
    return {
        "object": item.object, "group": item.group, "indicators": ", ".join(item.indicators),
        "method": item.method, "periodicity": item.periodicity,
        "months": ", ".join(MONTH_NAMES[m] for m in item.school_months), "responsible": item.responsible,
        "result_form": item.result_form,
    }


def _changes(before: dict[str, str], after: dict[str, str]) -> list[dict[str, str]]:
    return [{"field": field, "old": before[field], "new": after[field]}
            for field in PLAN_FIELDS if before[field] != after[field]]


def _user(user):
    return user if getattr(user, "is_authenticated", False) else None


def _refusal(approval: PlanApproval, year: int, what: str) -> ReasonRequired:
    return ReasonRequired(f"План на {year_label(year)} учебный год утверждён приказом директора {approval.order}: "
                          f"{what} с основанием. {REASON_HINT}")


def _audit(item: PlanItem, what: str, changes: list[dict[str, str]], reason: str, user, request) -> None:
    details = {"действие": what, "пункт": item.object[:200]}
    if changes:
        details["изменения"] = {PLAN_FIELDS[c["field"]]: [c["old"], c["new"]] for c in changes}
    if reason:
        details["основание"] = reason
    record(user=user, action=AuditAction.CHANGE, object_type="plan", object_id=str(item.year_id),
           school=item.school, details=details, request=request)


def save_item(item: PlanItem, *, reason: str = "", user=None, request=None) -> PlanAmendment | None:
    """Save a new or changed item (its values already set on `item`) and audit it. Under an approval in force a
    new item, or a change of its plan fields, needs a reason and becomes an amendment (returned); without the
    reason ReasonRequired is raised and nothing is saved."""
    reason = reason.strip()
    with transaction.atomic():
        stored = PlanItem.objects.select_for_update().filter(pk=item.pk).first() if item.pk else None
        after = plan_values(item)
        if stored is None:
            changes = [{"field": field, "old": "", "new": value} for field, value in after.items() if value]
        else:
            changes = _changes(plan_values(stored), after)
        approval = approval_in_force(item.school, item.year_id, lock=True)
        amends = approval is not None and (stored is None or bool(changes))
        if amends and not reason:
            what = ("новый пункт вносится в план" if stored is None else
                    f"изменения пункта «{stored.object}» ({', '.join(PLAN_FIELDS[c['field']] for c in changes)}) "
                    "вносятся")
            raise _refusal(approval, item.year_id, what)
        if stored is None:  # the first item of a coming year: its record is made with it (vsoko.plan.drafting)
            SchoolYear.objects.get_or_create(start=item.year_id)
        item.save()
        amendment = None
        if amends:
            amendment = PlanAmendment.objects.create(
                approval=approval, item=item, item_name=item.object,
                kind=AmendmentKind.ADDED if stored is None else AmendmentKind.CHANGED, changes=changes,
                reason=reason, made_by=_user(user),
            )
        what = "добавлен пункт плана" if stored is None else "изменён пункт плана"
        _audit(item, f"изменение утверждённого плана: {what}" if amends else what, changes, reason if amends else "",
               user, request)
    return amendment


def delete_item(item: PlanItem, *, reason: str = "", user=None, request=None) -> PlanAmendment | None:
    """Delete the item and audit it. Under an approval in force it needs a reason and becomes an amendment with
    the item's values (returned); without the reason ReasonRequired is raised and nothing is deleted."""
    reason = reason.strip()
    with transaction.atomic():
        approval = approval_in_force(item.school, item.year_id, lock=True)
        if approval is not None and not reason:
            raise _refusal(approval, item.year_id, f"пункт «{item.object}» удаляется из плана")
        changes = [{"field": field, "old": value, "new": ""} for field, value in plan_values(item).items() if value]
        amendment = None
        if approval is not None:
            amendment = PlanAmendment.objects.create(
                approval=approval, item=None, item_name=item.object, kind=AmendmentKind.DELETED, changes=changes,
                reason=reason, made_by=_user(user),
            )
        _audit(item, "изменение утверждённого плана: удалён пункт плана" if approval else "удалён пункт плана",
               changes if approval else [], reason if approval else "", user, request)
        item.delete()
    return amendment
