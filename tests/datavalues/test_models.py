"""The data-value store has no foreign-key constraints in the database (docs/data-values.md, «Производительность»):
Django keeps the rules of deletion itself."""

import pytest
from django.db import connection
from django.db.models import ProtectedError

from tests.datavalues.records import Records, make_school
from vsoko.datavalues.compute import recompute
from vsoko.datavalues.models import DataValue
from vsoko.records.models import Enrollment, OrgUnit, SchoolYear

pytestmark = pytest.mark.django_db


def test_the_store_has_no_foreign_key_constraints_in_the_database():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, DataValue._meta.db_table)
    assert [name for name, c in constraints.items() if c["foreign_key"]] == []


def test_deleting_a_school_deletes_its_values_and_leaves_the_others(school):
    other = make_school("other")
    b = Records(school)
    b.marks(b.student("s1", "5А"), {"математика": "5"})
    Records(other).student("o1", "5А")
    recompute(school, [2024])
    recompute(other, [2024])
    assert DataValue.objects.filter(org_unit=school, code="marks.year").count() == 1
    kept = DataValue.objects.filter(org_unit=other).count()
    assert kept > 0

    Enrollment.objects.filter(school=school).delete()  # a class protects its enrollments, the rest cascades
    OrgUnit.objects.get(pk=school.pk).delete()

    assert not DataValue.objects.filter(org_unit_id=school.pk).exists()
    assert DataValue.objects.filter(org_unit=other).count() == kept


def test_a_year_with_values_cannot_be_deleted(school):
    year = SchoolYear.objects.create(start=2031)
    DataValue.objects.create(org_unit=school, year=year, code="students.enrolled", value=3)

    with pytest.raises(ProtectedError):
        year.delete()

    assert DataValue.objects.filter(year_id=2031).count() == 1


def test_a_year_without_values_is_deleted_and_the_values_of_other_years_stay(school):
    SchoolYear.objects.create(start=2031)
    DataValue.objects.create(org_unit=school, year_id=2024, code="students.enrolled", value=3)

    SchoolYear.objects.get(start=2031).delete()

    assert not SchoolYear.objects.filter(start=2031).exists()
    assert DataValue.objects.filter(org_unit=school, year_id=2024).count() == 1
