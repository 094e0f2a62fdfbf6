import datetime

import pytest

from vsoko.records.enums import Mark
from vsoko.records.models import Enrollment, PeriodMark, SchoolClass, SchoolYear, Student, Subject
from vsoko.records.retention import anonymise_students


def _enrol(school, student_id, year, name="Петров"):
    year_row, _ = SchoolYear.objects.get_or_create(start=year)
    klass, _ = SchoolClass.objects.get_or_create(school=school, year=year_row, name="9А", defaults={"grade": 9, "letter": "А"})
    student, _ = Student.objects.get_or_create(school=school, student_id=student_id, defaults={"last_name": name, "birth_date": datetime.date(2008, 1, 1)})
    Enrollment.objects.create(school=school, year=year_row, student=student, school_class=klass)
    return student


@pytest.mark.django_db
def test_only_students_gone_longer_than_the_limit_are_anonymised_and_their_marks_stay(school):
    old = _enrol(school, "old", 2017)
    recent = _enrol(school, "recent", 2022)
    subject = Subject.objects.create(name="математика")
    PeriodMark.objects.create(school=school, year_id=2017, period="year", student=old, subject=subject, mark=Mark.FOUR)

    count = anonymise_students(left_years_ago=5, today=datetime.date(2025, 11, 1))

    assert count == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.last_name, old.birth_date, old.student_id.startswith("anon-")) == ("", None, True)
    assert (recent.last_name, recent.student_id) == ("Петров", "recent")
    assert PeriodMark.objects.filter(student=old, mark=Mark.FOUR).count() == 1
    assert anonymise_students(left_years_ago=5, today=datetime.date(2025, 11, 1)) == 0
