"""The «Данные» section: upload a package, see what it would change, confirm, follow the import."""

from __future__ import annotations

from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from vsoko.accounts.permissions import (
    can_merge_subjects,
    can_read_uploaded_rows,
    schools_managed_by,
    schools_merging_subjects_for,
)
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.imports.enums import ImportStatus
from vsoko.imports.forms import SubjectMergeForm, UploadForm
from vsoko.imports.models import ImportRun
from vsoko.imports.runs import errors_workbook, progress_of, queue_import, receive_upload
from vsoko.imports.subject_names import display
from vsoko.imports.tables import TABLES
from vsoko.imports.template import build_template
from vsoko.records import subject_merge
from vsoko.records.approval import DataLocked

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
    return render(request, "imports/run.html", {
        "run": run,
        "rows": rows,
        "changes": sum(r["added"] + r["changed"] for r in rows if not r.get("total")),
        "errors": errors,
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


@login_required
def merge_subjects(request):
    """«Объединить предметы»: choose the misspelt subject and the right one, see what moves, confirm."""
    if not can_merge_subjects(request.user):
        raise PermissionDenied("Объединять предметы могут администратор и заместитель директора.")
    scope = schools_merging_subjects_for(request.user)
    data = request.POST if request.method == "POST" else (request.GET if "wrong" in request.GET else None)
    form = SubjectMergeForm(data, rows=subject_merge.subjects_in_use())
    plan = None
    if form.is_bound and form.is_valid():
        wrong, right = form.cleaned_data["wrong"], form.cleaned_data["right"]
        if request.method == "POST":
            names = (display(wrong.name), display(right.name))
            drop = request.POST.get("drop") == "1"
            try:
                done = subject_merge.merge_subjects(wrong, right, user=request.user, schools=scope,
                                                    drop_colliding=drop, request=request)
            except subject_merge.MergeRefused:
                messages.error(request, "Предметы не объединены, ничего не изменено: причина — ниже.")
            except DataLocked as exc:
                messages.error(request, str(exc))
            else:
                deleted = done.colliding if drop else 0
                messages.success(request, f"Предмет «{names[0]}» объединён с «{names[1]}»: перенесено строк — "
                                          f"{done.total - deleted}" + (f", удалено совпадающих — {deleted}" if deleted
                                                                       else "") + "; показатели пересчитаны.")
                return redirect("imports:merge_subjects")
            return redirect(f"{request.path}?wrong={wrong.pk}&right={right.pk}")
        plan = subject_merge.plan_merge(wrong, right, scope)
    return render(request, "imports/merge_subjects.html", {
        "form": form, "plan": plan, "moved": subject_merge.moved_summary(plan) if plan else [],
        "refusal": plan.refusal() if plan else None,
    })


def _count_rows(counts: dict) -> list[dict]:
    rows = [{"title": TABLES[key].title, **counts[key]} for key in TABLES if key in counts]
    if rows:
        rows.append({"title": "Итого", "total": True,
                     **{k: sum(r[k] for r in rows) for k in ("added", "changed", "unchanged")}})
    return rows
