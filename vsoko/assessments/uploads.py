"""The import page's workflow: keep the file, review it, confirm people, import it.

    store_upload(...)        the uploaded file, kept under UPLOAD_DIR/assessments/<token>/<token>.<extension>
    review_upload(upload)    format, procedures, the match table and the importer's preview
    confirm_rows(...)        the user's answers for doubtful (or missing) rows, remembered
    import_upload(...)       the canonical importer's all-or-nothing import of the file, and the procedures it holds

Importing goes through vsoko.imports.service like any other file: the format reads
the school and what the user said about the procedure from the upload record
(`upload_for_path`), so the stored file is imported exactly as `vsoko import` would.

The name the user gave the file may name a pupil («Иванов_Пётр_8Б_ВПР.xlsx»): it is kept in the upload's row
only (the import history shows it) and handed to the readers, which quote it and may find the procedure in it.
Uploads stored before under their own names keep those paths in their rows and stay readable.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from vsoko.assessments.enums import MatchStatus
from vsoko.assessments.matching import RowMatch, class_key, confirm_match, remember_codes
from vsoko.assessments.models import ResultsUpload
from vsoko.assessments.sources.protocol import Protocol, match_protocol
from vsoko.imports.formats import FORMATS, SourceFormat, detect_format
from vsoko.imports.issues import file_issue
from vsoko.imports.readers import PackageError
from vsoko.imports.received import neutral_name
from vsoko.imports.service import ImportReport, import_package, preview_package
from vsoko.imports.task_lists import stale, stored_lists
from vsoko.indicators.formatting import plural
from vsoko.records.enums import Period
from vsoko.records.models import Assessment, OrgUnit, Student

MAX_NAME = 150


def upload_folder() -> Path:
    return Path(settings.UPLOAD_DIR) / "assessments"


def store_upload(*, school: OrgUnit, user, name: str, chunks: Iterable[bytes]) -> ResultsUpload:
    """Save an uploaded file in a fresh folder under a neutral name (the folder's token and the extension); its own
    name goes to the upload's row (the import history shows it)."""
    safe = Path(name.replace("\\", "/")).name.strip() or "protocol.xlsx"
    if len(safe) > MAX_NAME:
        stem, suffix = Path(safe).stem, Path(safe).suffix
        safe = stem[: MAX_NAME - len(suffix)] + suffix
    token = uuid.uuid4().hex
    folder = upload_folder() / token
    folder.mkdir(parents=True)
    path = folder / neutral_name(token, safe)
    with path.open("wb") as out:
        for chunk in chunks:
            out.write(chunk)
    return ResultsUpload.objects.create(
        school=school, uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        original_name=safe, path=str(path.resolve()),
    )


def upload_description(upload: ResultsUpload) -> str:
    """The upload as the audit journal names it: its kind and number, never the file's name."""
    kind = next((f.verbose_name for f in FORMATS if f.code == upload.format_code), "протокол")
    return f"{kind}, загруженный протокол №{upload.pk}"


def upload_for_path(path: Path) -> ResultsUpload | None:
    """The upload a stored file belongs to (None for a file given on the command line)."""
    try:
        resolved = str(Path(path).resolve())
    except OSError:
        return None
    if not resolved.startswith(str(upload_folder().resolve())):
        return None
    return ResultsUpload.objects.select_related("school").filter(path=resolved).first()


@dataclass
class Review:
    upload: ResultsUpload
    format: SourceFormat | None = None
    recognised: bool = False
    protocols: list[Protocol] = field(default_factory=list)
    matches: list[RowMatch] = field(default_factory=list)
    years: dict[tuple[int, str], int] = field(default_factory=dict)  # (row, assessment_id) -> school year
    report: ImportReport | None = None

    @property
    def unresolved(self) -> list[RowMatch]:
        """Rows the user must answer: doubtful, then missing."""
        return [m for m in self.matches if m.status == MatchStatus.DOUBTFUL] + [
            m for m in self.matches if m.status == MatchStatus.MISSING]

    @property
    def matched(self) -> int:
        return sum(1 for m in self.matches if m.status == MatchStatus.MATCHED)

    @property
    def rows_left_out(self) -> str:
        """Rows the reader left out for an error in their scores or marks, in words («Ещё 1 строка …»), or "":
        they are not matched, so «найдено … из …» does not count them."""
        read = {(m.person.source, m.person.row) for m in self.matches}
        count = len({(i.source, i.row) for p in self.protocols for i in p.issues
                     if i.row is not None and (i.source, i.row) not in read})
        if not count:
            return ""
        rows = plural(count, "строка с ошибками не сопоставлялась", "строки с ошибками не сопоставлялись",
                      "строк с ошибками не сопоставлялись")
        return f"Ещё {count} {rows}: сначала исправьте {'её' if count == 1 else 'их'} (ошибки — ниже)."

    @property
    def needs_details(self) -> bool:
        """The file does not say which procedure it is (or the journal's year)."""
        return any(i.message.startswith(("Не удалось определить", "Не указан")) for p in self.protocols for i in p.issues)

    @property
    def assessments(self):
        return [a for p in self.protocols for a in p.assessments]

    @property
    def mark_count(self) -> int:
        return sum(len(p.marks) for p in self.protocols)

    @property
    def journal(self) -> bool:
        """A journal's marks and no procedure: of the details, only the school year and the periods apply."""
        return bool(self.mark_count) and not self.assessments

    @property
    def marks_scope(self) -> str:
        """«2025/2026 учебный год, класс 4А, год» — where the file's marks go, as read: the deputy checks the year
        and the period before loading (a wrong year would change another year's results)."""
        years: dict[int, tuple[set[str], set[Period]]] = {}
        for mark in (m for p in self.protocols for m in p.marks):
            classes, periods = years.setdefault(mark.year, (set(), set()))
            if mark.person.class_name:
                classes.add(class_key(mark.person.class_name))
            periods.add(Period(mark.period))
        parts = []
        for year, (classes, periods) in sorted(years.items()):
            named = sorted(classes, key=lambda c: (int(re.match(r"\d*", c).group() or 0), c))
            where = (f", {'класс' if len(named) == 1 else 'классы'} {', '.join(named)}" if named else "")
            when = ", ".join(p.label for p in Period if p in periods)
            parts.append(f"{year}/{year + 1} учебный год{where}, {when}")
        return "; ".join(parts)


def match_key(match: RowMatch) -> str:
    """A form field name for a row (a valid HTML id: no spaces from the procedure's code)."""
    digest = hashlib.sha256(match.person.assessment_id.encode()).hexdigest()[:8]
    return f"row-{match.person.row}-{digest}"


def review_upload(upload: ResultsUpload, *, preview: bool = True) -> Review:
    """What the file is and what importing it would do; nothing is written (but the detected format).

    Without `preview` only the procedures and the match table are worked out.
    """
    from vsoko.assessments.formats import ProtocolFormat

    review = Review(upload)
    path, name = Path(upload.path), upload.original_name
    try:
        review.format = detect_format(path, name=name)
    except PackageError as exc:
        review.report = ImportReport(errors=[file_issue(str(exc), source=upload.original_name)])
        return review
    canonical = FORMATS[0]
    review.recognised = review.format is not canonical or canonical.detect(path, name)
    if not review.recognised:
        return review
    if isinstance(review.format, ProtocolFormat):
        try:
            review.protocols = review.format.read_protocols(path, school=upload.school, overrides=upload.overrides,
                                                            name=name)
        except PackageError as exc:
            review.report = ImportReport(errors=[file_issue(str(exc), source=upload.original_name)])
            return review
        for protocol in review.protocols:
            review.matches += match_protocol(protocol, school=upload.school)
            review.years |= _years(protocol)
        _mark_replaced_tasks(review.protocols, upload.school)
    if preview:
        review.report = preview_package(path, school=upload.school, name=name)
    if upload.format_code != review.format.code:
        upload.format_code = review.format.code
        upload.save(update_fields=["format_code"])
    return review


def _mark_replaced_tasks(protocols: list[Protocol], school: OrgUnit) -> None:
    """Each procedure's stored tasks the file would remove, for the review to say so (shown only when the file
    may be loaded: otherwise the import's error says why the lists may not be replaced)."""
    defs = [a for p in protocols for a in p.assessments]
    stored = stored_lists(school, {a.assessment_id for a in defs})
    for a in defs:
        a.replaced_tasks = stale(stored.get(a.assessment_id), [t.task for t in a.tasks])


def _years(protocol: Protocol) -> dict[tuple[int, str], int]:
    years = {(r.person.row, r.person.assessment_id): r.assessment.year for r in protocol.results}
    years |= {(m.person.row, m.person.assessment_id): m.year for m in protocol.marks}
    return years


@transaction.atomic
def confirm_rows(review: Review, choices: dict[str, int], *, user) -> int:
    """Remember the chosen student for each answered row (key → student pk); returns how many."""
    school = review.upload.school
    by_key = {match_key(m): m for m in review.unresolved}
    done = 0
    for key, student_pk in choices.items():
        match = by_key.get(key)
        if match is None or not student_pk:
            continue
        student = Student.objects.get(school=school, pk=student_pk)
        year = review.years[(match.person.row, match.person.assessment_id)]
        confirm_match(school=school, year=year, person=match.person, student=student, user=user)
        done += 1
    return done


@dataclass
class Loaded:
    """What «Загрузить» did: the importer's report and the procedures the file holds, as stored."""

    report: ImportReport
    assessments: list[Assessment] = field(default_factory=list)


def import_upload(upload: ResultsUpload, *, user) -> Loaded:
    """Import the stored file all-or-nothing; afterwards remember the participant codes it revealed."""
    report = import_package(Path(upload.path), school=upload.school, user=user, name=upload.original_name)
    if not report.ok:
        return Loaded(report)
    upload.imported = True
    upload.save(update_fields=["imported"])
    review = review_upload(upload, preview=False)
    remember_revealed_codes(review)
    codes = {a.assessment_id for a in review.assessments}
    stored = (Assessment.objects.filter(school=upload.school, assessment_id__in=codes).select_related("subject")
              .order_by("-year", "kind", "grade", "subject__name"))
    return Loaded(report, list(stored))


def remember_revealed_codes(review: Review) -> int:
    """A Ф1 with both ФИО and «Код участника» tells the school which code is whose: keep it for
    the next files of the year that have codes only."""
    upload = review.upload
    saved = 0
    for match in review.matches:
        person = match.person
        if match.status == MatchStatus.MATCHED and person.code and match.reason != "по коду участника":
            year = review.years[(person.row, person.assessment_id)]
            saved += remember_codes(school=upload.school, year=year, pairs=[(person.code, match.student)])
    return saved


OFFERED = 300


def students_for(review: Review, match: RowMatch) -> list[Student]:
    """Whom to offer for a row nobody matched: the students of its class that year, else of the school."""
    school = review.upload.school
    year = review.years.get((match.person.row, match.person.assessment_id))
    students = Student.objects.filter(school=school)
    if match.person.class_name and year is not None:
        in_class = students.filter(enrollments__year_id=year, enrollments__school_class__name=match.person.class_name)
        if in_class.exists():
            students = in_class
    return list(students.order_by("last_name", "first_name", "student_id")[:OFFERED])
