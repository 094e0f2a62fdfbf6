"""Sending a request, answering it, returning an answer «на доработку»: plain functions the views call.

Each of them either does everything or nothing (one transaction), and writes its entry in the audit journal.
A school's sent answer fills the hand-entered indicators its form's fields name (`Field.indicator`): the same
`save_entries` the «Ввод значений» form uses, for the request's school year.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.indicators.entry import current_values, save_entries
from vsoko.indicators.enums import Method
from vsoko.indicators.formatting import plural
from vsoko.indicators.models import Indicator
from vsoko.inquiries.enums import AnswerStatus
from vsoko.inquiries.models import Inquiry, InquiryAnswer
from vsoko.inquiries.questions import YES, Form, forms
from vsoko.records.approval import DataLocked
from vsoko.records.enums import OrgUnitKind
from vsoko.records.models import OrgUnit, SchoolYear


class InquiryError(ValueError):
    """Why the request or the answer was not saved, in Russian; `errors` one message a field or reason."""

    def __init__(self, errors: list[str], by_field: dict[str, str] | None = None):
        super().__init__(" ".join(errors))
        self.errors = errors
        self.by_field = by_field or {}  # field key → its message, shown at the field


def recipients_for(sender: OrgUnit, form: Form) -> QuerySet[OrgUnit]:
    """Who a unit's request with this form goes to: the schools under it, or the municipalities of a region."""
    if form.recipient_kind == OrgUnitKind.SCHOOL:
        return sender.descendant_schools().exclude(pk=sender.pk).order_by("name")
    return OrgUnit.objects.filter(parent=sender, kind=form.recipient_kind).order_by("name")


def chosen_recipients(sender: OrgUnit, form: str, recipients: list[OrgUnit] | None = None) -> tuple[Form, list[OrgUnit]]:
    """The form and who the request goes to: those of `recipients` the form goes to, or all `recipients_for` the
    sender when none are given — what «Отправить запрос …?» lists before anything is sent."""
    chosen = forms().get(form)
    if chosen is None:
        raise InquiryError([f"Формы «{form}» нет: есть {', '.join(forms())}."])
    allowed = list(recipients_for(sender, chosen))
    if not allowed:
        raise InquiryError([f"Форма «{chosen.title}» направляется в {chosen.audience_label}: у «{sender.name}» "
                            "таких получателей нет."])
    if not recipients:
        return chosen, allowed
    recipients = [r for r in allowed if r in recipients]
    if not recipients:
        raise InquiryError([f"Форма «{chosen.title}» направляется в {chosen.audience_label}, а среди отмеченных "
                            "получателей таких нет: отметьте их или снимите все отметки (тогда — всем)."])
    return chosen, recipients


def recipients_dative(units: list[OrgUnit]) -> str:
    """«8 школам», «1 школе», «21 школе», «3 муниципалитетам»: whom, in the question before sending."""
    n = len(units)
    if all(u.kind == OrgUnitKind.SCHOOL for u in units):
        return f"{n} {plural(n, 'школе', 'школам', 'школам')}"
    if all(u.kind == OrgUnitKind.MUNICIPALITY for u in units):
        return f"{n} {plural(n, 'муниципалитету', 'муниципалитетам', 'муниципалитетам')}"
    return f"{n} {plural(n, 'организации', 'организациям', 'организациям')}"


@transaction.atomic
def send_inquiry(*, sender: OrgUnit, form: str, year: int, title: str, text: str, deadline: datetime.date,
                 recipients: list[OrgUnit] | None = None, confirmation: str = "", user=None,
                 request=None) -> Inquiry:
    """Create the request and one answer a recipient (`chosen_recipients`). `confirmation` — the token of the
    confirmation page it is sent from: sent again with it (a double click), IntegrityError and nothing more."""
    chosen, recipients = chosen_recipients(sender, form, recipients)
    SchoolYear.objects.get_or_create(start=year)
    inquiry = Inquiry.objects.create(sender=sender, form=form, year_id=year, title=title, text=text,
                                     deadline=deadline, confirmation=confirmation, created_by=user if getattr(user, "is_authenticated", False)
                                     else None)
    InquiryAnswer.objects.bulk_create([InquiryAnswer(inquiry=inquiry, recipient=r) for r in recipients])
    record(user=user, action=AuditAction.CHANGE, object_type="inquiry", object_id=str(inquiry.pk), details={
        "действие": "запрос направлен", "форма": chosen.title, "от": sender.name, "получателей": len(recipients),
        "срок": deadline.strftime("%d.%m.%Y")}, request=request)
    return inquiry


def read_answer(form: Form, data: dict[str, str], *, sending: bool) -> dict[str, str]:
    """The typed answers as stored (empty fields left out); InquiryError naming every field that cannot be taken
    — on sending, every required field left empty too."""
    values, errors = {}, {}
    for field in form.fields:
        try:
            value = field.read(data.get(field.key, ""))
        except ValueError as exc:
            errors[field.key] = str(exc)
            continue
        if value is not None:
            values[field.key] = value
        elif sending and not field.optional:
            errors[field.key] = f"«{field.label}»: поле не заполнено — без него ответ не отправить."
    if errors:
        raise InquiryError(list(errors.values()), errors)
    return values


def editable(answer: InquiryAnswer) -> bool:
    """The recipient may still change the answer: not sent, or returned «на доработку»."""
    return answer.status != AnswerStatus.SENT


@transaction.atomic
def save_answer(answer: InquiryAnswer, data: dict[str, str], *, send: bool, user=None, request=None) -> int:
    """Save the typed answers as a draft, or send them; InquiryError (nothing saved) when a field cannot be taken,
    the answer is already sent, or the year's data of the school are approved and an indicator would change.
    Returns the number of indicator values changed."""
    if not editable(answer):
        raise InquiryError(["Ответ уже отправлен: изменить его можно, только если запрос вернут на доработку."])
    form = forms().get(answer.inquiry.form)
    if form is None:
        raise InquiryError([f"Формы «{answer.inquiry.form}» больше нет: ответ не сохранить."])
    values = read_answer(form, data, sending=send)
    changed = _fill_indicators(answer, form, values, user=user, request=request) if send else 0
    answer.values = values
    answer.updated = timezone.now()
    if send:
        answer.status = AnswerStatus.SENT
        answer.sent_at = answer.updated
        answer.sent_by = user if getattr(user, "is_authenticated", False) else None
        answer.reminded_at = None  # the reminder was about this answer being late
    elif answer.status == AnswerStatus.NEW:
        answer.status = AnswerStatus.DRAFT
    answer.save()
    if send:
        record(user=user, action=AuditAction.CHANGE, object_type="inquiry_answer", object_id=str(answer.pk),
               school=_school_of(answer.recipient), details={
                   "действие": "ответ отправлен", "запрос": answer.inquiry.title, "кто отвечает": answer.recipient.name,
                   "показателей изменено": changed}, request=request)
    return changed


def _school_of(unit: OrgUnit) -> OrgUnit | None:
    return unit if unit.kind == OrgUnitKind.SCHOOL else None


def _fill_indicators(answer: InquiryAnswer, form: Form, values: dict[str, str], *, user, request) -> int:
    """The school's entered values of the indicators the form's answered fields name, for the request's year."""
    school = answer.recipient
    named = {f.indicator: f for f in form.fields if f.indicator and f.key in values}
    if school.kind != OrgUnitKind.SCHOOL or not named:
        return 0
    indicators = list(Indicator.objects.filter(code__in=list(named), method=Method.ENTERED))
    if not indicators:  # the catalog is not loaded: the answer keeps the value
        return 0
    year = answer.inquiry.year_id
    current = current_values(school, year, indicators)
    source = f"Ответ на запрос «{answer.inquiry.title}» ({answer.inquiry.sender.name})"[:500]
    entries = []
    for indicator in indicators:
        field = named[indicator.code]
        raw = values[field.key]
        value = Decimal(1 if raw == YES else 0) if field.type == "yesno" else Decimal(raw)
        data = {**current[indicator.pk], "value": value, "numerator": None, "denominator": None, "source": source}
        entries.append((indicator, data))
    try:
        return save_entries(school=school, year=year, entries=entries, user=user, request=request)
    except DataLocked as exc:
        reason = str(exc)
        raise InquiryError([f"Ответ не отправлен: он заполняет показатели школы, а {reason[:1].lower()}{reason[1:]}"]
                           ) from None


@transaction.atomic
def return_answer(answer: InquiryAnswer, comment: str, *, user=None, request=None) -> None:
    """Send a sent answer back to its recipient «на доработку», saying what to correct."""
    comment = (comment or "").strip()
    if answer.status != AnswerStatus.SENT:
        raise InquiryError(["Вернуть на доработку можно только отправленный ответ."])
    if not comment:
        raise InquiryError(["«Что исправить»: напишите, что нужно исправить, — без этого ответ не вернуть."])
    answer.status = AnswerStatus.RETURNED
    answer.return_comment = comment[:2000]
    answer.save(update_fields=["status", "return_comment"])
    record(user=user, action=AuditAction.CHANGE, object_type="inquiry_answer", object_id=str(answer.pk),
           school=_school_of(answer.recipient), details={
               "действие": "ответ возвращён на доработку", "запрос": answer.inquiry.title,
               "кто отвечает": answer.recipient.name}, request=request)


def open_answers(units: QuerySet[OrgUnit]) -> QuerySet[InquiryAnswer]:
    """The answers of these units still to be sent (new, draft, returned), the nearest deadline first."""
    return (InquiryAnswer.objects.filter(recipient__in=units).exclude(status=AnswerStatus.SENT)
            .select_related("inquiry", "inquiry__sender", "recipient").order_by("inquiry__deadline", "pk"))


def answered(inquiry: Inquiry) -> int:
    """How many recipients have sent an answer (a returned one was sent too): a request they answered stays."""
    return inquiry.answers.filter(status__in=[AnswerStatus.SENT, AnswerStatus.RETURNED]).count()


@transaction.atomic
def withdraw_inquiry(inquiry: Inquiry, *, user=None, request=None) -> None:
    """Take back a request sent by mistake: deleted with its answers (the recipients' drafts among them), and
    recorded in the journal; refused once a recipient has sent an answer."""
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    sent = answered(inquiry)
    if sent:
        raise InquiryError([f"Запрос «{inquiry.title}» не отозван: ответили уже {sent} из {inquiry.answers.count()}. "
                            "Отозвать можно только запрос, на который ещё никто не ответил; неверный ответ можно "
                            "вернуть на доработку."])
    answers = inquiry.answers.aggregate(total=Count("pk"), drafts=Count("pk", filter=Q(status=AnswerStatus.DRAFT)))
    details = {"действие": "запрос отозван", "запрос": inquiry.title, "форма": _form_title(inquiry.form),
               "от": inquiry.sender.name, "получателей": answers["total"], "черновиков удалено": answers["drafts"],
               "срок": inquiry.deadline.strftime("%d.%m.%Y")}
    pk = inquiry.pk
    inquiry.delete()
    record(user=user, action=AuditAction.CHANGE, object_type="inquiry", object_id=str(pk), details=details,
           request=request)


def _form_title(code: str) -> str:
    form = forms().get(code)
    return form.title if form else code


@transaction.atomic
def reminded_on(answer: InquiryAnswer, day: datetime.date) -> bool:
    """Whether the answer was reminded of on this (local) day."""
    return answer.reminded_at is not None and timezone.localtime(answer.reminded_at).date() == day


def remind_overdue(inquiry: Inquiry, today: datetime.date, *, user=None, request=None) -> list[InquiryAnswer]:
    """«Напомнить просрочившим»: mark the answers not sent by the passed deadline as reminded now (no e-mail
    exists: the recipient reads the reminder on the overview and the answer's page); the journal names them.
    Once a day: those reminded today are left out. Returns them, by name; InquiryError when nobody is late or
    all the late were reminded today."""
    if today <= inquiry.deadline:
        raise InquiryError([f"Срок ответа {inquiry.deadline:%d.%m.%Y} ещё не прошёл: напоминать некому."])
    late = sorted(inquiry.answers.exclude(status=AnswerStatus.SENT).select_related("recipient"),
                  key=lambda a: a.recipient.name)
    if not late:
        raise InquiryError(["Просрочивших нет: ответили все."])
    reminded = [a for a in late if reminded_on(a, today)]  # once a day: a second click marked them again
    late = [a for a in late if a not in reminded]
    if not late:
        raise InquiryError([f"Сегодня просрочившим уже напомнили: {', '.join(a.recipient.name for a in reminded)}."])
    now = timezone.now()
    InquiryAnswer.objects.filter(pk__in=[a.pk for a in late]).update(reminded_at=now)
    for answer in late:
        answer.reminded_at = now
    record(user=user, action=AuditAction.CHANGE, object_type="inquiry", object_id=str(inquiry.pk), details={
        "действие": "напоминание просрочившим", "запрос": inquiry.title, "сколько": len(late),
        "кому": ", ".join(a.recipient.name for a in late)[:1000]}, request=request)
    return late
