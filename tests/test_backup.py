import datetime

import pytest

from vsoko.backup import BackupError, backup_database, restore_database
from vsoko.records.models import Enrollment, OrgUnit, SchoolClass, SchoolYear, Student
from vsoko.records.schools import ensure_school


def _record_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (OrgUnit, SchoolYear, SchoolClass, Student, Enrollment)}


@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_gives_identical_records(tmp_path):
    school = ensure_school(name="Школа №5")
    year = SchoolYear.objects.create(start=2024)
    klass = SchoolClass.objects.create(school=school, year=year, name="5А", grade=5, letter="А")
    for number in range(7):
        student = Student.objects.create(school=school, student_id=f"s{number}", last_name="Иванов", birth_date=datetime.date(2014, 3, number + 1))
        Enrollment.objects.create(school=school, year=year, student=student, school_class=klass)
    before = _record_counts()
    backup_file = tmp_path / "copy.backup"

    backup_database(backup_file)
    Enrollment.objects.all().delete()
    Student.objects.all().delete()
    assert Student.objects.count() == 0
    restore_database(backup_file)

    assert _record_counts() == before
    assert Student.objects.get(student_id="s6").birth_date == datetime.date(2014, 3, 7)


@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_gives_identical_indicator_values(tmp_path):
    from io import StringIO

    from django.core.management import call_command

    from vsoko.datavalues.compute import recompute
    from vsoko.datavalues.models import DataValue
    from vsoko.indicators.catalogs import load_shipped_catalogs
    from vsoko.records.models import PeriodMark, Subject

    load_shipped_catalogs()
    school = ensure_school(name="Школа №6")
    year = SchoolYear.objects.create(start=2024)
    klass = SchoolClass.objects.create(school=school, year=year, name="5А", grade=5, letter="А")
    math = Subject.objects.create(name="математика")
    for number, mark in enumerate(["5", "4", "3", "2", "5", "4"]):
        student = Student.objects.create(school=school, student_id=f"s{number}")
        Enrollment.objects.create(school=school, year=year, student=student, school_class=klass)
        PeriodMark.objects.create(school=school, year=year, period="year", student=student, subject=math, mark=mark)
    recompute(school, [2024])

    def indicators_json() -> str:
        out = StringIO()
        call_command("indicators", "--year", "2024/2025", "--format", "json", stdout=out)
        return out.getvalue()

    before = indicators_json()
    data_values = DataValue.objects.count()
    backup_database(tmp_path / "copy.backup")
    DataValue.objects.all().delete()
    PeriodMark.objects.all().delete()
    restore_database(tmp_path / "copy.backup")

    assert DataValue.objects.count() == data_values > 0
    assert indicators_json() == before
    assert '"code": "core.quality"' in before


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "bogus.backup"
    bogus.write_bytes(b"this is not a database")

    with pytest.raises(BackupError):
        restore_database(bogus)
    with pytest.raises(BackupError, match="не найден"):
        restore_database(tmp_path / "missing.backup")
