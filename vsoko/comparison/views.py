"""«Сравнение школ»: the municipality's schools side by side on key indicators, for users of several schools."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header

from vsoko.accounts import permissions
from vsoko.comparison import objectivity
from vsoko.comparison.collection import (
    PROCEDURE_KINDS,
    Order,
    Readiness,
    SchoolData,
    catalogs_to_fill,
    collected,
    ordered,
)
from vsoko.comparison.schools import (
    GROUP_CHOICES,
    Comparison,
    Figure,
    Group,
    chosen_groups,
    compare_schools,
    default_indicators,
    everywhere_note,
    everywhere_said,
    in_group,
    indicator_groups,
    offered_indicators,
    ticked,
)
from vsoko.comparison.templatetags.comparison_rows import Spanning
from vsoko.indicators.enums import Direction
from vsoko.indicators.formatting import format_value
from vsoko.indicators.models import Catalog, Indicator
from vsoko.indicators.values import CORE
from vsoko.records.enums import OrgUnitKind
from vsoko.records.models import OrgUnit
from vsoko.records.schools import name_order
from vsoko.reports.cells import value_cell
from vsoko.reports.document import Cell, Document, Number, Table
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.municipal import objectivity_found, objectivity_section
from vsoko.reports.registry import REPORTS, ReportError, record_export
from vsoko.reports.registry import render as render_report
from vsoko.reports.views import CONTENT_TYPES
from vsoko.web.downloads import excel_response, rows_count, wants_excel
from vsoko.web.school_year import page_year, selected_year, year_label

WITHHELD = "—*"


def _figure_text(figure: Figure, indicator: Indicator) -> str:
    return WITHHELD if figure.withheld else format_value(figure.value.value, indicator.unit)


def _require_several_schools(request) -> None:
    if not permissions.works_above_schools(request.user):
        raise PermissionDenied("Сравнение школ — для тех, кто работает с несколькими школами: наблюдателя "
                               "муниципалитета и администрации на уровне муниципалитета.")


def _municipalities(schools: list[OrgUnit]) -> list[OrgUnit]:
    """The municipalities the user's schools belong to: those the municipal report can be made for."""
    units = {s.parent for s in schools if s.parent is not None and s.parent.kind == OrgUnitKind.MUNICIPALITY}
    return sorted(units, key=name_order)


def index(request):
    _require_several_schools(request)
    schools = sorted(permissions.schools_for(request.user).select_related("parent"), key=name_order)
    year = selected_year(request)
    if len(schools) < 2:
        return render(request, "comparison/index.html", {"year": year, "year_label": year_label(year),
                                                         "single": True})
    catalogs = list(Catalog.objects.filter(school__isnull=True).order_by("code"))  # shipped, not a school's own
    catalog = next((c for c in catalogs if c.code == request.GET.get("catalog")), None) or next(
        (c for c in catalogs if c.code == CORE), None)
    offered = offered_indicators(catalog)
    # Boxes ticked in another catalog (the form sends them along when the catalog changes) choose nothing here.
    # A group of indicators (?group=) takes all of its own; else the boxes ticked; else the key ones.
    group = request.GET.get("group", "")
    indicators = (in_group(offered, group) or ticked(offered, set(request.GET.getlist("i")))
                  or default_indicators(catalog, offered))
    group = group if in_group(offered, group) else ""
    groups = chosen_groups(request.GET.get("k"))
    comparison = None
    if year is not None and indicators:
        comparison = compare_schools(schools, year, indicators, groups=groups, keep=True,
                                     hides_small_groups=lambda s: not permissions.can_see_personal_data(request.user, s))
    if comparison and wants_excel(request):
        document = _document(comparison, group)
        # What the municipality took away, with the choice it was made with (the observer's too).
        return excel_response(request, document, filename=f"Сравнение школ {comparison.year}-{comparison.year + 1}"
                              + (f" {group}" if group else ""),
                              object_type="comparison", object_id=catalog.code if catalog else "",
                              details={"учебный год": year_label(comparison.year), **({"группа": group} if group else {}),
                                       "показатели": ", ".join(i.code for i in indicators), "групп": groups,
                                       "строк": rows_count(document)})
    sort = request.GET.get("sort", "")
    return render(request, "comparison/index.html", {
        "catalogs": catalogs, "catalog": catalog,
        "year": year, "year_label": year_label(year), "offered": offered, "chosen": {i.code for i in indicators},
        "groups": groups, "group_choices": GROUP_CHOICES, "comparison": comparison,
        "indicator_groups": indicator_groups(offered), "indicator_group": group,
        "lines": _lines(comparison, sort) if comparison else [], "withheld": WITHHELD,
        "heads": _heads(catalog, comparison, groups, sort) if comparison else None,
        "total": _texts(comparison.total, comparison) if comparison else [],
        "group_rows": _group_rows(comparison) if comparison else [],
        "municipalities": _municipalities(schools), "report_formats": REPORTS[ReportKind.MUNICIPAL].formats,
        "report_query": _report_query(catalog, comparison, groups) if comparison else "",
    })


def objectivity_page(request):
    """«Признаки необъективности по школам»: the ВПР, ОГЭ and ЕГЭ flags of the year school by school, as the
    municipal report has them, each school leading to its «Оценочные процедуры» and each flag to its procedure."""
    _require_several_schools(request)
    schools = sorted(permissions.schools_for(request.user), key=name_order)
    year = selected_year(request)
    found = objectivity.flags_by_school(schools, year, keep=True) if year is not None else {}
    if year is not None and wants_excel(request):
        document = Document(f"Признаки необъективности результатов ВПР, ОГЭ и ЕГЭ по школам за {year_label(year)} "
                            "учебный год")
        objectivity_section(document.section("Признаки необъективности результатов"), schools, year, found)
        return excel_response(request, document, filename=f"Признаки необъективности {year}-{year + 1}",
                              object_type="objectivity", details={"учебный год": year_label(year),
                                                                  "строк": rows_count(document)})
    found_summary = objectivity.summary(schools, found)
    return render(request, "comparison/objectivity.html", {
        "year": year, "year_label": year_label(year), "summary": found_summary,
        "found_text": objectivity_found(len(found_summary.schools), len(schools)),
        "min_group": settings.VSOKO_MIN_GROUP_SIZE,
    })


def collection_page(request):
    """«Сбор данных»: what each school of the municipality has loaded for the year, the schools missing the most
    first (or by name), with an Excel to send round. Counts only: no person is named. Several municipalities:
    ?municipality= chooses among the user's own; another one is not found."""
    _require_several_schools(request)
    schools = list(permissions.schools_for(request.user).select_related("parent"))
    municipalities = _municipalities(schools)
    asked = request.GET.get("municipality")
    municipality = next((m for m in municipalities if m.code == asked), None)
    if asked and municipality is None:
        raise Http404
    municipality = municipality or (municipalities[0] if municipalities else None)
    if municipality is not None:
        schools = [s for s in schools if s.parent_id == municipality.pk]
    year = selected_year(request)
    catalogs = catalogs_to_fill()
    catalog = next((c for c in catalogs if c.code == request.GET.get("catalog")), None) or next(iter(catalogs), None)
    order = Order(request.GET["sort"]) if request.GET.get("sort") in Order.values else Order.MISSING
    rows = ordered(collected(schools, year, catalog), order) if year is not None else []
    if year is not None and wants_excel(request):
        document = _collection_document(rows, year, catalog, municipality)
        return excel_response(request, document, filename=f"Сбор данных {year}-{year + 1}",
                              object_type="collection", object_id=municipality.code if municipality else "",
                              details={"учебный год": year_label(year), "каталог": catalog.code if catalog else "",
                                       "строк": rows_count(document)})
    counts = {state: sum(1 for r in rows if r.readiness == state) for state in Readiness}
    return render(request, "comparison/collection.html", {
        "year": year, "year_label": year_label(year), "rows": rows, "catalogs": catalogs, "catalog": catalog,
        "municipalities": municipalities, "municipality": municipality, "order": order, "orders": Order,
        "kinds": PROCEDURE_KINDS, "counts": [(state, counts[state]) for state in Readiness],
    })


COLLECTION_NOTE = ("Обучающиеся — в контингенте на конец года; отметки — последний период, за который они есть "
                   "(в системе периодов школы); ВПР, ОГЭ, ЕГЭ — процедуры с результатами; анкеты — анкеты с "
                   "ответами; показатели — вводимые вручную показатели каталога, у которых есть значение школы; "
                   "последняя загрузка — последняя загрузка, добавившая или изменившая данные этого учебного года. "
                   "Загружено не всё — нет хотя бы одной из этих частей или заполнены не все показатели.")


def _collection_document(rows: list[SchoolData], year: int, catalog: Catalog | None,
                         municipality: OrgUnit | None) -> Document:
    """The page's table as numbers, for the specialist to send round: one row per school, in the page's order."""
    document = Document(f"Сбор данных за {year_label(year)} учебный год",
                        [*([municipality.name] if municipality else []),
                         *([f"Показатели, вводимые вручную: каталог «{catalog.name}»"] if catalog else [])])
    table = Table(["Школа", "Состояние", "Не хватает", "Обучающихся", "Отметки: последний период", "Педагогов",
                   *(str(kind.label) for kind in PROCEDURE_KINDS), "Анкет", "Респондентов",
                   "Показатели вручную: заполнено", "Показатели вручную: всего", "Последняя загрузка за год"])
    for row in rows:
        table.add(row.school.name, str(row.readiness.label), row.missing_text, Number.of(row.pupils, 0),
                  row.marks_text, Number.of(row.staff, 0),
                  *(Number.of(row.procedures.get(kind, 0), 0) for kind in PROCEDURE_KINDS),
                  Number.of(row.questionnaires, 0), Number.of(row.respondents, 0), Number.of(row.entered, 0),
                  Number.of(row.entered_total, 0),
                  row.last_import.astimezone().strftime("%d.%m.%Y") if row.last_import else "не загружались")
    table.notes.append(COLLECTION_NOTE)
    section = document.section("Школы")
    section.blocks.append(table)
    return document


def _report_query(catalog: Catalog | None, comparison: Comparison, groups: int) -> str:
    """The page's choice for the municipal report's link: the catalog, the indicators shown, the groups."""
    return urlencode([("catalog", catalog.code if catalog else ""), ("year", comparison.year),
                      *(("i", i.code) for i in comparison.indicators), ("k", groups)])


def municipal_report(request, fmt: str):
    """«Аналитическая справка по результатам ВСОКО муниципалитета» for the page's year, catalog, indicators and
    number of groups, built as `vsoko report municipal` builds it; each download goes to the audit log."""
    _require_several_schools(request)
    if fmt not in {f.value for f in REPORTS[ReportKind.MUNICIPAL].formats}:
        raise Http404
    fmt = Format(fmt)
    municipalities = _municipalities(list(permissions.schools_for(request.user).select_related("parent")))
    asked = request.GET.get("municipality")
    municipality = next((m for m in municipalities if m.code == asked), None) or (
        municipalities[0] if len(municipalities) == 1 and not asked else None)
    year = page_year(request)
    if municipality is None or year is None:
        raise Http404
    options = _report_choice(request)
    try:
        data = render_report(ReportKind.MUNICIPAL, municipality, year, fmt, **options)
    except ReportError as exc:
        messages.error(request, str(exc))
        return redirect("comparison:index")
    record_export(ReportKind.MUNICIPAL, municipality, year, fmt, user=request.user, request=request, **options)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(
        True, f"Справка ВСОКО муниципалитета {year}-{year + 1}.{fmt.value}")
    return response


def _report_choice(request) -> dict:
    """The page's choice carried by the report's link, read as the page reads it: the ticked indicators the
    catalog offers (others choose nothing; none — the report's defaults, as on the page) and the number of
    groups (2–5, else the default). An unknown catalog goes on to the report, which names the known ones."""
    catalog = request.GET.get("catalog") or None
    shipped = Catalog.objects.filter(school__isnull=True, code=catalog or CORE).first()
    codes = [i.code for i in ticked(offered_indicators(shipped), set(request.GET.getlist("i")))] if shipped else []
    return {**({"catalog": catalog} if catalog else {}), **({"indicators": codes} if codes else {}),
            "groups": chosen_groups(request.GET.get("k"))}


def _texts(figures: list[Figure], comparison: Comparison) -> list[str]:
    return [_figure_text(f, i) for f, i in zip(figures, comparison.indicators, strict=True)]


# ?sort=: a column's code sorts by its places from the best, «-» before it from the worst; «group» by group;
# nothing (or anything else) by name.
BY_GROUP = "group"
FROM_WORST = "-"


def _lines(comparison: Comparison, sort: str) -> list[dict]:
    """The schools' rows as shown, in the order `sort` asks for (see BY_GROUP, FROM_WORST): the schools without
    a place (or a group) come last, by name, whichever way; else by name. Each row with the links into the
    school's own pages of the year: its catalog of indicators and each shown value's indicator page."""
    codes = [i.code for i in comparison.indicators]
    lines = sorted(comparison.lines, key=lambda line: name_order(line.school))
    worst_first = sort.startswith(FROM_WORST)
    if sort.removeprefix(FROM_WORST) in codes:
        n = codes.index(sort.removeprefix(FROM_WORST))
        ranked = sorted((line for line in lines if line.figures[n].rank), key=lambda line: line.figures[n].rank,
                        reverse=worst_first)  # stable: equal places keep the names' order
        lines = ranked + [line for line in lines if not line.figures[n].rank]
    elif sort == BY_GROUP:
        lines = sorted(lines, key=lambda line: (line.group is None, line.group or 0))
    details = [reverse("indicators:detail", args=[code]) for code in codes]
    tree = reverse("indicators:catalog")
    # A column withheld in every school says so once, in a cell over all the rows, not a «—*» in each.
    notes = [everywhere_note(comparison, n) for n in range(len(codes))]
    rows = []
    for number, line in enumerate(lines):
        where = "?" + urlencode({"unit": line.school.code, "year": comparison.year})
        cells = [(text, figure, None if figure.withheld or figure.value.value is None else detail + where)
                 if note is None else Spanning(note, len(lines)) if number == 0 else None
                 for text, figure, detail, note in zip(_texts(line.figures, comparison), line.figures, details, notes,
                                                       strict=True)]
        rows.append({"school": line.school, "group": line.group, "tree": tree + where, "cells": cells})
    return rows


def _group_rows(comparison: Comparison) -> list[tuple[Group, list[str | Spanning | None]]]:
    """Each group of similar schools with its values as shown. A column withheld in every school (every group with
    a value then holds a withheld school, `complement`) says so once, in a cell over all the groups, with the
    municipality's own value where that is shown: the same note as the schools' table, not a «—*» per group."""
    cells: list[list[str | Spanning | None]] = [_texts(g.figures, comparison) for g in comparison.groups]
    for n in range(len(comparison.indicators)):
        if note := everywhere_said(comparison, n, _figure_text(comparison.total[n], comparison.indicators[n])):
            for number, row in enumerate(cells):
                row[n] = Spanning(note, len(cells)) if number == 0 else None
    return list(zip(comparison.groups, cells, strict=True))


def _heads(catalog: Catalog | None, comparison: Comparison, groups: int, sort: str) -> dict:
    """The table's sort links, each keeping the page's choice: «Школа» by name, «Группа» by group, an indicator's
    column by its places from the best, the column sorted so turned round; `aria-sort` on the column sorted by."""
    choice = [("catalog", catalog.code if catalog else ""), *(("i", i.code) for i in comparison.indicators),
              ("k", groups)]

    def link(order: str | None) -> str:
        return "?" + urlencode(choice + ([("sort", order)] if order else []))

    columns = []
    for indicator, everywhere in zip(comparison.indicators, comparison.withheld_everywhere, strict=True):
        # A column withheld in every school has no places to sort by.
        code, ranked = indicator.code, indicator.direction in (Direction.UP, Direction.DOWN) and not everywhere
        state = "ascending" if sort == code else "descending" if sort == FROM_WORST + code else None
        columns.append({"indicator": indicator, "href": link(FROM_WORST + code if sort == code else code),
                        "sortable": ranked,
                        "aria_sort": state if ranked else None,
                        "note": {"ascending": "с лучшего места", "descending": "с худшего места"}.get(state)
                        if ranked else None})
    by_column = any(c["aria_sort"] for c in columns)
    return {"school": link(None), "group": link(BY_GROUP), "columns": columns,
            "school_sorted": not by_column and sort != BY_GROUP, "group_sorted": sort == BY_GROUP}


def _document(comparison: Comparison, group: str = "") -> Document:
    """The comparison as a table of numbers for Excel: one row per school, then the total and the groups; `group`:
    the group of indicators chosen whole, said in the title."""
    names = [i.name for i in comparison.indicators]

    def cells(figures: list[Figure]) -> list[Cell]:
        return [WITHHELD if f.withheld else value_cell(f.value, i.unit)
                for f, i in zip(figures, comparison.indicators, strict=True)]

    table = Table(["Школа", "Группа", *names, *(f"Место: {name}" for name in names)])
    for line in comparison.lines:
        table.add(line.school.name, Number.of(line.group, 0) if line.group else "—", *cells(line.figures),
                  *(Number.of(f.rank, 0) if f.rank else "—" for f in line.figures))
    table.add("Все школы вместе", "", *cells(comparison.total), *([""] * len(names)))
    for similar in comparison.groups:  # not `group`: that is the group of indicators, said in the title
        table.add(f"Группа {similar.number} ({len(similar.schools)} шк.) вместе", Number.of(similar.number, 0),
                  *cells(similar.figures), *([""] * len(names)))
    document = Document(f"Сравнение школ за {year_label(comparison.year)} учебный год"
                        + (f": группа «{group}»" if group else ""))
    section = document.section("Школы")
    section.blocks.append(table)
    # The rows stay numbers or «—*» (a sheet has no cell over rows); the column withheld everywhere is said once.
    table.notes += [f"{indicator.name}: {note} (в строках школ и групп похожих школ — {WITHHELD})."
                    for n, indicator in enumerate(comparison.indicators) if (note := everywhere_note(comparison, n))]
    table.notes.append(f"{WITHHELD} — по значению можно узнать о группе меньше минимальной (в знаменателе, числителе "
                       "или остатке доли): скрыто; группа со скрытой школой — тоже; «все школы вместе» скрыто, если за "
                       "вычетом показанных школ раскрыло бы скрытые. «Вместе» — по суммам данных школ, а не среднее их "
                       "процентов.")
    return document
