"""The «Отчёты» page: the reports of a school and year, each downloadable in its formats (with a list for each of
the kind's `choices`: the support report's period, the schedule's half-year); and the page
of the self-examination report's texts, written by the school for each section of its analytic part.

For the school-wide roles (the analytic report shows small groups). A report is built while the request
waits, with no background task. Measured on the demo school (benchmarks/run.py exports; 2 cores, busy with
other work, load 2.5–3.5): a Word report 0.2–0.45 s, the public report's PDF 1.0–1.4 s (WeasyPrint's layout;
the first PDF of a server process 3.6 s, WeasyPrint being loaded). The municipality's report, made on
«Сравнение школ», takes 2.2 s at 50 schools, 1.6 s of it reading every school's data (docs/reports.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header

from vsoko.accounts import permissions
from vsoko.records.approval import locked_years
from vsoko.records.enums import OrgUnitKind
from vsoko.records.models import OrgUnit
from vsoko.reports import self_exam
from vsoko.reports.enums import Format, PublicReportSection, ReportKind, SelfExamSection
from vsoko.reports.forms import ReportTextForm, revision_field, text_field
from vsoko.reports.public import PARTS as PUBLIC_PARTS
from vsoko.reports.registry import REPORTS, ReportError, chosen_options, record_export
from vsoko.reports.registry import render as render_report
from vsoko.reports.self_exam_analysis import SECTIONS
from vsoko.reports.self_exam_text import Sections, TextConflict, save_texts, texts_of
from vsoko.web.school_year import (
    available_years,
    chosen_school,
    planning_years,
    selected_year,
    year_label,
)

CONTENT_TYPES = {
    Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Format.HTML: "text/html; charset=utf-8",
    Format.PDF: "application/pdf",
}


def scope(request, kind: ReportKind | None = None) -> tuple[OrgUnit, list[OrgUnit], int | None, list[int]]:
    """The school (?school=code among the user's) and the year (?year=, else the one chosen in the header). The
    monitoring plan is printed for a coming year too (drafted before its data: vsoko.web.school_year.planning_years)."""
    school, schools = chosen_school(
        permissions.schools_reported_by(request.user), request.GET.get("school"),
        "Отчёты формирует администрация школы: администратор, директор, заместитель директора.")
    years = [y.start for y in available_years(request)]  # read once per request, the header reads them too
    asked = request.GET.get("year", "")
    allowed = planning_years(request) if kind == ReportKind.PLAN else years
    year = int(asked) if asked.isdigit() and int(asked) in allowed else selected_year(request)
    return school, schools, year, years


def index(request):
    school, schools, year, years = scope(request)
    reports = [{"kind": kind, "formats": REPORTS[kind].formats, "contents": REPORTS[kind].contents,
                "choices": [{"choice": c, "values": c.values(school, year)} for c in REPORTS[kind].choices]
                if year is not None else []}
               for kind in ReportKind if REPORTS[kind].unit == OrgUnitKind.SCHOOL]
    return render(request, "reports/index.html", {
        "school": school, "schools": schools, "year": year, "years": [(y, year_label(y)) for y in years],
        "year_label": year_label(year), "reports": reports, "min_group": settings.VSOKO_MIN_GROUP_SIZE,
    })


def download(request, kind: str, fmt: str):
    if kind not in ReportKind.values or fmt not in Format.values:
        raise Http404
    kind, fmt = ReportKind(kind), Format(fmt)
    if fmt not in REPORTS[kind].formats or REPORTS[kind].unit != OrgUnitKind.SCHOOL:
        raise Http404  # a municipality's report is made on the «Сравнение школ» page
    school, _, year, _ = scope(request, kind)
    if year is None:
        raise Http404
    try:
        options = chosen_options(kind, school, year, request.GET)
        data = render_report(kind, school, year, fmt, **options)
    except ReportError as exc:
        messages.error(request, str(exc))
        return redirect(f"{reverse('reports:index')}?school={school.code}&year={year}")
    record_export(kind, school, year, fmt, user=request.user, request=request, **options)
    # «Справка об итогах периода 2024-2025 II четверть.docx»: the name a deputy files it under.
    chosen = "".join(f" {dict(choice.values(school, year))[str(options[choice.name])]}"
                     for choice in REPORTS[kind].choices if choice.name in options)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, f"{kind.label} {year}-{year + 1}{chosen}.{fmt.value}")
    return response


@dataclass(frozen=True)
class TextsPage:
    """A page where the school writes its parts of a report."""

    sections: Sections
    url: str
    title: str
    intro: str
    kind: ReportKind  # the report the texts go into (its «Скачать» button)
    download: Format
    parts: dict  # section -> what the report computes there (`generated`) and what to write (`prompt`)
    unfilled: Callable | None = None  # (school, year) -> the report's rows that would print «нет данных»


TEXTS_PAGES = {
    SelfExamSection: TextsPage(
        SelfExamSection, "reports:self_exam_texts", "Текст отчёта о самообследовании",
        "Аналитическая часть отчёта — одиннадцать разделов по п. 6 Порядка проведения самообследования (приказ "
        "Минобрнауки России от 14.06.2013 № 462). Каждый раздел отчёт начинает сведениями, вычисленными по данным "
        "школы; текст, написанный здесь, идёт после них. Разделы, о которых в данных мало (библиотека, "
        "материально-техническая база, структура управления), пишет в основном школа.",
        ReportKind.SELF_EXAM, Format.DOCX, SECTIONS, self_exam.unfilled),
    PublicReportSection: TextsPage(
        PublicReportSection, "reports:public_texts", "Текст публичного доклада",
        "Публичный доклад — доклад директора школы (Положение о ВСОКО, п. 5.1). Показатели в нём вычисляются по "
        "данным школы; обращение, которым доклад открывается, и заключение с задачами на следующий год пишет "
        "директор здесь.",
        ReportKind.PUBLIC, Format.PDF, PUBLIC_PARTS),
}


def self_exam_texts(request):
    return texts_page(request, TEXTS_PAGES[SelfExamSection])


def public_texts(request):
    return texts_page(request, TEXTS_PAGES[PublicReportSection])


def texts_page(request, page: TextsPage):
    """The school's text of each section of a report for the year. A form with errors (or a colleague's newer
    save) is shown again with everything the user typed."""
    school, schools, year, years = scope(request)
    context = {"school": school, "schools": schools, "year": year, "years": [(y, year_label(y)) for y in years],
               "year_label": year_label(year), "sections": [], "newer": {}, "page": page}
    if year is None:
        return render(request, "reports/texts.html", context)
    texts = texts_of(school, year, page.sections)
    form = ReportTextForm(request.POST if request.method == "POST" else None, school=school, year=year,
                          texts=texts, sections=page.sections)
    newer = {}
    if request.method == "POST" and form.is_valid():
        try:
            changed = save_texts(school=school, year=year, edits=form.edits(), user=request.user, request=request)
        except TextConflict as conflict:
            newer = conflict.newer
            form = form.shown_revisions(newer)
        else:
            messages.success(request, "Сохранено: " + "; ".join(s.heading for s in changed) + "." if changed
                             else "Изменений нет: тексты те же, что сохранены.")
            return redirect(f"{reverse(page.url)}?school={school.code}&year={year}")
    context.update({
        "form": form, "locked": bool(locked_years(school, [year])),
        "unfilled": page.unfilled(school, year) if page.unfilled else [],
        "sections": [{"section": section, "part": page.parts[section], "field": form[text_field(section)],
                      "revision": form[revision_field(section)], "saved": texts.get(section),
                      "newer": newer.get(section)} for section in page.sections],
    })
    return render(request, "reports/texts.html", context)
