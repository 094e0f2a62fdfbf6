"""«План мониторинга»: the year's plan for every role of the school; drafting and changes for the administration;
approval by the director's order, after which changes are amendments with a reason (vsoko.plan.approval, .amendments)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from vsoko.accounts import permissions
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.indicators.models import Indicator
from vsoko.plan import amendments
from vsoko.plan.approval import (
    APPROVE_REFUSED,
    LIFT_REFUSED,
    ApprovalRefused,
    approval_in_force,
    approvals_of_year,
    approve_plan,
    lift_approval,
)
from vsoko.plan.carryover import NothingToCarryOver, carry_over_plan, source_year
from vsoko.plan.drafting import PlanExists, draft_plan
from vsoko.plan.enums import HALF_YEARS, MONTH_NAMES, SCHOOL_MONTHS, PlanStatus
from vsoko.plan.forms import ApprovalForm, DeleteForm, LiftForm, PlanItemForm, ReviewForm
from vsoko.plan.models import PlanItem
from vsoko.plan.review import REVIEW_REFUSED, ReviewRefused, review_of, review_plan
from vsoko.records.models import OrgUnit
from vsoko.reports.enums import Format, ReportKind
from vsoko.web.school_year import chosen_school, planning_year, planning_years, year_label


def _schools(request) -> tuple[OrgUnit, list[OrgUnit]]:
    """The school asked for (?school=code) among the user's, else the first; and all the user's schools."""
    return chosen_school(permissions.schools_for(request.user), request.GET.get("school"),
                         "У вас нет роли ни в одной школе.")


def _editable_school(request) -> OrgUnit:
    school, _ = _schools(request)
    if not permissions.can_edit_plan(request.user, school):
        raise PermissionDenied("План мониторинга составляет и меняет администрация школы.")
    return school


def _item(request, pk: int) -> PlanItem:
    """An item of a school the user keeps the plan of (404 otherwise, as for any record)."""
    return get_object_or_404(PlanItem.objects.select_related("school"), pk=pk,
                             school__in=permissions.schools_administered_by(request.user))


def _to_plan(school: OrgUnit, year: int):
    return redirect(f"{reverse('plan:index')}?school={school.code}&year={year}")


def _audit(request, item: PlanItem, what: str) -> None:
    record(user=request.user, action=AuditAction.CHANGE, object_type="plan", object_id=str(item.year_id),
           school=item.school, details={"действие": what, "пункт": item.object[:200]}, request=request)


def index(request, bound: dict | None = None):
    """The plan of ?year= (a year with data or a coming one: the plan is drafted before the year's data exist);
    `bound`: a refused approval, lift or review form, shown again with what was typed."""
    school, schools = _schools(request)
    year = planning_year(request)
    today = timezone.localdate()
    items = list(PlanItem.objects.filter(school=school, year_id=year))
    names = dict(Indicator.objects.filter(code__in={c for i in items for c in i.indicators})
                 .values_list("code", "name"))
    asked = request.GET.get("month", "")
    month = int(asked) if asked.isdigit() and int(asked) in MONTH_NAMES else None
    half = asked if asked in HALF_YEARS else None
    wanted = {month} if month else set(HALF_YEARS[half][1]) if half else None  # None: the whole year
    rows = [{"item": item, "status": item.status(today), "months": ", ".join(MONTH_NAMES[m] for m in item.school_months),
             "indicators": [(code, names.get(code, code)) for code in item.indicators]}
            for item in items if wanted is None or wanted & set(item.months)]
    statuses = [row["status"] for row in rows]
    approvals = approvals_of_year(school, year)
    approval = next((a for a in approvals if a.lifted_at is None), None)
    return render(request, "plan/index.html", {
        "school": school, "schools": schools, "year": year, "year_label": year_label(year), "rows": rows,
        "has_items": bool(items), "plan_years": [(y, year_label(y)) for y in planning_years(request)],
        # The header's year choice opens the plan of that year: the page's own ?year= is left behind.
        "year_next": f"{reverse('plan:index')}?school={school.code}",
        "months": [(m, MONTH_NAMES[m]) for m in SCHOOL_MONTHS], "month": month,
        "halves": [(value, label) for value, (label, _) in HALF_YEARS.items()], "half": half,
        "counts": {status: statuses.count(status) for status in PlanStatus},
        "can_edit": permissions.can_edit_plan(request.user, school),
        "formats": [Format.DOCX, Format.XLSX], "report_kind": ReportKind.PLAN,
        "approval": approval,
        "amendments": list(approval.amendments.select_related("made_by")) if approval else [],
        "can_approve": permissions.can_approve_plan(request.user, school),
        "can_lift": permissions.can_lift_plan_approval(request.user, school),
        "approval_form": ApprovalForm(initial={"year": year}), "lift_form": LiftForm(initial={"year": year}),
        "lifted": [a for a in approvals if a.lifted_at is not None],
        "review": review_of(school, year),
        "review_form": ReviewForm(initial={"year": year}, prefix="review"),
        # «Взять за основу план …»: offered for a year without a plan, from the school's latest earlier one.
        "source_label": year_label(source_year(school, year)) if not items and approval is None else "",
        **(bound or {}),
    })


def _problems_phrase(items, year: int) -> str:
    """«, из них по проблемам 2024/2025 учебного года — 3» for the message after a plan is made; «» without any."""
    problems = sum(1 for item in items if item.problems)
    return f", из них по проблемам {year_label(year - 1)} учебного года — {problems}" if problems else ""


@require_POST
def draft(request):
    school = _editable_school(request)
    year = planning_year(request)
    try:
        items = draft_plan(school=school, year=year, user=request.user, request=request)
    except PlanExists as exc:
        messages.error(request, str(exc))
    else:
        looked_back = _problems_phrase(items, year)
        messages.success(request, f"Проект плана составлен по каталогам: пунктов — {len(items)}{looked_back}. "
                                  "Проверьте сроки и ответственных.")
    return _to_plan(school, year)


@require_POST
def carry_over(request):
    """«Взять за основу план прошлого года» (vsoko.plan.carryover): what to check is said one line an item."""
    school = _editable_school(request)
    year = planning_year(request)
    try:
        made = carry_over_plan(school=school, year=year, user=request.user, request=request)
    except (PlanExists, NothingToCarryOver) as exc:
        messages.error(request, str(exc))
    else:
        looked_back = _problems_phrase(made.items, year)
        messages.success(request, f"План на {year_label(year)} учебный год составлен по плану "
                                  f"{year_label(made.source_year)} учебного года: пунктов — {len(made.items)}"
                                  f"{looked_back}. Сроки — те же месяцы нового учебного года; проверьте их и "
                                  "ответственных.")
        for line in made.notice:
            messages.warning(request, line)
    return _to_plan(school, year)


def edit(request, pk: int | None = None):
    if pk is None:
        school = _editable_school(request)
        year = planning_year(request)
        last = PlanItem.objects.filter(school=school, year_id=year).order_by("-position").first()
        item = PlanItem(school=school, year_id=year, position=last.position + 1 if last else 1)
    else:
        item = _item(request, pk)
    form = PlanItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            amendment = amendments.save_item(form.save(commit=False), reason=form.cleaned_data["reason"],
                                             user=request.user, request=request)
        except amendments.ReasonRequired as exc:
            form.add_error("reason", str(exc))
        else:
            messages.success(request, "Изменение плана записано." if amendment else "Пункт плана сохранён.")
            return _to_plan(item.school, item.year_id)
    return render(request, "plan/edit.html", {
        "form": form, "item": item, "year_label": year_label(item.year_id),
        "approval": approval_in_force(item.school, item.year_id), "delete_form": DeleteForm(prefix="delete"),
    })


@require_POST
def mark_done(request, pk: int):
    item = _item(request, pk)
    item.done_on = None if request.POST.get("action") == "undo" else timezone.localdate()
    item.save(update_fields=["done_on"])
    _audit(request, item, "отмечено выполнение" if item.done_on else "снята отметка о выполнении")
    return _to_plan(item.school, item.year_id)


@require_POST
def delete(request, pk: int):
    item = _item(request, pk)
    form = DeleteForm(request.POST, prefix="delete")
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        amendment = amendments.delete_item(item, reason=reason, user=request.user, request=request)
    except amendments.ReasonRequired as exc:
        messages.error(request, str(exc))
        return redirect("plan:edit", pk=pk)
    messages.success(request, "Пункт удалён из плана: изменение плана записано." if amendment else
                     "Пункт удалён из плана.")
    return _to_plan(item.school, item.year_id)


@require_POST
def approve(request):
    school, _ = _schools(request)
    if not permissions.can_approve_plan(request.user, school):
        raise PermissionDenied(APPROVE_REFUSED)
    form = ApprovalForm(request.POST)
    if not form.is_valid():
        messages.error(request, "План не утверждён: " + " ".join(e for errors in form.errors.values() for e in errors))
        return index(request, bound={"approval_form": form})
    year = form.cleaned_data["year"]
    try:
        approval = approve_plan(school=school, year=year, order_date=form.cleaned_data["order_date"],
                                order_number=form.cleaned_data["order_number"], user=request.user, request=request)
    except ApprovalRefused as exc:
        messages.error(request, str(exc))
        return index(request, bound={"approval_form": form})
    else:
        messages.success(request, f"План на {year_label(year)} учебный год утверждён приказом директора "
                                  f"{approval.order}. Теперь пункты меняются только с основанием изменения.")
    return _to_plan(school, year)


@require_POST
def lift(request):
    school, _ = _schools(request)
    if not permissions.can_lift_plan_approval(request.user, school):
        raise PermissionDenied(LIFT_REFUSED)
    form = LiftForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Утверждение не снято: " + " ".join(
            e for errors in form.errors.values() for e in errors))
        return index(request, bound={"lift_form": form})
    year = form.cleaned_data["year"]
    try:
        approval = lift_approval(school=school, year=year, user=request.user, request=request,
                                 reason=form.cleaned_data["reason"])
    except ApprovalRefused as exc:
        messages.error(request, str(exc))
        return index(request, bound={"lift_form": form})
    else:
        messages.success(request, f"Утверждение плана на {year_label(year)} учебный год (приказ {approval.order}) "
                                  "снято: план снова проект и меняется без основания.")
    return _to_plan(school, year)


@require_POST
def review(request):
    """The protocol of the pedagogical council that reviewed the year's plan (vsoko.plan.review)."""
    school, _ = _schools(request)
    if not permissions.can_edit_plan(request.user, school):
        raise PermissionDenied(REVIEW_REFUSED)
    form = ReviewForm(request.POST, prefix="review")
    if not form.is_valid():
        messages.error(request, "Протокол не внесён: " + " ".join(
            e for errors in form.errors.values() for e in errors))
        return index(request, bound={"review_form": form})
    year = form.cleaned_data["year"]
    try:
        made = review_plan(school=school, year=year, protocol_date=form.cleaned_data["protocol_date"],
                           protocol_number=form.cleaned_data["protocol_number"], user=request.user, request=request)
    except ReviewRefused as exc:
        messages.error(request, f"Протокол не внесён: {exc}")
        return index(request, bound={"review_form": form})
    else:
        messages.success(request, f"План на {year_label(year)} учебный год рассмотрен на педагогическом совете, "
                                  f"протокол {made.protocol}.")
    return _to_plan(school, year)
