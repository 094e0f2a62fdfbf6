"""«Запросы»: the sender's requests with who answered, the recipient's answers to fill and send."""

from __future__ import annotations

import datetime
import re
import secrets

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from vsoko.accounts import permissions
from vsoko.inquiries import summary
from vsoko.inquiries.enums import AnswerStatus
from vsoko.inquiries.models import Inquiry, InquiryAnswer
from vsoko.inquiries.questions import TEXT_LIMIT, forms
from vsoko.inquiries.workflow import (
    InquiryError,
    chosen_recipients,
    editable,
    recipients_dative,
    recipients_for,
    remind_overdue,
    return_answer,
    save_answer,
    send_inquiry,
    withdraw_inquiry,
)
from vsoko.records.enums import OrgUnitKind
from vsoko.records.schools import name_order
from vsoko.records.years import school_year_of, year_label
from vsoko.web.downloads import excel_response, rows_count, wants_excel
from vsoko.web.forms import DateInput

NOT_FOR_YOU = ("Запросы органов управления образованием — для администрации школы (директор, заместитель, "
               "администратор) и специалистов муниципалитета.")


def _require_user(request) -> None:
    if not permissions.uses_inquiries(request.user):
        raise PermissionDenied(NOT_FOR_YOU)


def _senders(request) -> list:
    return sorted(permissions.units_sending_inquiries_for(request.user), key=name_order)


def index(request):
    _require_user(request)
    today = timezone.localdate()
    # the units of the user's roles: a superuser is not every school's recipient (they open any from the request)
    units = permissions.units_answering_inquiries_by_role(request.user)
    incoming = list(InquiryAnswer.objects.filter(recipient__in=units)
                    .select_related("inquiry", "inquiry__sender", "recipient")
                    .order_by("-inquiry__created", "recipient__name")[:200])
    senders = _senders(request)
    sent = []
    if senders:
        sent = list(Inquiry.objects.filter(sender__in=senders).select_related("sender").annotate(
            recipients=Count("answers"), answered=Count("answers", filter=Q(answers__status=AnswerStatus.SENT)))
            .order_by("-created")[:200])
    return render(request, "inquiries/index.html", {
        "incoming": [(a, AnswerStatus(a.status), a.status != AnswerStatus.SENT and today > a.inquiry.deadline)
                     for a in incoming],
        "several_recipients": len({a.recipient_id for a in incoming}) > 1,
        "sent": [(i, forms()[i.form].title if i.form in forms() else i.form,
                  i.answered < i.recipients and today > i.deadline) for i in sent],
        "senders": senders,
        "superuser_without_unit": request.user.is_superuser and not units.exists(),
    })


class InquiryForm(django_forms.Form):
    sender = django_forms.ChoiceField(label="От кого")
    form = django_forms.ChoiceField(label="Форма")
    # As «Новый опрос»: empty = the form's title (a title filled in for the first form stayed when another was chosen)
    title = django_forms.CharField(label="Название запроса", max_length=200, required=False,
                                   help_text="Если оставить пустым — название формы.")
    year = django_forms.TypedChoiceField(label="Учебный год, за который спрашиваем", coerce=int)
    deadline = django_forms.DateField(label="Срок ответа", widget=DateInput(),
                                      error_messages={"required": "Срок ответа не указан.",
                                                      "invalid": "Срок ответа — дата, например 25.10.2025."})
    text = django_forms.CharField(label="Сопроводительный текст", required=False, max_length=3000,
                                  widget=django_forms.Textarea(attrs={"rows": 4}))
    recipients = django_forms.MultipleChoiceField(
        label="Кому", required=False, widget=django_forms.CheckboxSelectMultiple,
        help_text="Не отмечено ни одной — всем, кому направляется форма.")

    def __init__(self, *args, senders, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["sender"].choices = [(u.code, u.name) for u in senders]
        # only the forms that have recipients under one of the senders (a municipality has no municipalities)
        reachable = [f for f in forms().values() if any(recipients_for(u, f).exists() for u in senders)]
        self.fields["form"].choices = [(f.code, f"{f.title} (п. {f.item}; {f.audience_label})")
                                       for f in reachable or forms().values()]
        current = school_year_of(today)
        self.fields["year"].choices = [(y, year_label(y)) for y in (current, current - 1)]
        self.units = {u.code: u for sender in senders for u in _under(sender)}
        self.fields["recipients"].choices = [(code, u.name) for code, u in self.units.items()]

    def clean(self):
        data = super().clean()
        if data.get("form") in forms() and not data.get("title"):
            data["title"] = forms()[data["form"]].title
        return data

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < self.today:
            raise django_forms.ValidationError(f"Срок ответа {deadline:%d.%m.%Y} уже прошёл: укажите сегодняшнюю "
                                               "или более позднюю дату.")
        return deadline


def _under(sender) -> list:
    """The units a sender's request may go to: its municipalities (a region's), then its schools, by name."""
    municipalities = sorted(sender.children.filter(kind=OrgUnitKind.MUNICIPALITY), key=name_order)
    return municipalities + sorted(sender.descendant_schools().exclude(pk=sender.pk), key=name_order)


def new(request):
    _require_user(request)
    senders = _senders(request)
    if not senders:
        raise PermissionDenied("Запросы направляет специалист муниципалитета или региона (роль «наблюдатель "
                               "муниципалитета»).")
    today = timezone.localdate()
    chosen = forms().get(request.GET.get("form", ""), next(iter(forms().values())))
    form = InquiryForm(request.POST or None, senders=senders, today=today, initial={
        "sender": senders[0].code, "form": chosen.code, "year": school_year_of(today),
        "deadline": today + datetime.timedelta(days=14)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sender = next(u for u in senders if u.code == data["sender"])
        try:
            chosen, recipients = chosen_recipients(sender, data["form"], [form.units[c] for c in data["recipients"]])
        except InquiryError as exc:
            form.add_error(None, str(exc))
        else:
            action = request.POST.get("action")
            token = request.POST.get("confirmation", "")
            # «Отправить» sends to those the confirmation listed; had the list changed since (a school added), it asks again
            changed = action == "send" and (request.POST.getlist("confirmed") != [r.code for r in recipients]
                                             or not token)
            if action == "send" and not changed:
                try:
                    inquiry = send_inquiry(sender=sender, form=data["form"], year=data["year"], title=data["title"],
                                           text=data["text"], deadline=data["deadline"], recipients=recipients,
                                           confirmation=token[:40], user=request.user, request=request)
                except IntegrityError:  # «Отправить» clicked twice: the first one sent it
                    inquiry = get_object_or_404(Inquiry, confirmation=token[:40], sender__in=senders)
                    messages.info(request, "Запрос уже направлен — второй раз он не отправлен.")
                else:
                    messages.success(request, f"Запрос направлен: получателей — {inquiry.answers.count()}.")
                return redirect("inquiries:detail", pk=inquiry.pk)
            if action != "edit":
                return render(request, "inquiries/confirm.html", {
                    "data": data, "sender": sender, "form": chosen, "recipients": recipients, "changed": changed,
                    "year_label": year_label(data["year"]), "token": secrets.token_urlsafe(24),
                    "question": f"Отправить запрос «{chosen.title}» {recipients_dative(recipients)} со сроком до "
                                f"{data['deadline']:%d.%m.%Y}?",
                    "hidden": [(name, value) for name in form.fields for value in request.POST.getlist(name)]})
    offered = {code for code, _ in form.fields["form"].choices}
    return render(request, "inquiries/new.html", {"form": form, "forms": {
        code: f for code, f in forms().items() if code in offered}})


def _form_of(inquiry: Inquiry):
    """The request's form; a form taken out of forms.yaml leaves its requests unreadable, not the server failing."""
    form = forms().get(inquiry.form)
    if form is None:
        raise Http404(f"Формы «{inquiry.form}» больше нет в forms.yaml.")
    return form


def _sent_inquiry(request, pk: int) -> Inquiry:
    _require_user(request)
    senders = permissions.units_sending_inquiries_for(request.user)
    if not senders.exists():
        raise PermissionDenied("Ответы на запрос видит тот, кто его направил.")
    inquiry = Inquiry.objects.filter(pk=pk, sender__in=senders).select_related("sender").first()
    if inquiry is None:
        raise Http404
    return inquiry


def detail(request, pk: int):
    inquiry = _sent_inquiry(request, pk)
    form = _form_of(inquiry)
    rows = summary.status_rows(inquiry, timezone.localdate())
    summaries = summary.summarize(form, [r.answer for r in rows])
    if wants_excel(request):
        doc = summary.document(inquiry, form, rows, summaries)
        # the request's own title (not «Запрос 7»): a specialist downloads several into one folder
        name = re.sub(r'[\\/:*?"<>|]+', "-", inquiry.title)[:120]
        return excel_response(request, doc, filename=f"{name} — ответы", object_type="inquiry",
                              object_id=str(inquiry.pk), details={"строк": rows_count(doc)})
    counts = {status: sum(1 for r in rows if r.status == status) for status in AnswerStatus}
    return render(request, "inquiries/detail.html", {
        "inquiry": inquiry, "form": form, "rows": rows, "summaries": summaries,
        "answered": counts[AnswerStatus.SENT], "overdue": sum(1 for r in rows if r.overdue),
        "to_remind": sum(1 for r in rows if r.to_remind),
        # a returned answer was sent too: a request somebody answered is not withdrawn
        "withdrawable": not counts[AnswerStatus.SENT] and not counts[AnswerStatus.RETURNED],
        "drafts": counts[AnswerStatus.DRAFT],
    })


@require_POST
def withdraw(request, pk: int):
    """«Отозвать запрос» sent by mistake, before anybody answered it (workflow.withdraw_inquiry)."""
    inquiry = _sent_inquiry(request, pk)
    try:
        withdraw_inquiry(inquiry, user=request.user, request=request)
    except InquiryError as exc:
        messages.error(request, str(exc))
        return redirect("inquiries:detail", pk=inquiry.pk)
    messages.success(request, f"Запрос «{inquiry.title}» отозван: получатели его больше не видят.")
    return redirect("inquiries:index")


@require_POST
def remind(request, pk: int):
    """«Напомнить просрочившим»: marked and listed (workflow.remind_overdue); vsoko sends no letters."""
    inquiry = _sent_inquiry(request, pk)
    try:
        late = remind_overdue(inquiry, timezone.localdate(), user=request.user, request=request)
    except InquiryError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Напоминание отмечено — {len(late)}: {', '.join(a.recipient.name for a in late)}. "
                                  "Писем vsoko не отправляет: напоминание видно им на «Обзоре» и на странице ответа.")
    return redirect("inquiries:detail", pk=inquiry.pk)


def answer(request, pk: int):
    _require_user(request)
    item = get_object_or_404(InquiryAnswer.objects.select_related("inquiry", "inquiry__sender", "recipient"), pk=pk)
    answers_it = permissions.can_answer_inquiry(request.user, item.recipient)
    sender = permissions.units_sending_inquiries_for(request.user).filter(pk=item.inquiry.sender_id).exists()
    if not (answers_it or sender):
        raise Http404
    form = _form_of(item.inquiry)
    typed, errors = None, None
    if request.method == "POST":
        if not answers_it:
            raise PermissionDenied("Ответ заполняет и отправляет тот, кому направлен запрос.")
        send = request.POST.get("action") == "send"
        typed = {f.key: request.POST.get(f.key, "") for f in form.fields}
        try:
            changed = save_answer(item, typed, send=send, user=request.user, request=request)
        except InquiryError as exc:
            errors = exc
        else:
            messages.success(request, "Ответ отправлен." + (f" Значения показателей школы обновлены: {changed}."
                                                              if changed else "") if send else "Черновик сохранён.")
            return redirect("inquiries:answer", pk=item.pk)
    values = typed if typed is not None else item.values
    can_edit = answers_it and editable(item)
    # The sender reads what was sent: a draft is the recipient's own until «Отправить».
    readable = answers_it or item.status == AnswerStatus.SENT
    fields = [(f, values.get(f.key) or "", errors.by_field.get(f.key, "") if errors else "",
               summary.shown(f, item.values) if readable else "") for f in form.fields]
    return render(request, "inquiries/answer.html", {
        "item": item, "inquiry": item.inquiry, "form": form, "fields": fields, "errors": errors,
        "can_edit": can_edit, "is_sender": sender, "text_limit": TEXT_LIMIT, "readable": readable,
        "overdue": item.status != AnswerStatus.SENT and timezone.localdate() > item.inquiry.deadline,
    })


@require_POST
def return_view(request, pk: int):
    _require_user(request)
    item = get_object_or_404(InquiryAnswer.objects.select_related("inquiry", "recipient"), pk=pk)
    if not permissions.units_sending_inquiries_for(request.user).filter(pk=item.inquiry.sender_id).exists():
        raise PermissionDenied("Вернуть ответ на доработку может только тот, кто направил запрос.")
    try:
        return_answer(item, request.POST.get("comment", ""), user=request.user, request=request)
    except InquiryError as exc:
        messages.error(request, str(exc))
        return redirect("inquiries:answer", pk=item.pk)
    messages.success(request, f"Ответ возвращён на доработку: {item.recipient.name}.")
    return redirect("inquiries:detail", pk=item.inquiry_id)
