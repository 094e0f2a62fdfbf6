"""The «Данные» section: upload a package, see what it would change, confirm, follow the import."""

from __future__ import annotations

from io import BytesIO

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from vsoko.accounts.permissions import (
    can_read_uploaded_rows,
    schools_managed_by,
)
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.imports.enums import ImportStatus
from vsoko.imports.forms import UploadForm
from vsoko.imports.models import ImportRun
from vsoko.imports.runs import errors_workbook, progress_of, queue_import, receive_upload
from vsoko.imports.tables import TABLES
from vsoko.imports.template import build_template

HISTORY = 20
ERRORS_SHOWN = 500
ROWS_REFUSED = "Строки с ошибками видят загрузивший файл, администратор и заместитель директора."


def _schools(request):
    schools = schools_managed_by(request.user).order_by("name")
    if not schools:
        raise PermissionDenied("Загружать данные могут администратор, директор и заместитель директора.")
    return schools


def _run(request, token) -> ImportRun:
    return get_object_or_404(ImportRun.objects.select_related("school", "user"), token=token,
                             school__in=_schools(request))


@login_required
def index(request, form: UploadForm | None = None, status: int = 200):
    schools = _schools(request)
    runs = ImportRun.objects.filter(school__in=schools).select_related("school", "user")[:HISTORY]
    return render(request, "imports/index.html", {
        "form": form or UploadForm(schools=schools),
        "runs": runs,
        "several_schools": len(schools) > 1,
    }, status=status)


@login_required
@require_POST
def upload(request):
    form = UploadForm(request.POST, request.FILES, schools=_schools(request))
    if not form.is_valid():
        return index(request, form=form, status=400)
    run = receive_upload(form.cleaned_data["file"], school=form.cleaned_data["school"], user=request.user)
    return redirect("imports:run", token=run.token)


def _audit_errors(request, run: ImportRun, action: AuditAction) -> None:
    """The errors quote the file's rows — pupils' names and codes: a view (or export) of personal data."""
    record(user=request.user, action=action, object_type="import_errors", object_id=str(run.token), school=run.school,
           details={"rows": run.error_count}, request=request)


@login_required
def run_detail(request, token):
    run = _run(request, token)
    rows = _count_rows(run.counts)
    readable = can_read_uploaded_rows(request.user, run.school, run.user_id)
    errors = run.errors[:ERRORS_SHOWN] if readable else []
    if errors:
        _audit_errors(request, run, AuditAction.VIEW_LIST)
    corrections = run.corrections[:ERRORS_SHOWN] if readable else []
    if corrections:  # they quote the file's rows too («Иванoв» → «Иванов»)
        record(user=request.user, action=AuditAction.VIEW_LIST, object_type="import_corrections",
               object_id=str(run.token), school=run.school, details={"rows": len(corrections)}, request=request)
    return render(request, "imports/run.html", {
        "run": run,
        "rows": rows,
        "changes": sum(r["added"] + r["changed"] for r in rows if not r.get("total")),
        "errors": errors,
        "corrections": corrections,
        "rows_readable": readable,
        "rows_refused": ROWS_REFUSED,
        "errors_hidden": max(run.error_count - ERRORS_SHOWN, 0),
        "progress": progress_of(run),
        "statuses": ImportStatus,
    })


@login_required
@require_POST
def confirm(request, token):
    run = _run(request, token)
    queue_import(run)
    return redirect("imports:run", token=run.token)


@login_required
def progress(request, token):
    return JsonResponse(progress_of(_run(request, token)))


@login_required
def errors(request, token):
    run = _run(request, token)
    if not can_read_uploaded_rows(request.user, run.school, run.user_id):
        raise PermissionDenied(ROWS_REFUSED)
    _audit_errors(request, run, AuditAction.EXPORT)
    return FileResponse(errors_workbook(run).open("rb"), as_attachment=True,
                        filename=f"ошибки-загрузки-{run.created:%Y-%m-%d-%H%M}.xlsx")


@login_required
def template(request):
    _schools(request)
    workbook = build_template(BytesIO())
    workbook.seek(0)
    return FileResponse(workbook, as_attachment=True, filename="Шаблон пакета ВСОКО.xlsx")


def _count_rows(counts: dict) -> list[dict]:
    rows = [{"title": TABLES[key].title, **counts[key]} for key in TABLES if key in counts]
    if rows:
        rows.append({"title": "Итого", "total": True,
                     **{k: sum(r[k] for r in rows) for k in ("added", "changed", "unchanged")}})
    return rows
