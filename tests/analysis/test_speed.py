"""Every analysis page on the demo school (600 pupils, three years) answers well under 200 ms.

Slow: it builds the demo school through the import (`vsoko demo`), about half a minute.
"""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from vsoko.assessments.subjects import subject_key
from vsoko.records.models import Assessment, SchoolClass, StaffMember

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
LIMIT_MS = 200


class _Quiet:
    def write(self, text):
        pass


def best_ms(client, url: str, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, url
    return min(times)


def test_analysis_pages_of_the_demo_school_are_fast(client):
    call_command("demo", students=600, years=3, seed=1, force=True, stdout=_Quiet())
    year = Assessment.objects.order_by("-year_id").values_list("year_id", flat=True).first()
    vpr = next(a for a in Assessment.objects.filter(year_id=year, kind="vpr", grade=5).select_related("subject")
               if subject_key(a.subject.name) == "математика")
    oge = Assessment.objects.filter(year_id=year, kind="oge").first()
    school_class = SchoolClass.objects.filter(year_id=year, name="5А").first()
    teacher = StaffMember.objects.filter(years__year_id=year, years__subjects=vpr.subject).first()
    urls = [
        "/assessments/", f"/assessments/{vpr.pk}/", f"/assessments/{oge.pk}/", "/assessments/grades/5/",
        f"/assessments/classes/{school_class.pk}/", f"/assessments/subjects/{vpr.subject_id}/",
        f"/assessments/teachers/{teacher.pk}/",
        f"/assessments/dynamics/?kind=vpr&subject={vpr.subject_id}&grade=5", f"/assessments/{vpr.pk}/?format=xlsx",
        "/",
    ]
    client.force_login(get_user_model().objects.get(username="deputy"))
    client.get("/")

    timings = {url: best_ms(client, url) for url in urls}

    assert {url: round(ms) for url, ms in timings.items() if ms >= LIMIT_MS} == {}
