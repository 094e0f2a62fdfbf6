"""Who sees what, with the named personas of tests/accounts/personas.py and the tiny diagnostic of 5А/5Б."""

from io import BytesIO
from urllib.parse import quote

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.accounts.personas import YEAR
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.diagnostics.entry import current_levels
from vsoko.diagnostics.models import Diagnostic
from vsoko.diagnostics.workbook import SHEET
from vsoko.records.enums import ApprovalStatus
from vsoko.records.models import YearApproval

pytestmark = pytest.mark.django_db


def login(client, tiny, persona):
    client.force_login(tiny.world.users[persona])
    return client


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_deputy_sees_names_and_levels_and_saves_them(client, tiny):
    url = reverse("diagnostics:detail", args=[tiny.a.pk])
    html = page(login(client, tiny, "deputy"), url)
    assert "Иванов" in html and 'name="level-' in html
    p = tiny.pupils

    response = client.post(url, {f"level-{p['ivanov'].pk}": "low", f"level-{p['vera'].pk}": "medium",
                                 f"level-{p['anna'].pk}": "medium", f"level-{p['boris'].pk}": ""})

    assert response.status_code == 302
    assert current_levels(tiny.a) == {p["ivanov"].pk: "low", p["vera"].pk: "medium", p["anna"].pk: "medium"}
    assert AuditEntry.objects.filter(action=AuditAction.CHANGE, object_type="diagnostic").count() == 1
    assert AuditEntry.objects.filter(action=AuditAction.VIEW_LIST, object_type="diagnostic").exists()


def test_a_bad_post_saves_nothing(client, tiny):
    p = tiny.pupils
    before = current_levels(tiny.a)

    response = login(client, tiny, "deputy").post(reverse("diagnostics:detail", args=[tiny.a.pk]), {
        f"level-{p['ivanov'].pk}": "low", f"level-{p['vera'].pk}": "brilliant"})

    assert response.status_code == 200 and "Ничего не сохранено" in response.content.decode()
    assert current_levels(tiny.a) == before


def test_the_class_teacher_enters_own_class_only(client, tiny):
    login(client, tiny, "class_teacher")
    assert 'name="level-' in page(client, reverse("diagnostics:detail", args=[tiny.a.pk]))  # 5А

    assert client.get(reverse("diagnostics:detail", args=[tiny.b.pk])).status_code == 404  # 5Б: not theirs
    assert client.post(reverse("diagnostics:upload", args=[tiny.b.pk])).status_code == 404
    form = page(client, reverse("diagnostics:new") + f"?year={YEAR}")
    assert "5А" in form and "5Б" not in form
    # the list of procedures names each one's grades once
    assert ">Готовность к обучению в школе (1 класс)</option>" in form and "(1 кл.)" not in form


def test_a_teacher_sees_counts_of_the_classes_they_see_but_no_names(client, tiny):
    tenth = Diagnostic.objects.create(school=tiny.world.school, year_id=YEAR, procedure="upbringing",
                                      date=tiny.a.date, school_class=tiny.world.classes["10А"])
    login(client, tiny, "teacher")  # physics: 10А only

    html = page(client, reverse("diagnostics:detail", args=[tenth.pk]))
    assert "Сидорова" not in html and 'name="level-' not in html and "сводные данные" in html
    assert client.get(reverse("diagnostics:detail", args=[tiny.a.pk])).status_code == 404
    assert client.get(reverse("diagnostics:template", args=[tenth.pk])).status_code == 403
    assert client.post(reverse("diagnostics:detail", args=[tenth.pk]), {}).status_code == 200
    assert not AuditEntry.objects.filter(object_type="diagnostic").exists()


def test_the_observer_sees_counts_with_small_groups_hidden(client, tiny, settings):
    settings.VSOKO_MIN_GROUP_SIZE = 5
    login(client, tiny, "observer")

    index = page(client, reverse("diagnostics:index") + f"?school=s1&year={YEAR}")
    detail = page(client, reverse("diagnostics:detail", args=[tiny.a.pk]))
    procedure = page(client, reverse("diagnostics:procedure", args=["adaptation_5"]) + f"?school=s1&year={YEAR}")

    for html in (index, detail, procedure):
        assert "скрыто" in html or "меньше 5" in html
        assert "Иванов" not in html and 'name="level-' not in html
    assert client.get(reverse("diagnostics:template", args=[tiny.a.pk])).status_code == 403


def test_the_other_schools_director_gets_nothing(client, tiny):
    login(client, tiny, "other_director")

    assert client.get(reverse("diagnostics:detail", args=[tiny.a.pk])).status_code == 404
    assert client.get(reverse("diagnostics:template", args=[tiny.a.pk])).status_code == 404
    index = page(client, reverse("diagnostics:index") + "?school=s1")
    assert "Школа №2" in index and "Обученность и адаптация обучающихся 5 класса" not in index


def test_the_year_summary_and_procedure_page_show_the_distribution(client, tiny):
    login(client, tiny, "deputy")

    index = page(client, reverse("diagnostics:index") + f"?year={YEAR}")
    procedure = page(client, reverse("diagnostics:procedure", args=["adaptation_5"]) + f"?year={YEAR}")

    assert "Обученность и адаптация обучающихся 5 класса" in index
    assert "60.0 %" in index or "60,0 %" in index
    assert "5А" in procedure and "5Б" in procedure and "2023/2024" in procedure
    # The shipped procedures cite regulation 000 under the name of the real school it was written for.
    assert f"Положение о ВСОКО {tiny.world.school.name}, п. 4.4.1" in procedure
    assert "Сосенск" not in procedure


def test_the_excel_way_and_an_upload_error_changes_nothing(client, tiny):
    login(client, tiny, "deputy")
    response = client.get(reverse("diagnostics:template", args=[tiny.a.pk]))
    book = load_workbook(BytesIO(response.content))
    book[SHEET]["D4"] = "очень высокий"
    out = BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "5А.xlsx"
    before = current_levels(tiny.a)

    bad = client.post(reverse("diagnostics:upload", args=[tiny.a.pk]), {"file": out})

    assert "лист «Уровни», строка 4, столбец D «Уровень»: значение «очень высокий»" in bad.content.decode()
    assert current_levels(tiny.a) == before
    book[SHEET]["D4"] = "высокий уровень адаптации"
    good = BytesIO()
    book.save(good)
    good.seek(0)
    good.name = "5А.xlsx"
    assert client.post(reverse("diagnostics:upload", args=[tiny.a.pk]), {"file": good}).status_code == 302
    assert current_levels(tiny.a)[tiny.pupils["vera"].pk] == "high"
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, object_type="diagnostic").exists()


def test_an_approved_year_refuses_saves(client, tiny):
    YearApproval.objects.create(school=tiny.world.school, year_id=YEAR, status=ApprovalStatus.APPROVED)
    p = tiny.pupils
    before = current_levels(tiny.a)

    response = login(client, tiny, "deputy").post(reverse("diagnostics:detail", args=[tiny.a.pk]),
                                                  {f"level-{p['vera'].pk}": "high"})

    assert "утверждены" in response.content.decode()
    assert current_levels(tiny.a) == before


def test_the_deputy_records_a_diagnostic_for_a_whole_grade(client, tiny):
    classes = tiny.world.classes
    response = login(client, tiny, "deputy").post(reverse("diagnostics:new") + f"?year={YEAR}", {
        "procedure": "anxiety", "date": "2024-10-20", "classes": [classes["5А"].pk, classes["5Б"].pk]})

    assert response.status_code == 302
    assert Diagnostic.objects.filter(procedure="anxiety").count() == 2
    wrong = client.post(reverse("diagnostics:new") + f"?year={YEAR}", {
        "procedure": "readiness_1", "date": "2024-09-20", "classes": [classes["5А"].pk]})
    assert "проводится в 1 кл., а не в: 5А" in wrong.content.decode()


def edit_url(diagnostic) -> str:
    return reverse("diagnostics:edit", args=[diagnostic.pk])


def delete_url(diagnostic) -> str:
    return reverse("diagnostics:delete", args=[diagnostic.pk])


def test_the_deputy_corrects_the_date_and_notes_on_the_page(client, tiny):
    login(client, tiny, "deputy")
    assert "Исправить дату или примечание" in page(client, reverse("diagnostics:detail", args=[tiny.a.pk]))
    assert 'value="2024-10-15"' in page(client, edit_url(tiny.a))

    response = client.post(edit_url(tiny.a), {"date": "2024-10-18", "notes": "двое писали позже"})

    assert response.status_code == 302
    tiny.a.refresh_from_db()
    assert (tiny.a.date.isoformat(), tiny.a.notes) == ("2024-10-18", "двое писали позже")
    assert AuditEntry.objects.get(action=AuditAction.CHANGE).details["дата"] == ["15.10.2024", "18.10.2024"]


def test_a_date_outside_the_year_is_refused_on_the_page_and_nothing_changes(client, tiny):
    response = login(client, tiny, "deputy").post(edit_url(tiny.a), {"date": "2025-09-02", "notes": "x"})

    assert response.status_code == 200
    assert "«Дата проведения»: 02.09.2025 — вне 2024/2025 учебного года (01.09.2024 — 31.08.2025)." in \
        response.content.decode()
    tiny.a.refresh_from_db()
    assert (tiny.a.date.isoformat(), tiny.a.notes) == ("2024-10-15", "")
    assert not AuditEntry.objects.filter(action=AuditAction.CHANGE).exists()


@pytest.mark.parametrize("persona, status", [("director", 200), ("class_teacher", 200), ("teacher", 404),
                                             ("mo_head", 403), ("observer", 403), ("other_director", 404)])
def test_who_may_correct_and_delete_the_diagnostic_of_5a(client, tiny, persona, status):
    login(client, tiny, persona)

    assert client.get(edit_url(tiny.a)).status_code == status
    assert client.get(delete_url(tiny.a)).status_code == status
    if status != 200:
        assert client.post(edit_url(tiny.a), {"date": "2024-10-18", "notes": ""}).status_code == status
        assert client.post(delete_url(tiny.a)).status_code == status
        assert Diagnostic.objects.filter(pk=tiny.a.pk, date=tiny.a.date).exists()


def test_the_class_teacher_may_not_touch_another_class(client, tiny):
    login(client, tiny, "class_teacher")

    assert client.post(edit_url(tiny.b), {"date": "2024-10-18", "notes": ""}).status_code == 404
    assert client.post(delete_url(tiny.b)).status_code == 404
    assert Diagnostic.objects.filter(pk=tiny.b.pk, date=tiny.b.date).exists()


def test_a_subject_teacher_seeing_the_counts_may_not_correct(client, tiny):
    tenth = Diagnostic.objects.create(school=tiny.world.school, year_id=YEAR, procedure="upbringing",
                                      date=tiny.a.date, school_class=tiny.world.classes["10А"])
    login(client, tiny, "teacher")  # physics in 10А: sees the counts

    assert client.get(edit_url(tenth)).status_code == 403
    assert client.post(delete_url(tenth)).status_code == 403
    assert Diagnostic.objects.filter(pk=tenth.pk).exists()


def test_a_health_diagnostic_needs_the_permission_for_sensitive_categories(client, tiny):
    health = Diagnostic.objects.create(school=tiny.world.school, year_id=YEAR, procedure="health",
                                       date=tiny.a.date, school_class=tiny.world.classes["5Б"])

    assert login(client, tiny, "director").post(delete_url(health)).status_code == 403  # no sees_sensitive
    assert Diagnostic.objects.filter(pk=health.pk).exists()
    assert login(client, tiny, "deputy").post(delete_url(health)).status_code == 302


def test_the_deputy_deletes_a_diagnostic_after_a_confirmation_page(client, tiny):
    login(client, tiny, "deputy")
    confirmation = page(client, delete_url(tiny.a))
    assert "Удалить диагностику?" in confirmation and "Введено уровней обучающихся: 3" in confirmation
    assert Diagnostic.objects.filter(pk=tiny.a.pk).exists()  # a GET deletes nothing

    response = client.post(delete_url(tiny.a))

    assert response.status_code == 302 and response["Location"] == f"/diagnostics/?school=s1&year={YEAR}"
    assert not Diagnostic.objects.filter(pk=tiny.a.pk).exists()
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE)
    assert (entry.object_id, entry.details["удалено уровней"]) == (str(tiny.a.pk), 3)


def test_an_approved_year_refuses_corrections_and_deletion_on_the_page(client, tiny):
    YearApproval.objects.create(school=tiny.world.school, year_id=YEAR, status=ApprovalStatus.APPROVED)
    login(client, tiny, "deputy")
    assert "Данные года утверждены" in page(client, edit_url(tiny.a))
    assert "Данные года утверждены" in page(client, delete_url(tiny.a))

    edited = client.post(edit_url(tiny.a), {"date": "2024-10-18", "notes": "x"})
    deleted = client.post(delete_url(tiny.a), follow=True)

    assert "Ничего не сохранено" in edited.content.decode() and "утверждены" in deleted.content.decode()
    tiny.a.refresh_from_db()
    assert (tiny.a.date.isoformat(), tiny.a.notes) == ("2024-10-15", "")
    assert not AuditEntry.objects.filter(action=AuditAction.CHANGE).exists()


def test_the_pages_name_the_month_and_the_procedures_of_regulation_004(client, tiny):
    # The procedure page said «проводится обычно в 10-м месяце года»; the year's page named the procedures of п. 4.4
    # only, though it lists the СПТ and the career diagnostic of regulation 004 too.
    login(client, tiny, "deputy")

    index = page(client, reverse("diagnostics:index") + f"?year={YEAR}")
    procedure = page(client, reverse("diagnostics:procedure", args=["spt"]) + f"?year={YEAR}")

    assert "Параллели: 7–11; месяц проведения — октябрь; методика:" in procedure
    assert "месяце года" not in procedure
    assert ("социально-психологическое тестирование (7–11 классы) и профессиональная диагностика 10–11 классов, "
            "участие в которых считает положение 004") in index


def test_the_template_is_named_by_the_procedure_class_and_year(client, tiny):
    # «diagnostic-219.xlsx» … «diagnostic-228.xlsx»: the ten templates of the СПТ's classes could not be told apart.
    login(client, tiny, "deputy")

    response = client.get(reverse("diagnostics:template", args=[tiny.a.pk]))

    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''" + quote(f"адаптация 5 класса, 5А, {YEAR}-{YEAR + 1}.xlsx"))


@pytest.fixture
def spt(tiny):
    """The СПТ (levels never published) in 8А and 8Б:
        8А: риск не выявлен 6, латентный риск 5 — 11 took part; 8Б: 7 and 5 — 12;
        всего 13 (56,5 %), 10 (43,5 %), явный 0 — 23. Every group ≥ 5: before, the observer read 8А's «5 (45,5 %)»."""
    from vsoko.diagnostics.models import DiagnosticResult
    from vsoko.records.models import SchoolClass, Student

    world = tiny.world
    made = {}
    for name, levels in (("8А", ["no_risk"] * 6 + ["latent_risk"] * 5), ("8Б", ["no_risk"] * 7 + ["latent_risk"] * 5)):
        world.classes[name] = SchoolClass.objects.create(school=world.school, year_id=YEAR, name=name, grade=8,
                                                         letter=name[-1])
        made[name] = Diagnostic.objects.create(school=world.school, year_id=YEAR, procedure="spt", date=tiny.a.date,
                                               school_class=world.classes[name])
        for i, level in enumerate(levels):
            student = Student.objects.create(school=world.school, student_id=f"SPT-{name}-{i}", last_name="Тестов",
                                             first_name="Пётр", sex="m")
            DiagnosticResult.objects.create(diagnostic=made[name], enrollment=world.enroll(student, name), level=level)
    return made | {"world": world}


def test_the_observer_reads_the_spt_levels_for_the_school_only_and_per_class_who_took_part(client, spt, settings):
    settings.VSOKO_MIN_GROUP_SIZE = 5
    client.force_login(spt["world"].users["observer"])
    procedure = page(client, reverse("diagnostics:procedure", args=["spt"]) + f"?school=s1&year={YEAR}")
    detail = page(client, reverse("diagnostics:detail", args=[spt["8А"].pk]))
    index = page(client, reverse("diagnostics:index") + f"?school=s1&year={YEAR}")

    for html in (procedure, detail):
        assert "45,5" not in html and "41,7" not in html  # 8А's and 8Б's «латентный риск 5»
        assert "только по школе в целом" in html
    assert "<td class=\"num\">11</td>" in procedure and "<td class=\"num\">12</td>" in procedure
    assert "<td class=\"num\">11</td>" in detail
    # the school's levels stay, on the procedure page and in the year's summary
    for html in (procedure, index):
        assert "13 <span class=\"muted\">(56,5 %)</span>" in html and "10 <span class=\"muted\">(43,5 %)</span>" in html


@pytest.mark.parametrize("persona", ["deputy", "director"])
def test_the_administration_still_reads_the_spt_levels_per_class(client, spt, persona, settings):
    settings.VSOKO_MIN_GROUP_SIZE = 5
    client.force_login(spt["world"].users[persona])
    procedure = page(client, reverse("diagnostics:procedure", args=["spt"]) + f"?school=s1&year={YEAR}")
    detail = page(client, reverse("diagnostics:detail", args=[spt["8А"].pk]))

    assert "5 <span class=\"muted\">(45,5 %)</span>" in procedure and "5 <span class=\"muted\">(41,7 %)</span>" in procedure
    assert "5 <span class=\"muted\">(45,5 %)</span>" in detail
    assert "только по школе в целом" not in procedure


def test_the_observer_still_reads_a_published_procedure_per_class(client, tiny, settings):
    """Adaptation of grade 5 publishes its levels: its classes keep their levels (no small group hidden at minimum 1)."""
    settings.VSOKO_MIN_GROUP_SIZE = 1
    client.force_login(tiny.world.users["observer"])
    html = page(client, reverse("diagnostics:procedure", args=["adaptation_5"]) + f"?school=s1&year={YEAR}")
    assert "1 <span class=\"muted\">(33,3 %)</span>" in html and "только по школе в целом" not in html


def test_the_observers_list_of_diagnostics_hides_what_the_procedure_page_hides(client, spt, settings):
    """8В: 2 took part — hidden; «Всего» 25 − 8Б's 12 − 8А's 11 would give them back, so 8А (the smaller other) is
    hidden as its partner on the procedure page — and in the year's list of diagnostics, where it showed «11»."""
    from vsoko.diagnostics.models import DiagnosticResult
    from vsoko.records.models import SchoolClass, Student

    settings.VSOKO_MIN_GROUP_SIZE = 5
    world = spt["world"]
    world.classes["8В"] = SchoolClass.objects.create(school=world.school, year_id=YEAR, name="8В", grade=8, letter="В")
    small = Diagnostic.objects.create(school=world.school, year_id=YEAR, procedure="spt", date=spt["8А"].date,
                                      school_class=world.classes["8В"])
    for i in range(2):
        student = Student.objects.create(school=world.school, student_id=f"SPT-8В-{i}", last_name="Тестов",
                                         first_name="Пётр", sex="m")
        DiagnosticResult.objects.create(diagnostic=small, enrollment=world.enroll(student, "8В"), level="no_risk")
    client.force_login(world.users["observer"])

    index = page(client, reverse("diagnostics:index") + f"?school=s1&year={YEAR}")
    procedure = page(client, reverse("diagnostics:procedure", args=["spt"]) + f"?school=s1&year={YEAR}")
    detail = page(client, reverse("diagnostics:detail", args=[spt["8А"].pk]))

    listed = index[index.index("Проведённые диагностики"):]
    assert ">11<" not in listed and ">12<" in listed
    assert ">11<" not in procedure and ">12<" in procedure and ">25<" in procedure
    assert ">11<" not in detail


def spt_readers(spt):
    """A teacher without a subject (sees every class's pupils), the МО head of a subject taught in 8А, and 8А's class
    teacher with the permission for sensitive categories: none of them organises the СПТ."""
    from tests.accounts.personas import make_user
    from vsoko.accounts.enums import Role

    world = spt["world"]
    return {
        "teacher": make_user("teacher-all", role=Role.TEACHER, org_unit=world.school),
        "mo_head": make_user("mo-all", role=Role.MO_HEAD, org_unit=world.school),
        "class_teacher": make_user("ct-8a", role=Role.CLASS_TEACHER, org_unit=world.school, class_name="8А",
                                   sees_sensitive=True),
    }


@pytest.mark.parametrize("persona", ["teacher", "mo_head", "class_teacher"])
def test_only_the_administration_reads_the_spt_risk_levels(client, spt, persona, settings):
    """The СПТ's results are confidential (procedures.yaml `levels_published: false`): the director and the deputy,
    who organise it, read the risk levels; a teacher, an МО head and a class teacher — how many took part, in their
    classes, and no level of the school, the class or a pupil."""
    settings.VSOKO_MIN_GROUP_SIZE = 5
    client.force_login(spt_readers(spt)[persona])
    procedure = page(client, reverse("diagnostics:procedure", args=["spt"]) + f"?school=s1&year={YEAR}")
    detail = page(client, reverse("diagnostics:detail", args=[spt["8А"].pk]))
    index = page(client, reverse("diagnostics:index") + f"?school=s1&year={YEAR}")

    for html in (procedure, detail, index):
        assert "45,5" not in html and "41,7" not in html and "43,5" not in html and "56,5" not in html
        assert 'name="level-' not in html and "латентный риск (группа риска)</td>" not in html
    assert "<td class=\"num\">11</td>" in detail  # how many of 8А took part
    assert "видят только директор и заместитель" in procedure
    assert client.get(reverse("diagnostics:template", args=[spt["8А"].pk])).status_code == 403


def test_the_class_teacher_still_reads_a_published_procedures_levels(client, tiny):
    client.force_login(tiny.world.users["class_teacher"])
    html = page(client, reverse("diagnostics:detail", args=[tiny.a.pk]))

    assert "1 <span class=\"muted\">(33,3 %)</span>" in html


def test_a_class_teacher_is_not_offered_the_spt_to_record(client, tiny):
    client.force_login(tiny.world.users["class_teacher"])
    form = page(client, reverse("diagnostics:new") + f"?school=s1&year={YEAR}")
    client.force_login(tiny.world.users["deputy"])
    deputys = page(client, reverse("diagnostics:new") + f"?school=s1&year={YEAR}")

    assert 'value="adaptation_5"' in form and 'value="spt"' not in form
    assert 'value="spt"' in deputys
