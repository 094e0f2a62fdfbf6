"""Pages per persona (tests/rating/conftest.py): the teacher's own sheet, the МО head read-only, the commission,
the observer's 403; audit records of every sheet shown."""

import io
from urllib.parse import unquote

import openpyxl
import pytest
from django.urls import reverse

from tests.accounts.personas import YEAR
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.rating import workflow
from vsoko.rating.enums import PeriodStatus, SheetStatus
from vsoko.rating.models import RatingSheet
from vsoko.records.models import StaffMember, StaffYear
from vsoko.teaching.models import TeachingAssignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(world):
    return workflow.open_period(world.school, YEAR)


def sheet_of(world, period, who):
    return RatingSheet.objects.get(period=period, staff=world.staff[who])


def as_user(client, world, who):
    client.force_login(world.users[who])
    return client


def test_the_teacher_opens_my_sheet_fills_and_submits_it(client, world, period):
    sheet = sheet_of(world, period, "smirnova")
    c = as_user(client, world, "smirnova")

    assert c.get(reverse("rating:my")).url == reverse("rating:sheet", args=[sheet.pk])
    page = c.get(reverse("rating:sheet", args=[sheet.pk])).content.decode()
    assert "качество 66,7 % (2 из 3 годовых отметок) → 2 балла из 3" in page
    assert 'name="points-2.3"' in page and 'name="points-1.1"' not in page  # computed: no input

    c.post(reverse("rating:sheet", args=[sheet.pk]), {"action": "submit", "points-2.3": "2", "comment-2.3": "кружок",
                                                      "points-3.6": "1", "comment-3.6": ""})
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.SUBMITTED

    response = c.post(reverse("rating:sheet", args=[sheet.pk]), {"action": "save", "points-2.3": "3"}, follow=True)
    assert "Не сохранено: Лист подан на проверку" in response.content.decode()
    assert sheet.lines.get(code="2.3").self_points == 2


def test_a_wrong_number_is_reported_and_nothing_saved(client, world, period):
    sheet = sheet_of(world, period, "smirnova")
    response = as_user(client, world, "smirnova").post(
        reverse("rating:sheet", args=[sheet.pk]), {"action": "save", "points-2.3": "1", "points-3.6": "9"}, follow=True)

    assert "Критерий 3.6 «Открытые уроки, публикации, методические разработки»: баллы от 0 до 3, указано 9" in \
        response.content.decode()
    assert sheet.lines.get(code="2.3").self_points is None


def test_a_teacher_sees_only_their_own_sheet(client, world, period):
    c = as_user(client, world, "volkov")
    own = c.get(reverse("rating:sheet_docx", args=[sheet_of(world, period, "volkov").pk]))
    sheet = sheet_of(world, period, "volkov")
    assert own.status_code == 200
    # Named by the sheet's number, not the teacher's name.
    assert unquote(own["Content-Disposition"]).endswith(f"Оценочный лист № {sheet.pk} 2024-2025.docx")
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, object_type="rating_sheet", username="volkov").exists()
    assert c.get(reverse("rating:sheet_docx", args=[sheet_of(world, period, "smirnova").pk])).status_code == 404

    assert c.get(reverse("rating:sheet", args=[sheet_of(world, period, "smirnova").pk])).status_code == 404
    assert c.get(reverse("rating:period", args=[period.pk])).status_code == 403
    assert c.get(reverse("rating:rating", args=[period.pk])).status_code == 403


def test_the_mo_head_reads_the_sheets_of_the_subject_and_changes_nothing(client, world, period):
    c = as_user(client, world, "mo_head")
    smirnova = sheet_of(world, period, "smirnova")

    listing = c.get(reverse("rating:period", args=[period.pk])).content.decode()
    assert "Смирнова Мария" in listing and "Волков" not in listing
    page = c.get(reverse("rating:sheet", args=[smirnova.pk])).content.decode()
    assert 'name="points-2.3"' not in page and 'name="c-points-2.3"' not in page
    assert c.post(reverse("rating:sheet", args=[smirnova.pk]), {"action": "save"}).status_code == 403
    assert c.get(reverse("rating:sheet", args=[sheet_of(world, period, "volkov").pk])).status_code == 404


def test_the_observer_gets_403_everywhere(client, world, period):
    c = as_user(client, world, "observer")

    for url in (reverse("rating:index"), reverse("rating:my"), reverse("rating:period", args=[period.pk]),
                reverse("rating:sheet", args=[sheet_of(world, period, "smirnova").pk])):
        assert c.get(url).status_code == 403, url


def test_the_other_schools_director_does_not_find_the_sheet(client, world, period):
    c = as_user(client, world, "other_director")

    assert c.get(reverse("rating:sheet", args=[sheet_of(world, period, "smirnova").pk])).status_code == 404
    assert c.get(reverse("rating:period", args=[period.pk])).status_code == 404


def test_the_deputy_reviews_confirms_and_the_rating_and_files_follow(client, world, period):
    sheet = sheet_of(world, period, "smirnova")
    workflow.save_self(sheet, {"2.3": (2, ""), "3.6": (1, "")})
    workflow.submit(sheet)
    c = as_user(client, world, "deputy")
    codes = list(sheet.lines.values_list("code", flat=True))
    data = {f"c-points-{code}": line.confirmed_points for code, line in
            ((line.code, line) for line in sheet.lines.all())}
    data |= {"c-points-2.3": "1", "c-comment-2.3": "нет результатов проекта", "action": "confirm"}
    assert len(codes) == 12

    c.post(reverse("rating:sheet", args=[sheet.pk]), data)
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.CONFIRMED
    c.post(reverse("rating:period_change", args=[period.pk]), {"action": "save", "fund": "15000"})

    page = c.get(reverse("rating:rating", args=[period.pk])).content.decode()
    # Смирнова: 2+2+3 + 1+0+1 + 2+1+1+2+1+1 = 17 points; 15 000 / 17 = 882,352… → 882,35 a point.
    assert "882,35 руб." in page and "14\u202f999,95" in page  # 17 × 882,35
    table = c.get(reverse("rating:export", args=[period.pk, "xlsx"]))
    assert unquote(table["Content-Disposition"]).endswith("Рейтинг педагогов 2024-2025.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(table.content))
    assert any(row[1] == "Смирнова Мария" and row[7] == 17 for row in book.active.iter_rows(values_only=True))
    exported = AuditEntry.objects.filter(action=AuditAction.EXPORT, object_type="rating").latest("pk")
    assert (exported.school, exported.details["формат"], exported.details["учебный год"]) == (
        world.school, "xlsx", "2024/2025")
    protocol = c.get(reverse("rating:export", args=[period.pk, "docx"]))
    assert protocol.status_code == 200
    assert unquote(protocol["Content-Disposition"]).endswith("Протокол комиссии по стимулирующим выплатам 2024-2025.docx")
    assert c.get(reverse("rating:export", args=[period.pk, "pdf"])).status_code == 404


def test_the_deputy_returns_a_sheet_and_the_teacher_may_edit_again(client, world, period):
    sheet = sheet_of(world, period, "smirnova")
    workflow.save_self(sheet, {"2.3": (2, ""), "3.6": (1, "")})
    workflow.submit(sheet)

    as_user(client, world, "deputy").post(reverse("rating:sheet", args=[sheet.pk]),
                                          {"action": "return", "return_comment": "Нет ссылки"})
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.RETURNED
    page = as_user(client, world, "smirnova").get(reverse("rating:sheet", args=[sheet.pk])).content.decode()
    assert "Нет ссылки" in page and 'name="points-2.3"' in page


def test_every_view_of_a_sheet_is_audited(client, world, period):
    sheet = sheet_of(world, period, "smirnova")
    as_user(client, world, "mo_head").get(reverse("rating:sheet", args=[sheet.pk]))

    entry = AuditEntry.objects.get(action=AuditAction.VIEW_PERSON, object_type="rating_sheet")
    assert (entry.username, entry.object_id, entry.details["педагог"]) == ("mo-head", str(sheet.pk), "Смирнова Мария")


def test_the_deputy_opens_a_period_from_the_index(client, world):
    response = as_user(client, world, "deputy").post(reverse("rating:index"), {"year": YEAR, "fund": "1000"})

    period = world.school.rating_periods.get()
    assert response.url == reverse("rating:period", args=[period.pk])
    assert period.sheets.count() == 2
    assert as_user(client, world, "smirnova").post(reverse("rating:index"), {"year": YEAR}).status_code == 403


def test_a_negative_fund_is_refused_with_the_field_named(client, world, period):
    response = as_user(client, world, "deputy").post(reverse("rating:period_change", args=[period.pk]),
                                                     {"action": "save", "fund": "-5"}, follow=True)

    assert "Не сохранено: «Фонд стимулирующих выплат, руб.», значение «-5»: " in response.content.decode()
    period.refresh_from_db()
    assert period.fund is None


def test_the_rating_page_asks_a_fixed_number_of_queries(client, world, period, django_assert_max_num_queries):
    for sheet in period.sheets.all():
        workflow.save_self(sheet, {code: (0, "") for code in ("2.3", "3.6", "4.1")
                                   if sheet.lines.filter(code=code).exists()})
        workflow.submit(sheet)
        workflow.confirm(sheet, None)
    c = as_user(client, world, "deputy")
    c.get(reverse("rating:rating", args=[period.pk]))

    with django_assert_max_num_queries(12):
        assert c.get(reverse("rating:rating", args=[period.pk])).status_code == 200


def test_a_refused_submission_saves_nothing(client, world, period):
    sheet = sheet_of(world, period, "smirnova")
    response = as_user(client, world, "smirnova").post(
        reverse("rating:sheet", args=[sheet.pk]), {"action": "submit", "points-2.3": "2", "points-3.6": ""}, follow=True)

    assert "3.6 «Открытые уроки, публикации, методические разработки»: укажите баллы" in response.content.decode()
    sheet.refresh_from_db()
    assert (sheet.status, sheet.lines.get(code="2.3").self_points) == (SheetStatus.DRAFT, None)


def test_a_refused_form_comes_back_with_everything_typed(client, world, period):
    sheet = sheet_of(world, period, "smirnova")
    response = as_user(client, world, "smirnova").post(
        reverse("rating:sheet", args=[sheet.pk]),
        {"action": "submit", "points-2.3": "2", "comment-2.3": "кружок «Юный физик», приказ № 12", "points-3.6": ""})

    assert response.status_code == 200  # the page itself, not a redirect to the saved sheet
    page = response.content.decode()
    assert "Не сохранено:" in page
    assert 'name="points-2.3" min="0" max="3" value="2"' in page
    assert "кружок «Юный физик», приказ № 12</textarea>" in page
    assert sheet.lines.get(code="2.3").self_comment == ""  # and still nothing saved

    client.post(reverse("rating:sheet", args=[sheet.pk]), {"action": "submit", "points-2.3": "2", "points-3.6": "1"})
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.SUBMITTED
    # The commission lowers 2.3 and forgets to say why: refused, and its typed points stay in the field.
    page = as_user(client, world, "deputy").post(
        reverse("rating:sheet", args=[sheet.pk]), {"action": "confirm", "c-points-2.3": "1", "c-comment-2.3": "",
                                                   "return_comment": "черновик замечания"}).content.decode()
    assert "Не сохранено:" in page
    assert 'name="c-points-2.3" min="0" max="3" value="1"' in page
    assert "черновик замечания</textarea>" in page


def test_recomputing_a_closed_rating_is_refused_with_the_reason(client, world, period):
    workflow.set_period_status(period, PeriodStatus.CLOSED)

    response = as_user(client, world, "deputy").post(reverse("rating:period_change", args=[period.pk]),
                                                     {"action": "recompute"}, follow=True)

    assert "Не пересчитано: Рейтинг за 2024/2025 учебный год завершён" in response.content.decode()


def _add_teachers(world, n: int) -> None:
    from vsoko.records.models import StaffMember, StaffYear

    for i in range(n):
        staff = StaffMember.objects.create(school=world.school, staff_id=f"T-extra-{i}", last_name=f"Учитель{i}",
                                           first_name="Анна")
        StaffYear.objects.create(school=world.school, year_id=YEAR, staff=staff)


@pytest.mark.parametrize("who", ["deputy", "mo_head"])
def test_the_sheets_and_rating_pages_ask_as_many_queries_for_five_teachers_as_for_two(client, world, period, who):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    urls = [reverse("rating:period", args=[period.pk]), reverse("rating:index")]
    if who == "deputy":
        urls.append(reverse("rating:rating", args=[period.pk]))
    c = as_user(client, world, who)

    def counted() -> list[int]:
        counts = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert c.get(url).status_code == 200
            counts.append(len(queries))
        return counts

    before = counted()
    _add_teachers(world, 3)
    workflow.refresh_computed(period)
    assert period.sheets.count() == 5

    assert counted() == before


def test_each_button_says_what_it_did_and_the_audit_log_records_it_in_russian(client, world, period):
    sheet = sheet_of(world, period, "smirnova")
    teacher = as_user(client, world, "smirnova")

    saved = teacher.post(reverse("rating:sheet", args=[sheet.pk]), {"action": "save", "points-2.3": "1"}, follow=True)
    unknown = teacher.post(reverse("rating:sheet", args=[sheet.pk]), {"action": "delete"})

    assert "Лист сохранён." in saved.content.decode()
    assert unknown.status_code == 404
    entry = AuditEntry.objects.filter(action=AuditAction.CHANGE, object_type="rating_sheet").get()
    assert entry.details["действие"] == "Лист сохранён."
    closed = as_user(client, world, "deputy").post(reverse("rating:period_change", args=[period.pk]),
                                                   {"action": "close"}, follow=True)
    assert "Рейтинг завершён." in closed.content.decode()


NO_LOAD = "Распределение нагрузки за 2024/2025 учебный год не введено"


def test_without_the_load_the_pages_say_the_measures_are_by_subject(client, world, period):
    deputy_page = as_user(client, world, "deputy").get(reverse("rating:period", args=[period.pk])).content.decode()
    assert NO_LOAD in deputy_page
    assert f"{reverse('teaching:index')}?school={world.school.code}&amp;year={YEAR}" in deputy_page
    teacher_page = as_user(client, world, "smirnova").get(
        reverse("rating:sheet", args=[sheet_of(world, period, "smirnova").pk])).content.decode()
    assert NO_LOAD in teacher_page
    assert reverse("teaching:index") not in teacher_page  # a teacher does not enter the load


def test_with_the_load_entered_the_notice_is_gone(client, world, period):
    TeachingAssignment.objects.create(school=world.school, year_id=YEAR, staff=world.staff["smirnova"],
                                      school_class=world.classes["5А"], subject=world.subjects["math"])
    page = as_user(client, world, "deputy").get(reverse("rating:period", args=[period.pk])).content.decode()
    assert "Распределение нагрузки за" not in page


NOT_IN_LOAD = "Педагога ещё нет в распределении нагрузки за 2024/2025 учебный год"


@pytest.fixture
def partial_load_period(world):
    """The load entered in part before the rating opens: Смирнова's mathematics in 5А, nothing for Волков; a
    psychologist (pedagogical, no subject) is not waiting for a class."""
    psychologist = StaffMember.objects.create(school=world.school, staff_id="P-020", last_name="Орехова",
                                              first_name="Вера")
    StaffYear.objects.create(school=world.school, year_id=YEAR, staff=psychologist, position="педагог-психолог")
    TeachingAssignment.objects.create(school=world.school, year_id=YEAR, staff=world.staff["smirnova"],
                                      school_class=world.classes["5А"], subject=world.subjects["math"])
    return workflow.open_period(world.school, YEAR)


def test_a_sheet_of_a_teacher_not_in_a_partial_load_says_its_figures_are_by_subject(client, world,
                                                                                     partial_load_period):
    volkov = sheet_of(world, partial_load_period, "volkov")

    deputy_page = as_user(client, world, "deputy").get(reverse("rating:sheet", args=[volkov.pk])).content.decode()
    own_page = as_user(client, world, "volkov").get(reverse("rating:sheet", args=[volkov.pk])).content.decode()

    # Physics, every class: Сидорова's year «4» → 100 % → 3 points (not 0 with «no class assigned»).
    assert ("качество 100,0 % (1 из 1 годовых отметок); педагога ещё нет в распределении нагрузки — по всем "
            "классам предмета → 3 балла из 3") in own_page
    for page in (deputy_page, own_page):
        assert NOT_IN_LOAD in page
        assert "посчитаны по всем классам его предметов" in page
        assert NO_LOAD not in page
    assert f"{reverse('teaching:index')}?school={world.school.code}&amp;year={YEAR}" in deputy_page
    assert reverse("teaching:index") not in own_page  # a teacher does not enter the load


def test_a_sheet_of_a_teacher_in_a_partial_load_keeps_own_classes_and_no_notice(client, world, partial_load_period):
    smirnova = sheet_of(world, partial_load_period, "smirnova")

    page = as_user(client, world, "smirnova").get(reverse("rating:sheet", args=[smirnova.pk])).content.decode()

    assert "качество 100,0 % (1 из 1 годовых отметок в классах педагога) → 3 балла из 3" in page  # Иванов «5»
    assert NOT_IN_LOAD not in page and NO_LOAD not in page
    assert "нет в распределении нагрузки" not in page


def test_a_sheet_of_a_worker_without_a_subject_is_not_told_to_wait_for_the_load(client, world, partial_load_period):
    sheet = RatingSheet.objects.get(period=partial_load_period, staff__staff_id="P-020")

    page = as_user(client, world, "deputy").get(reverse("rating:sheet", args=[sheet.pk])).content.decode()

    assert "нет отметок по предметам педагога → 0 баллов из 3" in page
    assert NOT_IN_LOAD not in page and NO_LOAD not in page


def test_the_list_of_sheets_marks_the_teachers_not_in_a_partial_load(client, world, partial_load_period):
    page = as_user(client, world, "deputy").get(reverse("rating:period", args=[partial_load_period.pk])
                                                ).content.decode()

    marker = "(нет в распределении нагрузки: критерии 1.1–2.2 по всем классам предмета)"
    assert page.count(marker) == 1
    volkov_row = page[page.index("Волков"):]
    assert volkov_row[:volkov_row.index("</td>")].endswith(marker + "</span>")
