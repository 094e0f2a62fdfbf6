import datetime
import io

import docx
import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.personas import YEAR, make_user
from vsoko.accounts.enums import Role
from vsoko.accounts.models import Membership
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.records.enums import ApprovalStatus, Period
from vsoko.records.models import YearApproval
from vsoko.support.enums import CaseStatus, MeasureKind, Reason
from vsoko.support.models import SupportCase, SupportMeasure

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def page(client, **params):
    return client.get(reverse("support:index"), {"year": YEAR, "period": "q1", **params})


def open_url(world, key):
    return f"{reverse('support:open')}?student={world.students[key].pk}&year={YEAR}&period=q1"


def case(world, key, subject=None, period=Period.Q1, **fields):
    return SupportCase.objects.create(school=world.school, year_id=YEAR, student=world.students[key],
                                      subject=world.subjects[subject] if subject else None, opened_period=period,
                                      **fields)


def measure(item, staff=None, **fields):
    return SupportMeasure.objects.create(case=item, kind=fields.pop("kind", MeasureKind.CONSULTATIONS),
                                         responsible=staff, **fields)


def test_the_deputy_sees_every_pupil_at_risk_and_the_view_is_audited(client, world):
    text = page(login(client, world.users["deputy"])).content.decode()

    for name in ("Козлов", "Лебедева", "Никитин", "Павлов", "Орлова"):
        assert name in text
    assert "Морозова" not in text and "Иванов" not in text
    assert "Открыть сопровождение" in text and "условный перевод (2023/2024)" in text
    entry = AuditEntry.objects.get(action=AuditAction.VIEW_LIST, object_type="support")
    assert (entry.object_id, entry.details, entry.username) == (f"{YEAR}-q1", {"students": 5}, "deputy")


def test_the_deputy_opens_a_case_adds_measures_marks_them_done_and_every_change_is_audited(client, world):
    login(client, world.users["deputy"])
    form = client.get(open_url(world, "kozlov")).content.decode()
    assert "Основание из списка: математика («2»)" in form and "Не публикуется" in form

    response = client.post(open_url(world, "kozlov"), {"subject": world.subjects["math"].pk,
                                                        "reason": Reason.FAILING, "causes": "Пропуски по болезни"})

    made = SupportCase.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("support:case", args=[made.pk])
    assert (made.student, made.subject, made.opened_period, made.status) == (
        world.students["kozlov"], world.subjects["math"], "q1", CaseStatus.OPEN)
    # The pupil is in a case now: no second one is opened.
    assert client.get(open_url(world, "kozlov"))["Location"] == reverse("support:case", args=[made.pk])
    # The one mathematics teacher of the school is proposed as responsible.
    assert f'<option value="{world.staff["smirnova"].pk}" selected>' in client.get(
        reverse("support:measure_new", args=[made.pk])).content.decode()
    client.post(reverse("support:measure_new", args=[made.pk]), {
        "kind": MeasureKind.LESSONS, "responsible": world.staff["smirnova"].pk, "due": "2024-12-20", "note": ""})
    added = SupportMeasure.objects.get()
    client.post(reverse("support:measure_done", args=[added.pk]))
    client.post(reverse("support:edit", args=[made.pk]), {
        "subject": world.subjects["math"].pk, "reason": Reason.FAILING, "causes": "", "status": CaseStatus.SUCCEEDED,
        "result_period": "q2", "note": "Исправил на «3»"})

    added.refresh_from_db()
    made.refresh_from_db()
    assert added.done and added.done_on is not None and added.responsible == world.staff["smirnova"]
    assert (made.status, made.result_period) == (CaseStatus.SUCCEEDED, "q2")
    assert list(AuditEntry.objects.filter(object_type="support_case", action=AuditAction.CHANGE).order_by("pk")
                .values_list("details__действие", flat=True)) == [
        "открыто сопровождение", "добавлена мера: дополнительные занятия", "выполнена мера: дополнительные занятия",
        "изменено сопровождение"]
    assert "Пропуски" not in str(list(AuditEntry.objects.values_list("details", flat=True)))  # no free text logged
    # Closed: a new case may be opened if the pupil is at risk again.
    assert client.get(open_url(world, "kozlov")).status_code == 200


def test_closing_with_a_result_asks_for_its_period_in_russian(client, world):
    item = case(world, "kozlov", "math")
    response = login(client, world.users["deputy"]).post(reverse("support:edit", args=[item.pk]), {
        "subject": world.subjects["math"].pk, "reason": Reason.FAILING, "status": CaseStatus.FAILED})

    assert "укажите, за какой период подведён итог" in response.content.decode()


def test_overdue_measures_are_said_in_words_and_results_show_at_the_next_period(client, world):
    kozlov = case(world, "kozlov", "math")
    lebedeva = case(world, "lebedeva", "math")
    measure(kozlov, world.staff["smirnova"], due=datetime.date(2024, 11, 1))
    measure(lebedeva, world.staff["smirnova"], due=datetime.date(2024, 11, 1), done=True)
    login(client, world.users["deputy"])

    first = page(client).content.decode()
    second = page(client, period="q2").content.decode()

    assert "срок прошёл" in first and first.count("срок прошёл") == 1
    assert "На конец периода «2 четверть»: исправили 1, не исправили 1" in second
    assert "исправил(а) (математика: 3)" in second and "не исправил(а) (математика: 2)" in second


def test_the_class_teacher_sees_and_keeps_their_class_only(client, world):
    own = case(world, "kozlov", "math")
    other = case(world, "pavlov", "physics")
    login(client, world.users["class_teacher"])

    text = page(client).content.decode()

    assert "Козлов" in text and "Лебедева" in text and "Павлов" not in text and "Никитин" not in text
    assert client.get(reverse("support:case", args=[own.pk])).status_code == 200
    assert client.get(reverse("support:edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("support:case", args=[other.pk])).status_code == 404
    assert client.get(open_url(world, "pavlov")).status_code == 404
    assert client.post(open_url(world, "lebedeva"), {"reason": Reason.NOT_ASSESSED}).status_code == 302


def test_the_subject_teacher_sees_their_subject_and_marks_their_own_measures_done(client, world):
    physics = case(world, "pavlov", "physics")
    mathematics = case(world, "kozlov", "math")
    own = measure(physics, world.staff["volkov"])
    someone_elses = measure(physics, world.staff["smirnova"])
    teacher = make_user("volkov", role=Role.TEACHER, org_unit=world.school, subject=world.subjects["physics"],
                        first_name="Олег", last_name="Волков")
    login(client, teacher)

    text = page(client).content.decode()

    assert "Павлов" in text and "физика («2»)" in text
    assert "Козлов" not in text and "Никитин" not in text  # mathematics, not their subject
    assert "Открыть сопровождение" not in text
    assert client.get(reverse("support:case", args=[mathematics.pk])).status_code == 404
    assert client.get(reverse("support:edit", args=[physics.pk])).status_code == 403
    assert client.post(reverse("support:measure_done", args=[someone_elses.pk])).status_code == 403
    assert client.post(reverse("support:measure_done", args=[own.pk])).status_code == 302
    own.refresh_from_db()
    assert own.done


def test_the_observer_sees_counts_only_with_small_groups_hidden(client, world, settings):
    settings.VSOKO_MIN_GROUP_SIZE = 5
    for key in ("kozlov", "lebedeva", "nikitin", "pavlov", "orlova"):
        case(world, key)
    SupportCase.objects.filter(student=world.students["kozlov"]).update(status=CaseStatus.SUCCEEDED)
    login(client, world.users["observer"])

    response = page(client, school=world.school.code)
    text = response.content.decode()

    assert response.status_code == 200
    assert "Открыто за год</th><td class=\"num\">5</td>" in text
    assert "—*" in text  # 4 still open and 1 closed: groups under 5 hidden
    assert "Козлов" not in text and "Лебедева" not in text
    assert not AuditEntry.objects.filter(action=AuditAction.VIEW_LIST).exists()
    assert page(client, school=world.school.code, format="docx").status_code == 403
    assert client.get(reverse("support:case", args=[SupportCase.objects.first().pk])).status_code == 403


def test_another_schools_deputy_gets_404(client, world):
    item = case(world, "kozlov", "math")
    stranger = make_user("other-deputy", role=Role.DEPUTY, org_unit=world.other_school)
    login(client, stranger)

    assert client.get(reverse("support:case", args=[item.pk])).status_code == 404
    assert client.get(reverse("support:edit", args=[item.pk])).status_code == 404
    assert client.get(open_url(world, "kozlov")).status_code == 404
    assert "Козлов" not in page(client, school=world.school.code).content.decode()


def test_an_approved_year_refuses_changes(client, world):
    item = case(world, "kozlov", "math")
    planned = measure(item, world.staff["smirnova"])
    YearApproval.objects.create(school=world.school, year_id=YEAR, status=ApprovalStatus.APPROVED)
    login(client, world.users["deputy"])

    opened = client.post(open_url(world, "lebedeva"), {"reason": Reason.NOT_ASSESSED}, follow=True)
    client.post(reverse("support:measure_done", args=[planned.pk]))
    client.post(reverse("support:measure_new", args=[item.pk]), {"kind": MeasureKind.PARENTS})

    assert "утверждены и не могут быть изменены" in opened.content.decode()
    assert SupportCase.objects.count() == 1 and SupportMeasure.objects.count() == 1
    planned.refresh_from_db()
    assert not planned.done
    assert not AuditEntry.objects.filter(action=AuditAction.CHANGE).exists()


def test_the_word_report_opens_and_holds_the_list_by_class(client, world):
    item = case(world, "kozlov", "math", causes="Пробелы в знаниях")
    measure(item, world.staff["smirnova"], kind=MeasureKind.LESSONS, due=datetime.date(2024, 12, 20))
    response = page(login(client, world.users["deputy"]), period="q1", format="docx")

    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert "Отчёт о работе с неуспевающими обучающимися за 1 четверть 2024/2025 учебного года" in paragraphs
    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert ["Обучающихся в группе риска по итогам периода", "5"] in cells
    assert any(row[:3] == ["5А", "Козлов Имя", "Математика"] and "дополнительные занятия — Смирнова Мария, "
               "до 20.12.2024" in row[5] for row in cells)
    assert "Пробелы" not in paragraphs + str(cells)  # the causes stay on the case's page
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, object_type="support").exists()


# --- deleting a case opened by mistake ---------------------------------------------------------------------------


def test_the_deputy_deletes_a_case_with_its_measures_after_the_confirmation_page(client, world):
    item = case(world, "kozlov", "math", causes="Пробелы в знаниях")
    measure(item, world.staff["smirnova"])
    measure(item, world.staff["smirnova"], kind=MeasureKind.PARENTS)
    kept = case(world, "lebedeva", "math")
    login(client, world.users["deputy"])

    confirmation = client.get(reverse("support:delete", args=[item.pk])).content.decode()
    assert SupportCase.objects.filter(pk=item.pk).exists()  # GET only asks
    response = client.post(reverse("support:delete", args=[item.pk]), follow=True)

    assert "Удалить сопровождение?" in confirmation and "Мер поддержки: 2" in confirmation
    assert 'name="csrfmiddlewaretoken"' in confirmation
    assert response.redirect_chain == [(f"{reverse('support:index')}?school=s1&year={YEAR}&period=q1", 302)]
    assert "Сопровождение обучающегося удалено вместе с мерами поддержки (2)." in response.content.decode()
    assert list(SupportCase.objects.all()) == [kept]
    assert SupportMeasure.objects.count() == 0


def test_deleting_a_case_is_audited_without_its_free_text(client, world):
    item = case(world, "kozlov", "math", causes="Пробелы в знаниях", note="Семейные обстоятельства")
    measure(item, world.staff["smirnova"], note="Занятия по вторникам")

    login(client, world.users["class_teacher"]).post(reverse("support:delete", args=[item.pk]))

    entry = AuditEntry.objects.get(action=AuditAction.CHANGE, object_type="support_case")
    assert (entry.username, entry.object_id, entry.school) == ("class-teacher", str(item.pk), world.school)
    assert entry.details == {"действие": "удалено сопровождение", "обучающийся": "R-kozlov", "период": "1 четверть",
                             "учебный год": "2024/2025", "удалено мер": 1, "состояние": "сопровождение идёт"}
    assert not SupportCase.objects.exists()


def test_those_who_may_not_keep_the_case_cannot_delete_it(client, world):
    mathematics = case(world, "kozlov", "math")
    physics = case(world, "pavlov", "physics")
    measure(mathematics, world.staff["smirnova"])
    url = reverse("support:delete", args=[mathematics.pk])

    # The head of the mathematics МО sees the case (its subject) but does not keep it: 403.
    assert login(client, world.users["mo_head"]).get(url).status_code == 403
    assert client.post(url).status_code == 403
    # The class teacher of 5А keeps 5А's cases, not 10А's: Павлов's case is not among theirs (404).
    assert login(client, world.users["class_teacher"]).post(
        reverse("support:delete", args=[physics.pk])).status_code == 404
    # The physics teacher does not see a mathematics case at all; another school's deputy neither.
    assert login(client, world.users["teacher"]).post(url).status_code == 404
    stranger = make_user("other-deputy", role=Role.DEPUTY, org_unit=world.other_school)
    assert login(client, stranger).post(url).status_code == 404
    # The municipal observer sees counts only.
    assert login(client, world.users["observer"]).post(url).status_code == 403

    assert SupportCase.objects.count() == 2 and SupportMeasure.objects.count() == 1
    assert not AuditEntry.objects.filter(action=AuditAction.CHANGE).exists()


def test_an_approved_year_refuses_the_deletion_in_russian(client, world):
    item = case(world, "kozlov", "math")
    measure(item, world.staff["smirnova"])
    YearApproval.objects.create(school=world.school, year_id=YEAR, status=ApprovalStatus.APPROVED)
    login(client, world.users["director"])

    confirmation = client.get(reverse("support:delete", args=[item.pk])).content.decode()
    response = client.post(reverse("support:delete", args=[item.pk]), follow=True)

    assert "сопровождение нельзя удалить, пока директор не снимет утверждение" in confirmation
    assert 'type="submit"' not in confirmation.split("<main", 1)[-1].split("</main>")[0]
    assert response.redirect_chain == [(reverse("support:case", args=[item.pk]), 302)]
    assert "Данные за 2024/2025 учебный год утверждены и не могут быть изменены" in response.content.decode()
    assert SupportCase.objects.count() == 1 and SupportMeasure.objects.count() == 1
    assert not AuditEntry.objects.filter(action=AuditAction.CHANGE).exists()


def test_the_deletion_needs_the_forms_csrf_token(world):
    item = case(world, "kozlov", "math")
    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(world.users["deputy"])

    assert guarded.post(reverse("support:delete", args=[item.pk])).status_code == 403
    assert SupportCase.objects.filter(pk=item.pk).exists()


def test_the_case_page_offers_the_deletion_only_to_those_who_keep_it(client, world):
    item = case(world, "kozlov", "math")
    delete, page_url = reverse("support:delete", args=[item.pk]), reverse("support:case", args=[item.pk])

    assert delete in login(client, world.users["class_teacher"]).get(page_url).content.decode()
    assert delete not in login(client, world.users["mo_head"]).get(page_url).content.decode()


# --- «Скачать в Excel» ---------------------------------------------------------------------------------------------


def xlsx_rows(response) -> list[tuple]:
    import openpyxl

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_the_excel_download_holds_the_reports_tables_with_numbers(client, world):
    case(world, "kozlov", "math", causes="Пробелы в знаниях")
    response = page(login(client, world.users["deputy"]), format="xlsx")
    rows = xlsx_rows(response)
    assert rows[0][0] == "Отчёт о работе с неуспевающими обучающимися за 1 четверть 2024/2025 учебного года"
    assert ("Обучающихся в группе риска по итогам периода", 5) in [r[:2] for r in rows]  # a number, not «5»
    assert any(r[:3] == ("5А", "Козлов Имя", "Математика") for r in rows)
    assert "Пробелы" not in str(rows)
    assert "Козлов" not in response["Content-Disposition"]
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT, object_type="support")
    assert entry.details["формат"] == "xlsx"


def test_the_class_teachers_excel_holds_their_class_only_and_the_observer_gets_none(client, world):
    rows = xlsx_rows(page(login(client, world.users["class_teacher"]), format="xlsx"))
    named = str(rows)
    assert "Козлов" in named and "Лебедева" in named and "Павлов" not in named and "Никитин" not in named
    assert page(login(client, world.users["observer"]), school=world.school.code, format="xlsx").status_code == 403


def test_the_form_opening_a_case_is_a_view_of_the_pupil_in_the_audit_log(client, world):
    """The form names the pupil, their class and why they are at risk (математика «2»): a view of a person, as the
    case's page is — logged once per showing, with the pupil's record."""
    login(client, world.users["deputy"])

    form = client.get(open_url(world, "kozlov")).content.decode()

    assert "Козлов" in form
    entry = AuditEntry.objects.get(action=AuditAction.VIEW_PERSON)
    assert (entry.object_type, entry.object_id, entry.username, entry.school) == (
        "student", str(world.students["kozlov"].pk), "deputy", world.school)


def test_a_teacher_of_two_subjects_sees_the_page_in_a_fixed_number_of_statements(client, world,
                                                                                  django_assert_max_num_queries):
    """The classes of both subjects are read in one statement (vsoko.support.access): the page, once the session
    is known, takes no more statements for a second subject."""
    teacher = make_user("two-subjects", role=Role.TEACHER, org_unit=world.school, subject=world.subjects["physics"])
    Membership.objects.create(user=teacher, role=Role.TEACHER, org_unit=world.school,
                              subject=world.subjects["russian"])
    login(client, teacher)
    assert page(client).status_code == 200

    with django_assert_max_num_queries(19):
        response = page(client)

    assert "Павлов" in response.content.decode()  # physics «2» in 10А
