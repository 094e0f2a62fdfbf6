import datetime

from tests.accounts.personas import YEAR
from tests.schedule.conftest import day, holiday, work
from vsoko.records.models import SchoolClass
from vsoko.schedule.enums import Half, ProblemKind, ProcedureKind
from vsoko.schedule.load import problems, problems_of_schools
from vsoko.schedule.models import ScheduledAssessment, SubjectHours


def kinds(world, half=None):
    return [(p.kind, p.class_name) for p in problems(world.school, YEAR, half)]


def hours(world, grade, subject, value):
    SubjectHours.objects.create(school=world.school, year_id=YEAR, grade=grade, subject=world.subjects[subject],
                                hours=value)


def test_two_works_on_one_day_in_a_class(world):
    hours(world, 5, "math", 170)
    hours(world, 5, "history", 68)
    work(world, "5А", day(10, 14), "math")
    work(world, "5А", day(10, 14), "history", kind=ProcedureKind.CHECK)
    work(world, "5Б", day(10, 14), "math")  # another class the same day: no problem

    found = problems(world.school, YEAR)

    assert [(p.kind, p.class_name, p.date) for p in found] == [(ProblemKind.SAME_DAY, "5А", day(10, 14))]
    assert found[0].text == ("5А, 14.10.2024: две работы в один день — контрольная работа по математике и "
                             "проверочная работа по истории")


def test_a_school_work_on_a_vpr_day_is_two_problems(world):
    work(world, "5А", day(4, 15), "history", kind=ProcedureKind.VPR)
    work(world, "5А", day(4, 15), "math")

    found = {p.kind: p for p in problems(world.school, YEAR) if p.kind != ProblemKind.NO_HOURS}

    assert set(found) == {ProblemKind.SAME_DAY, ProblemKind.EXTERNAL_DAY}
    assert found[ProblemKind.EXTERNAL_DAY].text == "5А, 15.04.2025: контрольная работа по математике в день ВПР по истории"
    assert found[ProblemKind.SAME_DAY].text.startswith("5А, 15.04.2025: две работы в один день — ")


def test_a_federal_procedure_alone_is_no_problem(world):
    work(world, "5А", day(4, 15), "history", kind=ProcedureKind.VPR)
    work(world, "5А", day(4, 16), "history", kind=ProcedureKind.NIKO)

    assert problems(world.school, YEAR) == []


def test_ten_percent_of_34_hours_allows_three_works_and_flags_the_fourth(world):
    hours(world, 5, "math", 34)
    for month, number in ((9, 20), (11, 8), (12, 13)):
        work(world, "5А", day(month, number))
    assert kinds(world) == []

    work(world, "5А", day(3, 14))

    found = problems(world.school, YEAR)
    assert [(p.kind, p.class_name, p.date) for p in found] == [(ProblemKind.SHARE, "5А", day(3, 14))]
    assert found[0].text == ("5А, Математика: четыре работы школьного уровня за год при 34 ч в год — больше 10 % "
                             "(не более 3); сверх нормы: 14.03.2025")
    # Shown in the half where the work over the limit falls.
    assert kinds(world, Half.FIRST) == [] and kinds(world, Half.SECOND) == [(ProblemKind.SHARE, "5А")]


def test_federal_works_do_not_count_against_the_hours(world):
    hours(world, 5, "math", 34)
    for month, number in ((9, 20), (11, 8), (12, 13)):
        work(world, "5А", day(month, number))
    work(world, "5А", day(4, 22), kind=ProcedureKind.VPR)

    assert kinds(world) == []


def test_works_of_a_subject_without_hours_are_reported_once_per_grade(world):
    work(world, "5А", day(10, 1))
    work(world, "5Б", day(10, 2))

    found = problems(world.school, YEAR)

    assert [(p.kind, p.class_name) for p in found] == [(ProblemKind.NO_HOURS, "5 класс")]
    assert found[0].kind.is_warning


def test_four_works_in_a_week_are_a_warning(world):
    hours(world, 5, "math", 170)
    hours(world, 5, "history", 68)
    monday = datetime.date(2024, 11, 11)
    for offset, subject in enumerate(("math", "history", "math", "history")):
        work(world, "5А", monday + datetime.timedelta(days=offset), subject)
    for offset in range(3):  # three in 5Б: within the rule
        work(world, "5Б", monday + datetime.timedelta(days=offset))

    found = problems(world.school, YEAR)

    assert [(p.kind, p.class_name, p.week) for p in found] == [(ProblemKind.WEEK, "5А", monday)]
    assert found[0].kind.is_warning
    assert found[0].text.startswith("5А, неделя с 11.11.2024: четыре работы (рекомендуется не более 3): 11.11 — "
                                    "контрольная работа по математике; 12.11 — контрольная работа по истории")


def test_the_thresholds_are_settings(world, settings):
    settings.VSOKO_SCHEDULE_MAX_PER_WEEK = 4
    settings.VSOKO_SCHEDULE_MAX_PER_DAY = 2
    hours(world, 5, "math", 170)
    monday = datetime.date(2024, 11, 11)
    work(world, "5А", monday, kind=ProcedureKind.CHECK)
    for offset in (0, 1, 2):
        work(world, "5А", monday + datetime.timedelta(days=offset))

    assert kinds(world) == []


def test_the_half_limits_the_daily_and_weekly_checks(world):
    work(world, "5А", day(4, 15), "history", kind=ProcedureKind.VPR)
    work(world, "5А", day(4, 15), "math", kind=ProcedureKind.NIKO)

    assert kinds(world, Half.FIRST) == []
    assert kinds(world, Half.SECOND) == [(ProblemKind.SAME_DAY, "5А")]


def test_a_work_in_the_holidays_names_the_class_the_date_and_the_holidays(young):
    holiday(young, "осенние каникулы", day(10, 26), day(11, 3))
    hours(young, 5, "math", 170)
    work(young, "5А", day(10, 28))
    work(young, "5А", day(11, 5))  # the Tuesday after: a school day

    found = problems(young.school, YEAR)

    assert [(p.kind, p.class_name, p.date) for p in found] == [(ProblemKind.HOLIDAY, "5А", day(10, 28))]
    assert found[0].text == ("5А, 28.10.2024: контрольная работа по математике — в каникулы («осенние каникулы», "
                             "26.10–03.11.2024)")
    assert not found[0].kind.is_warning


def test_the_first_grades_february_holidays_are_the_first_grades_only(young):
    holiday(young, "дополнительные каникулы для 1 класса", day(2, 17), day(2, 23), grades=[1])
    for grade in (1, 2):
        hours(young, grade, "math", 132)
    work(young, "1А", day(2, 18))
    work(young, "2А", day(2, 18))

    found = problems(young.school, YEAR)

    assert [(p.kind, p.class_name) for p in found] == [(ProblemKind.HOLIDAY, "1А")]
    assert found[0].text == ("1А, 18.02.2025: контрольная работа по математике — в каникулы («дополнительные "
                             "каникулы для 1 класса», 17.02–23.02.2025)")


def test_holidays_spanning_the_new_year_count_in_either_half(young):
    holiday(young, "зимние каникулы", day(12, 29), day(1, 11))
    hours(young, 5, "math", 170)
    work(young, "5А", day(12, 30))
    work(young, "5Б", day(1, 9))

    assert kinds(young, Half.FIRST) == [(ProblemKind.HOLIDAY, "5А")]
    assert kinds(young, Half.SECOND) == [(ProblemKind.HOLIDAY, "5Б")]


def test_a_work_on_a_day_off(young):
    for grade in (1, 2, 5):
        hours(young, grade, "math", 170)
    work(young, "5А", day(3, 2))  # Sunday
    work(young, "5Б", day(5, 1))  # Thursday, a public holiday
    work(young, "1А", day(3, 1))  # Saturday: the first grade learns five days a week
    work(young, "2А", day(3, 1))  # Saturday in the second grade: a six-day week is allowed

    found = problems(young.school, YEAR)

    assert [(p.kind, p.class_name, p.date) for p in found] == [
        (ProblemKind.DAY_OFF, "1А", day(3, 1)), (ProblemKind.DAY_OFF, "5А", day(3, 2)),
        (ProblemKind.DAY_OFF, "5Б", day(5, 1))]
    assert [p.text for p in found] == [
        "1А, 01.03.2025: контрольная работа по математике — суббота, а в 1 классе пятидневная учебная неделя",
        "5А, 02.03.2025: контрольная работа по математике — воскресенье, выходной день",
        "5Б, 01.05.2025: контрольная работа по математике — нерабочий праздничный день (Праздник Весны и Труда)"]


def test_a_sunday_in_the_holidays_is_one_problem_of_the_holidays(young):
    holiday(young, "весенние каникулы", day(3, 22), day(3, 30))
    hours(young, 5, "math", 170)
    work(young, "5А", day(3, 23))  # Sunday

    assert kinds(young) == [(ProblemKind.HOLIDAY, "5А")]


def test_the_checks_of_several_schools_keep_each_schools_holidays_and_hours(world):
    """problems_of_schools runs the checks of all the schools together: a school's holidays and yearly hours
    are its own, and each problem is given to the school of its work."""
    other_5a = SchoolClass.objects.get(school=world.other_school, year_id=YEAR, name="5А")
    hours(world, 5, "math", 170)  # school 1 only: school 2's mathematics has no hours
    holiday(world, "весенние каникулы", day(3, 24), day(3, 31))  # school 1 only
    work(world, "5А", day(3, 26))
    ScheduledAssessment.objects.create(school=world.other_school, year_id=YEAR, date=day(3, 26), school_class=other_5a,
                                       subject=world.subjects["math"], kind=ProcedureKind.TEST,
                                       level=ProcedureKind.TEST.default_level)

    found = problems_of_schools([world.school, world.other_school], YEAR)

    assert [(p.kind, p.class_name) for p in found[world.school.pk]] == [(ProblemKind.HOLIDAY, "5А")]
    assert [(p.kind, p.class_name) for p in found[world.other_school.pk]] == [(ProblemKind.NO_HOURS, "5 класс")]
    assert found[world.school.pk] == problems(world.school, YEAR)
