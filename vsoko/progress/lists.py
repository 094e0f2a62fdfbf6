"""The named lists of a справка: pupils with one «4», with one «3», неуспевающие, не аттестованные.

Personal data: only pupils the user may see, never for the observer; each time names are shown or
exported, the view is written to the audit log. Whom the user sees is the page's `Scope`
(vsoko.progress.access.scope_for, from vsoko.accounts.permissions): the pupils of the classes it names,
which is `permissions.students_visible_to` for a teacher or class teacher, or of the whole school for its
school-wide roles. Two queries: the names, and the marks that put each pupil in the list (the subject of
the one «3», of the «2»…).
"""

from __future__ import annotations

from dataclasses import dataclass

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.progress.access import Scope
from vsoko.progress.enums import Category
from vsoko.progress.figures import PeriodResults
from vsoko.records.enums import Mark
from vsoko.records.models import PeriodMark, Student

# Which marks of a pupil explain the list they are in.
REASONS: dict[Category, list[Mark]] = {
    Category.ONE_FOUR: [Mark.FOUR],
    Category.ONE_THREE: [Mark.THREE],
    Category.FAILING: [Mark.TWO, Mark.ONE, Mark.FAIL],
    Category.NOT_ASSESSED: [Mark.NOT_ASSESSED],
}
TITLES = {
    Category.ONE_FOUR: "С одной «4»",
    Category.ONE_THREE: "С одной «3»",
    Category.FAILING: "Неуспевающие («2», «1», «незачет»)",
    Category.NOT_ASSESSED: "Не аттестованы («н/а»)",
}


@dataclass(frozen=True)
class Listed:
    name: str
    class_name: str
    subjects: str  # «математика (3)»


@dataclass(frozen=True)
class NamedList:
    category: Category
    title: str
    pupils: list[Listed]


def in_sentence(subject: str) -> str:
    """A subject's name inside a sentence: «Математика» → «математика», an abbreviation as it is («ОДНКНР»)."""
    return subject if subject[1:2].isupper() else subject[:1].lower() + subject[1:]


def named_lists(user, results: PeriodResults, class_names: dict[int, str], scope: Scope, *, request=None,
                hidden: set[int] = frozenset()) -> list[NamedList] | None:
    """The lists for the user; None when the user may see no names. Side effect: an audit entry.

    Only pupils of the scope's classes are named (all of the school's where the scope is the school's),
    whatever classes `results` covers: the visibility is the scope's, worked out once for the page."""
    if not scope.names:
        return None
    wanted = {p.student_id: p for p in results.pupils if p.category in REASONS and p.class_id not in hidden
              and (scope.class_ids is None or p.class_id in scope.class_ids)}
    if not wanted:
        return [NamedList(c, TITLES[c], []) for c in REASONS]
    visible = (Student.objects.filter(pk__in=list(wanted))
               .order_by("last_name", "first_name", "middle_name", "pk")
               .values_list("pk", "last_name", "first_name", "middle_name"))
    names = {pk: " ".join(p for p in parts if p) for pk, *parts in visible}
    reasons: dict[int, list[str]] = {}
    marks = (PeriodMark.objects.filter(school=results.school, year_id=results.year, period=results.period,
                                       student_id__in=list(names),
                                       mark__in=sorted({m for ms in REASONS.values() for m in ms}))
             .order_by("subject__name").values_list("student_id", "subject__name", "mark"))
    for student_id, subject, mark in marks:
        if mark in REASONS[wanted[student_id].category]:
            reasons.setdefault(student_id, []).append(f"{in_sentence(subject)} ({Mark(mark).label})")
    order = {class_id: i for i, class_id in enumerate(class_names)}  # the classes' order (grade, letter)
    lists = [
        NamedList(c, TITLES[c], [
            Listed(names[pk], class_names.get(wanted[pk].class_id, ""), ", ".join(reasons.get(pk, [])))
            for pk in sorted((pk for pk in names if wanted[pk].category == c),
                             key=lambda pk: order.get(wanted[pk].class_id, len(order)))])
        for c in REASONS
    ]
    shown = sum(len(x.pupils) for x in lists)
    if shown:
        record(user=user, action=AuditAction.VIEW_LIST, object_type="period_results",
               object_id=f"{results.year}-{results.period.value}", school=results.school,
               details={"students": shown}, request=request)
    return lists
