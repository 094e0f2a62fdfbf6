"""«Объединить предметы»: a misspelt stored subject («Матиматика», 300 marks) joins the right one.

Subjects stored before the import refused typos keep their rows. Merging moves every row that names the
wrong subject to the right one and deletes the wrong subject, in one transaction, then recomputes the data
values of the years it touched. The rows are found through every foreign key to Subject that Django knows
(`references`), so a new model with a subject is merged without a change here. Where a subject is named by
text instead (`NAMED_BY`: a scale's subject key, the code of a municipal/regional figure «vpr.6.матиматика.2»,
an olympiad's subject, the subject typed for an upload and remembered with its columns), the text is renamed in the same transaction, under the same rules.

The data values are derived (DESIGN.md): the merge does not rename them but queues the recomputation of every
year it touched, and of every year whose values still name the wrong subject, to the task worker
(vsoko.datavalues.refresh): the request stays short, and the pages read the old values until the worker is done,
as after an import.

A move is refused, changing nothing, when
- a row would collide with one of the right subject under a unique constraint (the same pupil has a mark
  for the same period in both subjects): which of the two is true is the school's call, the message names
  a few such rows. The school that re-imported the right package after the typo has every row twice; it
  may choose to keep the right subject's rows (`drop_colliding`): the colliding rows of the typo are
  deleted, counted in the audit entry;
- a row belongs to a school outside the user's scope (subjects are shared by every school of a
  municipality: one school's deputy does not rename another school's marks);
- a year (or a period of marks) it touches is approved.
A teacher's list of subjects (a many-to-many link without data of its own) naming both keeps one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.tasks import TaskResultStatus
from django.utils.text import capfirst
from django_tasks_db.models import DBTaskResult

from vsoko.analysis import benchmarks
from vsoko.assessments.models import ColumnMapping, ResultsUpload, ScaleDefinition
from vsoko.assessments.subjects import (
    normalize_text,
    stored_subject_for,
    stored_subject_names,
    subject_key,
)
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.datavalues.models import DataValue, RecomputeRequest
from vsoko.datavalues.refresh import recompute_requested, request_recompute
from vsoko.records.approval import ensure_open
from vsoko.records.models import (
    Assessment,
    AssessmentTask,
    Event,
    ManualValue,
    OrgUnit,
    PeriodMark,
    Result,
    SchoolYear,
    Subject,
)
from vsoko.records.years import year_label

EXAMPLES = 5  # colliding rows named in the refusal


class MergeRefused(Exception):
    """The merge would lose or mix data; the message says which rows and why. Nothing changed."""


@dataclass(frozen=True)
class Reference:
    """One foreign key to Subject: the model, the field, and the lookups to its school and year."""

    model: type[models.Model]
    field: str
    school: str | None
    year: str | None
    unique: tuple[tuple[str, ...], ...]  # the other fields of each unique constraint with the subject

    @property
    def label(self) -> str:
        if self.is_link:
            owner = self.model._meta.get_field(self.school.split("__")[0]).related_model
            return f"{owner._meta.verbose_name_plural}: предметы"
        return str(self.model._meta.verbose_name_plural)

    @property
    def is_link(self) -> bool:
        """The table of a many-to-many field (a teacher's subjects): a row is a link, no data of its own."""
        return self.model._meta.auto_created is not False

    @property
    def shown(self) -> tuple[str, ...]:
        """The fields a colliding row is named by: the other fields of the unique constraint."""
        return ()

    def moves(self, wrong: Subject, right: Subject) -> list[tuple[models.QuerySet, dict]]:
        """(the rows naming `wrong`, the values that make them name `right`)."""
        return [(self.model.objects.filter(**{self.field: wrong}), {self.field: right})]

    def update(self, rows: models.QuerySet, target: dict) -> None:
        rows.update(**target)


def references() -> list[Reference]:
    """Every foreign key to Subject, from Django's model registry."""
    found = []
    for relation in Subject._meta.get_fields(include_hidden=True):
        if not isinstance(relation, models.ManyToOneRel):
            continue
        model, name = relation.related_model, relation.field.name
        found.append(Reference(model, name, _path_to(model, OrgUnit), _path_to(model, SchoolYear),
                               _unique_with(model, name)))
    return sorted(found, key=lambda r: (r.is_link, str(r.model._meta.verbose_name_plural)))


def _path_to(model: type[models.Model], target: type[models.Model]) -> str | None:
    """The lookup from `model` to its `target` row: a foreign key of its own (preferring one named like
    the target, «school», «year»), else one of a row it points to (a teacher's subjects: «staffyear__school»)."""
    def keys(m):
        fks = [f for f in m._meta.concrete_fields if isinstance(f, models.ForeignKey)]
        return sorted(fks, key=lambda f: f.name not in ("school", "year", "org_unit"))

    for fk in keys(model):
        if fk.related_model is target:
            return fk.name
    for fk in keys(model):
        for inner in keys(fk.related_model):
            if inner.related_model is target:
                return f"{fk.name}__{inner.name}"
    return None


def _unique_with(model: type[models.Model], name: str) -> tuple[tuple[str, ...], ...]:
    sets = [tuple(c.fields) for c in model._meta.constraints
            if isinstance(c, models.UniqueConstraint) and c.fields and c.condition is None]
    sets += [tuple(t) for t in model._meta.unique_together]
    return tuple(tuple(f for f in fields if f != name) for fields in sets if name in fields)


@dataclass(frozen=True)
class NamedBy:
    """A text column that names a subject where no foreign key does. `renamed` maps its stored texts naming the
    wrong subject to the texts naming the right one (the others are left out). With `key` the text is that key
    of a JSON column (the remembered settings of an upload: {"subject": "матиматика", "grade": 6, …})."""

    model: type[models.Model]
    field: str
    renamed: Callable[[Iterable[str], Subject, Subject], dict[str, str]]
    candidates: dict = field(default_factory=dict)  # a filter narrowing the texts to read
    key: str | None = None

    is_link = False

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    @property
    def school(self) -> str | None:
        return _path_to(self.model, OrgUnit)

    @property
    def year(self) -> str | None:
        return _path_to(self.model, SchoolYear)

    @property
    def unique(self) -> tuple[tuple[str, ...], ...]:
        return _unique_with(self.model, self.field)

    @property
    def shown(self) -> tuple[str, ...]:
        return (self.field,)  # the text itself: «vpr.6.матиматика.2»

    @property
    def lookup(self) -> str:
        return f"{self.field}__{self.key}" if self.key else self.field

    def moves(self, wrong: Subject, right: Subject) -> list[tuple[models.QuerySet, dict]]:
        texts = (self.model.objects.filter(**self.candidates).order_by()
                 .values_list(self.lookup, flat=True).distinct())
        texts = [text for text in texts if isinstance(text, str)]  # a JSON key may hold anything, or be missing
        return [(self.model.objects.filter(**{self.lookup: old}), {self.lookup: new})
                for old, new in sorted(self.renamed(texts, wrong, right).items())]

    def update(self, rows: models.QuerySet, target: dict) -> None:
        if not self.key:
            rows.update(**target)
            return
        # Django cannot set one key of a JSON column in an UPDATE: the few remembered settings are saved one by one.
        for row in rows.select_for_update():
            getattr(row, self.field)[self.key] = target[self.lookup]
            row.save(update_fields=[self.field])


def _key_moves(wrong: Subject, right: Subject) -> bool:
    """Whether texts keyed by the subject's key (vsoko.assessments.subjects) name the wrong subject alone: not
    when another stored subject has its key («матиматика» beside «Матиматика», or a right subject of one key)."""
    key = subject_key(wrong.name)
    return not any(subject_key(name) == key for name in Subject.objects.exclude(pk=wrong.pk)
                   .values_list("name", flat=True))


def _scale_keys(texts: Iterable[str], wrong: Subject, right: Subject) -> dict[str, str]:
    key = subject_key(wrong.name)
    return {key: subject_key(right.name)} if key in set(texts) and _key_moves(wrong, right) else {}


def _figure_codes(texts: Iterable[str], wrong: Subject, right: Subject) -> dict[str, str]:
    """«vpr.6.Матиматика.task.1» → «vpr.6.математика.task.1»: the code of a comparison figure names its
    procedure's subject (vsoko.analysis.benchmarks, whose parser reads it)."""
    if not _key_moves(wrong, right):
        return {}
    renamed = {}
    for code in texts:
        head, figure = benchmarks.split_code(code)
        kind, grade = code.split(".", 2)[:2]
        number = int(grade) if grade.isdigit() else None
        if head and head == benchmarks.prefix(kind, number, wrong.name):
            renamed[code] = benchmarks.prefix(kind, number, right.name) + figure
    return renamed


def _as_written(texts: Iterable[str], wrong: Subject, right: Subject) -> dict[str, str]:
    """Free text («предмет / направление» of an olympiad): only the wrong subject's own spelling."""
    wanted = normalize_text(wrong.name)
    return {text: right.name for text in texts if text and normalize_text(text) == wanted}


def _as_imported(texts: Iterable[str], wrong: Subject, right: Subject) -> dict[str, str]:
    """What a user typed for an upload («матиматика», « Матиматика »): the texts an import reads as the wrong
    subject, by the one rule of every import (vsoko.assessments.subjects.stored_subject_for)."""
    stored = stored_subject_names()
    return {text: right.name for text in texts if stored_subject_for(text, stored) == wrong.name}


NAMED_BY = (
    NamedBy(ScaleDefinition, "subject", _scale_keys),
    NamedBy(ManualValue, "indicator", _figure_codes, {"indicator__contains": "."}),
    NamedBy(Event, "subject", _as_written),
    NamedBy(ColumnMapping, "assessment", _as_imported, key="subject"),
    NamedBy(ResultsUpload, "overrides", _as_imported, key="subject"),
)


@dataclass
class Moved:
    reference: Reference | NamedBy
    rows: int
    results: int = 0  # an assessment's results and tasks go with it: they name no subject of their own
    tasks: int = 0


@dataclass
class Collision:
    label: str
    count: int
    examples: list[str]


@dataclass
class MergePlan:
    """What merging `wrong` into `right` moves, and what stops it."""

    wrong: Subject
    right: Subject
    moved: list[Moved] = field(default_factory=list)
    collisions: list[Collision] = field(default_factory=list)
    outside: int = 0  # rows of schools outside the user's scope
    years: dict[int, set[int]] = field(default_factory=dict)  # school id -> years touched
    mark_periods: dict[int, set[tuple[int, str]]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(m.rows for m in self.moved)

    @property
    def colliding(self) -> int:
        return sum(c.count for c in self.collisions)

    def refusal(self, drop_colliding: bool = False) -> str | None:
        """The Russian reason the merge cannot be done, else None."""
        if self.wrong.pk == self.right.pk:
            return "Выберите два разных предмета: ошибочный и правильный."
        if self.outside:
            return (f"Предмет «{capfirst(self.wrong.name)}» есть и в данных других школ (строк: {self.outside}): объединить его "
                    "может администратор муниципалитета, которому видны все эти школы.")
        if self.collisions and not drop_colliding:
            lines = [f"Объединить «{capfirst(self.wrong.name)}» с «{capfirst(self.right.name)}» нельзя: эти строки "
                     "есть по обоим предметам, и при переносе совпадут. Ничего не изменено. Если верны строки "
                     f"предмета «{capfirst(self.right.name)}» (например, пакет загружен заново с исправленным "
                     "названием), объедините, удалив совпадающие строки ошибочного предмета."]
            for c in self.collisions:
                shown = "; ".join(c.examples)
                more = f" и ещё {c.count - len(c.examples)}" if c.count > len(c.examples) else ""
                lines.append(f"{c.label.capitalize()} — {c.count}: {shown}{more}.")
            return "\n".join(lines)
        return None


def plan_merge(wrong: Subject, right: Subject, schools: models.QuerySet[OrgUnit] | None) -> MergePlan:
    """What the merge would do; `schools` is the user's scope (None: every school, the superuser)."""
    plan = MergePlan(wrong, right)
    if wrong.pk == right.pk:
        return plan
    allowed = None if schools is None else set(schools.values_list("pk", flat=True))
    for ref in [*references(), *NAMED_BY]:
        moves = ref.moves(wrong, right)
        count = sum(rows.count() for rows, _ in moves)
        if not count:
            continue
        moved = Moved(ref, count)
        if ref.model is Assessment:
            rows = moves[0][0]
            moved.results = Result.objects.filter(assessment__in=rows).count()
            moved.tasks = AssessmentTask.objects.filter(assessment__in=rows).count()
        plan.moved.append(moved)
        for rows, _ in moves:
            if ref.school:
                if allowed is not None:
                    plan.outside += rows.exclude(**{f"{ref.school}__in": allowed}).count()
                pairs = rows.values_list(ref.school, ref.year) if ref.year else rows.values_list(ref.school)
                for school, *year in pairs.distinct():
                    touched = plan.years.setdefault(school, set())
                    if year and year[0] is not None:
                        touched.add(year[0])
        if ref.is_link:
            continue
        for others in ref.unique:
            clashes = [_colliding(rows, target, others) for rows, target in moves]
            if n := sum(clash.count() for clash in clashes):
                examples = [_describe(row, ref.shown + others) for clash in clashes
                            for row in clash.order_by("pk")[:EXAMPLES]][:EXAMPLES]
                plan.collisions.append(Collision(ref.label, n, examples))
    # Values derived from rows that were changed without a recomputation may still name the wrong subject.
    stale = DataValue.objects.filter(Q(key__endswith=f"subject={wrong.name}") | Q(key__contains=f"subject={wrong.name}|"))
    if allowed is not None:
        stale = stale.filter(org_unit__in=allowed)
    for school, year in stale.order_by().values_list("org_unit_id", "year_id").distinct():
        plan.years.setdefault(school, set()).add(year)
    for school, year, period in (PeriodMark.objects.filter(subject=wrong)
                                 .values_list("school_id", "year_id", "period").distinct()):
        plan.mark_periods.setdefault(school, set()).add((year, period))
    return plan


def _colliding(rows: models.QuerySet, target: dict, others: tuple[str, ...]) -> models.QuerySet:
    """The rows that would name the same thing as a row of the right subject under one unique constraint."""
    return rows.filter(Exists(rows.model.objects.filter(**target, **{name: OuterRef(name) for name in others})))


def _describe(row: models.Model, names: tuple[str, ...]) -> str:
    """«обучающийся — S0012 Иванов Иван, учебный год — 2024/2025, период — год»."""
    parts = []
    for name in names:
        f = row._meta.get_field(name)
        if f.choices:
            value = getattr(row, f"get_{name}_display")()
        elif f.related_model is SchoolYear or name == "year":  # a scale's year is the start's number
            value = year_label(getattr(row, f.attname))
        else:
            value = getattr(row, name)
            if hasattr(value, "student_id") and hasattr(value, "last_name"):
                value = f"{value.student_id} {value.last_name} {value.first_name}".strip()
        parts.append(f"{f.verbose_name} — {value}")
    return ", ".join(parts)


def merge_subjects(wrong: Subject, right: Subject, *, user, schools: models.QuerySet[OrgUnit] | None,
                   drop_colliding: bool = False, request=None) -> MergePlan:
    """Move every row of `wrong` to `right` and delete `wrong`, or raise MergeRefused (DataLocked for an
    approved year); then queue the recomputation of the touched years of each school (`pending`). With `drop_colliding` the rows of
    `wrong` that collide with rows of `right` are deleted instead of refusing."""
    with transaction.atomic():
        # Subjects are shared: no import may add rows of the wrong subject meanwhile.
        list(Subject.objects.select_for_update().filter(pk__in=[wrong.pk, right.pk]))
        plan = plan_merge(wrong, right, schools)
        if reason := plan.refusal(drop_colliding):
            raise MergeRefused(reason)
        for school in OrgUnit.objects.filter(pk__in=plan.years):
            ensure_open(school, plan.years[school.pk], plan.mark_periods.get(school.pk, ()))
        for moved in plan.moved:
            ref = moved.reference
            for rows, target in ref.moves(wrong, right):
                if ref.is_link or drop_colliding:  # a teacher listed with both spellings keeps one link
                    for others in ref.unique:
                        _colliding(rows, target, others).delete()
                ref.update(rows, target)
        details = {"from": wrong.name, "to": right.name,
                   "moved": {m.reference.label: m.rows for m in plan.moved}}
        if drop_colliding and plan.collisions:
            details["deleted"] = {c.label: c.count for c in plan.collisions}
        for school in OrgUnit.objects.filter(pk__in=plan.years) or [None]:
            record(user=user, action=AuditAction.CHANGE, object_type="subject_merge", object_id=str(right.pk),
                   school=school, details=details, request=request)
        wrong.delete()
        for school in OrgUnit.objects.filter(pk__in=plan.years):
            for year in sorted(plan.years[school.pk]):
                request_recompute(school, year)  # queued once the merge has committed
    return plan


def moved_summary(plan: MergePlan) -> list[tuple[str, int]]:
    """(what, how many) for the page: «отметки за периоды — 300», «результаты процедур — 25»."""
    lines: list[tuple[str, int]] = []
    for m in plan.moved:
        lines.append((m.reference.label, m.rows))
        if m.results:
            lines.append(("результаты участников этих процедур", m.results))
        if m.tasks:
            lines.append(("задания этих процедур", m.tasks))
    return lines


def subjects_in_use() -> dict[int, int]:
    """Subject id → rows naming it (marks and everything else), for the choice lists."""
    counts: dict[int, int] = defaultdict(int)
    for ref in references():
        for subject, n in (ref.model.objects.values_list(ref.field).annotate(n=models.Count("pk"))
                           .values_list(ref.field, "n")):
            if subject is not None:
                counts[subject] += n
    return counts


# --- the queued recomputation, as the page follows it ----------------------------------------------------


def refresh_state(pairs: Iterable[tuple[int, int]], since) -> dict:
    """Where the recomputation the merge queued stands, in the shape of an import's progress (imports/progress.js
    polls it): each (school, year) is done when its request is answered (datavalues.refresh), failed when the
    worker's task for it failed after `since`, the merge's time."""
    pairs = sorted({(school, year) for school, year in pairs})
    waiting = set(RecomputeRequest.objects.filter(school_id__in={s for s, _ in pairs})
                  .values_list("school_id", "year_id")) & set(pairs)
    tasks = {tuple(args): status for args, status in DBTaskResult.objects.filter(
        task_path=recompute_requested.module_path, enqueued_at__gte=since).order_by("enqueued_at")
        .values_list("args_kwargs__args", "status")}
    failed = sorted(p for p in waiting if tasks.get(p) == TaskResultStatus.FAILED)
    running = [p for p in waiting if tasks.get(p) == TaskResultStatus.RUNNING]
    done = len(pairs) - len(waiting)
    years = ", ".join(year_label(year) for year in sorted({y for _, y in waiting}))
    if failed:
        stage = f"пересчёт показателей за {', '.join(year_label(y) for _, y in failed)} не удался — запустите «vsoko compute»"
        label = "ошибка"
    elif waiting:
        stage = f"пересчёт показателей: {years}" if running else f"в очереди: {years}"
        label = "идёт пересчёт" if running else "в очереди"
    else:
        stage, label = "показатели пересчитаны", "готово"
    return {"finished": not waiting or bool(failed), "failed": bool(failed), "status_label": label, "stage": stage,
            "percent": round(100 * done / len(pairs)) if len(pairs) > 1 or not waiting else None}
