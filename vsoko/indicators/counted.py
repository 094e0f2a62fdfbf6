"""The people an indicator counts: its numerator and denominator as lists of students or staff.

For an indicator over person counts (`percent(students.ce[...], students.ce[...])`,
`percent(staff.p[age=..34], staff.p)`, a plain `students.ce[grade=1..4]`) the people of
each part are those whose breakdown meets the part's selectors, exactly as the
evaluator sums data values (`Evaluator.selected`). Indicators over marks, results,
scores or survey answers count things, not people, and have no lists; survey
respondents are anonymous and never listed.

Only for one school and one year, only people the user may see (permissions), and
sensitive groups (ОВЗ, social status, профилактический учёт) only with explicit
permission. The caller records the access in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass

from vsoko.accounts import permissions
from vsoko.datavalues.people import LISTERS, PersonKind, people_of, sensitive_selection
from vsoko.indicators import formula as f
from vsoko.indicators.enums import Method
from vsoko.indicators.evaluate import Definition, dim_of
from vsoko.records.models import Enrollment, OrgUnit

NUMERATOR_FUNCTIONS = ("percent", "ratio")


@dataclass
class Person:
    pk: int
    name: str
    detail: str  # class of a student in the year; empty for staff


@dataclass
class PeopleGroup:
    label: str  # «Числитель», «Знаменатель», «Учтены»
    kind: PersonKind
    people: list[Person]
    counted: int  # everyone the part counts, including people outside what the user may see

    @property
    def hidden(self) -> int:
        return self.counted - len(self.people)


def parts(definition: Definition) -> list[tuple[str, list[f.CodeRef]]] | None:
    """The indicator's person-count parts as (label, references), or None when it does not count people."""
    tree = definition.tree
    if definition.method == Method.ENTERED or tree is None:
        return None
    if isinstance(tree, f.Call) and tree.name in NUMERATOR_FUNCTIONS:
        found = [("Числитель", _summed_refs(tree.args[0])), ("Знаменатель", _summed_refs(tree.args[1]))]
    else:
        found = [("Учтены", _summed_refs(tree))]
    refs = [ref for _, group in found for ref in (group or [None])]
    if None in refs or not all(ref.code in LISTERS for ref in refs):
        return None
    if len({LISTERS[ref.code].kind for ref in refs}) != 1:
        return None
    return found


def _summed_refs(node) -> list[f.CodeRef] | None:
    """The references of a sum of plain references (`a[...] + b[...]`); None for anything else."""
    if isinstance(node, f.CodeRef):
        return [node]
    if isinstance(node, f.BinOp) and node.op == "+":
        left, right = _summed_refs(node.left), _summed_refs(node.right)
        return left + right if left is not None and right is not None else None
    return None


def person_kind(definition: Definition) -> PersonKind | None:
    """Whom the indicator counts (students or staff); None when it does not count people."""
    found = parts(definition)
    return LISTERS[found[0][1][0].code].kind if found else None


def is_sensitive(definition: Definition) -> bool:
    found = parts(definition) or []
    return any(sensitive_selection(ref.code, [c.dim for c in ref.selector]) for _, refs in found for ref in refs)


def counted_people(definition: Definition, school: OrgUnit, year: int, user) -> list[PeopleGroup]:
    """The numerator and denominator (or the counted people) of the indicator in the school and year,
    limited to the people the user may see. [] when the indicator does not count people."""
    found = parts(definition)
    if not found:
        return []
    listed: dict[str, list[tuple[int, dict]]] = {}
    groups = []
    for label, refs in found:
        ids: set[int] = set()
        for ref in refs:
            if ref.code not in listed:
                listed[ref.code] = people_of(ref.code, school.pk, year)
            ids.update(pk for pk, dims in listed[ref.code]
                       if all(c.matches(dim_of(dims, c.dim)) for c in ref.selector))
        kind = LISTERS[refs[0].code].kind
        groups.append(PeopleGroup(label, kind, _visible(kind, ids, school, year, user), len(ids)))
    return groups


def _visible(kind: PersonKind, ids: set[int], school: OrgUnit, year: int, user) -> list[Person]:
    if kind == PersonKind.STAFF:
        staff = permissions.staff_visible_to(user, year).filter(school=school, pk__in=ids)
        return [Person(s.pk, s.full_name, "") for s in staff.order_by("last_name", "first_name", "pk")]
    students = permissions.students_visible_to(user, year).filter(school=school, pk__in=ids)
    classes = {student: (grade, name) for student, grade, name in Enrollment.objects.filter(
        year_id=year, student__in=ids).values_list("student_id", "school_class__grade", "school_class__name")}
    # In class order, as the class registers are: grade, class, name.
    ordered = sorted(students, key=lambda s: (*classes.get(s.pk, (99, "")), s.full_name, s.pk))
    return [Person(s.pk, s.full_name, classes.get(s.pk, (None, ""))[1]) for s in ordered]
