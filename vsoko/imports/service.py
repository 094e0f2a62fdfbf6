"""Importing a data package: the public entry points.

    preview_package(path, school=…)  reads, checks and diffs; writes nothing
    import_package(path, school=…)   the same, then stores everything or nothing

`name` is the file's name as the user knows it: an upload is stored under a neutral name (its token), and the
messages and the import history quote this one. The audit journal names neither (`upload_description`).

Both return an ImportReport: `.ok`, `.errors` (every ImportIssue), `.corrections` and `.notices` (said in the
summary: read otherwise than typed; stored but counted in no indicator), `.counts`
(table key -> TableCounts(added, changed, unchanged)), `.years` (school years
whose rows were added or changed) and `.tables` (table keys in the package).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.imports.enums import ImportStatus
from vsoko.imports.formats import FORMATS, detect_format
from vsoko.imports.issues import ImportIssue, file_issue
from vsoko.imports.models import ImportRun
from vsoko.imports.readers import PackageError
from vsoko.imports.signals import package_imported
from vsoko.imports.sync import TableCounts, synchronize
from vsoko.imports.tables import TABLES
from vsoko.imports.validation import Package, validate
from vsoko.records.approval import DataLocked, ensure_open
from vsoko.records.models import OrgUnit

__all__ = ["ImportIssue", "ImportReport", "TableCounts", "import_package", "preview_package"]

Progress = Callable[[int, int, str], None]
# Progress is reported on one scale: reading and checking take the first half, writing the second.
SCALE = 1000
ERRORS_KEPT = 1000  # errors stored on an ImportRun; the error workbook has them all


@dataclass
class ImportReport:
    errors: list[ImportIssue] = field(default_factory=list)
    counts: dict[str, TableCounts] = field(default_factory=dict)
    years: set[int] = field(default_factory=set)
    tables: set[str] = field(default_factory=set)
    format: str = ""
    corrections: list[ImportIssue] = field(default_factory=list)  # read otherwise than typed, said in the summary
    notices: list[ImportIssue] = field(default_factory=list)  # stored but counted in no indicator, said too

    @property
    def ok(self) -> bool:
        return not self.errors

    def counts_json(self) -> dict[str, dict[str, int]]:
        return {key: {"added": c.added, "changed": c.changed, "unchanged": c.unchanged} for key, c in self.counts.items()}


def preview_package(path: str | Path, *, school: OrgUnit, progress: Progress | None = None,
                    name: str = "") -> ImportReport:
    """Read, check and diff the package against the school's data; nothing is written."""
    report, package = _check(Path(path), name, school, progress)
    if report.ok:
        writer = synchronize(package, school, dry_run=True, progress=_writing(progress))
        report.counts, report.years = _in_table_order(writer.counts), writer.years
        try:
            ensure_open(school, writer.years, writer.mark_periods)
        except DataLocked as exc:
            report.errors = [file_issue(str(exc))]
    return report


def import_package(path: str | Path, *, school: OrgUnit, user=None, progress: Progress | None = None,
                   run: ImportRun | None = None, name: str = "") -> ImportReport:
    """Store the package all-or-nothing in one transaction and record it as an ImportRun.

    The run is marked done (and the import audited) inside the same transaction
    as the data. `package_imported` is sent after the commit; a receiver that
    fails is logged and does not undo the import. With `run` (the web upload)
    that run is updated; otherwise a new one is created for the history.
    """
    path = Path(path)
    if run is None:
        run = ImportRun.objects.create(school=school, user=user, file_name=(name or path.name)[:255],
                                       status=ImportStatus.RUNNING)
    else:
        ImportRun.objects.filter(pk=run.pk).update(status=ImportStatus.RUNNING)
    try:
        report, package = _check(path, name, school, progress)
        if report.ok:
            _store(report, package, school, progress, run=run, user=user)
        if not report.ok:
            _finish(run, report, ImportStatus.INVALID)
    except Exception:
        _finish(run, ImportReport(errors=[file_issue("Сбой при загрузке; подробности в журнале сервера.")]),
                ImportStatus.FAILED)
        raise
    return report


def _check(path: Path, name: str, school: OrgUnit, progress: Progress | None) -> tuple[ImportReport, Package | None]:
    report = ImportReport()
    try:
        source_format = detect_format(path, name=name)  # a file not found is named by the path the user gave
        name = name or path.name
        report.format = source_format.code
        source = source_format.read(path, school=school, name=name)
        step = (lambda fraction, stage: progress(int(fraction * SCALE * 0.45), SCALE, stage)) if progress else None
        package, report.errors = validate(source, school=school, step=step)
    except PackageError as exc:
        report.errors = [file_issue(str(exc), source=name or path.name)]
        return report, None
    report.tables = set(package.tables)
    report.corrections = package.corrections
    report.notices = package.notices
    if progress:
        progress(SCALE // 2, SCALE, "Сравнение с загруженными данными")
    return report, package


def _in_table_order(counts: dict[str, TableCounts]) -> dict[str, TableCounts]:
    return {key: counts[key] for key in TABLES if key in counts}


def _writing(progress: Progress | None) -> Progress | None:
    if progress is None:
        return None
    return lambda done, total, stage: progress(SCALE // 2 + done * (SCALE // 2) // max(total, 1), SCALE, stage)


def _store(report: ImportReport, package: Package, school: OrgUnit, progress: Progress | None, *,
           run: ImportRun, user) -> None:
    try:
        with transaction.atomic():
            # One import per school at a time (PostgreSQL; SQLite serialises writers anyway).
            OrgUnit.objects.select_for_update().filter(pk=school.pk).first()
            writer = synchronize(package, school, dry_run=False, progress=_writing(progress))
            # Approved years and periods must not change: checked on the diff, so the writes roll back.
            ensure_open(school, writer.years, writer.mark_periods)
            report.counts, report.years = _in_table_order(writer.counts), set(writer.years)
            _finish(run, report, ImportStatus.DONE)
            record(user=user, action=AuditAction.IMPORT, object_type="import", object_id=str(run.token), school=school,
                   details={"upload": upload_description(run), "counts": report.counts_json(),
                            "years": sorted(report.years)})
            years, tables = set(report.years), set(report.tables)
            transaction.on_commit(
                lambda: package_imported.send(sender=None, school=school, years=years, tables=tables), robust=True)
            if progress:
                progress(SCALE, SCALE, "Готово")
    except DataLocked as exc:
        report.counts, report.years = {}, set()
        report.errors = [file_issue(str(exc))]
    except IntegrityError as exc:
        report.counts, report.years = {}, set()
        report.errors = [file_issue(f"Данные изменились во время загрузки ({exc}); ничего не сохранено, повторите загрузку.")]


def upload_description(run: ImportRun) -> str:
    """The run as the audit journal names it: its kind and number, never the file's name (it may name a pupil:
    «Иванов_Пётр_8Б_ВПР.xlsx»); the import history shows the name to those who may see the import."""
    kind = next((f.verbose_name for f in FORMATS if f.code == run.format), "файл")
    return f"{kind}, загрузка №{run.pk}"


def _finish(run: ImportRun, report: ImportReport, status: ImportStatus) -> None:
    run.status = status
    run.format = report.format or run.format
    run.counts = report.counts_json()
    run.errors = [issue.as_dict() for issue in report.errors[:ERRORS_KEPT]]
    run.error_count = len(report.errors)
    run.corrections = [issue.as_dict() for issue in report.corrections[:ERRORS_KEPT]]
    run.notices = [issue.as_dict() for issue in report.notices[:ERRORS_KEPT]]
    run.years = sorted(report.years)
    run.finished = timezone.now()
    if status == ImportStatus.DONE:
        run.progress_done = run.progress_total = SCALE
        run.progress_stage = "Готово"
    run.save()
