"""Storing a checked package: set-based diff against what the school already has.

For each table the stored rows of the school are loaded with one query, keyed
by the natural key; the package rows are split into new, changed and
unchanged in memory; new rows are inserted in batches and changed rows
updated (grouped by their new values where that makes few statements).
Unchanged rows are not touched, so re-importing a package writes nothing.

The same code runs as a dry run for the preview: nothing is written and new
parent rows get negative stand-in ids, which no stored child can reference.
Only columns present in the package are compared and updated: a column the
file does not have leaves stored values alone.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, models

from vsoko.assessments.subjects import (
    normalize_text,
    same_subject,
    stored_subject_for,
    stored_subject_names,
    subject_key,
)
from vsoko.imports import task_lists
from vsoko.imports.cells import class_name
from vsoko.imports.tables import normalize
from vsoko.imports.validation import Package, ParsedTable
from vsoko.records.models import (
    Assessment,
    AssessmentTask,
    Enrollment,
    Event,
    ManualValue,
    OrgUnit,
    PeriodMark,
    Program,
    Result,
    SchoolClass,
    SchoolYear,
    SocialStatus,
    StaffEvent,
    StaffMember,
    StaffYear,
    Student,
    Subject,
    SurveyAnswer,
    TaskScore,
)
from vsoko.records.subjects import canonical_subject_name

BATCH = 2000


@dataclass
class TableCounts:
    added: int = 0
    changed: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.added + self.changed + self.unchanged


@dataclass
class Split:
    """The rows of one table after the diff.

    `new` holds (row, key, values) and `changed` (row, pk, values), values in
    the order of `fields`. For parent tables (`pks` kept) the pk of every row's
    key (stored, created, or a stand-in in a dry run) and the state of each key.
    """

    fields: list[str]
    new: list[tuple[dict, tuple, tuple]] = field(default_factory=list)
    changed: list[tuple[dict, int, tuple]] = field(default_factory=list)
    unchanged: int = 0
    pks: dict[tuple, int] | None = None
    unchanged_keys: set[tuple] = field(default_factory=set)


@dataclass(frozen=True)
class Link:
    """A package column stored in a model field, with how its value is translated."""

    column: str
    field: str
    convert: Callable[[object], object] | None = None


Progress = Callable[[int, int, str], None]


class Writer:
    def __init__(self, package: Package, school: OrgUnit, *, dry_run: bool, progress: Progress | None = None):
        self.pkg = package
        self.school = school
        self.dry_run = dry_run
        self.progress = progress
        self.counts: dict[str, TableCounts] = {}
        self.years: set[int] = set()
        self.mark_periods: set[tuple[int, str]] = set()  # (year, period) of the marks added or changed
        self.stand_in = itertools.count(-1, -1)
        self.total = max(package.row_count(), 1)
        self.done = 0
        self.subject_cache: dict[str, int] = {}
        self.assessment_years: dict[str, int] = {}

    def run(self) -> None:
        self.ensure_years()
        self.subjects = self.ensure_subjects()
        self.students = self.sync_students()
        self.staff = self.sync_staff()
        self.sync_enrollments()
        self.sync_by_student("social", SocialStatus, ("category",), [Link("since", "since"), Link("until", "until")])
        self.sync_staff_events()
        self.sync_marks()
        self.assessments = self.sync_assessments()
        self.tasks = self.sync_tasks()
        self.sync_results()
        self.sync_by_student("events", Event, ("event", "level"),
                             [Link("kind", "kind"), Link("subject", "subject"), Link("result", "result")])
        self.sync_by_student("programs", Program, ("program",), [
            Link("kind", "kind"), Link("certificate", "certificate"), Link("individual_route", "individual_route")])
        self.sync_values()
        self.sync_surveys()

    # the generic diff

    def split(self, parsed: ParsedTable, model: type[models.Model], *, key_fields: tuple[str, ...],
              row_key: Callable[[dict], tuple], links: list[Link], existing: models.QuerySet,
              parent: bool = False) -> Split:
        """New, changed and unchanged rows of a table, comparing only the columns the file has."""
        links = [link for link in links if link.column in parsed.present]
        result = Split(fields=[link.field for link in links], pks={} if parent else None)
        width = len(key_fields)
        stored = {}
        for pk, *values in existing.values_list("pk", *key_fields, *result.fields).iterator(chunk_size=BATCH):
            stored[tuple(values[:width])] = (pk, tuple(values[width:]))
        readers = [_reader(link, model._meta.get_field(link.field).get_default()) for link in links]
        for row in parsed.rows:
            key = row_key(row)
            values = tuple([read(row) for read in readers])
            found = stored.get(key)
            if found is None:
                result.new.append((row, key, values))
                continue
            if found[1] != values:
                result.changed.append((row, found[0], values))
            else:
                result.unchanged += 1
                if parent:
                    result.unchanged_keys.add(key)
            if parent:
                result.pks[key] = found[0]
        return result

    def write(self, model: type[models.Model], split: Split, *, key_fields: tuple[str, ...], constant: dict,
              label: str | None, existing: models.QuerySet | None = None) -> None:
        """Insert the new rows and update the changed ones; for a parent table, learn the new rows' pks."""
        if self.dry_run:
            if split.pks is not None:
                split.pks.update((key, next(self.stand_in)) for _, key, _ in split.new)
            self.tick(len(split.new) + len(split.changed) + split.unchanged, label)
            return
        columns = [*constant, *key_fields, *split.fields]
        rows = ((*constant.values(), *key, *values) for _, key, values in split.new)
        insert_rows(model, columns, rows, tick=lambda n: self.tick(n, label))
        if split.pks is not None and split.new:
            new_keys = {key for _, key, _ in split.new}
            for pk, *key in existing.values_list("pk", *key_fields).iterator(chunk_size=BATCH):
                if tuple(key) in new_keys:
                    split.pks[tuple(key)] = pk
        self.update(model, split)
        self.tick(len(split.changed) + split.unchanged, label)

    def update(self, model: type[models.Model], split: Split) -> None:
        """Changed rows, one UPDATE per distinct set of new values when they repeat (marks), else bulk_update."""
        if not split.changed:
            return
        groups: dict[tuple, list[int]] = defaultdict(list)
        for _, pk, values in split.changed:
            groups[_hashable(values)].append(pk)
        if len(groups) <= max(20, len(split.changed) // 20):
            for values, pks in groups.items():
                changes = dict(zip(split.fields, values, strict=True))
                for start in range(0, len(pks), BATCH):
                    model.objects.filter(pk__in=pks[start:start + BATCH]).update(**changes)
        else:
            objects = [model(pk=pk, **dict(zip(split.fields, values, strict=True))) for _, pk, values in split.changed]
            model.objects.bulk_update(objects, split.fields, batch_size=500)

    def count(self, key: str, split: Split, year_of: Callable[[dict], Iterable[int]] | None = None,
              also_changed: Iterable[dict] = ()) -> None:
        """Record the table's counts and touched years; `also_changed` are rows changed beyond their fields."""
        extra = list(also_changed)
        self.counts[key] = TableCounts(len(split.new), len(split.changed) + len(extra), split.unchanged - len(extra))
        year_of = year_of or (lambda row: [row["year"]])
        for row in itertools.chain((r for r, _, _ in split.new), (r for r, _, _ in split.changed), extra):
            self.years.update(y for y in year_of(row) if y is not None)
        self.pkg.tables[key].rows = []  # done with them: keep the peak memory of a big package low

    def tick(self, rows: int, label: str | None) -> None:
        if label is None:
            return
        self.done += rows
        if self.progress and rows:
            self.progress(min(self.done, self.total), self.total, label)

    def parsed(self, key: str) -> ParsedTable | None:
        return self.pkg.tables.get(key)

    # reference data: years and subjects

    def ensure_years(self) -> None:
        years = self.pkg.years()
        missing = years - set(SchoolYear.objects.filter(start__in=years).values_list("start", flat=True))
        if missing and not self.dry_run:
            SchoolYear.objects.bulk_create([SchoolYear(start=y) for y in sorted(missing)], ignore_conflicts=True)

    def ensure_subjects(self) -> dict[str, int]:
        """Subject ids by normalized package name.

        A name means the stored subject `stored_subject_for` finds, the ВПР import's rule: as written, or
        the stored subject of its key (the package's «Информатика и ИКТ» is the stored «информатика»). The
        other names create one subject per key: the package's «Физкультура» and «Физическая культура» are
        one subject, named by the key's own spelling when the package writes it, else as first written.
        """
        names = {r["subject"] for key in ("marks", "assessments") for r in self.pkg.rows(key) if r.get("subject")}
        names |= {s for r in self.pkg.rows("staff") for s in (r.get("subjects") or [])}
        declared = {r["subject"] for r in self.pkg.rows("subjects") if r.get("subject")}
        names |= declared
        stored = stored_subject_names()
        pks = {name: pk for pk, name in Subject.objects.values_list("pk", "name")}
        meant = {name: stored_subject_for(name, stored) for name in names}
        new: dict[str, str] = {}  # same_subject -> name to create
        for name in sorted(names, key=lambda n: (subject_key(n) != normalize_text(n), n)):
            if meant[name] is None:
                new.setdefault(same_subject(name, stored), canonical_subject_name(name))
        if "subjects" in self.pkg.tables:
            added = len({same_subject(n, stored) for n in declared if meant[n] is None})
            self.counts["subjects"] = TableCounts(added, 0, len(self.pkg.rows("subjects")) - added)
        if new and not self.dry_run:
            Subject.objects.bulk_create([Subject(name=n) for n in new.values()], ignore_conflicts=True)
            pks = {normalize(name): pk for pk, name in Subject.objects.values_list("pk", "name")}
            created = {key: pks[normalize(name)] for key, name in new.items()}
        else:
            created = {key: next(self.stand_in) for key in new}
            pks = {normalize(name): pk for name, pk in pks.items()}
        return {normalize(name): pks[normalize(meant[name])] if meant[name] else created[same_subject(name, stored)]
                for name in names}

    def subject_id(self, name: object) -> int | None:
        if not name:
            return None
        try:
            return self.subject_cache[name]
        except KeyError:
            pk = self.subject_cache[name] = self.subjects[normalize(name)]
            return pk

    # people

    def sync_students(self) -> dict[str, int]:
        students = dict(Student.objects.filter(school=self.school).values_list("student_id", "pk"))
        parsed = self.parsed("students")
        if parsed is None:
            return students
        links = [Link(c, c) for c in ("last_name", "first_name", "middle_name", "birth_date", "sex")]
        split = self.sync_rows(parsed, Student, key_fields=("student_id",), row_key=lambda r: (r["student_id"],),
                               links=links, parent=True)
        students.update({key[0]: pk for key, pk in split.pks.items()})
        self.count("students", split, self.student_years(split))
        return students

    def student_years(self, split: Split) -> Callable[[dict], Iterable[int]]:
        """A changed student touches every year the student is enrolled in, stored or in the package."""
        changed = {row["student_id"] for row, _, _ in split.changed}
        years: dict[str, set[int]] = defaultdict(set)
        for row in self.pkg.rows("enrollments"):
            years[row["student_id"]].add(row["year"])
        if changed:
            stored = Enrollment.objects.filter(school=self.school, student__student_id__in=changed)
            for student_id, year in stored.values_list("student__student_id", "year_id"):
                years[student_id].add(year)
        return lambda row: years.get(row["student_id"], ())

    def sync_staff(self) -> dict[str, int]:
        staff = dict(StaffMember.objects.filter(school=self.school).values_list("staff_id", "pk"))
        parsed = self.parsed("staff")
        if parsed is None:
            return staff
        # A person's name and birth date come from the latest year the package gives for them.
        latest: dict[str, dict] = {}
        for row in parsed.rows:
            if row["staff_id"] not in latest or row["year"] >= latest[row["staff_id"]]["year"]:
                latest[row["staff_id"]] = row
        people = ParsedTable(parsed.table, parsed.source, parsed.present, list(latest.values()))
        links = [Link(c, c) for c in ("last_name", "first_name", "middle_name", "birth_date")]
        members = self.sync_rows(people, StaffMember, key_fields=("staff_id",), row_key=lambda r: (r["staff_id"],),
                                 links=links, parent=True, label=None)
        staff.update({key[0]: pk for key, pk in members.pks.items()})
        renamed = {id(row) for row, _, _ in members.changed}

        links = [Link(c, c) for c in ("position", "pedagogical", "education", "profile_match", "category",
                                      "category_date", "experience_since", "employment", "weekly_hours")]

        def row_key(row: dict) -> tuple:
            return staff[row["staff_id"]], row["year"]

        years = self.sync_rows(parsed, StaffYear, key_fields=("staff_id", "year_id"), row_key=row_key, links=links,
                               parent=True)
        touched = renamed | self.sync_staff_subjects(parsed, years, row_key)
        also = [r for r in parsed.rows if id(r) in touched and row_key(r) in years.unchanged_keys]
        self.count("staff", years, also_changed=also)
        return staff

    def sync_staff_subjects(self, parsed: ParsedTable, years: Split, row_key: Callable[[dict], tuple]) -> set[int]:
        """Replace the subjects of each yearly row whose list differs; ids of the rows whose subjects changed."""
        if "subjects" not in parsed.present:
            return set()
        through = StaffYear.subjects.through
        stored: dict[int, set[int]] = defaultdict(set)
        for staffyear_id, subject_id in through.objects.filter(staffyear__school=self.school).values_list(
                "staffyear_id", "subject_id"):
            stored[staffyear_id].add(subject_id)
        changed, replaced, links = set(), [], []
        for row in parsed.rows:
            pk = years.pks[row_key(row)]
            wanted = {self.subject_id(s) for s in row.get("subjects") or []}
            if wanted != stored.get(pk, set()):
                changed.add(id(row))
                replaced.append(pk)
                links.extend((pk, subject) for subject in sorted(wanted))
        if replaced and not self.dry_run:
            through.objects.filter(staffyear_id__in=replaced).delete()
            insert_rows(through, ["staffyear_id", "subject_id"], links)
        return changed

    # tables keyed by a student and a year

    def sync_enrollments(self) -> None:
        parsed = self.parsed("enrollments")
        if parsed is None:
            return
        classes = self.ensure_classes(parsed)
        links = [Link("class", "school_class_id")]
        links += [Link(c, c) for c in ("enrolled_on", "left_on", "ovz", "disability", "non_native_russian",
                                       "health_group", "pe_group", "outcome", "gia_admitted", "certificate",
                                       "destination", "destination_matches_profile")]
        for row in parsed.rows:
            row["class"] = classes[(row["year"], class_name(*row["class"]))]
        self.sync_table("enrollments", Enrollment, ("student_id", "year_id"),
                        lambda r: (self.students[r["student_id"]], r["year"]), links)

    def ensure_classes(self, parsed: ParsedTable) -> dict[tuple[int, str], int]:
        classes = {(year, name): pk for pk, year, name in SchoolClass.objects.filter(school=self.school).values_list(
            "pk", "year_id", "name")}
        wanted = {(r["year"], r["class"]) for r in parsed.rows}
        objects = [SchoolClass(school=self.school, year_id=year, name=class_name(grade, letter), grade=grade,
                               letter=letter)
                   for year, (grade, letter) in sorted(wanted) if (year, class_name(grade, letter)) not in classes]
        if not self.dry_run:
            SchoolClass.objects.bulk_create(objects, batch_size=BATCH)
        for obj in objects:
            classes[(obj.year_id, obj.name)] = next(self.stand_in) if self.dry_run else obj.pk
        return classes

    def sync_by_student(self, key: str, model: type[models.Model], key_columns: tuple[str, ...], links: list[Link]) -> None:
        if self.parsed(key) is None:
            return
        self.sync_table(key, model, ("student_id", "year_id", *key_columns),
                        lambda r: (self.students[r["student_id"]], r["year"], *(r[c] for c in key_columns)), links)

    def sync_table(self, key: str, model: type[models.Model], key_fields: tuple[str, ...],
                   row_key: Callable[[dict], tuple], links: list[Link], *, years: Iterable[int] | None = None) -> Split:
        parsed = self.parsed(key)
        existing = model.objects.filter(school=self.school)
        if years is not None:
            existing = existing.filter(year__in=years)
        split = self.sync_rows(parsed, model, key_fields=key_fields, row_key=row_key, links=links, existing=existing)
        self.count(key, split)
        return split

    def sync_rows(self, parsed: ParsedTable, model: type[models.Model], *, key_fields: tuple[str, ...],
                  row_key: Callable[[dict], tuple], links: list[Link], existing: models.QuerySet | None = None,
                  parent: bool = False, label: str | None | bool = True, school: bool = True) -> Split:
        if existing is None:
            existing = model.objects.filter(school=self.school)
        split = self.split(parsed, model, key_fields=key_fields, row_key=row_key, links=links, existing=existing,
                           parent=parent)
        self.write(model, split, key_fields=key_fields, constant={"school_id": self.school.pk} if school else {},
                   label=parsed.table.title if label is True else label, existing=existing)
        return split

    def sync_staff_events(self) -> None:
        if self.parsed("staff_events") is None:
            return
        links = [Link(c, c) for c in ("date", "level", "hours", "topics", "result")]
        self.sync_table("staff_events", StaffEvent, ("staff_id", "year_id", "kind", "title"),
                        lambda r: (self.staff[r["staff_id"]], r["year"], r["kind"], r["title"]), links)

    def sync_marks(self) -> None:
        parsed = self.parsed("marks")
        if parsed is None:
            return
        students, subject_id = self.students, self.subject_id
        split = self.sync_table(
            "marks", PeriodMark, ("student_id", "year_id", "period", "subject_id"),
            lambda r: (students[r["student_id"]], r["year"], r["period"], subject_id(r["subject"])),
            [Link("mark", "mark")], years={r["year"] for r in parsed.rows})
        # An approved period locks its marks only (records.approval).
        self.mark_periods.update((row["year"], row["period"]) for row, _, _ in itertools.chain(split.new, split.changed))

    # assessments

    def sync_assessments(self) -> dict[str, int]:
        assessments = dict(Assessment.objects.filter(school=self.school).values_list("assessment_id", "pk"))
        parsed = self.parsed("assessments")
        if parsed is None:
            return assessments
        self.assessment_years = {r["assessment_id"]: r["year"] for r in parsed.rows}
        links = [Link("year", "year_id"), Link("kind", "kind"), Link("subject", "subject_id", self.subject_id)]
        links += [Link(c, c) for c in ("grade", "date", "max_score", "min_score", "mark_scale", "test_scale")]
        split = self.sync_rows(parsed, Assessment, key_fields=("assessment_id",),
                               row_key=lambda r: (r["assessment_id"],), links=links, parent=True)
        self.count("assessments", split)
        assessments.update({key[0]: pk for key, pk in split.pks.items()})
        return assessments

    def year_of_assessment(self, row: dict) -> list[int]:
        assessment_id = row["assessment_id"]
        if assessment_id not in self.assessment_years:
            self.assessment_years[assessment_id] = Assessment.objects.filter(
                school=self.school, assessment_id=assessment_id).values_list("year_id", flat=True).first()
        return [self.assessment_years[assessment_id]]

    def sync_tasks(self) -> dict[tuple[int, str], int]:
        """Task ids by (assessment pk, task) for every assessment the package's tasks or results refer to."""
        parsed = self.parsed("assessment_tasks")
        ids = {self.assessments[a] for a in self.pkg.tasks}
        existing = AssessmentTask.objects.filter(assessment__school=self.school, assessment_id__in=ids)
        tasks = {(a, t): pk for pk, a, t in existing.values_list("pk", "assessment_id", "task")}
        if parsed is None:
            return tasks
        position: dict[str, int] = defaultdict(int)
        for row in parsed.rows:
            position[row["assessment_id"]] += 1
            row["_position"] = position[row["assessment_id"]]
        parsed.present.add("_position")
        links = [Link("_position", "position")]
        links += [Link(c, c) for c in ("max_points", "difficulty", "skill", "metasubject", "functional_literacy")]
        split = self.sync_rows(parsed, AssessmentTask, key_fields=("assessment_id", "task"),
                               row_key=lambda r: (self.assessments[r["assessment_id"]], r["task"]), links=links,
                               existing=existing, parent=True, school=False)
        self.count("assessment_tasks", split, self.year_of_assessment)
        tasks.update(split.pks)
        if not self.dry_run:
            task_lists.remove_replaced(self.pkg, self.assessments)
        return tasks

    def sync_results(self) -> None:
        parsed = self.parsed("results")
        if parsed is None:
            return
        ids = {self.assessments[r["assessment_id"]] for r in parsed.rows}
        links = [Link(c, c) for c in ("attempt", "absent", "primary_score", "test_score", "mark", "journal_mark")]

        def row_key(row: dict) -> tuple:
            return self.assessments[row["assessment_id"]], self.students[row["student_id"]]

        split = self.sync_rows(parsed, Result, key_fields=("assessment_id", "student_id"), row_key=row_key,
                               links=links, existing=Result.objects.filter(school=self.school, assessment_id__in=ids),
                               parent=True)
        rescored = self.sync_task_scores(parsed, split, ids, row_key) if "_scores" in parsed.present else []
        also = [row for row in rescored if row_key(row) in split.unchanged_keys]
        self.count("results", split, self.year_of_assessment, also_changed=also)

    def sync_task_scores(self, parsed: ParsedTable, split: Split, assessment_ids: set[int],
                         row_key: Callable[[dict], tuple]) -> list[dict]:
        """Task scores of the results that give them; the rows whose scores changed."""
        stored: dict[int, dict[int, tuple[int, Decimal]]] = defaultdict(dict)
        scores = TaskScore.objects.filter(result__school=self.school, result__assessment_id__in=assessment_ids)
        for pk, result_id, task_id, points in scores.values_list("pk", "result_id", "task_id", "points").iterator(
                chunk_size=BATCH):
            stored[result_id][task_id] = (pk, points)
        new, deleted, rescored = [], [], []
        changed: dict[Decimal, list[int]] = defaultdict(list)
        for row in parsed.rows:
            if "_scores" not in row:
                continue
            key = row_key(row)
            result_id = split.pks[key]
            wanted = {self.tasks[(key[0], task)]: points for task, points in row["_scores"].items()}
            have = stored.get(result_id, {})
            differs = False
            for task_id, points in wanted.items():
                if task_id not in have:
                    new.append((result_id, task_id, points))
                    differs = True
                elif have[task_id][1] != points:
                    changed[points].append(have[task_id][0])
                    differs = True
            gone = [pk for task_id, (pk, _) in have.items() if task_id not in wanted]
            deleted.extend(gone)
            if differs or gone:
                rescored.append(row)
        if not self.dry_run:
            for start in range(0, len(deleted), BATCH):
                TaskScore.objects.filter(pk__in=deleted[start:start + BATCH]).delete()
            for points, pks in changed.items():
                for start in range(0, len(pks), BATCH):
                    TaskScore.objects.filter(pk__in=pks[start:start + BATCH]).update(points=points)
            insert_rows(TaskScore, ["result_id", "task_id", "points"], new)
        return rescored

    # tables of the school as a whole

    def sync_values(self) -> None:
        if self.parsed("values") is None:
            return
        links = [Link(c, c) for c in ("value", "text", "numerator", "denominator", "comment", "source")]
        self.sync_table("values", ManualValue, ("year_id", "indicator", "scope"),
                        lambda r: (r["year"], r["indicator"], r["scope"]), links)

    def sync_surveys(self) -> None:
        parsed = self.parsed("survey_responses")
        if parsed is None:
            return
        self.sync_table("survey_responses", SurveyAnswer, ("year_id", "survey", "respondent", "question"),
                        lambda r: (r["year"], r["survey"], r["respondent"], r["question"]),
                        [Link("grade", "grade"), Link("answer", "answer")], years={r["year"] for r in parsed.rows})


def _reader(link: Link, default: object) -> Callable[[dict], object]:
    """Reads a link's stored value from a package row: the field's default when the cell is empty."""
    column, convert = link.column, link.convert
    if convert is None:
        def read(row: dict) -> object:
            value = row.get(column)
            return default if value is None else value
    else:
        def read(row: dict) -> object:
            value = row.get(column)
            return default if value is None else convert(value)
    return read


def _hashable(values: tuple) -> tuple:
    return tuple(tuple(v) if isinstance(v, list) else v for v in values)


def insert_rows(model: type[models.Model], columns: list[str], rows: Iterable[tuple],
                tick: Callable[[int], None] | None = None) -> int:
    """INSERT rows (tuples of the given attnames) in batches, without building model instances.

    Fields not given get their model default. Values must already be what the
    field stores (ids for foreign keys); JSON fields are encoded here.
    """
    opts = model._meta
    given = [opts.get_field(name) for name in columns]
    rest = [f for f in opts.concrete_fields if not f.primary_key and f.attname not in columns]
    fields = given + rest
    defaults = tuple(f.get_db_prep_save(f.get_default(), connection) for f in rest)
    json_positions = [i for i, f in enumerate(given) if isinstance(f, models.JSONField)]
    table = connection.ops.quote_name(opts.db_table)
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    written = 0
    with connection.cursor() as cursor:
        for batch in _batches(rows, BATCH):
            if json_positions:
                batch = [_encode_json(row, given, json_positions) for row in batch]
            batch = [(*row, *defaults) for row in batch] if defaults else batch
            if connection.vendor == "postgresql":
                # COPY is PostgreSQL's bulk path: no SQL text to build or parse per row.
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in batch:
                        copy.write_row(row)
            else:
                placeholders = ", ".join(["%s"] * len(fields))
                cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", batch)
            written += len(batch)
            if tick:
                tick(len(batch))
    return written


def _encode_json(row: tuple, fields: list, positions: list[int]) -> tuple:
    row = list(row)
    for i in positions:
        row[i] = fields[i].get_db_prep_save(row[i], connection)
    return tuple(row)


def _batches(rows: Iterable[tuple], size: int) -> Iterable[list[tuple]]:
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def synchronize(package: Package, school: OrgUnit, *, dry_run: bool, progress: Progress | None = None) -> Writer:
    """Diff the package against the school's stored rows and, unless dry_run, write the difference."""
    writer = Writer(package, school, dry_run=dry_run, progress=progress)
    writer.run()
    return writer
