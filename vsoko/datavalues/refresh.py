"""Recomputation in the background, for writes too frequent to wait for it: survey answers.

`request_recompute` marks the school's year after the writer's transaction commits, and
queues `recompute_requested`; the worker recomputes once for all the requests it finds,
so a hundred parents answering within a minute cost a few recomputations, not a hundred. Any
recomputation of the year answers its requests (`compute.requests_answered`), `vsoko compute` too.
An import or the entry form recompute while the user waits instead (compute.py).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.tasks import task

from vsoko.datavalues.compute import recompute
from vsoko.datavalues.models import RecomputeRequest
from vsoko.records.models import OrgUnit


def request_recompute(school: OrgUnit, year: int) -> None:
    """After the current transaction commits: mark the year as stale and queue its recomputation.
    Marking after the commit keeps the writer's own data safe whatever happens to the mark."""
    def mark_and_queue() -> None:
        RecomputeRequest.objects.get_or_create(school=school, year_id=year)
        RecomputeRequest.objects.filter(school=school, year_id=year).update(version=F("version") + 1)
        recompute_requested.enqueue(school.pk, year)

    transaction.on_commit(mark_and_queue)


def is_pending(school: OrgUnit, year: int) -> bool:
    """Whether the year's values are waiting for a requested recomputation."""
    return RecomputeRequest.objects.filter(school=school, year_id=year).exists()


@task
def recompute_requested(school_id: int, year: int) -> int:
    """Recompute the school's year if a request is waiting; the request is done unless another came meanwhile."""
    if not RecomputeRequest.objects.filter(school_id=school_id, year_id=year).exists():
        return 0  # an earlier task (or `vsoko compute`) has already recomputed for it
    return recompute(OrgUnit.objects.get(pk=school_id), [year])  # which removes the request it answers
