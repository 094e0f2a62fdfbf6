"""Indicator pages: the catalog tree, one indicator, manual entry. Thin: domain in dashboard/entry."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from vsoko.accounts import permissions
from vsoko.indicators import dashboard
from vsoko.indicators.chart import trend_svg
from vsoko.indicators.entry import current_values, save_entries
from vsoko.indicators.forms import ManualValueForm
from vsoko.indicators.models import Indicator, SchoolCatalog
from vsoko.indicators.values import CORE, available_catalogs
from vsoko.records.approval import DataLocked
from vsoko.records.enums import OrgUnitKind
from vsoko.web.school_year import available_years, selected_year


def _scope(request):
    """The org unit and year the page is about: ?unit= among the user's units, ?year= among years with data."""
    units = dashboard.units_for(request.user)
    if not units:
        raise PermissionDenied
    by_code = {u.code: u for u in units}
    unit = by_code.get(request.GET.get("unit", "")) or next(
        (u for u in units if u.kind == OrgUnitKind.SCHOOL), units[0])
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and int(raw) in {y.start for y in available_years(request)} else None
    return unit, units, year or selected_year(request)


def _catalogs(request, unit):
    """Every shipped catalog and the school's own; the chosen one: ?catalog=, else the school's basis, else core."""
    school = unit if unit.kind == OrgUnitKind.SCHOOL else None
    catalogs = available_catalogs(school)
    basis = school and SchoolCatalog.objects.filter(school=school, is_basis=True).values_list(
        "catalog__code", flat=True).first()
    wanted = request.GET.get("catalog") or basis or CORE
    chosen = next((c for c in catalogs if c.code == wanted), None) or next(iter(catalogs), None)
    return catalogs, chosen


def catalog(request):
    unit, units, year = _scope(request)
    catalogs, chosen = _catalogs(request, unit)
    groups = dashboard.catalog_tree(unit, year, chosen) if chosen and year is not None else []
    return render(request, "indicators/catalog.html", {
        "unit": unit, "units": units, "year": year, "catalogs": catalogs, "catalog": chosen, "groups": groups,
        "can_enter": unit.kind == OrgUnitKind.SCHOOL and permissions.can_manage_data(request.user, unit),
    })


def indicator(request, code: str):
    unit, units, year = _scope(request)
    item = get_object_or_404(Indicator.objects.select_related("catalog"), code=code, retired=False)
    if year is None:
        raise Http404
    detail = dashboard.indicator_detail(unit, year, item)
    line = detail.line
    return render(request, "indicators/detail.html", {
        "unit": unit, "units": units, "year": year, "indicator": item, "detail": detail, "line": line,
        "chart": trend_svg(line.values, item.unit, title=item.name,
                           target=line.target.reference if line.target else None),
    })


def entry(request):
    unit, units, year = _scope(request)
    if unit.kind != OrgUnitKind.SCHOOL or not permissions.can_manage_data(request.user, unit):
        raise PermissionDenied
    catalogs, chosen = _catalogs(request, unit)
    if year is None or chosen is None:
        raise Http404
    indicators = list(chosen.indicators.filter(retired=False).order_by("position"))
    groups = list(dict.fromkeys(i.group for i in indicators))
    group = request.GET.get("group") if request.GET.get("group") in groups else (groups[0] if groups else "")
    indicators = [i for i in indicators if i.group == group]
    initial = current_values(unit, year, indicators)
    data = request.POST if request.method == "POST" else None
    forms = [ManualValueForm(data, indicator=i, prefix=str(i.pk), initial=initial[i.pk]) for i in indicators]
    if data is not None and all(form.is_valid() for form in forms):
        try:
            changed = save_entries(school=unit, year=year, entries=[(f.indicator, f.cleaned_data) for f in forms],
                                   user=request.user, request=request)
        except DataLocked as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Сохранено изменений: {changed}." if changed else "Изменений нет.")
            return redirect(f"{reverse('indicators:entry')}?{request.GET.urlencode()}")
    return render(request, "indicators/entry.html", {
        "unit": unit, "units": units, "year": year, "catalogs": catalogs, "catalog": chosen,
        "groups": groups, "group": group, "forms": forms,
    })
