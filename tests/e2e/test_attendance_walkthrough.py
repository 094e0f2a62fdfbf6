"""«Посещаемость» in a browser: the deputy goes from «Данные» to the attendance page, uploads one class's sheet
(5Б, I четверть) and sees its row per pupil; the class teacher of 5А, on a touch phone, sees his class only — as a
card of figures, the page never scrolling sideways."""

import pytest
from playwright.sync_api import expect

from tests.accounts.personas import YEAR
from tests.attendance.conftest import workbook
from tests.e2e.browser import PHONE
from vsoko.attendance.models import AttendanceRecord, PeriodKind

pytestmark = pytest.mark.e2e

Q1 = "Итоги посещаемости класса за период: 5Б класс, за I четверть 2024/2025 учебного года"


def test_the_deputy_uploads_a_class_and_the_class_teacher_sees_his_class_only(logged_in_page, new_page, world,
                                                                              tmp_path):
    # 5А is loaded already: Иванов 40 lessons (28 by illness, 12 unexcused), 4 days by illness.
    AttendanceRecord.objects.create(school=world.school, year_id=YEAR, student=world.students["ivanov"],
                                    school_class=world.classes["5А"], period_kind=PeriodKind.QUARTER, period_number=1,
                                    lessons_missed=40, lessons_ill=28, lessons_unexcused=12, days_missed=4, days_ill=4)
    # [ФИО, lessons: total, ill, excused, unexcused; days: total, ill]
    sheet = workbook(tmp_path / "5Б за I четверть.xlsx", {"5Б": (Q1, [["Петров Борис", 13, 10, 0, 3, 3, 2],
                                                                    ["Орлов Денис", 8, 8, 0, 0, 2, 2]])})
    page = logged_in_page("deputy")

    page.goto("/data/")
    page.get_by_role("link", name="«Посещаемость»", exact=True).click()
    page.get_by_label("Файл Excel (.xlsx, .xls), .ods или .csv").set_input_files(str(sheet))
    page.get_by_role("button", name="Загрузить").click()

    expect(page.get_by_role("status").or_(page.locator(".messages"))).to_contain_text(
        "Файл «5Б за I четверть.xlsx» загружен: обучающихся 2; 5Б (I четверть).")
    expect(page.get_by_role("heading", level=1)).to_have_text("Посещаемость: I четверть, 2024/2025 учебный год")
    table = page.get_by_role("region", name="Пропуски за I четверть в расчёте на одного обучающегося")
    # 5Б, per pupil: 21 lessons / 2 = 10,5; by illness 18 / 2 = 9,0; unexcused 3 / 2 = 1,5; days by illness 4 / 2 = 2,0.
    row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="5Б"))
    expect(row.get_by_role("cell")).to_have_text(["2", "10,5", "9,0", "1,5", "2,0"], use_inner_text=True)
    # The school: 3 pupils, 61 lessons / 3 = 20,3; unexcused 15 / 3 = 5,0.
    school = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Школа"))
    expect(school).to_contain_text("20,3")
    expect(school).to_contain_text("5,0")

    phone = new_page(PHONE, touch=True)
    phone.goto("/login/")
    phone.get_by_label("Логин").fill("class-teacher")
    phone.get_by_label("Пароль").fill("class-teacher")
    phone.get_by_role("button", name="Войти").click()
    phone.goto("/attendance/")

    mine = phone.get_by_role("region", name="Пропуски за I четверть в расчёте на одного обучающегося")
    expect(mine.get_by_role("rowheader")).to_have_text(["5А"])
    expect(mine.get_by_role("cell", name="Уроков пропущено 40,0", exact=True)).to_be_visible()  # a labelled card
    expect(phone.get_by_text("Петров Борис")).to_have_count(0)
    expect(phone.get_by_text("Иванов Алексей")).to_be_visible()
    expect(phone.get_by_role("link", name="Загрузить посещаемость")).to_have_count(0)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
