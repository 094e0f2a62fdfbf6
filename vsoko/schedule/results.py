"""The results of a scheduled federal or regional procedure, when its protocol is loaded: the records.Assessment
of the school's year with the same grade, subject and date."""

from __future__ import annotations

from collections.abc import Iterable

from vsoko.records.models import Assessment
from vsoko.schedule.enums import Level
from vsoko.schedule.models import ScheduledAssessment


def loaded_results(entries: Iterable[ScheduledAssessment]) -> dict[int, int]:
    """Scheduled entry pk → the pk of the Assessment with its results (one query)."""
    external = [e for e in entries if e.level in Level.external()]
    if not external:
        return {}
    first = external[0]
    found = Assessment.objects.filter(
        school_id=first.school_id, year_id=first.year_id, date__in={e.date for e in external},
        grade__in={e.grade for e in external}, subject_id__in={e.subject_id for e in external},
    ).order_by("pk").values_list("grade", "subject_id", "date", "pk")
    by_key = {}
    for grade, subject, date, pk in found:
        by_key.setdefault((grade, subject, date), pk)
    return {e.pk: by_key[(e.grade, e.subject_id, e.date)] for e in external
            if (e.grade, e.subject_id, e.date) in by_key}
