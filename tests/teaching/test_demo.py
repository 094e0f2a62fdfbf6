"""The demo's load (vsoko.demo.teaching): consistent with the demo's staff and classes, every marked class and
subject taught, two teachers of one subject with different classes and different rating measures, a second run
changes nothing. One demo run for all of it (it takes seconds)."""

from collections import defaultdict

import pytest
from django.core.management import call_command

from vsoko.demo.model import LAST_YEAR
from vsoko.demo.service import DEMO_SCHOOL_NAME, run_demo
from vsoko.demo.teaching import teach_demo_years
from vsoko.rating.measures import marks_quality
from vsoko.records.models import PeriodMark, StaffYear
from vsoko.teaching.models import TeachingAssignment

pytestmark = pytest.mark.django_db


def test_the_demo_school_has_a_load_consistent_with_its_staff_and_classes():
    call_command("init", school=DEMO_SCHOOL_NAME, verbosity=0)
    demo = run_demo(students=60, years=2, seed=3).schools[0].school

    for year in (LAST_YEAR - 1, LAST_YEAR):
        marked = set(PeriodMark.objects.filter(school=demo, year_id=year, student__enrollments__year_id=year)
                     .values_list("student__enrollments__school_class_id", "subject_id").distinct())
        load = TeachingAssignment.objects.filter(school=demo, year_id=year)
        assert set(load.values_list("school_class_id", "subject_id")) == marked
        working = set(StaffYear.objects.filter(school=demo, year_id=year, pedagogical=True)
                      .values_list("staff_id", flat=True))
        assert set(load.values_list("staff_id", flat=True)) <= working
        assert not load.exclude(school_class__year_id=year).exists()

    # Subjects of grades 5–11 taught by two teachers or more (the demo's Russian: one teacher 5–8, one 9–11).
    classes: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for subject_id, staff_id, name in (TeachingAssignment.objects
                                       .filter(school=demo, year_id=LAST_YEAR, school_class__grade__gte=5)
                                       .values_list("subject_id", "staff_id", "school_class__name")):
        classes[subject_id][staff_id].add(name)
    shared = [teachers for teachers in classes.values() if len(teachers) >= 2]
    assert shared
    for teachers in shared:
        first, second = list(teachers)[:2]
        assert teachers[first].isdisjoint(teachers[second])
    first, second = list(shared[0])[:2]
    measured = marks_quality(demo, LAST_YEAR, [first, second])
    assert measured[first].text != measured[second].text
    assert not TeachingAssignment.objects.filter(school=demo, year_id=LAST_YEAR, school_class__grade__gte=2,
                                                 weekly_hours__isnull=True).exists()

    before = TeachingAssignment.objects.filter(school=demo).count()
    teach_demo_years(demo, LAST_YEAR, 2)
    assert TeachingAssignment.objects.filter(school=demo).count() == before
