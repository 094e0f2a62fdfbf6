"""A procedure's справка (Word) for the reader of the procedure page, and the page of its «Выводы» and
«Рекомендации».

The справка is for whoever sees the procedure page (vsoko.analysis.access: 404 outside the user's schools), with
what the page shows them: the observer gets aggregates with small groups hidden and no names, a teacher the
names of their own pupils. Each download is audit-logged (it may name pupils). The texts are written by the
school-wide roles, as the school's other report texts (`permissions.can_make_reports`).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header

from vsoko.accounts import permissions
from vsoko.analysis import access
from vsoko.analysis.risk import procedure_label
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.procedure import document, file_name, procedure_report
from vsoko.reports.procedure_conclusion import conclusion_of, save_conclusion
from vsoko.reports.procedure_forms import conclusion_from, forms_for
from vsoko.reports.registry import record_export
from vsoko.reports.views import CONTENT_TYPES
from vsoko.reports.writers import WRITERS


def procedure_docx(request, pk: int):
    item = access.assessment_for(request.user, pk)
    report = procedure_report(item, request.user)
    data = WRITERS[Format.DOCX](document(report))
    record_export(ReportKind.PROCEDURE, item.school, item.year_id, Format.DOCX, user=request.user, request=request,
                  assessment=item.assessment_id)
    response = HttpResponse(data, content_type=CONTENT_TYPES[Format.DOCX])
    response["Content-Disposition"] = content_disposition_header(True, file_name(item, Format.DOCX.value))
    return response


def conclusions(request, pk: int):
    item = access.assessment_for(request.user, pk)
    if not permissions.can_make_reports(request.user, item.school):
        raise PermissionDenied("Выводы и рекомендации по процедуре пишет администрация школы: администратор, "
                               "директор, заместитель директора.")
    saved = conclusion_of(item)
    form, rows = forms_for(request.POST if request.method == "POST" else None, saved, item)
    if request.method == "POST" and form.is_valid() and rows.is_valid():
        changed = save_conclusion(item, conclusion_from(form, rows), user=request.user, request=request)
        messages.success(request, "Выводы и рекомендации сохранены." if changed
                         else "Изменений нет: тексты те же, что сохранены.")
        return redirect(reverse("reports:procedure_conclusions", args=[item.pk]))
    return render(request, "reports/procedure_conclusions.html", {
        "a": item, "form": form, "rows": rows, "saved": saved,
        "label": procedure_label(item.kind, item.subject.name if item.subject else "", item.grade),
    })
