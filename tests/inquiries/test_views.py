import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from openpyxl.utils import get_column_letter

from tests.accounts.personas import YEAR, make_user
from tests.inquiries.conftest import CONTEXT_ANSWER, send_from_page
from vsoko.accounts import permissions
from vsoko.accounts.enums import Role
from vsoko.audit.models import AuditEntry
from vsoko.inquiries.enums import AnswerStatus
from vsoko.inquiries.models import Inquiry, InquiryAnswer
from vsoko.inquiries.workflow import save_answer, send_inquiry
from vsoko.records.enums import OrgUnitKind
from vsoko.records.models import OrgUnit
from vsoko.records.years import school_year_of
from vsoko.reports.writers import PRINT_CHARS


@pytest.fixture
def as_user(client, world):
    def login(persona):
        client.force_login(world.users[persona])
        return client
    return login


def test_the_observer_sends_a_request_to_the_municipalitys_schools(as_user, world):
    deadline = timezone.localdate() + datetime.timedelta(days=10)
    response = send_from_page(as_user("observer"), {
        "sender": "mun", "form": "school_head", "title": "Анкета руководителя", "year": school_year_of(timezone.localdate()),
        "deadline": deadline.isoformat(), "text": "До конца месяца"})

    inquiry = Inquiry.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("inquiries:detail", args=[inquiry.pk])
    assert (inquiry.form, inquiry.sender, inquiry.answers.count()) == ("school_head", world.municipality, 2)


def test_a_deadline_in_the_past_is_refused_and_nothing_is_sent(as_user):
    past = timezone.localdate() - datetime.timedelta(days=1)
    response = as_user("observer").post(reverse("inquiries:new"), {
        "sender": "mun", "form": "context", "title": "Контекст", "year": school_year_of(timezone.localdate()),
        "deadline": past.isoformat()})

    assert response.status_code == 200
    assert f"Срок ответа {past:%d.%m.%Y} уже прошёл" in response.content.decode()
    assert not Inquiry.objects.exists()


def test_the_director_sees_the_request_on_the_overview_and_in_the_list_until_it_is_sent(as_user, world,
                                                                                           context_inquiry):
    client = as_user("director")
    answer = context_inquiry.answers.get(recipient=world.school)
    address = reverse("inquiries:answer", args=[answer.pk])

    assert address in client.get(reverse("inquiries:index")).content.decode()
    overview = client.get("/").content.decode()
    assert "Запросы органов управления" in overview and address in overview

    save_answer(answer, CONTEXT_ANSWER, send=True)
    assert "Запросы органов управления" not in client.get("/").content.decode()


def test_the_answer_page_shows_the_errors_by_field_and_saves_nothing(as_user, world, context_inquiry):
    answer = context_inquiry.answers.get(recipient=world.school)
    url = reverse("inquiries:answer", args=[answer.pk])

    response = as_user("deputy").post(url, {**CONTEXT_ANSWER, "second_shift": "120", "action": "send"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Ответ не сохранён" in page
    assert "«Доля обучающихся, занимающихся во вторую смену, %»: Доля в процентах — от 0 до 100 (введено 120)." in page
    answer.refresh_from_db()
    assert (answer.status, answer.values) == (AnswerStatus.NEW, {})


def test_the_answer_is_saved_as_a_draft_then_sent_and_read_only(as_user, world, context_inquiry):
    answer = context_inquiry.answers.get(recipient=world.school)
    url = reverse("inquiries:answer", args=[answer.pk])
    client = as_user("director")

    assert client.post(url, {"pupils_large_families": "40", "action": "save"}).status_code == 302
    answer.refresh_from_db()
    assert answer.status == AnswerStatus.DRAFT
    assert client.post(url, {**CONTEXT_ANSWER, "action": "send"}).status_code == 302
    answer.refresh_from_db()
    assert answer.status == AnswerStatus.SENT
    page = client.get(url).content.decode()
    assert "Отправить</button>" not in page and "создана частично" in page
    client.post(url, {**CONTEXT_ANSWER, "teacher_vacancies": "9", "action": "send"})
    answer.refresh_from_db()
    assert answer.values["teacher_vacancies"] == "2"


def test_who_may_open_an_answer(as_user, world, context_inquiry):
    answer = context_inquiry.answers.get(recipient=world.school)
    url = reverse("inquiries:answer", args=[answer.pk])

    assert as_user("teacher").get(url).status_code == 403
    assert as_user("other_director").get(url).status_code == 404
    observer = as_user("observer")
    assert observer.get(url).status_code == 200  # the sender reads it
    assert observer.post(url, {**CONTEXT_ANSWER, "action": "send"}).status_code == 403
    assert as_user("other_director").get(reverse("inquiries:detail", args=[context_inquiry.pk])).status_code == 403


def test_the_sender_returns_a_sent_answer_with_a_comment(as_user, world, context_inquiry):
    answer = context_inquiry.answers.get(recipient=world.school)
    save_answer(answer, CONTEXT_ANSWER, send=True)
    url = reverse("inquiries:return", args=[answer.pk])

    assert as_user("director").post(url, {"comment": "сам себе"}).status_code == 403
    response = as_user("observer").post(url, {"comment": "Уточните подвоз"})

    assert response.status_code == 302
    answer.refresh_from_db()
    assert (answer.status, answer.return_comment) == (AnswerStatus.RETURNED, "Уточните подвоз")
    page = as_user("director").get(reverse("inquiries:answer", args=[answer.pk])).content.decode()
    assert "Возвращён на доработку:</strong> Уточните подвоз" in page and "Отправить</button>" in page


def test_the_senders_page_says_who_answered_and_gives_the_excel(as_user, world, context_inquiry):
    save_answer(context_inquiry.answers.get(recipient=world.school), CONTEXT_ANSWER, send=True)
    url = reverse("inquiries:detail", args=[context_inquiry.pk])
    client = as_user("observer")

    page = client.get(url).content.decode()
    assert "1 из 2" in page and "сумма 40, среднее 40" in page

    response = client.get(url, {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert AuditEntry.objects.filter(object_type="inquiry", action="export", object_id=str(context_inquiry.pk)).exists()


def test_a_regions_questionnaire_is_answered_by_the_municipalitys_observer_not_the_regions(client, world):
    region = OrgUnit.objects.create(code="reg", name="Область", kind=OrgUnitKind.REGION)
    world.municipality.parent = region
    world.municipality.save()
    regional = make_user("regional", role=Role.OBSERVER, org_unit=region)
    inquiry = send_inquiry(sender=region, form="authority_head", year=YEAR, title="Анкета руководителя МОУО",
                           text="", deadline=datetime.date(2999, 1, 1), user=regional)
    answer = InquiryAnswer.objects.get(inquiry=inquiry)

    assert answer.recipient == world.municipality
    assert permissions.can_answer_inquiry(world.users["observer"], world.municipality)
    assert not permissions.can_answer_inquiry(regional, world.municipality)
    assert not permissions.can_answer_inquiry(world.users["director"], world.municipality)
    client.force_login(world.users["observer"])
    assert reverse("inquiries:answer", args=[answer.pk]) in client.get("/").content.decode()


def test_the_sender_does_not_read_a_draft(as_user, world, context_inquiry):
    answer = context_inquiry.answers.get(recipient=world.school)
    save_answer(answer, {"pupils_transported": "31"}, send=False)
    url = reverse("inquiries:answer", args=[answer.pk])

    assert "<td class=\"wrap\">31</td>" not in as_user("observer").get(url).content.decode()
    save_answer(answer, {**CONTEXT_ANSWER, "pupils_transported": "31"}, send=True)
    assert "<td class=\"wrap\">31</td>" in as_user("observer").get(url).content.decode()


def test_the_observer_may_send_to_some_schools_only(as_user, world):
    deadline = timezone.localdate() + datetime.timedelta(days=10)
    send_from_page(as_user("observer"), {
        "sender": "mun", "form": "context", "title": "Контекст", "year": school_year_of(timezone.localdate()),
        "deadline": deadline.isoformat(), "recipients": ["s2"]})

    assert [a.recipient.code for a in Inquiry.objects.get().answers.all()] == ["s2"]


def excel_rows(response) -> tuple[object, list[tuple]]:
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    return sheet, list(sheet.iter_rows(values_only=True))


def printed_width(sheet) -> int:
    """The sheet's columns together, in characters (openpyxl reads a width of 40 as 40.71: Excel's padding)."""
    return sum(int(sheet.column_dimensions[get_column_letter(n)].width) for n in range(1, sheet.max_column + 1))


def test_the_excel_has_a_row_per_question_for_fewer_schools_than_questions_and_the_summary(
        as_user, world, context_inquiry):
    save_answer(context_inquiry.answers.get(recipient=world.school), CONTEXT_ANSWER, send=True)
    save_answer(context_inquiry.answers.get(recipient=world.other_school), {"pupils_large_families": "7"}, send=False)

    response = as_user("observer").get(reverse("inquiries:detail", args=[context_inquiry.pk]), {"format": "xlsx"})

    sheet, rows = excel_rows(response)
    header = rows.index(("Вопрос", "МБОУ «Школа №1»", "МБОУ «Школа №2»", None, None))  # 2 schools, 14 questions
    assert rows[header + 1][:3] == ("Состояние", "отправлен", "черновик")
    families = next(r for r in rows[header:] if r[0] == "Число обучающихся из многодетных семей")
    assert families[1:3] == (40, None)  # a draft is not shown
    assert next(r for r in rows[header:] if r[0] == "Доля обучающихся, занимающихся во вторую смену, %")[1] == 12.5
    summary = next(r for r in rows if r[0] == "Число обучающихся из многодетных семей" and r[1] == 1)
    assert summary[2:4] == (40, 40)
    # 5 columns a landscape page holds at 86 %, not 17 columns 277 characters wide squeezed onto it at half size
    assert sheet.max_column == 5 and printed_width(sheet) <= PRINT_CHARS


def test_the_excel_for_more_schools_than_questions_splits_the_questions_into_tables_a_page_wide(
        as_user, world, context_inquiry):
    for n in range(3, 16):  # 15 schools, 14 questions
        OrgUnit.objects.create(code=f"s{n}", name=f"МБОУ «СОШ № {n}»", kind=OrgUnitKind.SCHOOL,
                               parent=world.municipality)
    inquiry = send_inquiry(sender=world.municipality, form="context", year=YEAR, title="Контекст 15 школ",
                           text="", deadline=datetime.date(2999, 12, 1), user=world.users["observer"])
    save_answer(inquiry.answers.get(recipient=world.school), CONTEXT_ANSWER, send=True)

    sheet, rows = excel_rows(as_user("observer").get(reverse("inquiries:detail", args=[inquiry.pk]),
                                                     {"format": "xlsx"}))

    headers = [r for r in rows if r[0] == "Кому"]
    assert [sum(1 for cell in h[1:] if cell) for h in headers] == [2 + 5, 5, 4]  # state and date, 14 questions
    assert headers[0][1:4] == ("Состояние", "Отправлен", "Число обучающихся из многодетных семей")
    assert headers[2][1:3] == ("Социальный педагог", "Доступная среда для обучающихся с ОВЗ и инвалидностью")
    assert rows[rows.index(headers[0]) - 1][0] == "Вопросы 1–5"
    school = [r for r in rows if r[0] == "МБОУ «Школа №1»"]
    assert [r[3] for r in school[:2]] == [40, "в штате на полную ставку"]  # 1st and 8th question (3rd of table 2)
    assert sheet.max_column == 8 and printed_width(sheet) <= PRINT_CHARS


def test_the_new_request_offers_a_deadline_in_two_weeks_as_the_date_picker_reads_it(as_user):
    in_two_weeks = timezone.localdate() + datetime.timedelta(days=14)

    page = as_user("observer").get(reverse("inquiries:new")).content.decode()

    assert f'type="date" name="deadline" value="{in_two_weeks.isoformat()}"' in page


def test_the_observers_overview_names_the_requests_not_everybody_has_answered(as_user, world, context_inquiry):
    detail = reverse("inquiries:detail", args=[context_inquiry.pk])
    save_answer(context_inquiry.answers.get(recipient=world.school), CONTEXT_ANSWER, send=True)

    page = as_user("observer").get("/").content.decode()
    assert detail in page and "ответили 1 из 2" in page

    save_answer(context_inquiry.answers.get(recipient=world.other_school), CONTEXT_ANSWER, send=True)
    assert detail not in as_user("observer").get("/").content.decode()


def test_a_superusers_incoming_list_and_overview_are_those_of_their_own_school_only(client, world, context_inquiry):
    admin = make_user("root-admin", role=Role.ADMIN, org_unit=world.school)
    admin.is_superuser = True
    admin.save()
    own = reverse("inquiries:answer", args=[context_inquiry.answers.get(recipient=world.school).pk])
    other = reverse("inquiries:answer", args=[context_inquiry.answers.get(recipient=world.other_school).pk])
    client.force_login(admin)

    incoming = client.get(reverse("inquiries:index")).content.decode()
    overview = client.get("/").content.decode()

    assert own in incoming and own in overview
    assert other not in overview
    assert other not in incoming.split('id="sent"')[0]  # the sent list (every unit's, as the superuser sends) aside
    assert client.get(other).status_code == 200  # the administrator of every school still opens it


def test_a_superuser_without_a_unit_reads_why_the_incoming_list_is_empty(client, world, context_inquiry):
    root = get_user_model().objects.create_superuser("root", password="root")
    client.force_login(root)

    page = client.get(reverse("inquiries:index")).content.decode()

    assert "Вы вошли как суперпользователь без роли в организации" in page
    incoming = page.split('id="sent"')[0]
    assert reverse("inquiries:answer", args=[context_inquiry.answers.first().pk]) not in incoming
    assert "/inquiries/answers/" not in client.get("/").content.decode()


def test_the_excel_summary_sums_numbers_not_percentages_and_reads_as_the_page(as_user, world, context_inquiry):
    # The Excel gave «Сумма 52.00» of four schools' shares of the second shift (a sum of percentages means nothing;
    # its own note says a sum is of the numeric questions), and «373.00» for a sum of whole pupils.
    save_answer(context_inquiry.answers.get(recipient=world.school), CONTEXT_ANSWER, send=True)
    save_answer(context_inquiry.answers.get(recipient=world.other_school),
                CONTEXT_ANSWER | {"pupils_large_families": "7", "second_shift": "20"}, send=True)

    sheet, rows = excel_rows(as_user("observer").get(reverse("inquiries:detail", args=[context_inquiry.pk]),
                                                     {"format": "xlsx"}))

    start = rows.index(("Вопрос", "Ответили", "Сумма", "Среднее", "Распределение ответов"))
    by_question = {r[0]: (n, r) for n, r in enumerate(rows[start:], start + 1)}
    n, families = by_question["Число обучающихся из многодетных семей"]
    assert families[1:4] == (2, 47, 23.5)  # 40 + 7, a mean of two
    assert sheet.cell(n, 3).number_format == "0"  # 47, not 47.00
    n, shift = by_question["Доля обучающихся, занимающихся во вторую смену, %"]
    assert shift[1:4] == (2, None, 16.25)  # (12,5 + 20) / 2; no sum
    assert sheet.cell(n, 4).number_format == "0.0"  # «16,3» as the page's «среднее 16,3 %»
