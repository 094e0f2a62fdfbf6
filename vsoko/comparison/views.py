"""«Сравнение школ»: the municipality's schools side by side on key indicators, for users of several schools."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render

from vsoko.accounts import permissions
from vsoko.comparison.schools import (
    DEFAULT_GROUPS,
    KEY_INDICATORS,
    Comparison,
    Figure,
    compare_schools,
)
from vsoko.indicators.enums import Direction
from vsoko.indicators.formatting import format_value
from vsoko.indicators.models import Catalog, Indicator
from vsoko.indicators.values import CORE
from vsoko.reports.cells import value_cell
from vsoko.reports.document import Cell, Document, Number, Table
from vsoko.reports.enums import Format
from vsoko.reports.writers import WRITERS
from vsoko.web.school_year import selected_year, year_label

GROUP_CHOICES = range(2, 6)
WITHHELD = "—*"


def _figure_text(figure: Figure, indicator: Indicator) -> str:
    return WITHHELD if figure.withheld else format_value(figure.value.value, indicator.unit)


def index(request):
    if not permissions.works_above_schools(request.user):
        raise PermissionDenied("Сравнение школ — для тех, кто работает с несколькими школами: наблюдателя "
                               "муниципалитета и администрации на уровне муниципалитета.")
    schools = list(permissions.schools_for(request.user).order_by("name"))
    year = selected_year(request)
    if len(schools) < 2:
        return render(request, "comparison/index.html", {"year": year, "year_label": year_label(year),
                                                         "single": True})
    catalogs = list(Catalog.objects.filter(school__isnull=True).order_by("code"))  # shipped, not a school's own
    catalog = next((c for c in catalogs if c.code == request.GET.get("catalog")), None) or next(
        (c for c in catalogs if c.code == CORE), None)
    offered = list(Indicator.objects.filter(catalog=catalog, retired=False, total=True).order_by("position"))
    # Boxes ticked in another catalog (the form sends them along when the catalog changes) choose nothing here.
    asked = set(request.GET.getlist("i"))
    indicators = ([i for i in offered if i.code in asked]
                  or [i for i in offered if i.code in _default_choice(catalog, offered)])
    raw_groups = request.GET.get("k", "")
    groups = int(raw_groups) if raw_groups.isdigit() and int(raw_groups) in GROUP_CHOICES else DEFAULT_GROUPS
    comparison = None
    if year is not None and indicators:
        comparison = compare_schools(schools, year, indicators, groups=groups,
                                     hides_small_groups=lambda s: not permissions.can_see_personal_data(request.user, s))
    if comparison and request.GET.get("format") == "xlsx":
        return _xlsx(comparison)
    sort = request.GET.get("sort", "")
    return render(request, "comparison/index.html", {
        "catalogs": catalogs, "catalog": catalog,
        "year": year, "year_label": year_label(year), "offered": offered, "chosen": {i.code for i in indicators},
        "groups": groups, "group_choices": GROUP_CHOICES, "comparison": comparison, "sort": sort,
        "lines": _lines(comparison, sort) if comparison else [], "withheld": WITHHELD, "query": request.GET.urlencode(),
        "total": _texts(comparison.total, comparison) if comparison else [],
        "group_rows": [(g, _texts(g.figures, comparison)) for g in comparison.groups] if comparison else [],
    })


def _texts(figures: list[Figure], comparison: Comparison) -> list[str]:
    return [_figure_text(f, i) for f, i in zip(figures, comparison.indicators, strict=True)]


def _default_choice(catalog, offered: list[Indicator]) -> set[str]:
    """The key indicators in the core catalog; in another, its first indicators with a direction."""
    if catalog is not None and catalog.code == CORE:
        return set(KEY_INDICATORS)
    judged = [i.code for i in offered if i.direction in (Direction.UP, Direction.DOWN)]
    return set(judged[:len(KEY_INDICATORS)])


def _lines(comparison: Comparison, sort: str) -> list[dict]:
    """The schools' rows as shown, sorted by the rank of the indicator `sort` (unranked last), else by name."""
    codes = [i.code for i in comparison.indicators]
    lines = comparison.lines
    if sort in codes:
        n = codes.index(sort)
        lines = sorted(lines, key=lambda line: (line.figures[n].rank is None, line.figures[n].rank or 0,
                                                line.school.name))
    return [{"school": line.school, "group": line.group, "cells": list(zip(_texts(line.figures, comparison),
                                                                           line.figures, strict=True))}
            for line in lines]


def _xlsx(comparison: Comparison) -> HttpResponse:
    """The comparison as an Excel table of numbers: one row per school, then the total and the groups."""
    names = [i.name for i in comparison.indicators]

    def cells(figures: list[Figure]) -> list[Cell]:
        return [WITHHELD if f.withheld else value_cell(f.value, i.unit)
                for f, i in zip(figures, comparison.indicators, strict=True)]

    table = Table(["Школа", "Группа", *names, *(f"Место: {name}" for name in names)])
    for line in comparison.lines:
        table.add(line.school.name, Number.of(line.group, 0) if line.group else "—", *cells(line.figures),
                  *(Number.of(f.rank, 0) if f.rank else "—" for f in line.figures))
    table.add("Все школы вместе", "", *cells(comparison.total), *([""] * len(names)))
    for group in comparison.groups:
        table.add(f"Группа {group.number} ({len(group.schools)} шк.) вместе", Number.of(group.number, 0),
                  *cells(group.figures), *([""] * len(names)))
    document = Document(f"Сравнение школ за {year_label(comparison.year)} учебный год")
    section = document.section("Школы")
    section.blocks.append(table)
    table.notes.append(f"{WITHHELD} — доля по группе меньше минимальной: скрыта. «Вместе» — по суммам данных "
                       "школ, а не среднее их процентов.")
    response = HttpResponse(WRITERS[Format.XLSX](document),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="schools-{comparison.year}.xlsx"'
    return response
