"""«Утверждение данных» (/data/approval/): each school's years, and one year's periods, with their state and the steps the user may take.
«Объединить предметы» (/data/subjects/merge/): a misspelt subject joins the right one, its recomputation followed."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from vsoko.accounts import permissions
from vsoko.audit.models import AuditEntry
from vsoko.imports.forms import SubjectMergeForm
from vsoko.imports.subject_names import display
from vsoko.records import approval, subject_merge
from vsoko.records.enums import ApprovalStatus, Period
from vsoko.records.forms import TransitionForm

HISTORY = 20


def _schools(user):
    if not permissions.can_manage_data(user):
        raise PermissionDenied("Утверждением данных занимаются администратор, заместитель директора и директор.")
    return permissions.schools_managed_by(user).order_by("name")


def board(request):
    schools = list(_schools(request.user))
    rows = approval.year_rows(request.user, schools)
    years = sorted({row.year for row in rows}, reverse=True)
    period_year = _chosen_year(request.GET.get("year"), years)
    periods = approval.period_rows(request.user, schools, period_year) if period_year else []
    # The steps taken, from the audit log (set_status writes one entry per step).
    entries = (
        AuditEntry.objects.filter(object_type="year_approval", school__in=schools)
        .select_related("user", "school").order_by("-created", "-pk")[:HISTORY]
    )
    history = [(e, _year_label(e.object_id), _status_change(e.details)) for e in entries]
    return render(request, "records/approval.html", {
        "rows": rows, "periods": periods, "years": years, "period_year": period_year,
        "history": history, "several_schools": len(schools) > 1,
        "can_approve": permissions.can_approve_data(request.user),
    })


def _chosen_year(given: str | None, years: list[int]) -> int | None:
    """The year of the periods table: the one asked for if it has data, else the latest."""
    if given and given.isdigit() and int(given) in years:
        return int(given)
    return years[0] if years else None


def _year_label(object_id: str) -> str:
    """«2024» → «2024/2025»; «2024/q1» (a period) → «2024/2025, 1 четверть»."""
    year, _, period = object_id.partition("/")
    label = approval.year_label(int(year)) if year.isdigit() else object_id
    if period in Period.values:
        return f"{label}, {approval.period_name(period)}"
    return f"{label}, {period}" if period else label


def _status_change(details: dict) -> str:
    old, new = (details or {}).get("status", [None, None])
    labels = dict(ApprovalStatus.choices)
    return f"{labels.get(old, old)} → {labels.get(new, new)}" if old or new else ""


@require_POST
def change(request):
    schools = _schools(request.user)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Неверный запрос: не указаны школа, учебный год или действие.")
    school = get_object_or_404(schools, pk=form.cleaned_data["school"])
    year, period, key = form.cleaned_data["year"], form.cleaned_data["period"], form.cleaned_data["action"]
    try:
        approval.apply_transition(key, school=school, year=year, period=period, user=request.user, request=request)
    except approval.TransitionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, approval.TRANSITIONS[key].done.format(what=approval.what_is_approved(year, period)))
    if period:
        return redirect(f"{reverse('records:approval')}?year={year}#periods")
    return redirect("records:approval")


# «Объединить предметы»

REFRESH = "subject_merge_refresh"  # the session's record of the recomputation the user's last merge queued


def _merging(user):
    if not permissions.can_merge_subjects(user):
        raise PermissionDenied("Объединять предметы могут администратор и заместитель директора.")
    return permissions.schools_merging_subjects_for(user)


def merge_subjects(request):
    """Choose the misspelt subject and the right one, see what moves, confirm; then follow the recomputation."""
    scope = _merging(request.user)
    data = request.POST if request.method == "POST" else (request.GET if "wrong" in request.GET else None)
    form = SubjectMergeForm(data, rows=subject_merge.subjects_in_use())
    plan = None
    if form.is_bound and form.is_valid():
        wrong, right = form.cleaned_data["wrong"], form.cleaned_data["right"]
        if request.method == "POST":
            names = (display(wrong.name), display(right.name))
            drop = request.POST.get("drop") == "1"
            since = timezone.now()
            try:
                done = subject_merge.merge_subjects(wrong, right, user=request.user, schools=scope,
                                                    drop_colliding=drop, request=request)
            except subject_merge.MergeRefused:
                messages.error(request, "Предметы не объединены, ничего не изменено: причина — ниже.")
            except approval.DataLocked as exc:
                messages.error(request, str(exc))
            else:
                deleted = done.colliding if drop else 0
                pairs = [[school, year] for school, years in done.years.items() for year in sorted(years)]
                if pairs:
                    request.session[REFRESH] = {"since": since.isoformat(), "pairs": pairs}
                moved = f"перенесено строк — {done.total - deleted}" + (
                    f", удалено совпадающих — {deleted}" if deleted else "")
                after = "; показатели пересчитываются." if pairs else "."
                messages.success(request, f"Предмет «{names[0]}» объединён с «{names[1]}»: {moved}{after}")
                return redirect("imports:merge_subjects")
            return redirect(f"{request.path}?wrong={wrong.pk}&right={right.pk}")
        plan = subject_merge.plan_merge(wrong, right, scope)
    return render(request, "records/merge_subjects.html", {
        "form": form, "plan": plan, "moved": subject_merge.moved_summary(plan) if plan else [],
        "refusal": plan.refusal() if plan else None, "refresh": _refresh_state(request),
    })


def merge_progress(request):
    """The recomputation the user's last merge queued, for imports/progress.js (which reloads the page when it
    is over)."""
    _merging(request.user)
    return JsonResponse(_refresh_state(request, forget=False) or {
        "finished": True, "failed": False, "percent": 100, "status_label": "готово", "stage": "показатели пересчитаны"})


def _refresh_state(request, *, forget: bool = True) -> dict | None:
    """The state of the last merge's recomputation; the page shows its end once, then the session forgets it."""
    queued = request.session.get(REFRESH)
    if not queued:
        return None
    state = subject_merge.refresh_state([tuple(p) for p in queued["pairs"]],
                                        datetime.datetime.fromisoformat(queued["since"]))
    if state["finished"] and forget:
        del request.session[REFRESH]
    return state
