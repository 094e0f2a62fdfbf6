"""Background imports: the web upload's confirmed run, imported by the task worker."""

from __future__ import annotations

import logging

from django.tasks import task

from vsoko.imports.enums import ImportStatus
from vsoko.imports.issues import file_issue
from vsoko.imports.models import ImportRun
from vsoko.imports.runs import GONE, RunProgress, discard_upload, upload_kept
from vsoko.imports.service import import_package

logger = logging.getLogger(__name__)


@task
def run_import(run_id: int) -> str:
    """Import the uploaded file of the run; progress and the outcome are recorded on the run."""
    run = ImportRun.objects.select_related("school", "user").filter(pk=run_id).first()
    if run is None:
        logger.warning("ImportRun %s is gone; nothing to import", run_id)
        return "missing"
    if not upload_kept(run):
        ImportRun.objects.filter(pk=run.pk).update(status=ImportStatus.INVALID, error_count=1,
                                                   errors=[file_issue(GONE).as_dict()])
        return ImportStatus.INVALID
    report = import_package(run.stored_path, school=run.school, user=run.user, progress=RunProgress(run), run=run,
                            name=run.file_name)
    if report.ok:
        discard_upload(run)
    return ImportStatus.DONE if report.ok else ImportStatus.INVALID
