"""The sheet's way on the world of tests/rating/conftest.py: hand-computed points of Смирнова's computed lines."""

import pytest

from tests.accounts.personas import YEAR
from vsoko.rating import workflow
from vsoko.rating.enums import PeriodStatus, SheetStatus
from vsoko.rating.models import RatingSheet
from vsoko.rating.workflow import RatingError

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(world):
    return workflow.open_period(world.school, YEAR)


def sheet_of(world, period, who: str) -> RatingSheet:
    return RatingSheet.objects.get(period=period, staff=world.staff[who])


def lines(sheet) -> dict:
    return {line.code: line for line in sheet.lines.all()}


def fill(sheet, points=(2, 1)) -> None:
    workflow.save_self(sheet, {"2.3": (points[0], "кружок «Юный математик»"), "3.6": (points[1], "открытый урок")})


def test_a_sheet_for_every_pedagogical_worker_of_the_year_with_computed_lines_filled(world, period):
    assert set(period.sheets.values_list("staff__last_name", flat=True)) == {"Смирнова", "Волков"}
    got = {code: (line.self_points, line.measure_text) for code, line in lines(sheet_of(world, period, "smirnova")).items()}

    assert got["1.1"] == (2, "качество 66,7 % (2 из 3 годовых отметок)")  # 66,7 % ≥ 55 → 2
    assert got["1.2"][0] == 2  # 100 %
    assert got["1.3"][0] == 3  # 66,7 % ≥ 60
    assert got["2.1"][0] == 1  # 2 diplomas
    assert got["2.2"][0] == 0  # 3 participants < 10
    assert got["3.1"][0] == 2  # 76 h
    assert got["3.2"][0] == 1  # первая
    assert got["3.3"][0] == 1  # one contest
    assert got["3.4"][0] == 2  # three records
    assert got["3.5"][0] == 1  # mean 7,5
    assert got["2.3"] == (None, "")
    assert "4.1" not in got  # Смирнова's account is no class teacher
    assert "4.1" in lines(sheet_of(world, period, "volkov"))


def test_a_period_is_opened_once_per_year(world, period):
    with pytest.raises(RatingError, match="уже открыт"):
        workflow.open_period(world.school, YEAR)


def test_the_teacher_cannot_change_computed_points_only_comment_them(world, period):
    sheet = sheet_of(world, period, "smirnova")

    with pytest.raises(RatingError, match=r"1\.1 .*рассчитаны по данным школы \(2\)"):
        workflow.save_self(sheet, {"1.1": (3, ""), "2.3": (1, "")})
    assert lines(sheet)["2.3"].self_points is None  # nothing changed

    workflow.save_self(sheet, {"1.1": (2, "в 5А два новых ученика"), "2.3": (3, "кружок")})
    assert lines(sheet)["1.1"].self_comment == "в 5А два новых ученика"
    assert lines(sheet)["2.3"].self_points == 3


def test_declared_points_above_the_maximum_are_refused_with_the_criterion_named(world, period):
    sheet = sheet_of(world, period, "smirnova")

    with pytest.raises(RatingError, match=r"Критерий 3\.6 .*от 0 до 3, указано 4"):
        workflow.save_self(sheet, {"2.3": (1, ""), "3.6": (4, "")})
    with pytest.raises(RatingError, match="«два» — не число"):
        workflow.save_self(sheet, {"2.3": ("два", "")})
    assert lines(sheet)["2.3"].self_points is None


def test_submit_needs_every_declared_criterion_then_the_teacher_cannot_edit(world, period):
    sheet = sheet_of(world, period, "smirnova")
    workflow.save_self(sheet, {"2.3": (2, "")})
    with pytest.raises(RatingError, match=r"3\.6 .*укажите баллы"):
        workflow.submit(sheet)

    fill(sheet)
    workflow.submit(sheet)

    assert sheet.status == SheetStatus.SUBMITTED
    assert lines(sheet)["2.3"].confirmed_points == 2  # the commission starts from the self-assessment
    with pytest.raises(RatingError, match="подан на проверку"):
        workflow.save_self(sheet, {"2.3": (3, "")})


def test_the_commission_explains_a_difference_confirms_or_returns_and_returned_is_editable_again(world, period):
    sheet = sheet_of(world, period, "smirnova")
    fill(sheet)
    workflow.submit(sheet)

    with pytest.raises(RatingError, match=r"2\.3 .*\(1\) отличаются от самооценки \(2\)"):
        workflow.review(sheet, {"2.3": (1, ""), "3.6": (1, "")})
    workflow.review(sheet, {"2.3": (1, "проект без результата"), "3.6": (1, "")})
    workflow.return_sheet(sheet, "Приложите ссылку на публикацию")

    assert sheet.status == SheetStatus.RETURNED
    workflow.save_self(sheet, {"3.6": (2, "https://example.org/статья")})
    workflow.submit(sheet)
    workflow.confirm(sheet, world.users["deputy"])

    sheet.refresh_from_db()
    assert (sheet.status, sheet.confirmed_by, sheet.return_comment) == (SheetStatus.CONFIRMED, world.users["deputy"], "")
    with pytest.raises(RatingError, match="без замечания"):
        workflow.return_sheet(sheet, "  ")


def test_a_draft_cannot_be_confirmed_nor_reviewed(world, period):
    sheet = sheet_of(world, period, "smirnova")

    with pytest.raises(RatingError, match="черновик"):
        workflow.confirm(sheet, world.users["deputy"])
    with pytest.raises(RatingError, match="черновик"):
        workflow.review(sheet, {})


def test_the_commission_may_make_a_teacher_a_class_teacher(world, period):
    sheet = sheet_of(world, period, "smirnova")
    fill(sheet)
    workflow.submit(sheet)

    workflow.review(sheet, {"4.1": (2, "ведёт 5Б с января")}, class_teacher=True)

    assert lines(sheet)["4.1"].confirmed_points == 2
    assert sheet.class_teacher


def test_a_closed_period_changes_nothing(world, period):
    workflow.set_period_status(period, PeriodStatus.CLOSED)
    sheet = sheet_of(world, period, "smirnova")

    with pytest.raises(RatingError, match="завершён"):
        workflow.save_self(sheet, {"2.3": (1, "")})


def test_recomputing_follows_new_data_on_sheets_not_yet_confirmed(world, period):
    from vsoko.records.models import PeriodMark

    PeriodMark.objects.filter(student=world.students["sidorova"], subject=world.subjects["math"]).update(mark="5")
    workflow.refresh_computed(period)

    line = lines(sheet_of(world, period, "smirnova"))["1.1"]
    assert (line.self_points, line.measure_text) == (3, "качество 100,0 % (3 из 3 годовых отметок)")


def test_recomputing_leaves_confirmed_sheets_as_the_commission_confirmed_them(world, period):
    from vsoko.records.models import PeriodMark

    sheet = sheet_of(world, period, "smirnova")
    fill(sheet)
    workflow.submit(sheet)
    workflow.confirm(sheet, world.users["deputy"])
    PeriodMark.objects.filter(student=world.students["sidorova"], subject=world.subjects["math"]).update(mark="5")

    workflow.refresh_computed(period)

    line = lines(sheet)["1.1"]
    assert (line.self_points, line.confirmed_points) == (2, 2)


def test_a_criterion_not_on_the_sheet_is_refused(world, period):
    with pytest.raises(RatingError, match="Критерия 4.1 нет в этом оценочном листе"):
        workflow.save_self(sheet_of(world, period, "smirnova"), {"4.1": (1, "")})


def test_a_school_without_pedagogical_staff_in_the_year_gets_no_period(world):
    with pytest.raises(RatingError, match="нет педагогов"):
        workflow.open_period(world.school, 2023)


def test_recomputing_adds_a_sheet_for_a_teacher_loaded_after_the_opening(world, period):
    from vsoko.records.models import StaffMember, StaffYear

    newcomer = StaffMember.objects.create(school=world.school, staff_id="P-009", last_name="Новикова", first_name="Ия")
    StaffYear.objects.create(school=world.school, year_id=YEAR, staff=newcomer, position="учитель").subjects.set(
        [world.subjects["math"]])

    workflow.refresh_computed(period)

    sheet = period.sheets.get(staff=newcomer)
    assert lines(sheet)["1.1"].self_points == 2  # the mathematics marks, as Смирнова's
    assert period.sheets.count() == 3


def test_a_closed_period_is_not_recomputed(world, period):
    from vsoko.records.models import PeriodMark

    workflow.set_period_status(period, PeriodStatus.CLOSED)
    PeriodMark.objects.filter(student=world.students["sidorova"], subject=world.subjects["math"]).update(mark="5")

    with pytest.raises(RatingError, match="завершён"):
        workflow.refresh_computed(period)
    assert lines(sheet_of(world, period, "smirnova"))["1.1"].self_points == 2


def test_recomputing_keeps_the_commissions_own_points_on_a_submitted_sheet(world, period):
    """The commission corrects a computed criterion with a comment (docs/rating.md: «комиссия исправляет баллы с
    комментарием»); recomputing moves the teacher's points and the commission's points that followed them, not a
    correction."""
    from vsoko.records.models import PeriodMark

    sheet = sheet_of(world, period, "smirnova")
    fill(sheet)
    workflow.submit(sheet)
    workflow.review(sheet, {"1.1": (1, "у Смирновой только 5А: качество 50 %"), "2.3": (2, ""), "3.6": (1, "")})
    PeriodMark.objects.filter(student=world.students["sidorova"], subject=world.subjects["math"]).update(mark="5")

    workflow.refresh_computed(period)

    got = lines(sheet)
    assert (got["1.1"].self_points, got["1.1"].confirmed_points) == (3, 1)  # 100 % → 3; the correction stays
    assert (got["1.2"].self_points, got["1.2"].confirmed_points) == (2, 2)  # unchanged, followed


def test_a_member_of_the_commission_cannot_confirm_their_own_sheet(world, period):
    sheet = sheet_of(world, period, "smirnova")
    fill(sheet)
    workflow.submit(sheet)

    with pytest.raises(RatingError, match="^Свой лист подтверждает другой член комиссии"):
        workflow.confirm(sheet, world.users["smirnova"])
    sheet.refresh_from_db()
    assert (sheet.status, sheet.confirmed_by) == (SheetStatus.SUBMITTED, None)

    workflow.confirm(sheet, world.users["deputy"])
    sheet.refresh_from_db()
    assert (sheet.status, sheet.confirmed_by) == (SheetStatus.CONFIRMED, world.users["deputy"])
