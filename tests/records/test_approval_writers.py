"""Approved data stay as they are: the importer and manual entry refuse to change an approved year or period."""

import pytest

from vsoko.imports.service import import_package
from vsoko.records.approval import set_status
from vsoko.records.enums import ApprovalStatus
from vsoko.records.models import Enrollment, PeriodMark, Student

pytestmark = pytest.mark.django_db

STUDENTS = "student_id;last_name;first_name;birth_date;sex\nS1;Иванов;Иван;01.02.2013;М\nS2;Петрова;Анна;15.03.2013;ж\n"
ENROLLMENTS = "year;student_id;class\n2024/2025;S1;5А\n2024/2025;S2;5А\n"


@pytest.fixture
def package(tmp_path):
    folder = tmp_path / "package"
    folder.mkdir()
    (folder / "students.csv").write_text(STUDENTS, encoding="utf-8")
    (folder / "enrollments.csv").write_text(ENROLLMENTS, encoding="utf-8")
    return folder


def test_importing_into_an_approved_year_fails_with_a_message_and_stores_nothing(school, package):
    set_status(school=school, year=2024, status=ApprovalStatus.APPROVED, user=None)

    report = import_package(package, school=school)

    assert not report.ok
    assert [e.message for e in report.errors] == [
        "Данные за 2024/2025 учебный год утверждены и не могут быть изменены. "
        "Директор может снять утверждение на странице «Данные» → «Утверждение данных»."
    ]
    assert (Student.objects.count(), Enrollment.objects.count()) == (0, 0)


def test_reopening_allows_the_import(school, package):
    set_status(school=school, year=2024, status=ApprovalStatus.APPROVED, user=None)
    set_status(school=school, year=2024, status=ApprovalStatus.OPEN, user=None)

    report = import_package(package, school=school)

    assert report.errors == []
    assert Enrollment.objects.filter(year_id=2024).count() == 2


def test_submitted_data_can_still_be_corrected(school, package):
    set_status(school=school, year=2024, status=ApprovalStatus.SUBMITTED, user=None)

    assert import_package(package, school=school).ok


def test_an_approved_other_year_does_not_block(school, package):
    set_status(school=school, year=2023, status=ApprovalStatus.APPROVED, user=None)

    assert import_package(package, school=school).ok


def test_reimporting_unchanged_data_into_an_approved_year_changes_nothing_and_passes(school, package):
    assert import_package(package, school=school).ok
    set_status(school=school, year=2024, status=ApprovalStatus.APPROVED, user=None)

    again = import_package(package, school=school)

    assert again.ok
    assert all(c.added == c.changed == 0 for c in again.counts.values())


def test_a_change_to_an_approved_year_rolls_back_the_whole_package(school, package):
    assert import_package(package, school=school).ok
    set_status(school=school, year=2024, status=ApprovalStatus.APPROVED, user=None)
    # S2 moves to 5Б in the approved year; S3 is new, in an open year: neither is stored.
    (package / "students.csv").write_text(STUDENTS + "S3;Сидоров;Пётр;05.06.2012;М\n", encoding="utf-8")
    (package / "enrollments.csv").write_text(
        ENROLLMENTS.replace("2024/2025;S2;5А", "2024/2025;S2;5Б") + "2023/2024;S3;4А\n", encoding="utf-8")

    report = import_package(package, school=school)

    assert [e.message for e in report.errors] == [
        "Данные за 2024/2025 учебный год утверждены и не могут быть изменены. "
        "Директор может снять утверждение на странице «Данные» → «Утверждение данных»."
    ]
    assert Enrollment.objects.get(student__student_id="S2").school_class.name == "5А"
    assert not Student.objects.filter(student_id="S3").exists()


MARKS = "year;period;student_id;subject;mark\n2024/2025;1 четверть;S1;Математика;4\n2024/2025;1 четверть;S2;Математика;5\n"


def test_an_approved_quarter_refuses_changes_to_its_marks_only(school, package):
    (package / "marks.csv").write_text(MARKS, encoding="utf-8")
    assert import_package(package, school=school).ok
    set_status(school=school, year=2024, period="q1", status=ApprovalStatus.APPROVED, user=None)

    # Re-importing the same quarter changes nothing and passes; second-quarter marks are new and allowed.
    q2 = MARKS + "2024/2025;2 четверть;S1;Математика;3\n"
    (package / "marks.csv").write_text(q2, encoding="utf-8")
    assert import_package(package, school=school).ok
    assert PeriodMark.objects.filter(period="q2").count() == 1

    # A changed first-quarter mark rolls the whole package back, the new third-quarter mark too.
    changed = q2.replace("1 четверть;S1;Математика;4", "1 четверть;S1;Математика;5") + "2024/2025;3 четверть;S1;Математика;5\n"
    (package / "marks.csv").write_text(changed, encoding="utf-8")
    report = import_package(package, school=school)

    assert [e.message for e in report.errors] == [
        "Отметки за 1 четверть 2024/2025 учебного года: утверждены и не могут быть изменены. "
        "Директор может снять утверждение на странице «Данные» → «Утверждение данных»."
    ]
    assert PeriodMark.objects.get(period="q1", student__student_id="S1").mark == "4"
    assert not PeriodMark.objects.filter(period="q3").exists()


def test_an_approved_quarter_still_lets_the_contingent_change(school, package):
    assert import_package(package, school=school).ok
    set_status(school=school, year=2024, period="q1", status=ApprovalStatus.APPROVED, user=None)
    (package / "enrollments.csv").write_text(ENROLLMENTS.replace("2024/2025;S2;5А", "2024/2025;S2;5Б"), encoding="utf-8")

    assert import_package(package, school=school).ok
    assert Enrollment.objects.get(student__student_id="S2").school_class.name == "5Б"
