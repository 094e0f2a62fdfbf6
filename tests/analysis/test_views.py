"""The pages of «Оценочные процедуры»: what each persona gets, what is on the page, how many queries."""

from __future__ import annotations

import lxml.html
import pytest
from django.urls import reverse

from tests.accounts.personas import YEAR, make_user
from tests.analysis.pages import containing, links, rows, section, section_node, text
from tests.web.pages import parse
from vsoko.accounts.enums import Role
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.records.models import Assessment, Enrollment, SchoolClass, SchoolYear, Student

pytestmark = pytest.mark.django_db

STUDENTS_5A = ["Абрамов", "Быкова", "Воронин"]
STUDENTS_5B = ["Гусева", "Дроздов", "Ершова"]


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


# --- access --------------------------------------------------------------------------------------

def test_anonymous_is_sent_to_log_in(client, aw):
    for url in ("/assessments/", f"/assessments/{aw.vpr.pk}/", "/assessments/grades/5/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")


def test_assessments_root_is_the_analysis_index_and_import_still_works(client, aw):
    response = get(client, aw.users["director"], "/assessments/")

    assert response.templates[0].name == "analysis/index.html"
    assert ("Загрузка протоколов", "/assessments/import/") in links(parse(response))
    assert ".md" not in text(response)  # no developer references in what a deputy reads
    assert client.get("/assessments/import/").status_code == 200
    assert client.get("/assessments/scales/").status_code == 200


def test_the_link_to_protocols_is_only_for_who_may_load_them(client, aw):
    response = get(client, aw.users["teacher"], "/assessments/")

    assert response.status_code == 200
    assert "Загрузка протоколов" not in [name for name, _ in links(parse(response))]


def test_another_schools_director_does_not_open_our_procedures(client, aw):
    other = aw.users["other_director"]

    assert get(client, other, f"/assessments/{aw.vpr.pk}/").status_code == 404
    klass = SchoolClass.objects.get(school=aw.school, year_id=YEAR, name="5А")
    assert get(client, other, f"/assessments/classes/{klass.pk}/").status_code == 404
    assert "Русский язык" not in text(get(client, other, "/assessments/"))


# --- the index -----------------------------------------------------------------------------------

def test_index_groups_procedures_by_kind_with_their_figures(client, aw):
    response = get(client, aw.users["director"], "/assessments/")
    table = {}
    for kind in ("vpr", "oge", "ege"):
        table.update({r[0]: r[1:] for r in rows(section_node(response, f"kind-{kind}").find_all("table")[0])})

    assert [h.text for h in parse(response).find_all("h2")][:4] == ["Флаги риска", "ВПР", "ОГЭ", "ЕГЭ"]
    # date, participants, absent, mean mark, «2», quality, flags
    assert table["русский язык, 5 класс"][1:6] == ["6", "1", "3,33", "33,3 %", "50,0 %"]
    assert "Отметки по журналу выше результатов работы (высокий)" in table["русский язык, 5 класс"][6]
    assert table["русский язык, 5 класс пересдача"][1] == "1 (пересдача)"
    assert table["математика, 9 класс"][1:6] == ["6", "0", "3,67", "16,7 %", "66,7 %"]
    # ЕГЭ: mean test score, share below the minimum
    assert table["Русский язык, 11 класс"][1:5] == ["4", "0", "66,5", "25,0 %"]


def ege_base_mathematics(aw):
    """ЕГЭ математика (база): marks 5, 4, 4 and no test score — it gives only a mark."""
    from tests.analysis.world import procedure, pupil, result
    from vsoko.datavalues.compute import recompute
    from vsoko.records.enums import AssessmentKind

    base = procedure(aw.world, "EGE-11-MB", AssessmentKind.EGE, "Математика (база)", 11, max_score=21)
    for key, mark in (("b1", 5), ("b2", 4), ("b3", 4)):
        result(base, pupil(aw.world, key, "11А", f"Выпускник {key}"), primary=mark * 4, mark=mark)
    recompute(aw.school, [YEAR])


def test_ege_base_mathematics_shows_its_mean_mark_as_a_mark(client, aw):
    ege_base_mathematics(aw)
    response = get(client, aw.users["director"], "/assessments/")
    table = {r[0]: r[1:] for r in rows(section_node(response, "kind-ege").find_all("table")[0])}

    # (5 + 4 + 4) / 3 = 4,33: a mean mark, two places, said to be one under «Средний тестовый балл»;
    # the русский язык beside it stays a test score.
    assert table["Математика (база), 11 класс"][3] == "4,33 (отметка)"
    assert table["Русский язык, 11 класс"][3] == "66,5"


def test_index_lists_risk_flags_with_reasons(client, aw):
    response = get(client, aw.users["deputy"], "/assessments/")

    risk = section(response, "risk")
    assert "Высокая доля «2» на ВПР" in risk
    assert "«2» у 2 из 6 (33,3 %; порог — больше 25,0 %)." in risk
    assert "Результаты ОГЭ ниже минимального порога" in risk


def more_procedures(aw, n: int) -> None:
    """n more ВПР of grade 5 written by the same six pupils, with tasks."""
    from tests.analysis.world import VPR_ROWS, procedure, result
    from vsoko.datavalues.compute import recompute

    for i in range(n):
        a = procedure(aw.world, f"X-{i}", "vpr", f"Предмет {i}", 5, max_score=10, mark_scale=aw.vpr.mark_scale,
                      tasks=[("1", 2, "basic", ""), ("2", 3, "basic", ""), ("3", 5, "advanced", "")])
        for key, _, tasks, primary, mark, journal in VPR_ROWS:
            result(a, aw.students[key], primary=primary, mark=mark, journal=journal, tasks=tasks)
    recompute(aw.school, [YEAR])


# session, user, memberships, years, schools, procedures, figures, the risk flags kept for the school's data
# generation (its token: vsoko.datavalues.generation), classes, the classes with results (grouped data values),
# teachers, their subjects of the year and their classes of the load
INDEX_QUERIES = 13
# The first request after a recomputation computes the risk flags anew: their procedures, figures and the
# basic tasks of the ВПР.
INDEX_QUERIES_NEW_GENERATION = INDEX_QUERIES + 3


def test_index_queries_do_not_grow_with_procedures(client, aw, django_assert_num_queries):
    client.force_login(aw.users["director"])
    client.get("/assessments/")  # the session and the year are settled, the risk flags kept

    with django_assert_num_queries(INDEX_QUERIES):
        client.get("/assessments/")
    more_procedures(aw, 3)  # recomputed: a new generation
    with django_assert_num_queries(INDEX_QUERIES_NEW_GENERATION):
        response = client.get("/assessments/")
    assert "предмет 2, 5 класс" in text(response)
    with django_assert_num_queries(INDEX_QUERIES):
        client.get("/assessments/")


# --- the page of a procedure -----------------------------------------------------------------------

def test_assessment_page_shows_the_hand_computed_figures(client, aw):
    response = get(client, aw.users["deputy"], f"/assessments/{aw.vpr.pk}/")
    marks = section(response, "marks")
    tasks = section_node(response, "tasks")
    task_rows = rows(tasks.find_all("table")[0])

    assert "«2» 2 33,3 % «3» 1 16,7 % «4» 2 33,3 % «5» 1 16,7 %" in marks
    assert "Качество («4» и «5») 50,0 %" in marks
    assert "Средний первичный балл 4,7 из 10 (46,7 %)" in marks
    assert task_rows == [
        ["1", "Б", "2", "Орфография", "66,7 %", "освоено", "25,0 %", "50,0 %", "100,0 %", "100,0 %"],
        ["2", "Б", "3", "Пунктуация", "61,1 %", "освоено, пограничная зона", "33,3 %", "66,7 %", "66,7 %", "100,0 %"],
        ["3", "П", "5", "=Сочинение-рассуждение", "30,0 %", "освоено, пограничная зона", "0,0 %", "20,0 %", "40,0 %",
         "80,0 %"],
    ]
    assert tasks.find_all("span", "mastery--border")[0].text == "освоено, пограничная зона"


def test_tasks_by_class_show_what_5b_did_not_master(client, aw):
    response = get(client, aw.users["deputy"], f"/assessments/{aw.vpr.pk}/")
    by_class = rows(section_node(response, "tasks").find_all("table")[1])

    assert by_class[0] == ["1", "Б", "83,3 %", "50,0 %", "66,7 %"]
    assert by_class[1] == ["2", "Б", "77,8 %", "44,4 %", "61,1 %"]


def test_journal_comparison_table_and_lists_for_the_deputy(client, aw):
    response = get(client, aw.users["deputy"], f"/assessments/{aw.vpr.pk}/")
    journal = section(response, "journal")

    assert "Понизили (отметка < отметки по журналу) 4 66,7 %" in journal
    assert "Подтвердили (отметка = отметке по журналу) 1 16,7 %" in journal
    assert "Повысили (отметка > отметки по журналу) 1 16,7 %" in journal
    assert "расходятся на 2 балла и больше: 1" in journal
    lowered = next(d for d in parse(response).find_all("details") if d.find_all("summary")[0].text.startswith(
        "Понизили"))
    assert [name.split()[0] for name, _ in links(lowered)] == ["Гусева", "Воронин", "Дроздов", "Ершова"]
    entry = AuditEntry.objects.get(action=AuditAction.VIEW_LIST, object_type="assessment_journal")
    assert (entry.object_id, entry.details, entry.user) == (str(aw.vpr.pk), {"students": 6}, aw.users["deputy"])


def test_the_lists_say_how_they_are_ordered_and_show_each_difference(client, aw):
    # Гусева («2», по журналу «4») came before Воронин, Дроздов and Ершова («−1») with nothing saying why.
    response = get(client, aw.users["deputy"], f"/assessments/{aw.vpr.pk}/")
    lowered = next(d for d in parse(response).find_all("details") if d.find_all("summary")[0].text.startswith(
        "Понизили"))

    assert ("Внутри группы — по величине расхождения, от большего к меньшему (расхождение на 2 балла и больше "
            "выделено), затем по алфавиту.") in section(response, "journal")
    assert [r[0].split()[0:1] + r[1:] for r in rows(lowered.find_all("table")[0])] == [
        ["Гусева", "5Б", "2", "4", "−2", "2"], ["Воронин", "5А", "3", "4", "−1", "4"],
        ["Дроздов", "5Б", "4", "5", "−1", "6"], ["Ершова", "5Б", "2", "3", "−1", "1"]]
    assert lowered.find_all("tr", "an-gap2")[0].text.startswith("Гусева")


def test_a_class_teacher_sees_the_lists_of_their_class_only(client, aw):
    response = get(client, aw.users["class_teacher"], f"/assessments/{aw.vpr.pk}/")
    page = text(response)

    assert all(name in page for name in STUDENTS_5A)
    assert not any(name in page for name in STUDENTS_5B)
    assert "Показаны только обучающиеся, которых вам разрешено видеть: 3 из 6." in page
    assert "Понизили (отметка < отметки по журналу) 4 66,7 %" in section(response, "journal")  # the figures: all


def test_a_subject_teacher_of_another_subject_sees_figures_but_no_names(client, aw):
    response = get(client, aw.users["teacher"], f"/assessments/{aw.vpr.pk}/")

    assert response.status_code == 200
    assert not any(name in text(response) for name in STUDENTS_5A + STUDENTS_5B)
    assert not AuditEntry.objects.filter(action=AuditAction.VIEW_LIST).exists()


def test_the_observer_sees_aggregates_with_small_groups_hidden_and_no_names(client, aw):
    response = get(client, aw.users["observer"], f"/assessments/{aw.vpr.pk}/?school=s1")
    page = text(response)
    marks = section(response, "marks")

    assert response.status_code == 200
    assert not any(name in page for name in STUDENTS_5A + STUDENTS_5B)
    assert "Обучающиеся по группам" not in page
    # 2/1/2/1 — every mark group is 1…4 people: hidden, the total of 6 stays.
    # with them успеваемость, качество and the mean mark, which would give them back (below)
    assert marks.count("скрыто") == 4 + 3 and "33,3 %" not in marks
    assert "Всего 6" in marks
    # Classes of three are hidden whole; the histogram is not drawn.
    assert page.count("меньше 5 участников — скрыто") == 2
    assert parse(response).find_all("svg", "chart--wide") == []
    # The journal: 4 / 1 / 1 — all hidden; the lowered flag tells of 4 people: left out.
    assert section(response, "journal").count("скрыто") == 3
    assert "Отметки по журналу выше результатов работы" not in page


def test_the_observer_does_not_see_a_procedure_of_four(client, aw):
    response = get(client, aw.users["observer"], f"/assessments/{aw.ege.pk}/")

    assert "Результаты скрыты" in text(response)
    assert "66,5" not in text(response)


def test_exam_page_threshold_high_scores_and_quartile(client, aw):
    oge = section(get(client, aw.users["director"], f"/assessments/{aw.oge.pk}/"), "exam")
    ege = section(get(client, aw.users["director"], f"/assessments/{aw.ege.pk}/"), "exam")

    assert "Ниже порога 1 (16,7 %)" in oge
    assert "Из них преодолели на пересдаче 1" in oge
    assert "Граница верхней четверти (первичный балл) 15" in oge
    assert "81–100 баллов 2" in ege
    assert "Средний тестовый балл 66,5" in ege
    assert "Граница верхней четверти (тестовый балл) 85" in ege


def test_an_exam_without_marks_has_no_columns_or_words_of_mark_groups(client, aw):
    # The demo's ЕГЭ by Russian showed four columns «группа «2»» … «группа «5»» of «—» beside every task and
    # a histogram «пунктир — нижняя граница отметки» with no marks at all.
    from tests.analysis.world import procedure, result
    from vsoko.datavalues.compute import recompute
    from vsoko.records.enums import AssessmentKind, Difficulty

    ege = procedure(aw.world, "EGE-11-M", AssessmentKind.EGE, "Математика (профиль)", 11, max_score=3, min_score=1,
                    tasks=[("1", 1, Difficulty.BASIC, "Вычисления"), ("2", 2, Difficulty.ADVANCED, "Уравнение")])
    for key, points in (("e1", [1, 2]), ("e2", [1, 0]), ("e3", [0, 1]), ("e4", [1, 1])):
        result(ege, aw.students[key], primary=sum(points), test=30 * sum(points), tasks=points)
    recompute(aw.school, [YEAR])

    ege_page = get(client, aw.users["director"], f"/assessments/{ege.pk}/")
    vpr_page = get(client, aw.users["director"], f"/assessments/{aw.vpr.pk}/")

    tasks = section(ege_page, "tasks")
    assert "Задание Уровень Макс. Проверяемое умение Выполнение Освоение" in tasks
    assert "группа «" not in tasks and "Группы по отметкам" not in tasks
    assert "нижняя граница отметки" not in text(ege_page)
    assert "группа «2»" in section(vpr_page, "tasks") and "нижняя граница отметки" in text(vpr_page)


def test_benchmarks_stand_beside_the_school(client, aw):
    from tests.datavalues.records import Records
    from vsoko.datavalues.compute import recompute
    from vsoko.records.enums import ValueScope

    records = Records(aw.school, YEAR)
    records.manual("vpr.5.Русский язык.2", value=12.5, scope=ValueScope.REGION)
    records.manual("vpr.5.русский язык.task.2", value=55, scope=ValueScope.REGION)
    records.manual("vpr.5.русский язык.2", value=10, scope=ValueScope.MUNICIPALITY)
    recompute(aw.school, [YEAR])

    response = get(client, aw.users["director"], f"/assessments/{aw.vpr.pk}/")
    marks = section(response, "marks")

    assert "Отметка Участников % муниципалитет, % регион, %" in marks
    assert "«2» 2 33,3 % 10,0 % 12,5 %" in marks
    assert "55,0 %" in section(response, "tasks")


# session, user, memberships, procedure, figures, benchmarks, tasks, dynamics (procedures, figures),
# the lists of pupils, their audit entry, years (the header)
PROCEDURE_QUERIES = 12


def test_assessment_page_queries_do_not_grow_with_classes_or_tasks(client, aw, django_assert_num_queries):
    client.force_login(aw.users["director"])
    client.get(f"/assessments/{aw.vpr.pk}/")

    with django_assert_num_queries(PROCEDURE_QUERIES):
        client.get(f"/assessments/{aw.vpr.pk}/")
    more_procedures(aw, 2)  # more procedures of the school change nothing here
    with django_assert_num_queries(PROCEDURE_QUERIES):
        client.get(f"/assessments/{aw.vpr.pk}/")


# --- other pages -------------------------------------------------------------------------------------

def test_grade_page_puts_the_classes_side_by_side(client, aw):
    response = get(client, aw.users["director"], "/assessments/grades/5/")
    table = containing(response, "section", "ВПР, русский язык, 5 класс").find_all("table")[0]
    body = rows(table)
    total = [c.text for c in table.find_all("tfoot")[0].find_all("tr")[0].children if hasattr(c, "tag")]

    assert body[0][:7] == ["5А", "3", "0,0 %", "33,3 %", "33,3 %", "33,3 %", "66,7 %"]
    assert body[1][:7] == ["5Б", "3", "66,7 %", "0,0 %", "33,3 %", "0,0 %", "33,3 %"]
    assert total[:2] == ["Всего", "6"]


def test_class_page_sets_the_class_beside_the_parallel(client, aw):
    klass = SchoolClass.objects.get(school=aw.school, year_id=YEAR, name="5Б")
    response = get(client, aw.users["class_teacher"], f"/assessments/classes/{klass.pk}/")
    row = containing(response, "tr", "ВПР, русский язык, 5 класс")

    assert [td.text for td in row.find_all("td")][:9] == [
        "3", "66,7 %", "33,3 %", "2,67", "46,7 %", "33,3 %", "50,0 %", "3,33", "63,3 %"]


def test_subject_page_and_dynamics(client, aw):
    subject = aw.vpr.subject
    subject_page = get(client, aw.users["director"], f"/assessments/subjects/{subject.pk}/")
    dynamics = client.get(f"/assessments/dynamics/?kind=vpr&subject={subject.pk}&grade=5")

    assert "ВПР, русский язык, 5 класс" in text(subject_page)
    assert "ЕГЭ, Русский язык, 11 класс" in text(subject_page)
    assert dynamics.status_code == 200
    years = [" ".join(r) for r in rows(parse(dynamics).find_all("table")[0])]
    assert years[-1].startswith("2024/2025 6 33,3 % 50,0 % 3,33")
    assert years[0].startswith("2022/2023 процедуры не было")
    chooser = client.get("/assessments/dynamics/?kind=vpr")
    assert "Ошибка: Обязательное поле." in text(chooser)
    assert "— выберите предмет —" in chooser.content.decode()
    assert "Select an option" not in chooser.content.decode()


@pytest.mark.parametrize("persona, status", [
    ("director", 200), ("deputy", 200), ("mo_head", 200), ("teacher", 403), ("class_teacher", 403),
    ("observer", 403),
])
def test_a_teachers_page_is_for_the_teacher_the_mo_head_and_the_administration(client, aw, persona, status):
    math_teacher = aw.world.staff["smirnova"]  # teaches Математика

    assert get(client, aw.users[persona], f"/assessments/teachers/{math_teacher.pk}/").status_code == status


def test_the_teacher_sees_their_own_page(client, aw):
    volkov = aw.world.staff["volkov"]  # physics
    himself = make_user("volkov", role=Role.TEACHER, org_unit=aw.school, first_name="Олег", last_name="Волков",
                        subject=aw.world.subjects["physics"])

    assert get(client, himself, f"/assessments/teachers/{volkov.pk}/").status_code == 200
    assert get(client, himself, f"/assessments/teachers/{aw.world.staff['smirnova'].pk}/").status_code == 403
    assert get(client, aw.users["mo_head"], f"/assessments/teachers/{volkov.pk}/").status_code == 403


def test_teacher_page_shows_the_classes_of_the_teachers_subjects(client, aw):
    response = get(client, aw.users["director"], f"/assessments/teachers/{aw.world.staff['smirnova'].pk}/")

    assert "Предметы: Математика." in text(response)
    assert [a.text for h in parse(response).find_all("h2") for a in h.find_all("a")] == [
        "ВПР, математика, 5 класс", "ОГЭ, математика, 9 класс"]


def test_overview_shows_the_risk_block(client, aw):
    response = get(client, aw.users["director"], reverse("web:overview"))
    block = section(response, "risk-flags")

    assert "Флаги риска по оценочным процедурам" in block
    assert "Высокая доля «2» на ВПР" in block


def test_the_observer_chooses_a_school_and_sees_procedures_without_small_groups(client, aw):
    response = get(client, aw.users["observer"], "/assessments/?school=s1")
    ege = {r[0]: r[1:] for r in rows(section_node(response, "kind-ege").find_all("table")[0])}
    options = [o.text for o in parse(response).find_all("option")]

    assert "МБОУ «Школа №1»" in options and "МБОУ «Школа №2»" in options
    assert ege["Русский язык, 11 класс"][1] == "меньше 5 участников — скрыто"
    # Procedure flags only, none telling of fewer than 5 people: ВПР «2» (2 of 6) and ОГЭ (1 of 6) are left out.
    assert "Флаги риска" in section(response, "risk")
    assert "класс 5Б" not in section(response, "risk")
    assert "Высокая доля «2» на ВПР" not in section(response, "risk")
    assert "Загрузка протоколов" not in [name for name, _ in links(parse(response))]


def test_the_observer_does_not_see_how_many_wrote_a_reserve_day_of_one(client, aw):
    # The reserve days have one result each (a retake): a group of one, like a procedure of four.
    index = get(client, aw.users["observer"], "/assessments/?school=s1")
    oge = {r[0]: r[1:] for r in rows(section_node(index, "kind-oge").find_all("table")[0])}
    reserve = get(client, aw.users["observer"], f"/assessments/{aw.oge_reserve.pk}/")
    director = get(client, aw.users["director"], "/assessments/?school=s1")

    assert [row[1] for label, row in oge.items() if "пересдача" in label] == ["меньше 5 участников — скрыто"]
    assert "(пересдача)" not in text(index)
    assert "Результаты скрыты" in text(reserve) and "Пересдач" not in text(reserve)
    assert "1 (пересдача)" in text(director)


def test_the_observers_overview_has_no_small_group_flags(client, aw):
    block = section(get(client, aw.users["observer"], reverse("web:overview")), "risk-flags")

    assert "«2» у 2 из 6" not in block
    assert "Флагов по группам меньше 5 человек — 2: при просмотре сводных данных они не показываются." in block


def test_the_observers_grade_and_class_pages_hide_small_groups(client, aw):
    grade = get(client, aw.users["observer"], "/assessments/grades/5/?school=s1")
    table = containing(grade, "section", "ВПР, русский язык, 5 класс").find_all("table")[0]
    total = [c.text for c in table.find_all("tfoot")[0].find_all("tr")[0].children if hasattr(c, "tag")]
    klass = SchoolClass.objects.get(school=aw.school, year_id=YEAR, name="9А")
    line = containing(get(client, aw.users["observer"], f"/assessments/classes/{klass.pk}/"), "tr",
                      "ОГЭ, математика, 9 класс")

    assert [r[1] for r in rows(table)] == ["меньше 5 участников — скрыто"] * 2
    # «2»…«5», the quality (3 of 6: 3 and 3 people) and the mean mark hidden: 20/6 = 3,33 with the 6 would give
    # the marks back beside the shares
    assert total[2:8] == ["скрыто"] * 6
    # 9А: 6 results, one «2» and four «4»/«5» — both shares would tell of fewer than 5 pupils, and so would the
    # mean beside them (22/6 = 3,67: 6 pupils, one «2», so 21 − … gives the «5» and the «3» back).
    assert [td.text for td in line.find_all("td")][:4] == ["6", "скрыто", "скрыто", "скрыто"]
    # the parallel's columns beside it (the ОГЭ of 9А is the whole parallel): the same
    assert [td.text for td in line.find_all("td")][5:8] == ["скрыто", "скрыто", "скрыто"]


def test_the_observer_does_not_get_hidden_marks_back_from_the_shares_and_the_mean(client, aw):
    """ВПР 5: marks 2/1/2/1 of 6, each hidden. Успеваемость 66,7 % (4 of 6) gave the two «2» back, качество 50 % the
    «4» and «5» together, and the mean 20/6 = 3,33 the rest: hidden with the marks."""
    marks = section(get(client, aw.users["observer"], f"/assessments/{aw.vpr.pk}/?school=s1"), "marks")
    director = section(get(client, aw.users["director"], f"/assessments/{aw.vpr.pk}/"), "marks")

    assert "3,33" not in marks and "66,7" not in marks and "50,0" not in marks
    assert "Средняя отметка скрыто" in marks
    assert "Средняя отметка 3,33" in director and "Успеваемость («3»–«5») 66,7" in director


def test_the_administration_still_sees_the_means_of_small_groups(client, aw):
    klass = SchoolClass.objects.get(school=aw.school, year_id=YEAR, name="9А")
    line = containing(get(client, aw.users["director"], f"/assessments/classes/{klass.pk}/"), "tr",
                      "ОГЭ, математика, 9 класс")

    cells = [td.text.replace("\xa0", " ") for td in line.find_all("td")][:4]
    assert cells == ["6", "16,7 %", "66,7 %", "3,67"]


def test_the_mark_scale_is_written_out_and_a_text_that_is_no_scale_is_shown_as_it_is(client, aw):
    html = get(client, aw.users["deputy"], f"/assessments/{aw.vpr.pk}/").content.decode()

    # The world's ВПР: 2:0-3;3:4-5;4:6-7;5:8-10.
    assert "<dt>Шкала перевода в отметку</dt><dd>«2» — 0–3, «3» — 4–5, «4» — 6–7, «5» — 8–10 баллов</dd>" in html
    aw.vpr.mark_scale = "по шкале ФИС ОКО"
    aw.vpr.save()
    html = get(client, aw.users["deputy"], f"/assessments/{aw.vpr.pk}/").content.decode()
    assert "<dd>по шкале ФИС ОКО</dd>" in html


def test_the_subject_page_heading_starts_with_a_capital_letter(client, aw):
    # The demo school's subjects are named as in the catalogue, «русский язык»: the heading read «русский язык: …».
    subject = aw.vpr.subject
    subject.name = "русский язык"
    subject.save()

    page = parse(get(client, aw.users["deputy"], f"/assessments/subjects/{subject.pk}/"))

    assert page.find_all("h1")[0].text == "Русский язык: параллели и годы"
    assert page.find_all("title")[0].text.startswith("Русский язык — оценочные процедуры")


def test_the_dynamics_chooser_offers_only_subjects_with_results_of_the_chosen_kind_and_parallel(client, aw):
    # It offered the whole catalogue: «Физика» for ВПР in 5th grade, «История» whose procedure had no results.
    from tests.analysis.world import procedure
    from vsoko.records.models import Subject

    Subject.objects.get_or_create(name="Физика")
    procedure(aw.world, "VPR-5-H", "vpr", "История", 5)  # no results
    client.force_login(aw.users["director"])

    def offered(url):
        select = next(s for s in parse(client.get(url)).find_all("select") if s.attrs["name"] == "subject")
        return [o.text for o in select.find_all("option")]

    assert offered("/assessments/dynamics/") == ["— выберите предмет —", "Математика", "Русский язык"]
    kinds = next(s for s in parse(client.get("/assessments/dynamics/")).find_all("select") if s.attrs["name"] == "kind")
    assert [o.text for o in kinds.find_all("option")] == ["ВПР", "ОГЭ", "ЕГЭ"]  # not ГВЭ, РДР … the school has none
    assert offered("/assessments/dynamics/?kind=vpr&grade=5") == ["— выберите предмет —", "Математика", "Русский язык"]
    assert offered("/assessments/dynamics/?kind=ege") == ["— выберите предмет —", "Русский язык"]
    assert offered("/assessments/dynamics/?kind=oge") == ["— выберите предмет —", "Математика"]
    assert offered("/assessments/dynamics/?kind=oge&grade=5") == ["— выберите предмет —"]
    math = Subject.objects.get(name="Математика")
    wrong = text(client.get(f"/assessments/dynamics/?kind=ege&subject={math.pk}&grade=11"))
    assert "По этому предмету нет результатов выбранного вида процедуры в этом классе." in wrong
    # the procedure page's link still works
    shown = client.get(f"/assessments/dynamics/?kind=oge&subject={math.pk}&grade=9&school={aw.school.code}")
    assert "Динамика за три года: ОГЭ, математика, 9 класс" in text(shown)


def test_a_minimum_threshold_is_shown_only_for_the_exams_that_have_one(client, aw):
    # ВПР has no official minimum (ru-domain.md §2.3): «Минимальный порог 4» on its page was the «3» of its scale.
    client.force_login(aw.users["deputy"])

    def facts(pk):
        dl = parse(client.get(f"/assessments/{pk}/")).find_all("dl")[0]
        return [d.text for d in dl.find_all("div")]

    assert not any(f.startswith("Минимальный порог") for f in facts(aw.vpr.pk))
    # The scale is said: ОГЭ's threshold is in primary scores, ЕГЭ's in test scores (spec/data-format.md).
    assert "Минимальный порог 8 первичных баллов" in facts(aw.oge.pk)
    assert "Минимальный порог 24 тестовых балла" in facts(aw.ege.pk)


def test_ege_base_mathematics_page_speaks_of_marks_not_test_scores(client, aw):
    # Its page said «Минимальный порог не задан», then «Преодолели порог 100,0 %», «Средний тестовый балл —»,
    # «81–100 баллов 0»: базовая математика gives a mark, and a mark of «3» is what passes (docs/data-values.md).
    from vsoko.records.models import Assessment

    ege_base_mathematics(aw)
    base = Assessment.objects.get(school=aw.school, assessment_id="EGE-11-MB")
    response = get(client, aw.users["deputy"], f"/assessments/{base.pk}/")
    exam = section(response, "exam")

    assert "Минимальный порог отметка «3»" in text(response)
    assert "не задан" not in exam
    assert "Преодолели порог 100,0 %" in exam
    assert "Средняя отметка 4,33" in exam  # (5 + 4 + 4) / 3
    assert "тестов" not in exam and "81–100" not in exam


def test_an_exam_without_a_minimum_says_that_a_mark_of_3_passes(client, aw):
    from tests.analysis.world import procedure, result
    from vsoko.datavalues.compute import recompute
    from vsoko.records.enums import AssessmentKind

    oge = procedure(aw.world, "OGE-9-NOMIN", AssessmentKind.OGE, "Химия", 9, max_score=40)
    for key, mark in (("n1", 4), ("n2", 2)):
        result(oge, pupil_of(aw, key, "9А"), primary=mark * 8, mark=mark)
    recompute(aw.school, [YEAR])
    exam = section(get(client, aw.users["deputy"], f"/assessments/{oge.pk}/"), "exam")

    assert "Минимальный порог не задан: преодолевшими считаются получившие отметку «3» и выше" in exam
    assert "Преодолели порог 50,0 %" in exam


def pupil_of(aw, key, klass):
    from tests.analysis.world import pupil

    return pupil(aw.world, key, klass, f"Выпускник {key}")


def test_the_minimum_threshold_is_shown_once_on_an_exam_page(client, aw):
    # The ОГЭ page said «Минимальный порог 8» at the top and «Порог 8» again in «Минимальный порог и высокие
    # результаты»: one figure, two places.
    client.force_login(aw.users["deputy"])
    for pk, minimum in ((aw.oge.pk, "8 первичных баллов"), (aw.ege.pk, "24 тестовых балла")):
        terms = [(dt.text, dd.text) for dl in parse(client.get(f"/assessments/{pk}/")).find_all("dl")
                 for dt, dd in zip(dl.find_all("dt"), dl.find_all("dd"), strict=True)]
        thresholds = [(t, d) for t, d in terms if t in ("Порог", "Минимальный порог")]
        assert thresholds == [("Минимальный порог", minimum)]


def test_a_class_without_procedures_says_so_and_how_to_load_one_not_a_link_to_an_empty_parallel(client, aw):
    # 10А had no procedures; its page offered «Параллель 10-х классов», an empty page.
    klass = SchoolClass.objects.get(school=aw.school, year_id=YEAR, name="10А")
    deputy = get(client, aw.users["deputy"], f"/assessments/classes/{klass.pk}/")
    director_grade = get(client, aw.users["director"], "/assessments/grades/10/")
    teacher = get(client, aw.users["mo_head"], f"/assessments/classes/{klass.pk}/")

    assert not any(href.startswith("/assessments/grades/") for _, href in links(parse(deputy)))
    assert "У класса 10А нет результатов оценочных процедур за 2024/2025 учебный год." in text(deputy)
    assert ("Загрузка протоколов", "/assessments/import/") in links(parse(deputy))
    assert "Загрузка протоколов" not in text(teacher)  # who may not load is not sent there
    assert "В 2024/2025 учебном году у 10-х классов нет результатов оценочных процедур." in text(director_grade)
    assert ("Загрузка протоколов", "/assessments/import/") in links(parse(director_grade))
    # a class with procedures keeps its parallel
    fifth = SchoolClass.objects.get(school=aw.school, year_id=YEAR, name="5Б")
    assert ("Параллель 5-х классов", f"/assessments/grades/5/?school={aw.school.code}&year={YEAR}") in links(
        parse(get(client, aw.users["deputy"], f"/assessments/classes/{fifth.pk}/")))


def test_the_parallel_of_a_procedure_of_an_earlier_year_is_that_years(client, aw):
    # From a 2023/2024 procedure «Параллель 5-х классов» opened the parallel of the year chosen in the header.
    from tests.analysis.world import procedure, pupil, result
    from vsoko.datavalues.compute import recompute

    earlier = procedure(aw.world, "VPR-5-R-2023", "vpr", "Русский язык", 5, year=YEAR - 1, max_score=10,
                        mark_scale="2:0-3;3:4-5;4:6-7;5:8-10")
    for key, score, mark in (("y1", 8, 5), ("y2", 5, 3)):
        result(earlier, pupil(aw.world, key, "5В", f"Прошлогодний {key}", year=YEAR - 1), primary=score, mark=mark)
    recompute(aw.school, [YEAR - 1])

    page = get(client, aw.users["deputy"], f"/assessments/{earlier.pk}/")
    href = dict(links(parse(page)))["Параллель 5-х классов"]
    parallel = client.get(href)
    klass = SchoolClass.objects.get(school=aw.school, year_id=YEAR - 1, name="5В")
    class_href = dict(links(parse(client.get(f"/assessments/classes/{klass.pk}/"))))["Параллель 5-х классов"]

    assert href == f"/assessments/grades/5/?school={aw.school.code}&year={YEAR - 1}"
    assert class_href == href
    assert "2023/2024" in text(parallel)
    assert "5В" in text(parallel) and "5Б" not in text(parallel)
    assert "2024/2025" in text(client.get("/assessments/grades/5/"))  # the header's year stays as it was


def test_the_index_links_only_the_classes_with_results_and_names_the_others(client, aw):
    # Every class of the year was a link, 10А to a page with nothing on it.
    response = get(client, aw.users["deputy"], "/assessments/")
    panel = next(p for p in parse(response).find_all("div", "panel") if "Классы" in p.text)
    linked = [name for name, href in links(panel) if href.startswith("/assessments/classes/")]

    assert linked == ["5А", "5Б", "9А", "11А"]
    assert "Без результатов процедур: 10А." in panel.text


def test_a_class_teachers_risk_flags_start_with_their_own_class(client, aw, monkeypatch):
    # The class teacher of 5А opened «Флаги риска» on rows of 7Б and 6Б; their class was somewhere below.
    from vsoko.analysis import year as year_module
    from vsoko.analysis.flags import Flag, FlagKind, Level

    def flag(level, where, reason, kind=FlagKind.VPR_TWOS):
        return Flag(kind, level, reason, 5 if not where else 2, 10 if not where else 4, where, aw.vpr.pk, procedure="ВПР, русский язык, 5 класс")

    # Folded as the page folds them (risk.fold_classes): 6Б and 5А beneath the procedure's flag of the kind.
    made = [flag(Level.HIGH, "7Б", "причина 7Б", FlagKind.QUALITY_DECLINE),
            flag(Level.HIGH, "", "причина процедуры"), flag(Level.HIGH, "6Б", "причина 6Б"),
            flag(Level.MEDIUM, "5А", "причина 5А"),
            flag(Level.MEDIUM, "5А", "вторая причина 5А", FlagKind.BASIC_TASKS)]
    monkeypatch.setattr(year_module, "risk_flags", lambda *args, **kwargs: list(made))

    def reasons(user):
        risk = section_node(get(client, aw.users[user], "/assessments/"), "risk")
        return [row[-1] for row in rows(risk.find_all("table")[0])]

    mine = reasons("class_teacher")
    assert [r.split(" ")[0:2] for r in mine] == [["причина", "процедуры"], ["вторая", "причина"], ["причина", "7Б"]]
    assert mine[0].index("5А: причина 5А") < mine[0].index("6Б: причина 6Б")
    assert [r.split(" ")[0:2] for r in reasons("deputy")] == [["причина", "7Б"], ["причина", "процедуры"],
                                                              ["вторая", "причина"]]


def test_a_class_teacher_whose_class_has_no_flag_is_told_so_and_the_overview_starts_with_their_class(
        client, aw, monkeypatch):
    from vsoko.analysis import summary
    from vsoko.analysis.flags import Flag, FlagKind, Level

    made = [Flag(FlagKind.QUALITY_DECLINE, Level.HIGH, f"причина {c}", 2, 4, c, aw.vpr.pk, procedure="ВПР")
            for c in ("7А", "7Б", "8А", "8Б", "9А", "5А")]
    monkeypatch.setattr(summary, "risk_flags", lambda *args, **kwargs: list(made))
    overview = section(get(client, aw.users["class_teacher"], "/"), "risk-flags")
    assert overview.index("причина 5А") < overview.index("причина 7А")  # the block shows five of six

    page = section(get(client, aw.users["class_teacher"], "/assessments/"), "risk")  # the world's own flags
    assert "Флаги вашего класса — первыми. У вашего класса 5А флагов риска нет." in page
    assert "вашего класса" not in section(get(client, aw.users["deputy"], "/assessments/"), "risk")


def test_in_a_year_without_procedures_the_page_leads_to_last_years(client, aw):
    """In the autumn the new year has no procedures yet: last spring's ВПР are one click away, counted."""
    new_year, _ = SchoolYear.objects.get_or_create(start=YEAR + 1)
    klass = SchoolClass.objects.create(school=aw.school, year=new_year, name="6А", grade=6, letter="А")
    pupil = Student.objects.filter(school=aw.school).first()
    Enrollment.objects.create(school=aw.school, year=new_year, student=pupil, school_class=klass)
    last_year = Assessment.objects.filter(school=aw.school, year_id=YEAR).count()

    page = lxml.html.fromstring(get(client, aw.users["deputy"], f"/assessments/?year={YEAR + 1}").content)

    assert "Процедур за этот год нет" in page.text_content()
    note = page.get_element_by_id("earlier-year")
    assert " ".join(note.text_content().split()) == (
        f"Процедуры прошлых лет: {YEAR}/{YEAR + 1} учебный год ({last_year}) — весенние ВПР, ОГЭ и ЕГЭ "
        "прошлого учебного года.")
    assert note.find("a").get("href") == f"?year={YEAR}"
    assert last_year > 0


def test_a_year_with_procedures_has_no_pointer_to_earlier_years(client, aw):
    page = lxml.html.fromstring(get(client, aw.users["deputy"], f"/assessments/?year={YEAR}").content)
    assert page.get_element_by_id("earlier-year", None) is None


def test_the_overview_says_no_weak_results_were_found_only_where_there_were_results_to_look_at(client, db):
    # A school that has loaded its pupils but no ВПР, ОГЭ or ЕГЭ yet: «Классов и предметов со слабыми
    # результатами не найдено» read as a clean bill of health for results nobody had loaded.
    from tests.datavalues.records import Records, make_school

    school = make_school("fresh", name="МБОУ СОШ № 7")
    Records(school).student("p1", "5А")
    overview = get(client, make_user("fresh-deputy", role=Role.DEPUTY, org_unit=school), reverse("web:overview"))

    assert overview.status_code == 200
    assert "со слабыми результатами не найдено" not in text(overview)
    assert "Флаги риска по оценочным процедурам" not in text(overview)
