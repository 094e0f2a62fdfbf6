"""Importing whole packages: every table and column round-trips, re-import changes nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from tests.imports.conftest import PACKAGE, write_csv_folder, write_xlsx, write_xlsx_openpyxl
from vsoko.imports.enums import ImportStatus
from vsoko.imports.models import ImportRun
from vsoko.imports.service import TableCounts, import_package, preview_package
from vsoko.imports.signals import package_imported
from vsoko.records.enums import SurveyChannel
from vsoko.records.models import (
    Assessment,
    AssessmentTask,
    Enrollment,
    Event,
    ManualValue,
    PeriodMark,
    Program,
    Result,
    SchoolClass,
    SchoolYear,
    SocialStatus,
    StaffEvent,
    StaffYear,
    Student,
    SurveyAnswer,
    TaskScore,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def assert_package_stored(school):
    students = {s.student_id: s for s in Student.objects.filter(school=school)}
    assert {k: (s.last_name, s.first_name, s.middle_name, s.birth_date, s.sex) for k, s in students.items()} == {
        "S1": ("Иванов", "Иван", "Иванович", D(2010, 2, 1), "m"),
        "S2": ("Петрова", "Анна", "", D(2009, 3, 15), "f"),
        "S3": ("Сидоров", "Пётр", "Петрович", D(2008, 6, 5), "m"),
    }

    enrollments = {
        e.student.student_id: (
            e.year_id, e.school_class.name, e.school_class.grade, e.school_class.letter, e.enrolled_on, e.left_on,
            e.ovz, e.disability, e.non_native_russian, e.health_group, e.pe_group, e.outcome, e.gia_admitted,
            e.certificate, e.destination, e.destination_matches_profile,
        )
        for e in Enrollment.objects.filter(school=school).select_related("student", "school_class")
    }
    assert enrollments == {
        "S1": (2024, "9А", 9, "А", D(2024, 9, 1), None, True, False, False, 2, "main", "graduated", True,
               "honors", "grade10", True),
        "S2": (2024, "10Б", 10, "Б", None, D(2024, 12, 20), True, False, False, 3, "preparatory", "left", None,
               "", "", None),
        "S3": (2024, "11А", 11, "А", None, None, False, True, True, 1, "special", "graduated", True,
               "regular", "university", False),
    }

    assert sorted(SocialStatus.objects.filter(school=school).values_list(
        "year_id", "student__student_id", "category", "since", "until")) == [
        (2024, "S2", "large_family", D(2024, 9, 1), None),
        (2024, "S3", "pdn", D(2024, 10, 10), D(2025, 3, 20)),
    ]

    staff = {
        y.staff.staff_id: (
            y.year_id, y.staff.last_name, y.staff.first_name, y.staff.middle_name, y.staff.birth_date, y.position,
            y.pedagogical, y.education, y.profile_match, y.category, y.category_date, y.experience_since,
            y.employment, y.weekly_hours, sorted(s.name for s in y.subjects.all()),
        )
        for y in StaffYear.objects.filter(school=school).select_related("staff")
    }
    assert staff == {
        "T1": (2024, "Смирнова", "Ольга", "Викторовна", D(1980, 4, 12), "учитель", True, "higher_ped", True,
               "highest", D(2022, 3, 15), D(2002, 9, 1), "main", Decimal("18.5"), ["информатика", "математика"]),
        "T2": (2024, "Кузнецов", "Олег", "", D(1990, 1, 1), "педагог-психолог", False, "higher", False,
               "conformity", None, D(2015, 9, 1), "part_time", Decimal("9"), []),
    }

    assert sorted(StaffEvent.objects.filter(school=school).values_list(
        "year_id", "staff__staff_id", "kind", "title", "date", "level", "hours", "topics", "result")) == [
        (2024, "T1", "courses", "ФГ в основной школе", D(2024, 11, 20), "regional", 36, ["fl", "digital"], ""),
        (2024, "T2", "contest", "Педагог-психолог года", D(2025, 3, 1), "municipal", None, ["burnout"], "prize"),
    ]

    assert sorted(PeriodMark.objects.filter(school=school).values_list(
        "year_id", "period", "student__student_id", "subject__name", "mark")) == [
        (2024, "h1", "S3", "физическая культура", "pass"),
        (2024, "q1", "S1", "математика", "5"),
        (2024, "q2", "S2", "русский язык", "na"),
        (2024, "t1", "S2", "математика", "exempt"),  # «Математика» and «математика» are one subject, stored in one spelling
        (2024, "year", "S1", "математика", "4"),
    ]

    assessments = {a.assessment_id: a for a in Assessment.objects.filter(school=school).select_related("subject")}
    assert {k: (a.year_id, a.kind, a.subject.name, a.grade, a.date, a.max_score, a.min_score, a.mark_scale,
                a.test_scale) for k, a in assessments.items()} == {
        "OGE-M-9": (2024, "oge", "математика", 9, D(2025, 6, 3), 6, 3, "2:0-2;3:3-3;4:4-5;5:6-6", ""),
        "EGE-M-11": (2024, "ege", "математика (профиль)", 11, D(2025, 5, 31), 32, 27, "", "0:0;1:6;2:11;3:17;4:22"),
    }

    assert list(AssessmentTask.objects.filter(assessment__school=school).order_by("position").values_list(
        "assessment__assessment_id", "task", "position", "max_points", "difficulty", "skill", "metasubject",
        "functional_literacy")) == [
        ("OGE-M-9", "1", 1, 1, "basic", "Вычисления", False, False),  # empty flags: «нет»
        ("OGE-M-9", "2", 2, 2, "advanced", "Уравнения", True, False),
        ("OGE-M-9", "10", 3, 2, "high", "Задача практического содержания", False, True),
        ("OGE-M-9", "9", 4, 1, "basic", "", False, False),
    ]

    assert sorted(Result.objects.filter(school=school).values_list(
        "assessment__assessment_id", "student__student_id", "attempt", "absent", "primary_score", "test_score",
        "mark", "journal_mark")) == [
        ("EGE-M-11", "S3", "retake", False, Decimal(3), Decimal(17), 3, None),
        ("OGE-M-9", "S1", "main", False, Decimal("4.5"), None, 4, 5),  # sum of task scores, mark by the scale
        ("OGE-M-9", "S2", "main", True, None, None, None, None),
    ]
    assert list(TaskScore.objects.filter(result__school=school).order_by("task__position").values_list(
        "result__student__student_id", "task__task", "points")) == [
        ("S1", "1", Decimal(1)), ("S1", "2", Decimal(2)), ("S1", "10", Decimal("1.5")), ("S1", "9", Decimal(0)),
    ]

    assert sorted(Event.objects.filter(school=school).values_list(
        "year_id", "student__student_id", "event", "level", "kind", "subject", "result")) == [
        (2024, "S1", "ВСОШ по математике", "municipal", "vsosh", "математика", "prize"),
        (2024, "S2", "Президентские состязания", "school", "competition", "", "participant"),
    ]

    assert sorted(Program.objects.filter(school=school).values_list(
        "year_id", "student__student_id", "program", "kind", "certificate", "individual_route")) == [
        (2024, "S1", "Робототехника", "additional", True, False),
        (2024, "S3", "Билет в будущее", "ticket_to_future", False, True),  # empty: «нет»
    ]

    assert sorted(ManualValue.objects.filter(school=school).values_list(
        "year_id", "indicator", "scope", "value", "numerator", "denominator", "comment", "source")) == [
        (2024, "core.quality", "country", None, Decimal(1), Decimal(4), "", "https://example.org"),
        (2024, "order1324.2.1", "municipality", Decimal(3), None, None, "", ""),
        (2024, "order1324.2.3", "school", Decimal(1), None, None, "Есть СЭД", "Акт проверки"),
    ]

    assert sorted(SurveyAnswer.objects.filter(school=school).values_list(
        "year_id", "survey", "respondent", "grade", "question", "answer")) == [
        (2024, "parents", "R1", 5, "q1", "Полностью удовлетворен"),
        (2024, "parents", "R1", 5, "q2", "Скорее да"),
        (2024, "students", "R7", None, "q1", "Нет"),
    ]
    assert list(SchoolYear.objects.values_list("start", flat=True)) == [2024]


ALL_ADDED = {key: TableCounts(added=len(rows) - 1) for key, rows in PACKAGE.items()}
ALL_UNCHANGED = {key: TableCounts(unchanged=len(rows) - 1) for key, rows in PACKAGE.items()}


def test_csv_package_round_trips(package_dir, school):
    report = import_package(package_dir, school=school)

    assert report.errors == []
    assert report.counts == ALL_ADDED
    assert report.tables == set(PACKAGE)
    assert report.years == {2024}
    assert_package_stored(school)


def test_xlsx_package_round_trips(tmp_path, school):
    path = write_xlsx(tmp_path / "package.xlsx", PACKAGE)

    report = import_package(path, school=school)

    assert report.errors == []
    assert report.counts == ALL_ADDED
    assert_package_stored(school)


def test_xlsx_with_numbers_and_real_dates_round_trips(tmp_path, school):
    """Excel stores 5 as a number and 31.05.2025 as a date; both read as the text would."""
    typed = {key: [list(row) for row in rows] for key, rows in PACKAGE.items()}
    typed["students"][1][4] = datetime.datetime(2010, 2, 1)
    typed["marks"][1][4] = 5
    typed["assessments"][1][6] = 6
    typed["assessment_tasks"][3][1] = 10
    typed["staff"][1][14] = 18.5
    typed["survey_responses"][1][3] = 5
    path = write_xlsx_openpyxl(tmp_path / "typed.xlsx", typed)

    report = import_package(path, school=school)

    assert report.errors == []
    assert_package_stored(school)


def test_reimport_changes_nothing(package_dir, school):
    import_package(package_dir, school=school)

    preview = preview_package(package_dir, school=school)
    report = import_package(package_dir, school=school)

    assert preview.counts == ALL_UNCHANGED
    assert report.counts == ALL_UNCHANGED
    assert report.years == set()
    assert_package_stored(school)


def test_preview_writes_nothing(package_dir, school):
    report = preview_package(package_dir, school=school)

    assert report.ok
    assert report.counts == ALL_ADDED
    assert Student.objects.count() == 0
    assert SchoolClass.objects.count() == 0
    assert SchoolYear.objects.count() == 0
    assert ImportRun.objects.count() == 0


def test_changed_rows_are_updated_in_place(tmp_path, package_dir, school):
    import_package(package_dir, school=school)
    changed = {
        "students": [PACKAGE["students"][0], ["S2", "Петрова", "Анна", "Сергеевна", "2009-03-15", "Ж"]],
        "marks": [PACKAGE["marks"][0], ["2024/2025", "1 четверть", "S1", "Математика", "4"],
                  ["2024/2025", "2 четверть", "S1", "Математика", "5"]],
        "results": [PACKAGE["results"][0], ["OGE-M-9", "S1", "основная", "нет", "", "", "", "5", "1;2;2;1"]],
    }
    ids_before = set(PeriodMark.objects.values_list("pk", flat=True))

    report = import_package(write_csv_folder(tmp_path / "changed", changed), school=school)

    assert report.counts == {
        "students": TableCounts(changed=1),
        "marks": TableCounts(added=1, changed=1),
        "results": TableCounts(changed=1),
    }
    assert Student.objects.get(student_id="S2").middle_name == "Сергеевна"
    assert PeriodMark.objects.get(student__student_id="S1", period="q1").mark == "4"
    assert ids_before < set(PeriodMark.objects.values_list("pk", flat=True))
    result = Result.objects.get(student__student_id="S1")
    assert (result.primary_score, result.mark) == (Decimal(6), 5)
    assert sorted(result.task_scores.values_list("points", flat=True)) == [1, 1, 2, 2]
    assert report.years == {2024}


def test_missing_column_leaves_stored_values_alone(tmp_path, package_dir, school):
    import_package(package_dir, school=school)
    names_only = {"students": [["Код обучающегося", "Фамилия"], ["S1", "Иванова"]]}

    report = import_package(write_csv_folder(tmp_path / "names", names_only), school=school)

    assert report.counts == {"students": TableCounts(changed=1)}
    student = Student.objects.get(student_id="S1")
    assert (student.last_name, student.first_name, student.birth_date) == ("Иванова", "Иван", D(2010, 2, 1))


def test_per_task_columns(tmp_path, package_dir, school):
    import_package(package_dir, school=school)
    results = {"results": [
        ["Код процедуры", "Код обучающегося", "З1", "З2", "task_10", "З9"],
        ["OGE-M-9", "S1", "1", "1", "2", "1"],
    ]}

    report = import_package(write_csv_folder(tmp_path / "tasks", results), school=school)

    assert report.errors == []
    assert report.counts == {"results": TableCounts(changed=1)}
    result = Result.objects.get(student__student_id="S1")
    assert result.primary_score == 5
    assert dict(result.task_scores.values_list("task__task", "points")) == {"1": 1, "2": 1, "10": 2, "9": 1}


def test_successful_import_sends_signal_after_commit(package_dir, school, django_capture_on_commit_callbacks):
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    package_imported.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            import_package(package_dir, school=school)
    finally:
        package_imported.disconnect(receiver)

    assert len(received) == 1
    assert received[0]["school"] == school
    assert received[0]["years"] == {2024}
    assert received[0]["tables"] == set(PACKAGE)


def test_import_is_recorded_as_a_run(package_dir, school):
    report = import_package(package_dir, school=school)

    run = ImportRun.objects.get()
    assert run.status == ImportStatus.DONE
    assert run.file_name == "package"
    assert run.format == "package"
    assert run.counts["marks"] == {"added": 5, "changed": 0, "unchanged": 0}
    assert run.years == [2024]
    assert report.ok


def test_progress_is_reported_up_to_the_end(package_dir, school):
    calls = []

    import_package(package_dir, school=school, progress=lambda done, total, stage: calls.append((done, total, stage)))

    assert calls[-1] == (1000, 1000, "Готово")
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)


@pytest.mark.django_db(transaction=True)
def test_a_failing_receiver_neither_undoes_the_import_nor_fails_it(package_dir, school):
    def broken_receiver(sender, **kwargs):
        raise RuntimeError("recomputation failed")

    package_imported.connect(broken_receiver)
    try:
        report = import_package(package_dir, school=school)
    finally:
        package_imported.disconnect(broken_receiver)

    assert report.ok
    assert ImportRun.objects.get().status == ImportStatus.DONE
    assert Student.objects.count() == 3


def test_import_is_audited(package_dir, school):
    from vsoko.audit.models import AuditEntry

    import_package(package_dir, school=school)

    entry = AuditEntry.objects.get(action="import")
    assert entry.school == school
    assert entry.details["counts"]["students"] == {"added": 3, "changed": 0, "unchanged": 0}


def test_a_share_imported_as_numerator_and_denominator_is_a_percentage(package_dir, school,
                                                                        django_capture_on_commit_callbacks):
    """core.quality is in percent: the national benchmark given as 1 of 4 is 25 %, not 0.25."""
    from vsoko.indicators.evaluate import load_benchmarks
    from vsoko.indicators.values import definitions

    with django_capture_on_commit_callbacks(execute=True):  # the recomputation after the import
        assert import_package(package_dir, school=school).errors == []
    benchmark = load_benchmarks([school.pk], [2024], definitions())[("core.quality", 2024)]["country"]
    assert (benchmark.value, benchmark.numerator, benchmark.denominator) == (25, 1, 4)



def test_an_import_leaves_the_answers_of_the_survey_pages_alone(tmp_path, package_dir, school):
    import_package(package_dir, school=school)
    online = SurveyAnswer.objects.create(school=school, year_id=2024, survey="parents", respondent="онлайн-1f2e",
                                         grade=3, question="overall", answer="скорее удовлетворен",
                                         channel=SurveyChannel.ONLINE)
    changed = [row[:] for row in PACKAGE["survey_responses"]]
    changed[1][5] = "Не удовлетворен"  # R1's answer to q1

    report = import_package(write_csv_folder(tmp_path / "changed", {**PACKAGE, "survey_responses": changed}),
                            school=school)

    assert report.errors == []
    assert report.counts["survey_responses"] == TableCounts(changed=1, unchanged=2)
    assert SurveyAnswer.objects.get(respondent="R1", question="q1").answer == "Не удовлетворен"
    assert SurveyAnswer.objects.filter(pk=online.pk, answer="скорее удовлетворен",
                                       channel=SurveyChannel.ONLINE).exists()
