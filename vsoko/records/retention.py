"""Anonymising students who left long ago (152-FZ: keep personal data no longer than needed).

Only the identity is erased — names, birth date and the school's code are replaced —
while every record (marks, results, enrollments, social rows) stays attached to the
anonymous student, so data values and indicators of past years do not change.
"""

from __future__ import annotations

import datetime
import secrets

from django.db import transaction
from django.db.models import Max

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.records.models import Student
from vsoko.records.years import school_year_of

ANONYMOUS_PREFIX = "anon-"


def students_to_anonymise(*, left_years_ago: int, today: datetime.date | None = None):
    """Students whose last enrollment ended more than `left_years_ago` school years ago."""
    cutoff = school_year_of(today or datetime.date.today()) - left_years_ago
    return (
        Student.objects.exclude(student_id__startswith=ANONYMOUS_PREFIX)
        .annotate(last_year=Max("enrollments__year_id"))
        .filter(last_year__lt=cutoff)
    )


@transaction.atomic
def anonymise_students(*, left_years_ago: int, user=None, today: datetime.date | None = None) -> int:
    students = list(students_to_anonymise(left_years_ago=left_years_ago, today=today).only("pk", "school_id"))
    for student in students:
        student.student_id = ANONYMOUS_PREFIX + secrets.token_hex(8)
        student.last_name = student.first_name = student.middle_name = ""
        student.birth_date = None
    Student.objects.bulk_update(students, ["student_id", "last_name", "first_name", "middle_name", "birth_date"], batch_size=500)
    if students:
        record(user=user, action=AuditAction.CHANGE, object_type="retention",
               details={"anonymised_students": len(students), "left_years_ago": left_years_ago})
    return len(students)
