"""Lists of students by the comparison of the work mark with the journal mark: personal data.

Only the students the user may see (`permissions.students_visible_to`) are listed — a class
teacher sees the pupils of their class — and never for the observer; each time names are
shown (or exported), the view is written to the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Case, CharField, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Abs

from vsoko.accounts import permissions
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.records.enums import Attempt
from vsoko.records.models import Assessment, Enrollment, Result

GROUPS = (("lowered", "Понизили"), ("confirmed", "Подтвердили"), ("raised", "Повысили"))


@dataclass(frozen=True)
class Pupil:
    student_id: int
    name: str
    class_name: str
    mark: int
    journal_mark: int
    primary_score: object

    @property
    def gap(self) -> int:
        return self.mark - self.journal_mark

    @property
    def difference(self) -> str:
        """«−2», «+1», «0»: the work's mark minus the journal's, with a true minus sign."""
        return f"{'+' if self.gap > 0 else '−' if self.gap < 0 else ''}{abs(self.gap)}"

    @property
    def wide(self) -> bool:
        """A difference of 2 marks or more (ФИОКО: to analyse apart)."""
        return abs(self.gap) >= 2


@dataclass
class JournalLists:
    groups: list[tuple[str, str, list[Pupil]]] = field(default_factory=list)
    shown: int = 0
    compared: int = 0  # all compared results, whether the user sees them or not

    @property
    def partial(self) -> bool:
        return self.shown < self.compared


def journal_lists(user, assessment: Assessment, compared: int, *, request=None) -> JournalLists | None:
    """The three groups of the students the user may see; None for a role without personal data.

    Side effect: an audit entry (view of a list) when any name is shown.
    """
    if not permissions.can_see_personal_data(user, assessment.school):
        return None
    class_of = Enrollment.objects.filter(student=OuterRef("student"), year=assessment.year_id).values(
        "school_class__name")[:1]
    relation = Case(
        When(mark__lt=F("journal_mark"), then=Value("lowered")),
        When(mark=F("journal_mark"), then=Value("confirmed")),
        default=Value("raised"), output_field=CharField(),
    )
    rows = (
        Result.objects.filter(
            assessment=assessment, attempt=Attempt.MAIN, absent=False, mark__isnull=False,
            journal_mark__isnull=False, student__in=permissions.students_visible_to(user, assessment.year_id),
        )
        .annotate(relation=relation, class_name=Subquery(class_of), gap=Abs(F("mark") - F("journal_mark")))
        .order_by("relation", "-gap", "student__last_name", "student__first_name")
        .values_list("relation", "student_id", "student__last_name", "student__first_name", "student__middle_name",
                     "class_name", "mark", "journal_mark", "primary_score")
    )
    by_relation = {
        key: [Pupil(sid, " ".join(p for p in (last, first, middle) if p), cls or "", mark, journal, score)
              for _, sid, last, first, middle, cls, mark, journal, score in group]
        for key, group in groupby(rows, key=lambda r: r[0])
    }
    lists = JournalLists([(key, label, by_relation.get(key, [])) for key, label in GROUPS],
                         sum(len(v) for v in by_relation.values()), compared)
    if lists.shown:
        record(user=user, action=AuditAction.VIEW_LIST, object_type="assessment_journal", object_id=assessment.pk,
               school=assessment.school, details={"students": lists.shown}, request=request)
    return lists
