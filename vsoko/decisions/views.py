"""«Управленческие решения»: the register of the school's decisions on the ВСОКО's results with their computed
effectiveness; kept by the administration, read by it and by the heads of methodical associations."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from vsoko.accounts import permissions
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.decisions.effect import effects_of, summary
from vsoko.decisions.enums import Basis, DecisionStatus
from vsoko.decisions.forms import DecisionForm
from vsoko.decisions.models import Decision
from vsoko.decisions.order import order_document
from vsoko.decisions.table import decisions_document
from vsoko.indicators.models import Indicator
from vsoko.plan.models import PlanItem
from vsoko.records.years import day_in_year
from vsoko.reports.enums import Format
from vsoko.reports.views import CONTENT_TYPES
from vsoko.reports.writers import WRITERS
from vsoko.web.downloads import excel_response, wants_excel
from vsoko.web.school_year import chosen_school, planning_year, planning_years, year_label

READERS_ONLY = "Управленческие решения школы видят администрация школы и руководители МО."
KEEPERS_ONLY = "Управленческие решения записывает и меняет администрация школы."


def _decision(request, pk: int) -> Decision:
    """A decision of a school the user reads decisions of: 403 for roles that read none, 404 outside."""
    if not permissions.can_view_decisions(request.user):
        raise PermissionDenied(READERS_ONLY)
    return get_object_or_404(Decision.objects.select_related("school", "plan_item"), pk=pk,
                             school__in=permissions.schools_with_decisions_for(request.user))


def _editable(request, pk: int) -> Decision:
    decision = _decision(request, pk)
    if not permissions.can_edit_decisions(request.user, decision.school):
        raise PermissionDenied(KEEPERS_ONLY)
    return decision


def _to_list(decision: Decision):
    return redirect(f"{reverse('decisions:index')}?school={decision.school.code}&year={decision.year_id}")


def _audit(request, decision: Decision, what: str) -> None:
    record(user=request.user, action=AuditAction.CHANGE, object_type="decision", object_id=str(decision.pk),
           school=decision.school, details={"действие": what, "решение": decision.title[:200],
                                            "учебный год": year_label(decision.year_id)}, request=request)


def index(request):
    school, schools = chosen_school(permissions.schools_with_decisions_for(request.user), request.GET.get("school"),
                                    READERS_ONLY)
    # A year with data or a coming one: decisions on the items of a plan drafted before the year's data.
    year = planning_year(request)
    today = timezone.localdate()
    decisions = list(Decision.objects.filter(school=school, year_id=year).select_related("school"))
    asked = request.GET.get("status", "")
    status = DecisionStatus(asked) if asked in DecisionStatus.values else None
    shown = [d for d in decisions if status is None or d.status == status]
    effects = effects_of(shown)
    names = dict(Indicator.objects.filter(code__in={c for d in shown for c in d.indicators})
                 .values_list("code", "name"))
    rows = [{"decision": d, "overdue": d.is_overdue(today), "effect": summary(effects[d.pk]),
             "indicators": [(code, names.get(code, code)) for code in d.indicators]} for d in shown]
    if decisions and wants_excel(request):
        return excel_response(request, decisions_document(school, year, rows, status),
                              filename=f"Управленческие решения {year_label(year)}", object_type="decisions",
                              school=school, details={"учебный год": year_label(year), "состояние": asked,
                                                      "строк": len(rows)})
    return render(request, "decisions/index.html", {
        "school": school, "schools": schools, "year": year, "year_label": year_label(year), "rows": rows,
        "has_decisions": bool(decisions), "statuses": DecisionStatus.choices, "status": status,
        # The page's own year choice, as on the plan's page: the years with data and the coming ones.
        "decision_years": [(y, year_label(y)) for y in planning_years(request)],
        # The header's year choice opens the list of that year: the page's own ?year= is left behind.
        "year_next": f"{reverse('decisions:index')}?school={school.code}",
        "counts": {s: sum(1 for d in decisions if d.status == s) for s in DecisionStatus},
        "overdue": sum(1 for d in decisions if d.is_overdue(today)),
        "can_edit": permissions.can_edit_decisions(request.user, school),
    })


def detail(request, pk: int):
    decision = _decision(request, pk)
    return render(request, "decisions/detail.html", {
        "decision": decision, "effects": effects_of([decision])[decision.pk],
        "overdue": decision.is_overdue(), "year_label": year_label(decision.year_id),
        "next_year_label": year_label(decision.year_id + 1),
        "can_edit": permissions.can_edit_decisions(request.user, decision.school),
    })


def order(request, pk: int):
    """«Проект приказа» in Word, for whoever reads the decision; recorded as an export, as the list in Excel is."""
    decision = _decision(request, pk)
    data = WRITERS[Format.DOCX](order_document(decision))
    record(user=request.user, action=AuditAction.EXPORT, object_type="decision", object_id=str(decision.pk),
           school=decision.school, details={"формат": Format.DOCX.value, "документ": "проект приказа",
                                            "решение": decision.title[:200],
                                            "учебный год": year_label(decision.year_id)}, request=request)
    response = HttpResponse(data, content_type=CONTENT_TYPES[Format.DOCX])
    response["Content-Disposition"] = content_disposition_header(
        True, f"Проект приказа — решение от {decision.date:%d.%m.%Y}.docx")
    return response


def _new(request) -> Decision:
    """A new decision: of a plan item's school and year (?plan_item=), else of the chosen school and year;
    the basis and indicators prefilled from the plan item or an indicator's page (?indicator=; then the plan's
    item that monitors the indicator is chosen)."""
    if not permissions.can_edit_decisions(request.user):
        raise PermissionDenied(KEEPERS_ONLY)
    schools = permissions.schools_administered_by(request.user)
    today = timezone.localdate()
    raw_item = request.GET.get("plan_item", "")
    if raw_item.isdigit():
        item = get_object_or_404(PlanItem.objects.select_related("school"), pk=int(raw_item), school__in=schools)
        return Decision(school=item.school, year_id=item.year_id, date=day_in_year(item.year_id, today),
                        basis=Basis.PLAN_ITEM, plan_item=item,
                        indicators=list(item.indicators))
    school, _ = chosen_school(schools, request.GET.get("school"), KEEPERS_ONLY)
    year = planning_year(request)
    code = request.GET.get("indicator", "")
    indicators = [code] if code and Indicator.objects.filter(code=code, retired=False).exists() else []
    # The plan's item that monitors the indicator (a plan has a few dozen items; JSON containment is not portable).
    items = PlanItem.objects.filter(school=school, year_id=year).only("pk", "indicators") if indicators else []
    item = next((i for i in items if code in i.indicators), None)
    # Today if it falls in the year, else the year's last day: the date must lie in the decision's year.
    return Decision(school=school, year_id=year, date=day_in_year(year, today), indicators=indicators, plan_item=item,
                    basis=Basis.INDICATOR if indicators else Basis.OTHER)


def edit(request, pk: int | None = None):
    decision = _new(request) if pk is None else _editable(request, pk)
    form = DecisionForm(request.POST or None, instance=decision)
    if request.method == "POST" and form.is_valid():
        form.save()
        _audit(request, decision, "изменено решение" if pk else "записано решение")
        messages.success(request, "Решение сохранено.")
        return redirect("decisions:detail", pk=decision.pk)
    return render(request, "decisions/edit.html", {"form": form, "decision": decision,
                                                   "year_label": year_label(decision.year_id)})


@require_POST
def delete(request, pk: int):
    decision = _editable(request, pk)
    _audit(request, decision, "удалено решение")
    decision.delete()
    messages.success(request, "Решение удалено.")
    return _to_list(decision)

