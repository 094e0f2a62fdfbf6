import io
import re

import docx
import pytest
from django.urls import reverse

from tests.accounts.personas import make_user
from tests.progress.school import YEAR, build_school
from vsoko.accounts.enums import Role
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.records.models import Enrollment, PeriodMark, SchoolClass, Student

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_school()


def login(client, user):
    client.force_login(user)
    return client


def page(client, **params):
    return client.get(reverse("progress:index"), {"year": YEAR, **params})


def test_deputy_sees_the_school_with_the_change_and_the_named_lists(client, world):
    deputy = make_user("zam", role=Role.DEPUTY, org_unit=world.school)
    response = page(login(client, deputy), period="q2")
    assert response.status_code == 200
    text = response.content.decode()
    assert "2 четверть" in text and "Итого по школе" in text
    assert "66,7\u00a0%" in text  # качество 4 of 6
    assert "рост на 23,8 п. п." in text  # 66,7 − 42,9 against the 1st quarter
    assert "Власова" not in text  # a хорошист in the 2nd quarter: in no list
    row = re.search(r'7А</a></th>(.*?)</tr>', text, re.S).group(1)
    cells = [c.strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert cells[:2] + cells[6:12] == ["7", "6", "1", "3", "1", "0", "2", "1"]  # по списку, аттестовано; отличники … н/а
    assert cells[2:4] == ["66,7\u00a0%", "66,7\u00a0%"]  # успеваемость, качество
    assert "Григорьев" in text and "Данилова" in text and "математика (н/а)" in text
    entry = AuditEntry.objects.get(action=AuditAction.VIEW_LIST, object_type="period_results")
    assert entry.details == {"students": 3}  # Борисов (одна 4), Григорьев, Данилова


def test_the_default_period_is_the_latest_with_marks_and_the_first_compares_with_last_year(client, world):
    deputy = make_user("zam", role=Role.DEPUTY, org_unit=world.school)
    assert "2 четверть" in page(login(client, deputy)).content.decode()
    text = page(client, period="q1").content.decode()
    # 1st quarter a year ago: 2 pupils, one on 5 → качество 50 %; now 42,9 %.
    assert "1 четверть 2023/2024" in text and "снижение на 7,1 п. п." in text


def test_observer_gets_aggregates_without_names(client, world, settings):
    settings.VSOKO_MIN_GROUP_SIZE = 3
    observer = make_user("obs", role=Role.OBSERVER, org_unit=world.school.parent)
    text = page(login(client, observer), period="q1").content.decode()
    assert "Итого по школе" in text and "Списки обучающихся" not in text
    assert "Григорьев" not in text and "Аверина" not in text
    assert "скрыто" in text  # one отличник: a group smaller than 3
    assert not AuditEntry.objects.filter(action=AuditAction.VIEW_LIST).exists()


def test_class_teacher_sees_their_class_only(client, world):
    other = SchoolClass.objects.create(school=world.school, year_id=YEAR, name="7Б", grade=7, letter="Б")
    teacher = make_user("kl", role=Role.CLASS_TEACHER, org_unit=world.school, class_name="7Б")
    text = page(login(client, teacher), period="q1").content.decode()
    assert "Ваших классов здесь нет" in text and "Григорьев" not in text
    assert client.get(reverse("progress:class", args=[world.cls.pk])).status_code == 404
    assert client.get(reverse("progress:class", args=[other.pk])).status_code == 200
    own = make_user("kl7a", role=Role.CLASS_TEACHER, org_unit=world.school, class_name="7А")
    text = page(login(client, own), period="q2").content.decode()
    assert "Итого по вашим классам" in text and "Григорьев" in text
    assert "только по школе в целом" in text  # no comparison with last year's other pupils


def test_class_page_shows_the_subjects_of_the_class(client, world):
    deputy = make_user("zam", role=Role.DEPUTY, org_unit=world.school)
    response = login(client, deputy).get(reverse("progress:class", args=[world.cls.pk]), {"period": "q1"})
    text = response.content.decode()
    assert response.status_code == 200 and "Класс 7А" in text
    assert "Физика" in text and "83,3\u00a0%" in text  # physics: 5 of 6 marks on 4 and 5


def test_the_word_справка_opens_and_holds_the_figures(client, world):
    deputy = make_user("zam", role=Role.DEPUTY, org_unit=world.school)
    response = page(login(client, deputy), period="q2", format="docx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = docx.Document(io.BytesIO(response.content))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert "Справка об итогах: 2 четверть, 2024/2025 учебный год" in paragraphs
    # no-break spaces before «%» and inside «п. п.», as on the page
    assert "Качество знаний по школе — 66,7\u00a0% (1 четверть — 42,9\u00a0%, +23,8\u00a0п.\u00a0п.)." in paragraphs
    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert ["7А", "7", "6", "66,7", "66,7", "68,9", "4,19", "1", "3", "1", "0", "2", "1"] in cells
    assert any("Григорьев Имя" in row for row in cells)
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, object_type="period_results").exists()



def add_class_8a_with_marks(world) -> None:
    """Another class, 8А, of five pupils with II quarter marks in every subject (one of them failing): the query
    count of a page must not grow with it."""
    bigger = SchoolClass.objects.create(school=world.school, year_id=YEAR, name="8А", grade=8, letter="А")
    for i in range(5):
        pupil = Student.objects.create(school=world.school, student_id=f"B-{i}", last_name=f"Новиков{i}")
        Enrollment.objects.create(school=world.school, year_id=YEAR, student=pupil, school_class=bigger)
        for subject in world.subjects:
            PeriodMark.objects.create(school=world.school, year_id=YEAR, period="q2", student=pupil,
                                      subject=subject, mark="3" if i else "2")

def test_the_page_asks_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    deputy = make_user("zam", role=Role.DEPUTY, org_unit=world.school)
    login(client, deputy)
    with django_assert_max_num_queries(13):
        page(client, period="q2")
    # Another class with its pupils and marks: not one query more.
    add_class_8a_with_marks(world)
    with django_assert_max_num_queries(13):
        assert "8А" in page(client, period="q2").content.decode()


def own_subject_rows(text: str) -> list[list[str]]:
    section = re.search(r'<section aria-labelledby="own-subjects">(.*?)</section>', text, re.S)
    if section is None:
        return []
    rows = re.findall(r"<tr>(.*?)</tr>", section.group(1).split("<tbody>")[1], re.S)
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in rows]


def test_a_subject_teacher_sees_their_subject_by_class_first(client, world):
    """The class table counts every subject of the class; a teacher of математика needs its own figures.
    7А, 2 четверть, математика: 5, 4, 4, 2, н/а, 4 → успевают 4 из 6 = 66,7 %, качество 4 из 6 = 66,7 %,
    СОУ (100 + 3 × 64 + 16 + 7) / 6 = 52,5 %, средний балл (5 + 4 × 3 + 2) / 5 = 3,80 (two places, as every mean)."""
    teacher = make_user("math", role=Role.TEACHER, org_unit=world.school, subject=world.subjects[0])
    text = page(login(client, teacher), period="q2").content.decode()
    assert "Ваши предметы по классам" in text
    rows = own_subject_rows(text)
    assert [row[:2] for row in rows] == [["7А", "Математика"]]  # not русский язык, not физика
    assert rows[0][-4:] == ["66,7\u00a0%", "66,7\u00a0%", "52,5\u00a0%", "3,80"]
    document = docx.Document(io.BytesIO(page(client, period="q2", format="docx").content))
    assert "Ваши предметы по классам" in [p.text for p in document.paragraphs]
    first = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert first[1][:2] == ["7А", "Математика"] and first[1][-4:] == ["66,7", "66,7", "52,5", "3,80"]


def test_the_administration_and_a_class_teacher_get_no_subject_section(client, world):
    deputy = make_user("zam", role=Role.DEPUTY, org_unit=world.school)
    assert "Ваши предметы по классам" not in page(login(client, deputy), period="q2").content.decode()
    own = make_user("kl7a", role=Role.CLASS_TEACHER, org_unit=world.school, class_name="7А")
    assert "Ваши предметы по классам" not in page(login(client, own), period="q2").content.decode()


def test_a_class_teachers_справка_does_not_repeat_the_subject_table(client, world):
    """One class: «По предметам» is the class's table already; «Класс 7А» with the same rows was a copy."""
    own = make_user("kl7a", role=Role.CLASS_TEACHER, org_unit=world.school, class_name="7А")
    document = docx.Document(io.BytesIO(page(login(client, own), period="q2", format="docx").content))
    paragraphs = [p.text for p in document.paragraphs]
    assert "По предметам" in paragraphs and "Класс 7А" not in paragraphs
    subject_tables = [t for t in document.tables if t.rows[0].cells[0].text == "Предмет"]
    assert len(subject_tables) == 1


def test_the_class_page_names_the_pupils_of_the_class_lists(client, world):
    """For a parent meeting: who is on one «3», who fails — on the class's own page, not only the school's."""
    own = make_user("kl7a", role=Role.CLASS_TEACHER, org_unit=world.school, class_name="7А")
    response = login(client, own).get(reverse("progress:class", args=[world.cls.pk]), {"period": "q1"})
    text = response.content.decode()
    assert "Списки обучающихся" in text
    assert "Власова Имя: математика (3)" in text  # с одной «3»
    assert "Григорьев Имя: математика (2)" in text and "Данилова Имя: математика (н/а)" in text
    assert AuditEntry.objects.filter(action=AuditAction.VIEW_LIST, object_type="period_results").exists()


def test_an_abbreviated_subject_keeps_its_capitals_in_the_lists(client, world):
    """«ОДНКНР (н/а)», not «однкнр (н/а)»; «Математика» still reads «математика» inside the sentence."""
    from vsoko.records.models import Subject
    odnknr = Subject.objects.create(name="ОДНКНР")
    PeriodMark.objects.create(school=world.school, year_id=YEAR, period="q2", student=world.students["Власова"],
                              subject=odnknr, mark="na")
    deputy = make_user("zam", role=Role.DEPUTY, org_unit=world.school)
    text = page(login(client, deputy), period="q2").content.decode()
    assert "ОДНКНР (н/а)" in text and "однкнр" not in text
    assert "математика (н/а)" in text


def test_the_year_справка_is_titled_and_named_as_the_years(client, world):
    PeriodMark.objects.create(school=world.school, year_id=YEAR, period="year", student=world.students["Аверина"],
                              subject=world.subjects[0], mark="5")
    deputy = make_user("zam", role=Role.DEPUTY, org_unit=world.school)
    response = page(login(client, deputy), period="year", format="docx")
    assert "filename*=UTF-8''" + "%D0%98%D1%82%D0%BE%D0%B3%D0%B8%20%D0%B3%D0%BE%D0%B4%D0%B0" in response[
        "Content-Disposition"]  # «Итоги года 2024-2025.docx», not «Итоги год 2024-2025.docx»
    paragraphs = [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs]
    assert "Справка об итогах 2024/2025 учебного года" in paragraphs  # not «Справка об итогах: год, …»


def _xlsx_rows(response) -> list[tuple]:
    import openpyxl

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [row for row in sheet.iter_rows(values_only=True)]


def test_the_excel_download_is_the_pages_tables_with_numbers(client, world):
    deputy = make_user("zam", role=Role.DEPUTY, org_unit=world.school)
    response = page(login(client, deputy), period="q2", format="xlsx")
    rows = _xlsx_rows(response)
    assert rows[0][0] == "Справка об итогах: 2 четверть, 2024/2025 учебный год" and rows[1][0] == "Школа"
    # 7А in the 2nd quarter, by hand (see school.py): 7 по списку (Жукова without marks), 6 аттестованы;
    # успеваемость 4/6 (Григорьев «2», Данилова н/а fail), качество 4/6; отличники 1, хорошисты 3 …
    seven = next(r for r in rows if r[0] == "7А")
    assert seven[:3] == ("7А", 7, 6)
    assert seven[3] == pytest.approx(66.7, abs=0.05) and seven[4] == pytest.approx(66.7, abs=0.05)
    assert seven[7:13] == (1, 3, 1, 0, 2, 1)
    assert any(r[1] == "Григорьев Имя" for r in rows)  # the named lists, as on the page
    assert "filename*=utf-8''" in response["Content-Disposition"].lower()
    assert "Григорьев" not in response["Content-Disposition"]
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT, object_type="period_results")
    assert entry.details["формат"] == "xlsx"


def test_a_class_teachers_excel_holds_their_class_only(client, world):
    other = SchoolClass.objects.create(school=world.school, year_id=YEAR, name="7Б", grade=7, letter="Б")
    pupil = Student.objects.create(school=world.school, student_id="B-1", last_name="Бэшкин", first_name="Имя")
    Enrollment.objects.create(school=world.school, year_id=YEAR, student=pupil, school_class=other)
    PeriodMark.objects.create(school=world.school, year_id=YEAR, period="q2", student=pupil,
                              subject=world.subjects[0], mark="2")
    deputy = make_user("zam", role=Role.DEPUTY, org_unit=world.school)
    assert any(r[0] == "7Б" for r in _xlsx_rows(page(login(client, deputy), period="q2", format="xlsx")))
    own = make_user("kl7a", role=Role.CLASS_TEACHER, org_unit=world.school, class_name="7А")
    rows = _xlsx_rows(page(login(client, own), period="q2", format="xlsx"))
    assert any(r[0] == "7А" for r in rows)
    assert not any(r[0] == "7Б" for r in rows) and not any("Бэшкин" in str(c) for r in rows for c in r)
    assert "Итого по вашим классам" in {r[0] for r in rows}


def _cells(text: str, row: str) -> list[str]:
    found = re.search(rf">{row}(?:</a>)?</th>(.*?)</tr>", text, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", found, re.S)]


def test_the_observer_cannot_work_out_a_small_group_from_the_figures_beside_it(client, world, settings):
    """1st quarter, 7А: 8 по списку, 7 аттестовано; 1 отличник, 2 хорошиста (1 с одной «4»), 1 с одной «3», 2
    неуспевающих (1 н/а); качество 3 из 7 = 42,9 %, успеваемость 5 из 7 = 71,4 %. With groups under 2 hidden the
    отличник (1) is withheld, and качество with the хорошисты shown would give it back (3 − 2): качество is withheld
    too. 7А is the school's only counted class, so the total withholds the same cells; the summary says «скрыто»
    where the table does."""
    settings.VSOKO_MIN_GROUP_SIZE = 2
    observer = make_user("obs", role=Role.OBSERVER, org_unit=world.school.parent)
    text = page(login(client, observer), period="q1", school=world.school.code).content.decode()

    row = _cells(text, "7А")
    assert row[:4] == ["8", "7", "71,4\u00a0%", "скрыто"]
    assert row[6:12] == ["скрыто", "2", "скрыто", "скрыто", "2", "скрыто"]
    assert _cells(text, "<strong>Итого по школе</strong>")[:12] == row[:12]
    assert "Качество знаний по школе" not in text
    assert ("отличников — скрыто, хорошистов — 2 (из них с одной «4» — скрыто), с одной «3» — скрыто, "
            "неуспевающих — 2 (из них не аттестованы — скрыто)") in text


def test_the_observer_gets_no_subject_mark_count_of_a_small_group(client, world, settings):
    """1st quarter, физика: «5» 3 (Аверина, Борисов, Власова), «4» 2 (Григорьев, Данилова), «3» 1 (Зайцев), «осв» 1
    (Егоров). With groups under 2 hidden, the one «3» and the one «осв» are withheld, and успеваемость, качество, СОУ
    and the mean, which would give them back; the deputy sees every figure."""
    settings.VSOKO_MIN_GROUP_SIZE = 2
    observer = make_user("obs", role=Role.OBSERVER, org_unit=world.school.parent)
    text = page(login(client, observer), period="q1", school=world.school.code).content.decode()

    # Columns: «5» «4» «3» «2» «н/а» «осв», then успеваемость, качество, СОУ, средний балл.
    assert _cells(text, "Физика") == ["3", "2", "скрыто", "0", "0", "скрыто"] + ["скрыто"] * 4
    deputy = make_user("zam", role=Role.DEPUTY, org_unit=world.school)
    shown = _cells(page(login(client, deputy), period="q1", school=world.school.code).content.decode(), "Физика")
    assert shown[:6] == ["3", "2", "1", "0", "0", "1"]


def test_the_class_page_in_excel_is_the_class_and_its_subjects(client, world):
    teacher = make_user("kl7a", role=Role.CLASS_TEACHER, org_unit=world.school, class_name="7А")
    url = reverse("progress:class", args=[world.cls.pk])
    assert "Скачать в Excel" in login(client, teacher).get(url, {"period": "q1"}).content.decode()
    response = client.get(url, {"period": "q1", "format": "xlsx"})
    rows = _xlsx_rows(response)
    assert rows[0][0] == "Итоги класса 7А: 1 четверть, 2024/2025 учебный год" and rows[1][0] == "Школа"
    # 1st quarter of 7А (school.py): качество 3 of 7 attested (Аверина, Борисов, Егоров) = 42,9 %, as the school's.
    seven = next(r for r in rows if r[0] == "7А")
    assert all(isinstance(c, int) for c in seven[1:3]) and seven[4] == pytest.approx(42.9, abs=0.05)
    # Physics: 5 5 5 4 4 3 (Егоров «осв» left out): all 6 succeed, 5 of 6 on «4» and «5» — 100 % and 83,3 %.
    physics = next(r for r in rows if r[0] == "Физика")
    header = next(r for r in rows if r[0] == "Предмет")
    assert physics[header.index("Успеваемость, %")] == 100
    assert physics[header.index("Качество, %")] == pytest.approx(83.3, abs=0.05)
    assert any(r[1] == "Григорьев Имя" for r in rows)  # the class's named lists, as on the page
    assert not any(r[0] == "Итого по вашим классам" for r in rows)  # the class page has no total
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT, object_type="period_results_class")
    assert entry.object_id == str(world.cls.pk)


def test_another_class_teacher_gets_no_excel_of_the_class(client, world):
    SchoolClass.objects.create(school=world.school, year_id=YEAR, name="7Б", grade=7, letter="Б")
    other = make_user("kl7b", role=Role.CLASS_TEACHER, org_unit=world.school, class_name="7Б")
    response = login(client, other).get(reverse("progress:class", args=[world.cls.pk]), {"format": "xlsx"})
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_each_subject_compares_its_quality_with_the_same_period_a_year_before(client, world):
    """1 четверть 2024/2025 against 1 четверть 2023/2024 (school.py), by hand: математика 5 4 3 2 н/а 4 3 → «4» and
    «5» 3 of 7 = 42,9 % against 5 and 3 = 1 of 2 = 50,0 %: −7,1; русский язык 5 5 4 3 4 4 3 → 5 of 7 = 71,4 %
    against 50,0 %: +21,4; физика had no marks a year before. On the page, in the Word справка and in Excel."""
    deputy = make_user("zam", role=Role.DEPUTY, org_unit=world.school)
    text = page(login(client, deputy), period="q1").content.decode()

    table = text.split('id="subjects"')[1]
    # one column, as the class table's change to the previous period; the value a year before in its title
    assert "Качество к периоду «1 четверть 2023/2024»" in table
    math = [c.strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", re.search(r"Математика</th>(.*?)</tr>", table,
                                                                             re.S).group(1), re.S)]
    assert math[-1] == '<span aria-hidden="true">▼</span> −7,1 п. п.'
    assert 'title="было 50,0\u00a0%"' in re.search(r"Математика</th>(.*?)</tr>", table, re.S).group(1)
    russian = re.search(r"Русский язык</th>(.*?)</tr>", table, re.S).group(1)
    assert "+21,4 п. п." in russian
    physics = re.search(r"Физика</th>(.*?)</tr>", table, re.S).group(1)
    assert re.findall(r"<td[^>]*>(.*?)</td>", physics)[-1] == "—"

    document = docx.Document(io.BytesIO(page(client, period="q1", format="docx").content))
    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    header = next(row for row in cells if row[0] == "Предмет")
    assert header[-2:] == ["Качество, 1 четверть 2023/2024", "Изменение"]
    assert next(row for row in cells if row[0] == "Математика")[-2:] == ["50,0 %", "▼ −7,1\u00a0п.\u00a0п."]
    rows = _xlsx_rows(page(client, period="q1", format="xlsx"))
    assert next(r for r in rows if r[0] == "Русский язык")[-1] == "▲ +21,4 п. п."


def test_the_subject_comparison_is_the_schools_only(client, world):
    """A class page and the observer's page have no year-before column: a class a year ago was other pupils, and
    the observer's small groups are withheld cell by cell."""
    deputy = make_user("zam", role=Role.DEPUTY, org_unit=world.school)
    login(client, deputy)
    class_page = client.get(reverse("progress:class", args=[world.cls.pk]), {"year": YEAR, "period": "q1"})
    assert "2023/2024" not in class_page.content.decode().split('id="subjects"')[1]
    observer = make_user("obs", role=Role.OBSERVER, org_unit=world.school.parent)
    assert "к периоду «1 четверть 2023/2024»" not in page(login(client, observer), period="q1").content.decode()


def test_the_observer_s_page_asks_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    """The withheld cells are worked out in Python on the figures read (vsoko.progress.withheld): no query of
    their own, and none more for another class."""
    observer = make_user("obs", role=Role.OBSERVER, org_unit=world.school.parent)
    login(client, observer)
    with django_assert_max_num_queries(11):
        page(client, period="q2", school=world.school.code)
    add_class_8a_with_marks(world)
    with django_assert_max_num_queries(11):
        assert "8А" in page(client, period="q2", school=world.school.code).content.decode()
