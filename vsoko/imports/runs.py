"""Uploads through the web: store the file, preview it, queue the import, report its progress.

An upload is kept under UPLOAD_DIR in a folder with a random name (the run's
token), as <token>.<its extension>: the name the user gave it may name a pupil («Иванов_Пётр_8Б.xlsx»), so it is
kept only in the run's row (the import history shows it, the readers quote it). URLs carry only the token.
Uploads stored before this kept their own names; their rows keep those paths, so they stay readable. The import itself runs as a background task
(tasks.py) inside one transaction, which other connections cannot look into, so
while it writes, its progress goes to a small JSON file beside the upload.
"""

from __future__ import annotations

import datetime
import json
import os
import time
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import connection
from django.utils import timezone

from vsoko.imports.enums import ImportStatus
from vsoko.imports.issues import ImportIssue, file_issue, write_issues
from vsoko.imports.models import ImportRun
from vsoko.imports.received import neutral_name
from vsoko.imports.service import ERRORS_KEPT, preview_package
from vsoko.records.models import OrgUnit

ACCEPTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".zip", ".csv")
ERRORS_FILE = "ошибки.xlsx"
PROGRESS_FILE = "progress.json"
STALE_AFTER = datetime.timedelta(days=1)
GONE = "Загруженный файл больше не хранится (проверенные, но не загруженные файлы хранятся сутки): загрузите его снова."


def run_folder(run: ImportRun) -> Path:
    return Path(settings.UPLOAD_DIR) / run.token.hex


def receive_upload(upload: UploadedFile, *, school: OrgUnit, user) -> ImportRun:
    """Save the uploaded file, check it and diff it (nothing is written to the records)."""
    discard_stale_uploads()
    name = Path(upload.name.replace("\\", "/")).name.strip()[:255] or "upload"
    run = ImportRun(school=school, user=user, file_name=name, status=ImportStatus.QUEUED)
    folder = run_folder(run)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / neutral_name(run.token.hex, name)
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    run.stored_path = str(path)
    report = preview_package(path, school=school, name=name)
    run.status = ImportStatus.CHECKED if report.ok else ImportStatus.INVALID
    run.format = report.format
    run.counts = report.counts_json()
    run.years = sorted(report.years)
    run.errors = [issue.as_dict() for issue in report.errors[:ERRORS_KEPT]]
    run.error_count = len(report.errors)
    run.corrections = [issue.as_dict() for issue in report.corrections[:ERRORS_KEPT]]
    run.notices = [issue.as_dict() for issue in report.notices[:ERRORS_KEPT]]
    if report.errors:
        write_issues(report.errors, folder / ERRORS_FILE)
    run.save()
    return run


def queue_import(run: ImportRun) -> bool:
    """Confirm a checked upload: queue its import once (a second click changes nothing)."""
    from vsoko.imports.tasks import run_import

    if not upload_kept(run):
        ImportRun.objects.filter(pk=run.pk, status=ImportStatus.CHECKED).update(
            status=ImportStatus.INVALID, error_count=1, errors=[file_issue(GONE).as_dict()])
        return False
    if not ImportRun.objects.filter(pk=run.pk, status=ImportStatus.CHECKED).update(status=ImportStatus.QUEUED):
        return False
    run_import.enqueue(run.pk)
    return True


def upload_kept(run: ImportRun) -> bool:
    return bool(run.stored_path) and Path(run.stored_path).is_file()


def errors_workbook(run: ImportRun) -> Path:
    """The workbook of every error of the run (rebuilt from the stored errors if the file is gone)."""
    path = run_folder(run) / ERRORS_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_issues([ImportIssue(**e) for e in run.errors], path)
    return path


def discard_upload(run: ImportRun) -> None:
    """The uploaded personal data are not kept once the import is done; the errors workbook is."""
    if run.stored_path:
        Path(run.stored_path).unlink(missing_ok=True)
    (run_folder(run) / PROGRESS_FILE).unlink(missing_ok=True)


def discard_stale_uploads(age: datetime.timedelta = STALE_AFTER) -> int:
    """Uploads checked but never imported are not kept longer than a day (personal data)."""
    stale = ImportRun.objects.filter(
        status__in=[ImportStatus.CHECKED, ImportStatus.INVALID, ImportStatus.FAILED],
        created__lt=timezone.now() - age,
    ).exclude(stored_path="")
    count = 0
    for run in stale:
        discard_upload(run)
        count += ImportRun.objects.filter(pk=run.pk).update(stored_path="")
    return count


class RunProgress:
    """The progress callback of a background import: the run's row outside transactions, a file inside."""

    INTERVAL = 0.5  # seconds between writes

    def __init__(self, run: ImportRun):
        self.run = run
        self.path = run_folder(run) / PROGRESS_FILE
        self.last = 0.0
        self.stage = ""

    def __call__(self, done: int, total: int, stage: str) -> None:
        now = time.monotonic()
        if now - self.last < self.INTERVAL and done < total and stage == self.stage:
            return
        self.last, self.stage = now, stage
        state = {"done": done, "total": total, "stage": stage[:200]}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, self.path)
        if not connection.in_atomic_block:
            ImportRun.objects.filter(pk=self.run.pk).update(
                progress_done=done, progress_total=total, progress_stage=stage[:200])


def progress_of(run: ImportRun) -> dict:
    """What the status page shows: state, done/total, stage; the file's figures while the import writes."""
    state = {"done": run.progress_done, "total": run.progress_total, "stage": run.progress_stage}
    if run.status == ImportStatus.RUNNING:
        try:
            state.update(json.loads((run_folder(run) / PROGRESS_FILE).read_text(encoding="utf-8")))
        except (OSError, ValueError):
            pass
    total = state["total"] or 0
    return {
        "status": run.status,
        "status_label": run.get_status_display(),
        "finished": run.is_finished,
        "done": state["done"],
        "total": total,
        "percent": round(100 * state["done"] / total) if total else (100 if run.is_finished else 0),
        "stage": state["stage"] or ("В очереди" if run.status == ImportStatus.QUEUED else ""),
        "error_count": run.error_count,
    }
