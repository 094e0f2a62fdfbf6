"""«Черновик формы ОО-1» (vsoko.reports.oo1): counts checked by hand on the personas' world plus a few pupils,
graduates and staff at the boundaries of the form's dates.

The world (tests/accounts/personas.py), school s1, 2024/2025, on 20.09.2024 — all born 01.03.2013, boys:
    5А: Иванов (ОВЗ); 5Б: Петров, Орлов (left to repeat 5 класс in 2023/2024, leaves 20.01.2025); 10А: Сидорова.
Added here (`oo1_world`), 10А unless said:
    Анна   — girl, born 01.01.2010, enrolled 20.09.2024 (the count date: counted), 15 on 01.01.2025;
    Борис  — boy, born 31.12.2009, left 20.09.2024 (that very day: counted), 15;
    Дарья  — girl, born 02.01.2010, disabled, no dates, 14;
    Елена  — girl, born 02.01.2010, left 19.09.2024 (before the count date: not counted);
    Фёдор  — boy, 5А, enrolled 01.10.2024 (after it: not counted).
    → 5 класс: 2 classes, 3 pupils, 0 girls, 1 ОВЗ, 1 repeating; 10 класс: 1 class, 4 pupils, 2 girls, 1 disabled.
    → ages on 01.01.2025: 11 — 4 (3 in 5–9, 1 in 10–11), 12 and 13 — none, 14 — 1 girl, 15 — 2 (1 girl).
Graduates of 2023/2024 (9А, 11А of s1; one of s2 not counted):
    9: girl «окончил» + certificate; boy «окончил» + honours; boy left to repeat → 2 finished, 1 girl, 2 cert., 1 hon.
    11: girl «окончил» + honours; boy «окончил», no certificate → 2 finished, 1 girl, 1 certificate, 1 honours.
Pedagogical staff of s1, 2024/2025 (the accountant is not pedagogical; s2's teacher is another school's):
    Смирнова — учитель, higher pedagogical, first category, experience since 01.09.2021 (exactly 3 years on
               01.09.2024: «от 3 до 5»), born 01.01.2000 (25 on 01.01.2025: «25–29»);
    Волков   — учитель, vocational, first, since 02.09.2021 (2 years: «до 3»), born 02.01.2000 (24: «моложе 25»);
    Громова  — педагог-психолог, higher, highest, since 01.01.1990 (34: «20 и более»), born 01.06.1959 (65: «65 и
               старше»).
"""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.accounts.personas import YEAR, build_world
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.records import enums
from vsoko.records.models import SchoolClass, StaffMember, StaffYear, Student
from vsoko.reports import oo1
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.registry import render

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def oo1_world():
    world = build_world()
    school = world.school

    def pupil(sid, first, sex, born, class_key, **fields):
        student = Student.objects.create(school=school, student_id=sid, last_name="Тестова", first_name=first,
                                         birth_date=born, sex=sex)
        return world.enroll(student, class_key, **fields)

    pupil("A-1", "Анна", enums.Sex.FEMALE, D(2010, 1, 1), "10А", enrolled_on=D(2024, 9, 20))
    pupil("A-2", "Борис", enums.Sex.MALE, D(2009, 12, 31), "10А", left_on=D(2024, 9, 20), outcome=enums.Outcome.LEFT)
    pupil("A-3", "Дарья", enums.Sex.FEMALE, D(2010, 1, 2), "10А", disability=True)
    pupil("A-4", "Елена", enums.Sex.FEMALE, D(2010, 1, 2), "10А", left_on=D(2024, 9, 19), outcome=enums.Outcome.LEFT)
    pupil("A-5", "Фёдор", enums.Sex.MALE, D(2013, 5, 5), "5А", enrolled_on=D(2024, 10, 1))

    previous = YEAR - 1
    world.classes["9А-2023"] = SchoolClass.objects.create(school=school, year_id=previous, name="9А", grade=9, letter="А")
    world.classes["11А-2023"] = SchoolClass.objects.create(school=school, year_id=previous, name="11А", grade=11,
                                                           letter="А")
    world.classes["other-9А-2023"] = SchoolClass.objects.create(school=world.other_school, year_id=previous, name="9А",
                                                                grade=9, letter="А")
    graduated = enums.Outcome.GRADUATED
    for sid, sex, key, outcome, certificate in (
        ("G-1", enums.Sex.FEMALE, "9А-2023", graduated, enums.Certificate.REGULAR),
        ("G-2", enums.Sex.MALE, "9А-2023", graduated, enums.Certificate.HONORS),
        ("G-3", enums.Sex.MALE, "9А-2023", enums.Outcome.REPEATING, enums.Certificate.NONE),
        ("G-4", enums.Sex.FEMALE, "11А-2023", graduated, enums.Certificate.HONORS),
        ("G-5", enums.Sex.MALE, "11А-2023", graduated, enums.Certificate.NONE),
    ):
        pupil(sid, "Выпускник", sex, D(2006, 5, 5), key, outcome=outcome, certificate=certificate)
    kuznetsov = world.students["kuznetsov"]
    world.enroll(kuznetsov, "other-9А-2023", outcome=graduated, certificate=enums.Certificate.HONORS)

    def staff(member, **fields):
        StaffYear.objects.filter(staff=member, year_id=YEAR).update(**fields)

    StaffMember.objects.filter(pk=world.staff["smirnova"].pk).update(birth_date=D(2000, 1, 1))
    StaffMember.objects.filter(pk=world.staff["volkov"].pk).update(birth_date=D(2000, 1, 2))
    staff(world.staff["smirnova"], education=enums.Education.HIGHER_PEDAGOGICAL, experience_since=D(2021, 9, 1))
    staff(world.staff["volkov"], education=enums.Education.VOCATIONAL, experience_since=D(2021, 9, 2))
    staff(world.staff["accountant"], education=enums.Education.HIGHER, experience_since=D(2000, 1, 1))
    psychologist = StaffMember.objects.create(school=school, staff_id="P-009", last_name="Громова",
                                              first_name="Инна", birth_date=D(1959, 6, 1))
    StaffYear.objects.create(school=school, year_id=YEAR, staff=psychologist, position="педагог-психолог",
                             education=enums.Education.HIGHER, category=enums.QualificationCategory.HIGHEST,
                             experience_since=D(1990, 1, 1))
    return world


def test_the_dates_are_the_forms():
    assert oo1.count_date(2024) == D(2024, 9, 20)
    assert oo1.age_date(2024) == D(2025, 1, 1)


def test_pupils_by_grade_on_the_count_date_in_one_query(oo1_world, django_assert_num_queries):
    with django_assert_num_queries(1):
        counts = oo1.by_grade(oo1_world.school, YEAR)
    assert counts == {
        5: {"classes": 2, "pupils": 3, "girls": 0, "ovz": 1, "disabled": 0, "repeaters": 1},
        10: {"classes": 1, "pupils": 4, "girls": 2, "ovz": 0, "disabled": 1, "repeaters": 0},
    }


def test_pupils_by_age_on_1_january_in_one_query(oo1_world, django_assert_num_queries):
    with django_assert_num_queries(1):
        counts = oo1.by_age(oo1_world.school, YEAR)
    assert dict(counts) == {
        11: {(5, False): 3, (10, False): 1},
        14: {(10, True): 1},  # born 02.01.2010: the birthday not yet reached on 01.01.2025
        15: {(10, True): 1, (10, False): 1},  # born 01.01.2010 (reached that day) and 31.12.2009
    }


def test_graduates_of_the_previous_year(oo1_world):
    assert oo1.graduates(oo1_world.school, YEAR) == {
        9: {"finished": 2, "girls": 1, "certified": 2, "honours": 1},
        11: {"finished": 2, "girls": 1, "certified": 1, "honours": 1},
    }


def test_pedagogical_staff_by_experience_and_age_bands(oo1_world):
    school = oo1_world.school
    experience = oo1.staff_bands(school, YEAR, oo1.full_years_on("experience_since", D(YEAR, 9, 1)),
                                 oo1.EXPERIENCE_BANDS)
    assert experience == {0: 1, 1: 1, 5: 1}  # до 3 (Волков), от 3 до 5 (Смирнова: exactly 3), 20 и более
    ages = oo1.staff_bands(school, YEAR, oo1.full_years_on("staff__birth_date", oo1.age_date(YEAR)), oo1.AGE_BANDS)
    assert ages == {0: 1, 1: 1, 9: 1}  # моложе 25 (Волков, 24), 25–29 (Смирнова, 25 on 01.01), 65 и старше
    assert oo1.staff_counts(school, YEAR, "category") == {enums.QualificationCategory.FIRST: 2,
                                                          enums.QualificationCategory.HIGHEST: 1}


def sheets(data: bytes) -> dict[str, list[list]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}


def row(rows: list[list], first: str) -> list:
    return next(r for r in rows if r and r[0] == first)


def test_the_workbook_has_a_sheet_per_section_and_the_counts(oo1_world):
    book = sheets(render(ReportKind.OO1, oo1_world.school, YEAR, Format.XLSX))

    assert list(book) == ["Как пользоваться", "По классам", "По возрасту и полу", "Выпускники", "Педагоги"]
    assert book["Как пользоваться"][0][0] == "Черновик формы ОО-1 (по данным vsoko)"
    assert any("федеральной системе" in str(r[0]) for r in book["Как пользоваться"])
    grades = book["По классам"]
    assert row(grades, "5 класс")[1:] == [2, 3, 0, 1, 0, 1]
    assert row(grades, "Итого 10–11 классы")[1:] == [1, 4, 2, 0, 1, 0]
    assert row(grades, "Всего 1–11 классы")[1:] == [3, 7, 2, 1, 1, 1]
    ages = book["По возрасту и полу"]
    assert row(ages, "11")[1:] == [4, 0, 0, 0, 3, 0, 1, 0]
    assert row(ages, "12")[1:] == [0] * 8
    assert row(ages, "15")[1:] == [2, 1, 0, 0, 0, 0, 2, 1]
    assert row(ages, "Всего")[1:3] == [7, 2]
    graduates = book["Выпускники"]
    assert row(graduates, "9 класс (основное общее образование)")[1:] == [2, 1, 2, 1]
    assert row(graduates, "11 класс (среднее общее образование)")[1:] == [2, 1, 1, 1]
    staff = book["Педагоги"]
    assert row(staff, "учитель")[1] == 2 and row(staff, "педагог-психолог")[1] == 1
    assert row(staff, "высшее")[1] == 2 and row(staff, "среднее профессиональное")[1] == 1
    assert row(staff, "от 3 до 5 лет")[1] == 1 and row(staff, "65 лет и старше")[1] == 1
    assert row(staff, "Всего педагогических работников")[1] == 3


def test_the_workbook_names_nobody(oo1_world):
    text = " ".join(str(c) for rows in sheets(render(ReportKind.OO1, oo1_world.school, YEAR, Format.XLSX)).values()
                    for r in rows for c in r if c is not None)
    for name in ("Иванов", "Тестова", "Смирнова", "Громова", "Анна"):
        assert name not in text


def client_of(client, world, role):
    client.force_login(world.users[role])
    return client


def test_the_deputy_downloads_the_schools_draft_and_it_is_audited(client, oo1_world):
    response = client_of(client, oo1_world, "deputy").get(reverse("reports:oo1_xlsx"), {"year": YEAR})

    assert response.status_code == 200
    assert "s1.xlsx" in response["Content-Disposition"]
    assert row(sheets(response.content)["По классам"], "Всего 1–11 классы")[2] == 7
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT, object_type="report", object_id="oo1")
    assert entry.user == oo1_world.users["deputy"] and entry.school == oo1_world.school


def test_the_observer_chooses_a_school_of_its_municipality(client, oo1_world):
    observer = client_of(client, oo1_world, "observer")
    page = observer.get(reverse("reports:oo1"), {"school": "s2", "year": YEAR})
    assert page.status_code == 200
    assert "МБОУ «Школа №1»" in page.content.decode() and "?school=s2&amp;year=2024" in page.content.decode()

    response = observer.get(reverse("reports:oo1_xlsx"), {"school": "s2", "year": YEAR})

    assert response.status_code == 200
    assert row(sheets(response.content)["По классам"], "Всего 1–11 классы")[2] == 1  # s2: Кузнецов alone
    assert AuditEntry.objects.get(object_id="oo1").school == oo1_world.other_school


@pytest.mark.parametrize("role", ["teacher", "class_teacher", "mo_head"])
def test_the_other_roles_are_refused(client, oo1_world, role):
    logged_in = client_of(client, oo1_world, role)
    assert logged_in.get(reverse("reports:oo1")).status_code == 403
    assert logged_in.get(reverse("reports:oo1_xlsx")).status_code == 403
    assert not AuditEntry.objects.filter(object_id="oo1").exists()


def test_a_director_cannot_take_another_schools_draft(client, oo1_world):
    response = client_of(client, oo1_world, "director").get(reverse("reports:oo1_xlsx"), {"school": "s2", "year": YEAR})
    assert "s1.xlsx" in response["Content-Disposition"]
    assert AuditEntry.objects.get(object_id="oo1").school == oo1_world.school


def test_the_command_line_writes_it(oo1_world, tmp_path):
    out = tmp_path / "oo1.xlsx"

    call_command("report", "oo1", "--year", "2024/2025", "--school", "s1", "--out", str(out))

    assert row(sheets(out.read_bytes())["Выпускники"], "11 класс (среднее общее образование)")[1:] == [2, 1, 1, 1]
    assert AuditEntry.objects.get(object_id="oo1").details["откуда"] == "команда vsoko report"


def test_a_year_without_records_says_so_instead_of_bare_zeros(oo1_world):
    book = sheets(render(ReportKind.OO1, oo1_world.other_school, YEAR + 1, Format.XLSX))

    assert any("нет ни одного обучающегося" in str(r[0]) for r in book["По классам"])
    assert any("нет 9 и 11 классов 2024/2025" in str(r[0]) for r in book["Выпускники"])
    assert any("нет педагогических работников 2025/2026" in str(r[0]) for r in book["Педагоги"])
    assert not any("нет ни одного обучающегося" in str(r[0])
                   for r in sheets(render(ReportKind.OO1, oo1_world.school, YEAR, Format.XLSX))["По классам"])


def test_the_observer_finds_the_draft_on_the_data_collection_page(client, oo1_world):
    page = client_of(client, oo1_world, "observer").get(reverse("comparison:collection"), {"year": YEAR})
    assert f'{reverse("reports:oo1")}?year={YEAR}' in page.content.decode()


def test_the_reports_page_row_tells_the_deputy_what_the_draft_is_for(client, oo1_world):
    page = client_of(client, oo1_world, "deputy").get(reverse("reports:index"), {"year": YEAR}).content.decode()

    assert "перенести их в форму в федеральной системе" in page
    assert "/reports/oo1/" not in page and "Наблюдатель муниципалитета" not in page  # not the deputy's way to it
