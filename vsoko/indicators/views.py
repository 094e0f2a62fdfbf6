"""Indicator pages: the catalog tree, one indicator, manual entry, the school's settings.

Thin: domain in dashboard, entry and customize."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings as django_settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode

from vsoko.accounts import permissions
from vsoko.attendance.coverage import indicator_note
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.datavalues.people import PersonKind
from vsoko.decisions.enums import Verdict
from vsoko.indicators import counted, customize, dashboard, tables
from vsoko.indicators.catalogs import CatalogError, own_catalog_code
from vsoko.indicators.chart import trend_svg
from vsoko.indicators.entry import (
    PasteError,
    current_values,
    entered_texts,
    entered_value,
    evidence_download,
    evidence_of,
    pasted_column,
    save_entries,
)
from vsoko.indicators.enums import Method, Unit
from vsoko.indicators.evaluate import Definition
from vsoko.indicators.forms import ManualValueForm, OwnIndicatorForm, TargetForm
from vsoko.indicators.models import Evidence, Indicator, SchoolCatalog
from vsoko.indicators.values import CORE
from vsoko.records.approval import REOPEN_HINT, DataLocked, locked_years
from vsoko.records.enums import OrgUnitKind
from vsoko.reports.cells import judgement
from vsoko.web.downloads import excel_response, wants_excel
from vsoko.web.school_year import (
    available_years,
    planning_year,
    planning_years,
    selected_year,
    year_label,
)


def _scope(request, *, school_first: bool = False):
    """The org unit and year the page is about: ?unit= among the user's units, ?year= among years with data.
    Without ?unit=, the unit the user holds a role in above the schools (a municipal specialist's municipality),
    else the first school; pages that work on a school's data (`school_first`) open on a school."""
    units = dashboard.units_for(request.user)
    if not units:
        raise PermissionDenied
    by_code = {u.code: u for u in units}
    held = set() if school_first else {m.org_unit_id for m in permissions.memberships_of(request.user)}
    unit = (by_code.get(request.GET.get("unit", ""))
            or next((u for u in units if u.kind != OrgUnitKind.SCHOOL and u.pk in held), None)
            or next((u for u in units if u.kind == OrgUnitKind.SCHOOL), units[0]))
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and int(raw) in {y.start for y in available_years(request)} else None
    return unit, units, year or selected_year(request)


def _catalogs(request, unit):
    """The catalogs the school uses (customize.catalogs_in_use); the chosen one: ?catalog=, else the
    school's basis, else core, else the first."""
    school = unit if unit.kind == OrgUnitKind.SCHOOL else None
    catalogs = customize.catalogs_in_use(school)
    basis = school and SchoolCatalog.objects.filter(school=school, is_basis=True).values_list(
        "catalog__code", flat=True).first()
    wanted = request.GET.get("catalog") or basis or CORE
    chosen = next((c for c in catalogs if c.code == wanted), None) or next(iter(catalogs), None)
    return catalogs, chosen


def _worsened(groups: list[dashboard.Group]) -> list[dashboard.Group]:
    """The tree with only the lines worse than the year before, by the one rule of every report (cells.judgement);
    a withheld value is not judged."""
    out = []
    for group in groups:
        criteria = [dashboard.Criterion(c.name, lines) for c in group.criteria
                    if (lines := [line for line in c.lines if len(line.values) > 1
                                  and not any(getattr(v, "suppressed", False) for _, v in line.values[-2:])
                                  and judgement(line) == Verdict.WORSENED])]
        if criteria:
            out.append(dashboard.Group(group.name, criteria))
    return out


def catalog(request):
    unit, units, year = _scope(request)
    catalogs, chosen = _catalogs(request, unit)
    # Readers outside the school's staff (the municipal observer) get small groups withheld.
    outside = not permissions.can_see_personal_data(request.user, unit)
    groups = dashboard.catalog_tree(unit, year, chosen, suppress=outside) if chosen and year is not None else []
    worsened = _worsened(groups)
    worse_only = request.GET.get("worse") == "1"
    if worse_only:
        groups = worsened
    if groups and wants_excel(request):
        return excel_response(request, tables.catalog_document(unit, year, chosen, groups),
                              filename=f"Показатели {chosen.code} {year_label(year)}", object_type="indicators",
                              object_id=chosen.code, school=unit,
                              details={"учебный год": year_label(year), "каталог": chosen.code})
    return render(request, "indicators/catalog.html", {
        "unit": unit, "units": units, "year": year, "catalogs": catalogs, "catalog": chosen, "groups": groups,
        "can_enter": unit.kind == OrgUnitKind.SCHOOL and permissions.can_manage_data(request.user, unit),
        "min_group": django_settings.VSOKO_MIN_GROUP_SIZE, "texts": _texts_shown(request, unit, year, groups),
        "worse_only": worse_only,
        "worsened": sum(len(c.lines) for g in worsened for c in g.criteria),
        "all_url": f"?{urlencode({'unit': unit.code, 'catalog': chosen.code if chosen else '', 'year': year or ''})}",
    })


def _texts_shown(request, unit, year, groups) -> dict[str, str] | None:
    """The values of text indicators in the tree: to the school's staff, as the entered comments (free text may
    name people); None to others."""
    if unit.kind != OrgUnitKind.SCHOOL or not permissions.can_see_personal_data(request.user, unit):
        return None
    codes = [line.indicator.code for group in groups for criterion in group.criteria for line in criterion.lines
             if line.indicator.unit == Unit.TEXT]
    return entered_texts(unit, year, codes) if codes else {}


def _manager_scope(request):
    """A school the user manages data of (director, deputy, administrator); 403 otherwise."""
    unit, units, year = _scope(request, school_first=True)
    if unit.kind != OrgUnitKind.SCHOOL or not permissions.can_manage_data(request.user, unit):
        raise PermissionDenied("Настройка показателей доступна администрации школы.")
    return unit, units, year


# Where a school's value is taken apart by class, subject and procedure («почему ухудшилось»): the first piece of
# its formula found names the page. (piece, label, url name, extra query, anchor)
ANALYSIS_PAGES = (
    ("attestation=", "Итоги года по классам и предметам", "progress:index", {"period": "year"}, ""),
    ("marks.year", "Итоги года по классам и предметам", "progress:index", {"period": "year"}, ""),
    ("kind=vpr", "Результаты ВПР по классам и заданиям", "analysis:index", {}, "#kind-vpr"),
    ("attendance.", "Посещаемость по классам и периодам", "attendance:index", {}, ""),
    ("kind=oge", "Результаты ОГЭ по предметам и классам", "analysis:index", {}, "#kind-oge"),
    ("kind=ege", "Результаты ЕГЭ по предметам и классам", "analysis:index", {}, "#kind-ege"),
)


def _analysis_page(item: Indicator, unit, year: int) -> tuple[str, str] | None:
    """(label, url) of the page that takes a school's value apart; None for a municipality or a value without one."""
    if unit.kind != OrgUnitKind.SCHOOL:
        return None
    for piece, label, name, extra, anchor in ANALYSIS_PAGES:
        if piece in item.formula:
            return label, f"{reverse(name)}?{urlencode({'school': unit.code, 'year': year, **extra})}{anchor}"
    return None


def indicator(request, code: str):
    unit, units, year = _scope(request)
    item = get_object_or_404(Indicator.objects.select_related("catalog"), code=code, retired=False)
    if year is None:
        raise Http404
    # Readers outside the school's staff (the municipal observer) get small groups suppressed.
    outside = not permissions.can_see_personal_data(request.user, unit)
    span = int(request.GET["years"]) if request.GET.get("years") in {str(n) for n in dashboard.SPANS} else dashboard.SERIES
    detail = dashboard.indicator_detail(unit, year, item, suppress=outside, span=span)
    if wants_excel(request):
        return excel_response(request, tables.breakdown_document(unit, year, item, detail),
                              filename=f"{item.code} {year_label(year)}", object_type="indicator",
                              object_id=item.code, school=unit,
                              details={"учебный год": year_label(year), "лет": span})
    line = detail.line
    return render(request, "indicators/detail.html", {
        "unit": unit, "units": units, "year": year, "indicator": item, "detail": detail, "line": line,
        "min_group": django_settings.VSOKO_MIN_GROUP_SIZE, **_counted(request, unit, year, item),
        "span": span, "spans": dashboard.SPANS, "analysis_page": _analysis_page(item, unit, year),
        "evidence": _evidence_shown(request, unit, year, item),
        "entered": _entered_shown(request, unit, year, item), "outside": outside,
        "data_note": indicator_note(unit, year, item.code),  # the year's attendance loaded in part
        "can_decide": unit.kind == OrgUnitKind.SCHOOL and permissions.can_edit_decisions(request.user, unit),
        "can_compare_schools": permissions.works_above_schools(request.user),
        # A municipality's value leads to its schools' values of this indicator side by side (shipped catalogs'
        # indicators with a whole-school value: those «Сравнение школ» offers).
        "by_schools": "?" + urlencode([("catalog", item.catalog.code), ("i", item.code), ("year", year)])
        if unit.kind != OrgUnitKind.SCHOOL and item.total and item.catalog.school_id is None
        and permissions.works_above_schools(request.user) else None,
        "chart": trend_svg(line.values, item.unit, title=item.name,
                           target=line.target.reference if line.target else None),
    })


def evidence(request, pk: int):
    """Download an evidence file: for users who may see the school's personal data (a scan may name people)."""
    item = get_object_or_404(Evidence.objects.select_related("school"), pk=pk)
    if not permissions.can_see_personal_data(request.user, item.school):
        raise Http404
    record(user=request.user, action=AuditAction.EXPORT, object_type="evidence", object_id=str(item.pk),
           school=item.school, details={"indicator": item.indicator, "year": item.year_id}, request=request)
    name, content_type = evidence_download(item)
    response = HttpResponse(bytes(item.content), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


def _counted(request, unit, year, item) -> dict:
    """The people counted in the numerator and denominator: offered to users who may see the school's
    pupils or staff, listed (and audited) only when asked for with ?people=1."""
    definition = Definition.of(item)
    kind = counted.person_kind(definition)
    if unit.kind != OrgUnitKind.SCHOOL or kind is None:
        return {}
    may_see = permissions.can_see_staff if kind == PersonKind.STAFF else permissions.can_see_personal_data
    if not may_see(request.user, unit):
        return {}
    if counted.is_sensitive(definition) and not permissions.can_see_sensitive(request.user, unit):
        return {"people_withheld": True}
    if request.GET.get("people") != "1":
        return {"people_offered": True}
    groups = counted.counted_people(definition, unit, year, request.user)
    record(user=request.user, action=AuditAction.VIEW_LIST, object_type="indicator_people", object_id=item.code,
           school=unit, details={"year": year, "listed": sum(len(g.people) for g in groups)}, request=request)
    return {"people_groups": groups}


def _evidence_shown(request, unit, year, item):
    if unit.kind != OrgUnitKind.SCHOOL or not permissions.can_see_personal_data(request.user, unit):
        return None
    return evidence_of(unit, year, [item.code]).get(item.code)


def _entered_shown(request, unit, year, item):
    """The source and comment of a value entered by hand: to the school's staff, as its evidence (free text may
    name people)."""
    if item.method != Method.ENTERED or unit.kind != OrgUnitKind.SCHOOL or not permissions.can_see_personal_data(
            request.user, unit):
        return None
    return entered_value(unit, year, item.code)


def entry(request):
    unit, units, year = _scope(request, school_first=True)
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
    pasted = data is not None and "paste" in data
    if pasted:  # a preview: the column fills the fields, nothing is saved until «Сохранить»
        data = _with_pasted_column(request, data, indicators)
    files = request.FILES if request.method == "POST" else None
    forms = [ManualValueForm(data, files, indicator=i, prefix=str(i.pk), initial=initial[i.pk]) for i in indicators]
    attached = evidence_of(unit, year, [i.code for i in indicators])
    for form in forms:
        form.attached = attached.get(form.indicator.code)
    if data is not None and not pasted and all(form.is_valid() for form in forms):
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
        "invalid": [form for form in forms if data is not None and not pasted and form.errors],
        # Said before anything is typed: fifty values typed into an approved year would all be refused.
        "locked": bool(locked_years(unit, [year])), "reopen_hint": REOPEN_HINT,
        "paste_order": [i.name for i in indicators if i.method == Method.ENTERED],
    })


def _with_pasted_column(request, data, indicators):
    """The form data with «Вставить столбец из Excel» filled into the section's value fields in order; what
    was typed in the other fields stays."""
    fields = [(f"{i.pk}-{'text' if i.unit == Unit.TEXT else 'value'}", i.unit)
              for i in indicators if i.method == Method.ENTERED]
    try:
        filled = pasted_column(data.get("paste_column", ""), fields)
    except PasteError as exc:
        messages.error(request, str(exc))
        return data
    messages.info(request, f"Заполнено полей: {len(filled)} из {len(fields)}. Проверьте значения и нажмите "
                           "«Сохранить».")
    data = data.copy()
    for name, cell in filled.items():
        data[name] = cell  # replaces what was in the field (QueryDict.update would append)
    data.pop("paste_column")
    return data


def settings(request):
    """Which shipped catalogs the school uses, its own indicators, links to targets."""
    unit, units, year = _manager_scope(request)
    shipped = customize.shipped_catalogs()
    if request.method == "POST":
        ids = {int(v) for v in request.POST.getlist("catalog") if v.isdigit()}
        changed = customize.choose_catalogs(school=unit, catalog_ids=ids, user=request.user, request=request)
        messages.success(request, "Выбор каталогов сохранён." if changed else "Изменений нет.")
        return redirect(f"{reverse('indicators:settings')}?unit={unit.code}")
    chosen = customize.chosen_catalog_ids(unit)
    return render(request, "indicators/settings.html", {
        "unit": unit, "units": units, "year": year,
        "shipped": [(c, not chosen or c.pk in chosen) for c in shipped], "nothing_chosen": not chosen,
        "own": customize.own_indicators(unit),
    })


def own_indicator(request, code: str = ""):
    """Add (no code) or change one of the school's own indicators; every change is a new version."""
    unit, units, year = _manager_scope(request)
    prefix = own_catalog_code(unit)
    item = None
    if code:
        item = get_object_or_404(Indicator, code=code, catalog__school=unit)
    initial = OwnIndicatorForm.initial_of(item, prefix) if item else None
    form = OwnIndicatorForm(request.POST if request.method == "POST" else None, initial=initial,
                            editing=item is not None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            saved, changes = customize.save_own(school=unit, code=data["code"], data=data, user=request.user,
                                                request=request)
        except CatalogError as exc:
            form.add_error(None, str(exc))
        else:
            if item is None:
                messages.success(request, f"Показатель «{saved.name}» добавлен.")
            elif changes:
                messages.success(request, f"Изменения сохранены, версия определения: {saved.version}.")
            else:
                messages.success(request, "Изменений нет.")
            return redirect(f"{reverse('indicators:own_edit', args=[saved.code])}?unit={unit.code}")
    return render(request, "indicators/own_indicator.html", {
        "unit": unit, "units": units, "year": year, "prefix": prefix, "indicator": item, "form": form,
        "history": customize.version_history(item) if item else [],
    })


def _without_trailing_zeros(value: Decimal | None) -> Decimal | None:
    """12.5000 as 12.5 and 1000.0000 as 1000 in the form (normalize() alone would give 1E+3)."""
    return None if value is None else Decimal(format(value.normalize(), "f"))


def targets(request):
    """The school's targets of a year for a catalog's indicators: a year with data or a coming one (in August the
    targets of the year about to begin are set with its plan, before any of its data exist)."""
    unit, units, _ = _manager_scope(request)
    year = planning_year(request)
    catalogs, chosen = _catalogs(request, unit)
    if year is None or chosen is None:
        raise Http404
    indicators = list(chosen.indicators.filter(retired=False).order_by("position"))
    current = customize.current_targets(unit, year, indicators)
    data = request.POST if request.method == "POST" else None
    forms = [TargetForm(data, indicator=i, prefix=str(i.pk), initial={"value": _without_trailing_zeros(current.get(i.pk))})
             for i in indicators]
    if data is not None and all(form.is_valid() for form in forms):
        try:
            changed = customize.save_targets(school=unit, year=year, user=request.user, request=request,
                                             values={f.indicator: f.cleaned_data["value"] for f in forms})
        except DataLocked as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Сохранено целей: {changed}." if changed else "Изменений нет.")
            return redirect(f"{reverse('indicators:targets')}?{request.GET.urlencode()}")
    # Last year's and this year's values beside each target: a target is set against where the school stands.
    context = dashboard.build_context(unit, year, indicators, breakdowns=False, span=2, kept=True)
    rows = [(form, dashboard.target_for(form.indicator, year, {}), context.line(form.indicator)) for form in forms]
    if data is None and wants_excel(request):
        document = tables.targets_document(unit, year, chosen, [(form.indicator, default, line, current.get(
            form.indicator.pk)) for form, default, line in rows])
        return excel_response(request, document, filename=f"Целевые значения {chosen.code} {year_label(year)}",
                              object_type="targets", object_id=chosen.code, school=unit,
                              details={"учебный год": year_label(year)})
    return render(request, "indicators/targets.html", {
        "unit": unit, "units": units, "year": year, "catalogs": catalogs, "catalog": chosen, "rows": rows,
        "target_years": [(y, year_label(y)) for y in planning_years(request)],
    })
