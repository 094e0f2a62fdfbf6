"""The school overview: counts of the year per school, in a handful of GROUP BY queries; for several schools
also where each school's data stand (its latest import, the year's approval), as a municipality follows them.

Students "at the year's end" are CE(Y) of spec/core-indicators.md, taken from
vsoko.datavalues.populations so the overview always agrees with core.students_total.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q

from vsoko.datavalues.populations import ce_enrollments
from vsoko.imports.enums import ImportStatus
from vsoko.imports.models import ImportRun
from vsoko.imports.tables import TABLES
from vsoko.records.enums import ApprovalStatus
from vsoko.records.models import Enrollment, OrgUnit, SchoolClass, StaffYear, YearApproval
from vsoko.web.templatetags.vsoko_format import grouped

# The year's approval in the table of schools, said of the data («Данные года: утверждены»), short enough for a row.
APPROVAL_WORDS = {ApprovalStatus.OPEN: "открыты", ApprovalStatus.SUBMITTED: "на утверждении",
                  ApprovalStatus.APPROVED: "утверждены"}
LEVELS = (("level1", "1–4 классы", 1, 4), ("level2", "5–9 классы", 5, 9), ("level3", "10–11 классы", 10, 11))


def on_roll_ids(enrollments: list[Enrollment]) -> set[int]:
    """Which of these enrollments are in the contingent at the year's end, CE(Y) (one query)."""
    if not enrollments:
        return set()
    schools = sorted({e.school_id for e in enrollments})
    years = sorted({e.year_id for e in enrollments})
    return set(
        ce_enrollments(schools, years).filter(pk__in=[e.pk for e in enrollments]).values_list("pk", flat=True)
    )


def pupils_at_year_end(classes: list[SchoolClass], year: int) -> dict[int, int]:
    """{class id: |CE| of the class} (one GROUP BY)."""
    if not classes:
        return {}
    rows = (
        ce_enrollments(sorted({c.school_id for c in classes}), [year])
        .filter(school_class__in=[c.pk for c in classes])
        .values("school_class_id").annotate(n=Count("pk")).order_by()
    )
    return {row["school_class_id"]: row["n"] for row in rows}


@dataclass
class SchoolSummary:
    school: OrgUnit | None
    students: int = 0
    levels: dict[str, int] = field(default_factory=lambda: {key: 0 for key, *_ in LEVELS})
    classes: int = 0
    staff: int = 0
    last_import: datetime.datetime | None = None  # the school's latest import that loaded data
    approval: ApprovalStatus = ApprovalStatus.OPEN  # of the year's data as a whole

    @property
    def approval_words(self) -> str:
        return APPROVAL_WORDS[self.approval]

    @property
    def level_rows(self) -> list[tuple[str, int]]:
        return [(label, self.levels[key]) for key, label, *_ in LEVELS]

    def add(self, other: SchoolSummary) -> None:
        self.students += other.students
        self.classes += other.classes
        self.staff += other.staff
        for key in self.levels:
            self.levels[key] += other.levels[key]


def school_summaries(schools: list[OrgUnit], year: int) -> list[SchoolSummary]:
    """Students at the year's end (total and by level), classes and pedagogical staff per school."""
    by_school = {school.pk: SchoolSummary(school) for school in schools}
    ids = list(by_school)
    level_counts = {
        key: Count("pk", filter=Q(school_class__grade__gte=low, school_class__grade__lte=high))
        for key, _, low, high in LEVELS
    }
    students = (
        ce_enrollments(ids, [year])
        .values("school_id")
        .annotate(total=Count("pk"), **level_counts)
        .order_by()
    )
    for row in students:
        summary = by_school[row["school_id"]]
        summary.students = row["total"]
        summary.levels = {key: row[key] for key, *_ in LEVELS}
    classes = SchoolClass.objects.filter(school_id__in=ids, year_id=year).values("school_id").annotate(n=Count("pk")).order_by()
    for row in classes:
        by_school[row["school_id"]].classes = row["n"]
    staff = (
        StaffYear.objects.filter(school_id__in=ids, year_id=year, pedagogical=True)
        .values("school_id").annotate(n=Count("pk")).order_by()
    )
    for row in staff:
        by_school[row["school_id"]].staff = row["n"]
    if len(ids) > 1:
        _data_state(by_school, year)
    return list(by_school.values())


def _data_state(by_school: dict[int, SchoolSummary], year: int) -> None:
    """Each school's latest loaded import and the year's approval: two grouped reads, for the table of schools."""
    imports = (ImportRun.objects.filter(school_id__in=list(by_school), status=ImportStatus.DONE)
               .values("school_id").annotate(last=Max("created")).order_by())
    for row in imports:
        by_school[row["school_id"]].last_import = row["last"]
    approvals = YearApproval.objects.filter(school_id__in=list(by_school), year_id=year, period="")
    for school_id, status in approvals.values_list("school_id", "status"):
        by_school[school_id].approval = ApprovalStatus(status)


def summaries_total(summaries: list[SchoolSummary]) -> SchoolSummary:
    total = SchoolSummary(None)
    for summary in summaries:
        total.add(summary)
    return total


COUNT_WORDS = {"added": "добавлено", "changed": "изменено", "unchanged": "без изменений"}


@dataclass(frozen=True)
class ImportInfo:
    run: ImportRun
    counts: list[tuple[str, str]]


def last_import(schools: list[OrgUnit]) -> ImportInfo | None:
    """The latest import of these schools, with its changes per table in words."""
    run = ImportRun.objects.filter(school__in=schools).select_related("school").order_by("-created", "-pk").first()
    if run is None:
        return None
    return ImportInfo(run=run, counts=_count_rows(run.counts))


def _count_rows(counts: dict) -> list[tuple[str, str]]:
    """{"students": {"added": 3, "changed": 1, "unchanged": 0}} → [("Обучающиеся", "добавлено 3, изменено 1")];
    a table without a row in the file is left out."""
    # In the package's table order: PostgreSQL's jsonb does not keep the keys' order.
    order = {key: i for i, key in enumerate(TABLES)}
    rows = []
    for key, value in sorted(counts.items(), key=lambda item: (order.get(item[0], len(order)), item[0])):
        table = TABLES.get(key)
        title = table.title if table else key
        if isinstance(value, dict):
            if not any(value.values()):
                continue  # no row of this table in the file (an empty or missing sheet): nothing to tell
            keys = [*(k for k in COUNT_WORDS if k in value), *sorted(k for k in value if k not in COUNT_WORDS)]
            words = [f"{COUNT_WORDS.get(k, k)} {grouped(value[k])}" for k in keys if value[k]]
            value = ", ".join(words) or "без изменений"
        rows.append((title, str(value)))
    return rows
