import datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from tests.accounts.personas import YEAR
from tests.inquiries.conftest import CONTEXT_ANSWER
from vsoko.audit.models import AuditEntry
from vsoko.inquiries.enums import AnswerStatus
from vsoko.inquiries.questions import forms
from vsoko.inquiries.summary import status_rows, summarize
from vsoko.inquiries.workflow import (
    InquiryError,
    recipients_dative,
    return_answer,
    save_answer,
    send_inquiry,
)
from vsoko.records.approval import set_status
from vsoko.records.enums import ApprovalStatus, OrgUnitKind, ValueScope
from vsoko.records.models import ManualValue, OrgUnit


def answer_of(inquiry, school):
    return inquiry.answers.get(recipient=school)


def test_a_municipalitys_request_goes_to_each_of_its_schools_and_is_in_the_journal(world, context_inquiry):
    assert sorted(a.recipient.code for a in context_inquiry.answers.all()) == ["s1", "s2"]
    assert set(context_inquiry.answers.values_list("status", flat=True)) == {AnswerStatus.NEW}
    entry = AuditEntry.objects.get(object_type="inquiry")
    assert (entry.object_id, entry.user, entry.details["получателей"]) == (str(context_inquiry.pk),
                                                                          world.users["observer"], 2)


def test_a_form_for_municipalities_cannot_be_sent_by_a_municipality(world):
    with pytest.raises(InquiryError, match="органы местного самоуправления: у «Городской округ» таких получателей нет"):
        send_inquiry(sender=world.municipality, form="authority_head", year=YEAR, title="Анкета",
                     text="", deadline=datetime.date(2999, 1, 1))


def test_a_draft_with_a_bad_field_is_not_saved_and_the_error_names_the_field(world, context_inquiry):
    answer = answer_of(context_inquiry, world.school)

    with pytest.raises(InquiryError) as caught:
        save_answer(answer, {**CONTEXT_ANSWER, "pupils_transported": "тридцать"}, send=False)

    assert list(caught.value.by_field) == ["pupils_transported"]
    assert caught.value.errors[0].startswith("«Число обучающихся, которых подвозят к школе (подвоз)»: Нужно число")
    answer.refresh_from_db()
    assert (answer.status, answer.values) == (AnswerStatus.NEW, {})


def test_a_draft_keeps_what_is_filled_and_sending_needs_every_required_field(world, context_inquiry):
    answer = answer_of(context_inquiry, world.school)
    save_answer(answer, {"pupils_large_families": "40"}, send=False)
    answer.refresh_from_db()
    assert (answer.status, answer.values) == (AnswerStatus.DRAFT, {"pupils_large_families": "40"})

    with pytest.raises(InquiryError) as caught:
        save_answer(answer, {**CONTEXT_ANSWER, "medical_office": ""}, send=True)

    assert caught.value.errors == ["«Оборудованный медицинский кабинет»: поле не заполнено — без него ответ не отправить."]
    answer.refresh_from_db()
    assert answer.status == AnswerStatus.DRAFT


def test_a_schools_sent_answer_fills_the_indicators_its_fields_name_keeping_the_benchmarks(
        world, context_inquiry, context_indicators):
    ManualValue.objects.create(school=world.school, year_id=YEAR, indicator="reg004.4.2.2",
                               scope=ValueScope.MUNICIPALITY, value=Decimal("91"))
    answer = answer_of(context_inquiry, world.school)

    changed = save_answer(answer, CONTEXT_ANSWER, send=True, user=world.users["director"])

    answer.refresh_from_db()
    assert answer.status == AnswerStatus.SENT and answer.sent_by == world.users["director"]
    assert answer.values["second_shift"] == "12.5" and "notes" not in answer.values
    stored = {(mv.indicator, mv.scope): mv.value for mv in ManualValue.objects.filter(school=world.school, year_id=YEAR)}
    assert stored == {("reg004.4.2.2", ValueScope.SCHOOL): Decimal("96.5"), ("reg000.7.5", ValueScope.SCHOOL): Decimal(1),
                      ("reg004.4.2.2", ValueScope.MUNICIPALITY): Decimal("91")}
    assert changed == 2
    assert ManualValue.objects.get(indicator="reg000.7.5").source == "Ответ на запрос «Контекст школ» (Городской округ)"
    assert not ManualValue.objects.filter(school=world.other_school).exists()
    sent = AuditEntry.objects.get(object_type="inquiry_answer")
    assert (sent.school, sent.details["действие"]) == (world.school, "ответ отправлен")


def test_an_answer_that_would_change_approved_data_is_not_sent(world, context_inquiry, context_indicators):
    set_status(school=world.school, year=YEAR, status=ApprovalStatus.APPROVED, user=world.users["director"])
    answer = answer_of(context_inquiry, world.school)

    with pytest.raises(InquiryError, match="Ответ не отправлен: он заполняет показатели школы, а данные за 2024/2025"):
        save_answer(answer, CONTEXT_ANSWER, send=True)

    answer.refresh_from_db()
    assert (answer.status, answer.values) == (AnswerStatus.NEW, {})
    assert not ManualValue.objects.exists()


def test_a_sent_answer_is_read_only_until_the_sender_returns_it_with_a_comment(world, context_inquiry):
    answer = answer_of(context_inquiry, world.school)
    save_answer(answer, CONTEXT_ANSWER, send=True)

    with pytest.raises(InquiryError, match="Ответ уже отправлен"):
        save_answer(answer, CONTEXT_ANSWER, send=False)
    with pytest.raises(InquiryError, match="«Что исправить»"):
        return_answer(answer, "  ")

    return_answer(answer, "Проверьте число вакансий", user=world.users["observer"])
    answer.refresh_from_db()
    assert (answer.status, answer.return_comment) == (AnswerStatus.RETURNED, "Проверьте число вакансий")
    save_answer(answer, {**CONTEXT_ANSWER, "teacher_vacancies": "3"}, send=True)
    answer.refresh_from_db()
    assert (answer.status, answer.values["teacher_vacancies"]) == (AnswerStatus.SENT, "3")
    assert AuditEntry.objects.filter(object_type="inquiry_answer").count() == 3  # sent, returned, sent again


def test_the_summary_counts_the_sent_answers_only(world, context_inquiry):
    save_answer(answer_of(context_inquiry, world.school), CONTEXT_ANSWER, send=True)
    save_answer(answer_of(context_inquiry, world.other_school), {
        **CONTEXT_ANSWER, "pupils_large_families": "15", "second_shift": "0", "medical_office": "нет",
        "psychologist": "нет"}, send=True)
    answers = list(context_inquiry.answers.all())

    by_key = {s.field.key: s for s in summarize(forms()["context"], answers)}

    families = by_key["pupils_large_families"]
    assert (families.answered, families.total, families.mean) == (2, 55, Fraction(55, 2))
    assert by_key["pupils_large_families"].text == "сумма 55, среднее 27,5"
    assert by_key["second_shift"].mean == Fraction(25, 4)  # (12,5 + 0) / 2
    assert by_key["medical_office"].counts == [("да", 1, Fraction(1, 2)), ("нет", 1, Fraction(1, 2))]
    assert by_key["psychologist"].text == "в штате на полную ставку — 1; нет — 1"
    assert by_key["notes"].answered == 0


def test_a_draft_is_not_in_the_summary_and_an_unsent_answer_is_overdue_after_the_deadline(world, context_inquiry):
    save_answer(answer_of(context_inquiry, world.school), {"pupils_large_families": "40"}, send=False)
    answers = list(context_inquiry.answers.all())

    assert summarize(forms()["context"], answers)[0].answered == 0
    late = datetime.date(3000, 1, 1)
    assert [row.overdue for row in status_rows(context_inquiry, late)] == [True, True]
    assert [row.overdue for row in status_rows(context_inquiry, datetime.date(2999, 12, 1))] == [False, False]


def test_recipients_the_form_does_not_go_to_are_refused(world):
    with pytest.raises(InquiryError, match="среди отмеченных получателей таких нет"):
        send_inquiry(sender=world.municipality, form="context", year=YEAR, title="Контекст", text="",
                     deadline=datetime.date(2999, 1, 1), recipients=[world.municipality])
    inquiry = send_inquiry(sender=world.municipality, form="context", year=YEAR, title="Контекст", text="",
                           deadline=datetime.date(2999, 1, 1), recipients=[world.other_school, world.municipality])
    assert [a.recipient for a in inquiry.answers.all()] == [world.other_school]


@pytest.mark.parametrize(("count", "kind", "words"), [
    (1, OrgUnitKind.SCHOOL, "1 школе"), (2, OrgUnitKind.SCHOOL, "2 школам"), (8, OrgUnitKind.SCHOOL, "8 школам"),
    (11, OrgUnitKind.SCHOOL, "11 школам"), (21, OrgUnitKind.SCHOOL, "21 школе"),
    (1, OrgUnitKind.MUNICIPALITY, "1 муниципалитету"), (5, OrgUnitKind.MUNICIPALITY, "5 муниципалитетам"),
])
def test_whom_the_request_goes_to_in_the_question_before_sending(count, kind, words):
    assert recipients_dative([OrgUnit(kind=kind)] * count) == words
