"""The import page for third-party protocols, its column-mapping and confirmation steps, and the scales.

Thin views: each checks access through vsoko.accounts.permissions, validates the
input with a form and calls a domain function (uploads.py, column_mapping.py,
participant_codes.py); templates extend web/base.html.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from vsoko.accounts import permissions
from vsoko.accounts.enums import Role
from vsoko.analysis.risk import procedure_label
from vsoko.assessments import column_mapping, uploads
from vsoko.assessments.forms import (
    CodesForm,
    ColumnsForm,
    ConfirmForm,
    DetailsForm,
    ScaleForm,
    UploadForm,
)
from vsoko.assessments.models import ResultsUpload, ScaleDefinition
from vsoko.assessments.participant_codes import load_participant_codes
from vsoko.assessments.sources.grid import read_sheets
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.imports.formats import FORMATS
from vsoko.imports.readers import PackageError
from vsoko.imports.received import received_file
from vsoko.imports.tables import TABLES
from vsoko.records.enums import AssessmentKind

PREVIEW_ROWS = 12


def _managed_schools(user):
    schools = permissions.schools_managed_by(user).order_by("name")
    if not schools.exists():
        raise PermissionDenied("Загружать протоколы могут администратор, директор и заместители директора.")
    return schools


def _upload(request, pk: int) -> ResultsUpload:
    return get_object_or_404(ResultsUpload.objects.select_related("school"), pk=pk,
                             school__in=_managed_schools(request.user))


def import_start(request):
    schools = _managed_schools(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, schools=schools)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        upload = uploads.store_upload(school=form.school(), user=request.user, name=file.name, chunks=file.chunks())
        return redirect("assessments:import_review", pk=upload.pk)
    return render(request, "assessments/import.html", {
        "form": form,
        "codes_form": CodesForm(schools=schools),
        "formats": FORMATS,
        "recent": ResultsUpload.objects.filter(school__in=schools).select_related("school")[:10],
    })


def import_review(request, pk: int):
    upload = _upload(request, pk)
    review = uploads.review_upload(upload)
    if review.format is not None and not review.recognised:
        return redirect("assessments:import_columns", pk=upload.pk)
    confirm = ConfirmForm(unresolved=[(uploads.match_key(m), m) for m in review.unresolved],
                          students_for=lambda match: uploads.students_for(review, match))
    if review.matches:
        record(user=request.user, action=AuditAction.VIEW_LIST, object_type="protocol_matches", object_id=upload.pk,
               school=upload.school, request=request)
    counts = [(TABLES[key].title, c) for key, c in review.report.counts.items()] if review.report else []
    return render(request, "assessments/review.html", {
        "upload": upload, "review": review, "confirm": confirm, "counts": counts,
        "details": DetailsForm(initial=upload.overrides, journal=review.journal),
    })


@require_POST
def import_details(request, pk: int):
    upload = _upload(request, pk)
    form = DetailsForm(request.POST)
    if form.is_valid():
        upload.overrides = form.overrides()
        upload.save(update_fields=["overrides"])
        messages.success(request, "Сведения о процедуре сохранены.")
    else:
        messages.error(request, "Сведения о процедуре не сохранены: " + "; ".join(
            f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items()))
    return redirect("assessments:import_review", pk=upload.pk)


@require_POST
def import_confirm(request, pk: int):
    upload = _upload(request, pk)
    review = uploads.review_upload(upload, preview=False)
    form = ConfirmForm(request.POST, unresolved=[(uploads.match_key(m), m) for m in review.unresolved],
                       students_for=lambda match: uploads.students_for(review, match))
    if form.is_valid():
        done = uploads.confirm_rows(review, form.choices(), user=request.user)
        record(user=request.user, action=AuditAction.CHANGE, object_type="confirmed_match", object_id=upload.pk,
               school=upload.school, details={"upload": uploads.upload_description(upload), "rows": done}, request=request)
        messages.success(request, f"Подтверждено строк: {done}. Сопоставления запомнены для следующих файлов.")
    else:
        messages.error(request, "Выбор не сохранён: выберите обучающихся из предложенных.")
    return redirect("assessments:import_review", pk=upload.pk)


@require_POST
def import_run(request, pk: int):
    upload = _upload(request, pk)
    loaded = uploads.import_upload(upload, user=request.user)
    report = loaded.report
    if report.ok:
        added = sum(c.added for c in report.counts.values())
        changed = sum(c.changed for c in report.counts.values())
        if added or changed:
            text = f"Файл «{upload.original_name}» загружен: добавлено строк {added}, изменено {changed}."
        else:
            text = f"Файл «{upload.original_name}» уже был загружен: в нём ничего нового, ничего не изменилось."
        messages.success(request, format_html("{}{}", text, _analysis_links(loaded.assessments)))
        return redirect("assessments:import_start")
    messages.error(request, f"Файл не загружен: ошибок {len(report.errors)}. Ничего не сохранено.")
    return redirect("assessments:import_review", pk=upload.pk)


def _analysis_links(assessments) -> str:
    """« Анализ: ВПР, русский язык, 4 класс» — each procedure of the file linked to its analysis page."""
    if not assessments:
        return ""
    links = format_html_join(", ", '<a href="{}">{}</a>', (
        (reverse("analysis:assessment", args=[a.pk]),
         procedure_label(a.kind, a.subject.name if a.subject else None, a.grade)) for a in assessments))
    return format_html(" {} {}.", "Анализ:" if len(assessments) == 1 else "Анализ процедур:", links)


def import_columns(request, pk: int):
    upload = _upload(request, pk)
    try:
        sheet = next(s for s in read_sheets(Path(upload.path), upload.original_name) if any(any(r) for r in s.rows))
    except PackageError as exc:
        messages.error(request, f"Сопоставить столбцы нельзя. {exc}")
        return redirect("assessments:import_start")
    except StopIteration:
        messages.error(request, "Файл пуст: сопоставить столбцы нельзя.")
        return redirect("assessments:import_start")
    row = _header_row(request, sheet)
    headers = sheet.row_texts(row)
    form = ColumnsForm(request.POST or None, headers=headers, initial=_column_initial(upload, sheet, row, headers))
    if request.method == "POST" and form.is_valid():
        try:
            column_mapping.save_mapping(school=upload.school, texts=headers, header_row=row, choices=form.choices(),
                                        assessment=form.assessment(), user=request.user)
        except column_mapping.MappingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Сопоставление столбцов сохранено: следующий файл с такими же заголовками "
                                      "будет распознан сам.")
            return redirect("assessments:import_review", pk=upload.pk)
    preview = [sheet.row_texts(n) for n in range(1, min(len(sheet.rows), row + PREVIEW_ROWS) + 1)]
    return render(request, "assessments/columns.html", {
        "upload": upload, "form": form, "sheet": sheet, "header_row": row, "preview": preview,
    })


def _header_row(request, sheet) -> int:
    raw = request.POST.get("header_row") or request.GET.get("row") or ""
    if raw.isdigit() and 1 <= int(raw) <= len(sheet.rows):
        return int(raw)
    return column_mapping.guess_header_row(sheet)


def _column_initial(upload, sheet, row: int, headers: list[str]) -> dict:
    initial = {"header_row": row, **{k: v for k, v in upload.overrides.items() if k in ("kind", "subject", "grade", "year")}}
    for col, choice in enumerate(column_mapping.suggest(headers)):
        initial |= {f"role_{col}": choice.role, f"task_{col}": choice.task, f"max_{col}": choice.max_points}
    return initial


@require_POST
def import_codes(request):
    schools = _managed_schools(request.user)
    form = CodesForm(request.POST, request.FILES, schools=schools)
    if not form.is_valid():
        messages.error(request, "Список кодов не загружен: " + "; ".join(" ".join(e) for e in form.errors.values()))
        return redirect("assessments:import_start")
    file = form.cleaned_data["file"]
    with received_file(file) as path:
        try:
            result = load_participant_codes(path, school=form.school(), year=form.cleaned_data["year"],
                                            name=file.name)
        except PackageError as exc:
            messages.error(request, str(exc))
            return redirect("assessments:import_start")
    if result.ok:
        record(user=request.user, action=AuditAction.CHANGE, object_type="participant_codes",
               school=form.school(), details={"codes": result.saved}, request=request)
        messages.success(request, f"Коды участников сохранены: {result.saved}.")
    else:
        messages.error(request, "Коды не сохранены. " + " ".join(result.problems[:20]))
    return redirect("assessments:import_start")


# scales


def _can_edit_scales(user) -> bool:
    """Scales are shared by every school of the database: the administrator edits them."""
    return user.is_superuser or Role.ADMIN in permissions.roles_of(user)


def scale_list(request):
    kind = request.GET.get("kind", "")
    scales = ScaleDefinition.objects.all()
    if kind in AssessmentKind.values:
        scales = scales.filter(kind=kind)
    return render(request, "assessments/scales.html", {
        "scales": scales, "kind": kind, "kinds": [k for k in AssessmentKind if k in ("vpr", "oge", "ege")],
        "can_edit": _can_edit_scales(request.user),
    })


def scale_edit(request, pk: int):
    if not _can_edit_scales(request.user):
        raise PermissionDenied("Шкалы изменяет администратор.")
    scale = get_object_or_404(ScaleDefinition, pk=pk)
    form = ScaleForm(request.POST or None, instance=scale)
    if request.method == "POST" and form.is_valid():
        form.save()
        record(user=request.user, action=AuditAction.CHANGE, object_type="scale", object_id=scale.pk,
               details={"scale": str(scale), "fields": form.changed_data}, request=request)
        messages.success(request, f"Шкала «{scale}» сохранена; обновление программы её не перезапишет.")
        return redirect("assessments:scale_list")
    return render(request, "assessments/scale_form.html", {"form": form, "scale": scale})
