"""A protocol's task list against the stored procedure's (ВПР Ф1, a РЦОИ sheet: files that carry the whole list).

A school's package or the demo may have kept a ВПР under its own numbering (tasks 9 and 11), the ФИС ОКО
protocol numbers it as the КИМ does (9.1, 9.2, 11К1). Loading one over the other used to upsert the file's tasks
beside the stored ones: a task analysis of two different works. Now, when the numbers differ:

- the file brings every participant who has task scores stored (a full reload of the procedure): the tasks only
  the procedure had are removed with their scores when the file is stored (`Package.replaced_tasks`, done by
  vsoko.imports.sync), so the list is the file's;
- otherwise the file is refused, naming the tasks on each side and how many participants it lacks.

A data package is not checked: its «Задания процедур» sheet may add or correct a few tasks of a procedure.
"""

from __future__ import annotations

from collections import defaultdict

from vsoko.imports.issues import ImportIssue
from vsoko.records.models import Assessment, AssessmentTask, Result


def stored_lists(school, codes) -> dict[str, list[str]]:
    """{procedure code: its stored task numbers in order} of the school's procedures with these codes (one query)."""
    stored: dict[str, list[str]] = defaultdict(list)
    for code, task in (AssessmentTask.objects.filter(assessment__school=school, assessment__assessment_id__in=list(codes))
                       .order_by("position", "task").values_list("assessment__assessment_id", "task")):
        stored[code].append(task)
    return dict(stored)


def stale(stored: list[str] | None, numbers: list[str]) -> list[str]:
    """The stored tasks a file with these numbers would remove; [] when the lists agree (order and points aside)."""
    if not stored or set(stored) == set(numbers):
        return []
    return [t for t in stored if t not in set(numbers)]


def check(package, school) -> list[ImportIssue]:
    """Decide each of the file's procedures whose stored task numbers differ: mark its stale tasks for removal in
    `package.replaced_tasks`, or return the issue that refuses the file. Call with `package.tasks` holding the
    file's tasks only (before the stored ones of other procedures are added)."""
    if not package.whole_task_lists or not package.tasks:
        return []
    stored = stored_lists(school, package.tasks)
    issues = []
    for code, tasks in package.tasks.items():
        numbers = [task for task, _ in tasks]
        old = stored.get(code)
        removed = stale(old, numbers)
        if not removed:
            continue
        scored = set(Result.objects.filter(school=school, assessment__assessment_id=code, task_scores__isnull=False)
                     .values_list("student__student_id", flat=True).distinct())
        brought = {r.get("student_id") for r in package.rows("results")
                   if r.get("assessment_id") == code and not r.get("absent")}
        if scored <= brought:
            package.replaced_tasks[code] = removed
            continue
        issues.append(_refusal(package, school, code, removed, [t for t in numbers if t not in set(old)],
                               missing=len(scored - brought), scored=len(scored)))
    return issues


def _refusal(package, school, code: str, stale: list[str], new: list[str], *, missing: int,
             scored: int) -> ImportIssue:
    from vsoko.analysis.risk import procedure_label

    a = Assessment.objects.select_related("subject").get(school=school, assessment_id=code)
    label = procedure_label(a.kind, a.subject.name if a.subject else None, a.grade)
    parsed = package.tables["assessment_tasks"]
    row = next((r["_row"] for r in parsed.rows if r.get("assessment_id") == code), None)
    return ImportIssue(
        "assessment_tasks", row, "Задание", ", ".join(new),
        f"В школе уже есть процедура «{label}» (код {code}) с другим списком заданий: только в школе — "
        f"{', '.join(stale)}; только в файле — {', '.join(new)}. Два списка смешать нельзя: выполнение заданий "
        "считалось бы по разным работам. Файл заменил бы список заданий процедуры, если бы в нём были все "
        f"участники, чьи баллы по заданиям уже загружены, но {missing} из {scored} в файле нет. Загрузите полный "
        "протокол процедуры (в ФИС ОКО — «Индивидуальные результаты» всех классов параллели).",
        parsed.source)


def remove_replaced(package, assessments: dict[str, int]) -> int:
    """Delete the stale tasks (and, by cascade, their scores) of the procedures the file replaces."""
    removed = 0
    for code, tasks in package.replaced_tasks.items():
        removed += AssessmentTask.objects.filter(assessment_id=assessments[code], task__in=tasks).delete()[1].get(
            AssessmentTask._meta.label, 0)
    return removed
