"""The «Анкеты» section (the school's administration) and the answering pages (anyone with a link).

Administration: the surveys of a school and year, a new survey, a survey's links with their
response counts and the summary of answers, a printable sheet with a link's QR code.
Respondents: the questionnaire behind a link and the thank-you page, without login. The
answering pages show and keep nothing about the respondent: a cookie remembers only
that this browser has answered this survey.
"""

from __future__ import annotations

import datetime

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import F, Sum
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from vsoko.accounts import permissions
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.datavalues.refresh import is_pending
from vsoko.indicators.formatting import plural
from vsoko.records.models import OrgUnit
from vsoko.records.years import day_in_year, school_year_days
from vsoko.surveys import answer_limit, campaigns
from vsoko.surveys.addresses import answer_url, unreachable_address_warning
from vsoko.surveys.forms import ClosingForm, ResponseForm, SurveyForm
from vsoko.surveys.models import Survey, SurveyLink
from vsoko.surveys.questionnaires import Questionnaire, questionnaires
from vsoko.surveys.responses import ResponseRefused, refusal, submit
from vsoko.surveys.results import answer_years, percent, respondents, survey_results, yearly_results
from vsoko.surveys.workbook import write_summary
from vsoko.web.school_year import available_years, chosen_school, selected_year, year_label

# Below this share of the addressed pupils, the summary warns that it may not represent them
# (the MCIEA dashboards' threshold; intl-anchors.md §3.4).
LOW_RESPONSE_RATE = 25
ANSWERED_COOKIE = "vsoko_answered_{pk}"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- administration ---------------------------------------------------------------------------

def _school(request) -> tuple[OrgUnit, list[OrgUnit]]:
    """The school asked for (?school=code) among those where the user runs surveys, and all of them."""
    return chosen_school(permissions.schools_administered_by(request.user), request.GET.get("school"),
                         "Анкетированием занимается администрация школы: администратор, директор, заместитель.")


def _survey(request, pk: int) -> Survey:
    """The survey, if it belongs to one of the user's schools (404 otherwise, as for any record)."""
    _, schools = _school(request)
    return get_object_or_404(Survey.objects.select_related("school"), pk=pk, school__in=schools)


def index(request):
    school, schools = _school(request)
    year = selected_year(request)
    # The surveys of the header's year and of the years a new survey can run in (the current and the coming one):
    # a survey of a year that has just begun, or is about to, is listed before any of the year's data is loaded
    # (the header offers only years with data).
    today = timezone.localdate()
    current = campaigns.school_year_of(today)
    shown = set(campaigns.survey_years([y.start for y in available_years(request)], today)) | ({year} if year else set())
    surveys = list(
        Survey.objects.filter(school=school, year_id__in=shown).select_related("year").annotate(answered=Sum("links__responses"))
        .order_by("-year_id", "-opens_on", "-pk")
    )
    # «Ответы за год»: the header's year unless another year with surveys or answers is chosen on the page.
    answers_year = year if year is not None else current
    answer_choices = answer_years(school)
    asked = request.GET.get("answers_year", "")
    if asked.isdigit() and int(asked) in answer_choices:
        answers_year = int(asked)
    answer_choices = sorted({*answer_choices, answers_year}, reverse=True)
    return render(request, "surveys/index.html", {
        "school": school, "schools": schools, "year": year, "year_label": year_label(year),
        "surveys": [(s, s.status(), questionnaires().get(s.questionnaire)) for s in surveys],
        "several_years": len({s.year_id for s in surveys}) > 1,
        "answers_year": answers_year, "answers_year_label": year_label(answers_year),
        "answer_years": [(y, year_label(y)) for y in answer_choices],
        "questionnaires": [(q, respondents(school, answers_year, q.code)) for q in questionnaires().values()],
    })


def _summary_of(request, questionnaire: str) -> tuple[OrgUnit, int, Questionnaire]:
    """The school, year (?year=: the header's year, the current one, or any year with surveys or answers of the
    school) and questionnaire of a summary; 404 for an unknown questionnaire."""
    school, schools = _school(request)
    year = selected_year(request)
    asked = request.GET.get("year", "")
    current = campaigns.school_year_of(timezone.localdate())
    if asked.isdigit() and int(asked) in {current, *(y.start for y in available_years(request)),
                                          *answer_years(school)}:
        year = int(asked)  # the current year's answers, before any of its data is loaded
    if questionnaire not in questionnaires() or year is None:
        raise Http404
    return school, year, questionnaires()[questionnaire]


def summary(request, questionnaire: str):
    """The year's answers to one questionnaire, whether a survey of the pages or a package brought them."""
    school, year, found = _summary_of(request, questionnaire)
    years = yearly_results(school, found)
    return render(request, "surveys/summary.html", {
        "school": school, "questionnaire": found, "year": year, "year_label": year_label(year),
        "results": survey_results(school, year, found), "pending": is_pending(school, year),
        "years": years, "comparison": _comparison(found, years) if len(years) > 1 else [],
    })


def _comparison(questionnaire: Questionnaire, years: list) -> list[tuple[str, list, bool]]:
    """The rows of «По годам»: (label, a value per year, whether the values are shares)."""
    return [("Ответили на анкету", [figures.respondents for figures in years], False)] + [
        (f"Удовлетворены: {question.text}", [figures.satisfied[question.code] for figures in years], True)
        for question in questionnaire.questions if question.is_scale]


def summary_xlsx(request, questionnaire: str):
    """«Скачать Excel»: the summary of the page and the comparison by years; audited like other downloads."""
    school, year, found = _summary_of(request, questionnaire)
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        True, f"{found.title} {year_label(year).replace('/', '-')}.xlsx")
    write_summary(response, school=school, year=year, questionnaire=found,
                  results=survey_results(school, year, found), years=yearly_results(school, found))
    record(user=request.user, action=AuditAction.EXPORT, object_type="survey_summary", object_id=found.code,
           school=school, details={"анкета": found.title, "учебный год": year_label(year)}, request=request)
    return response


def recompute_progress(request, year: int):
    """Whether the year's summary still waits for its recomputation, in the shape of an import's progress
    (imports/progress.js polls it and reloads the page when finished); no percent: the worker tells none."""
    school, _ = _school(request)
    if is_pending(school, year):
        return JsonResponse({"finished": False, "percent": None, "status_label": "обновляется",
                             "stage": "пересчёт сводки и показателей года с новыми ответами"})
    return JsonResponse({"finished": True, "percent": 100, "status_label": "готово", "stage": "сводка обновлена"})


DEFAULT_LENGTH = datetime.timedelta(days=14)


def new(request):
    school, schools = _school(request)
    today = timezone.localdate()
    # The current school year is offered even before any of its data is loaded (a year that has just begun).
    years = campaigns.survey_years([y.start for y in available_years(request)], today)
    chosen = selected_year(request)
    try:
        chosen = int(request.POST.get("year", ""))
    except ValueError:
        pass
    year = chosen if chosen in years else years[0]
    # Today, if it falls in the year; else the nearest two weeks inside it (the form refuses a start outside
    # the year, so a default outside it would be refused on the first press).
    opens_on = min(day_in_year(year, today), school_year_days(year)[1] - DEFAULT_LENGTH)
    form = SurveyForm(request.POST or None, years=years, today=today, initial={
        "year": year, "questionnaire": request.GET.get("questionnaire", "parents"),
        "opens_on": opens_on, "closes_on": opens_on + DEFAULT_LENGTH,
    })
    if request.method == "POST" and form.is_valid():
        survey = campaigns.create_survey(school=school, user=request.user, request=request, **form.cleaned_data)
        asks_grade = questionnaires()[survey.questionnaire].asks_grade
        messages.success(request, "Опрос создан. Раздайте ссылку" + (" или добавьте ссылки по классам." if asks_grade
                                                                     else " или распечатайте её QR-код."))
        return redirect("surveys:detail", pk=survey.pk)
    return render(request, "surveys/new.html", {"form": form, "school": school})


def detail(request, pk: int):
    return _detail(request, _survey(request, pk))


def _detail(request, survey: Survey, dates_form: ClosingForm | None = None, status: int = 200):
    questionnaire = questionnaires()[survey.questionnaire]
    links = list(_ordered_links(survey))
    answered = sum(link.responses for link in links)
    audience = campaigns.audience(survey)
    addressed = audience.count
    rate = percent(answered, addressed or 0)
    return render(request, "surveys/detail.html", {
        "survey": survey, "status": survey.status(), "questionnaire": questionnaire, "refusal": refusal(survey),
        "links": [(link, answer_url(request, link), percent(link.responses, link.expected or 0)) for link in links],
        "address_warning": unreachable_address_warning(request),
        "answered": answered, "addressed": addressed, "rate": rate,
        "counted_by": year_label(audience.year) if audience.year != survey.year_id else "",
        "addressed_label": campaigns.ADDRESSED_LABELS.get(questionnaire.respondents, ""),
        "low_rate": rate is not None and answered and rate < LOW_RESPONSE_RATE, "low_rate_threshold": LOW_RESPONSE_RATE,
        "has_class_links": any(link.grade for link in links),
        "results": survey_results(survey.school, survey.year_id, questionnaire),
        "pending": is_pending(survey.school, survey.year_id), "year_label": year_label(survey.year_id),
        "dates_form": dates_form or ClosingForm(survey=survey, today=timezone.localdate(),
                                                initial={"closes_on": survey.closes_on}),
    }, status=status)


@require_POST
def dates(request, pk: int):
    """A new last day: the survey is extended (or ended sooner); a refused date stays typed in the form."""
    survey = _survey(request, pk)
    form = ClosingForm(request.POST, survey=survey, today=timezone.localdate())
    if not form.is_valid():
        return _detail(request, survey, dates_form=form, status=400)
    before = survey.closes_on
    campaigns.set_closes_on(survey=survey, closes_on=form.cleaned_data["closes_on"], user=request.user, request=request)
    messages.success(request, (f"Опрос продлён до {survey.closes_on:%d.%m.%Y}." if survey.closes_on > before
                               else f"Срок окончания изменён: {survey.closes_on:%d.%m.%Y}.")
                     + (" Он завершён досрочно — чтобы принимать ответы, нажмите «Открыть опрос снова»."
                        if survey.closed else ""))
    return redirect("surveys:detail", pk=survey.pk)


@require_POST
def class_links(request, pk: int):
    survey = _survey(request, pk)
    questionnaire = questionnaires()[survey.questionnaire]
    if not questionnaire.asks_grade:
        messages.warning(request, f"Анкета «{questionnaire.title}» не спрашивает класс: ссылки по классам для неё "
                                  "не нужны, раздайте общую ссылку.")
        return redirect("surveys:detail", pk=survey.pk)
    created = campaigns.add_class_links(survey=survey, user=request.user, request=request)
    if created:
        messages.success(request, f"Добавлено ссылок по классам: {len(created)}.")
    elif not campaigns.has_classes(survey):
        messages.warning(request, f"В данных школы нет классов {year_label(survey.year_id)} учебного года: ссылки по "
                                  "классам появятся после загрузки списков классов этого года. Пока раздайте общую "
                                  "ссылку — в ней родитель сам указывает класс.")
    else:
        messages.warning(request, "Новых классов нет: у каждого класса этих параллелей уже есть ссылка.")
    return redirect("surveys:detail", pk=survey.pk)


@require_POST
def close(request, pk: int):
    survey = _survey(request, pk)
    closing = request.POST.get("action") != "reopen"
    campaigns.set_closed(survey=survey, closed=closing, user=request.user, request=request)
    messages.success(request, "Опрос завершён: ответы больше не принимаются." if closing else "Опрос снова открыт.")
    return redirect("surveys:detail", pk=survey.pk)


def _ordered_links(survey: Survey):
    """The link for everyone first (PostgreSQL would sort its empty grade last), then the classes."""
    return survey.links.order_by(F("grade").asc(nulls_first=True), "label", "pk")


def _sheet(request, link: SurveyLink, questionnaire: Questionnaire) -> dict:
    url = answer_url(request, link)
    return {"link": link, "url": url, "audience": questionnaire.audience_of(link.label, link.grade),
            "qr": segno.make(url, error="m").svg_inline(scale=6, dark="#000", light="#fff", omitsize=True)}


def flyer(request, pk: int, link: int):
    """A sheet to print for a parents' meeting or a classroom: the link as text and as a QR code."""
    survey = _survey(request, pk)
    link = get_object_or_404(SurveyLink, pk=link, survey=survey)
    questionnaire = questionnaires()[survey.questionnaire]
    return render(request, "surveys/flyer.html", {
        "survey": survey, "sheets": [_sheet(request, link, questionnaire)], "questionnaire": questionnaire,
        "address_warning": unreachable_address_warning(request),
    })


def flyers(request, pk: int):
    """Every link's sheet, one a page: a meeting of all classes printed in one go."""
    survey = _survey(request, pk)
    questionnaire = questionnaires()[survey.questionnaire]
    sheets = [_sheet(request, link, questionnaire) for link in _ordered_links(survey)]
    return render(request, "surveys/flyer.html", {
        "survey": survey, "sheets": sheets, "count": f"{len(sheets)} {plural(len(sheets), 'лист', 'листа', 'листов')}",
        "questionnaire": questionnaire, "address_warning": unreachable_address_warning(request),
    })


# --- answering --------------------------------------------------------------------------------

def _link(token: str) -> SurveyLink | None:
    return SurveyLink.objects.select_related("survey__school").filter(token=token).first()


def _unknown_link(request):
    """A link typed from a printed sheet with a character wrong: said in the respondent's words, not with the staff's
    404 (the chosen school year, «back to the overview» — the staff login — and the logged-viewing footer)."""
    return render(request, "surveys/unknown.html", status=404)


@login_not_required
@csrf_exempt
@never_cache  # a shared device: «Назад» after «Спасибо» must not show the next person the answers just sent
def respond(request, token: str):
    """The questionnaire behind a link. Not CSRF-checked: a browser that keeps no cookies (a messenger's
    built-in one) would get Django's 403 page and lose the answers, and a forged send can do nothing that
    anyone holding the public link cannot; the link's token is what the form needs."""
    link = _link(token)
    if link is None:
        return _unknown_link(request)
    survey = link.survey
    questionnaire = questionnaires()[survey.questionnaire]
    context = {"link": link, "survey": survey, "questionnaire": questionnaire, "school": survey.school}
    reason = refusal(survey)
    if reason:
        return render(request, "surveys/closed.html", {**context, "reason": reason})
    answered = request.get_signed_cookie(ANSWERED_COOKIE.format(pk=survey.pk), default=None) is not None
    if answered and request.method == "GET" and "again" not in request.GET:
        return render(request, "surveys/answered.html", context)
    form = ResponseForm(request.POST or None, questionnaire=questionnaire, ask_grade=link.grade is None)
    if request.method == "POST" and form.is_valid():
        if answer_limit.reached(request, link):
            limit = settings.VSOKO_SURVEY_ANSWERS_PER_HOUR
            return render(request, "surveys/too_many.html",
                          {**context, "limit_text": f"{limit} {plural(limit, 'ответ', 'ответа', 'ответов')}"}, status=429)
        try:
            submit(link, grade=form.cleaned_data.get("grade"), answers=form.answers(),
                   submission=form.cleaned_data.get("submission", ""))
        except ResponseRefused as refused:
            form.add_error(None, str(refused))
        else:
            answer_limit.count_answer(request, link)
            response = redirect("survey_form:thanks", token=link.token)
            response.set_signed_cookie(ANSWERED_COOKIE.format(pk=survey.pk), "1", httponly=True, samesite="Lax",
                                       max_age=60 * 60 * 24 * 365)
            return response
    return render(request, "surveys/respond.html", {**context, "form": form},
                  status=400 if request.method == "POST" else 200)


@login_not_required
def thanks(request, token: str):
    link = _link(token)
    if link is None:
        return _unknown_link(request)
    return render(request, "surveys/thanks.html", {"link": link, "survey": link.survey, "school": link.survey.school,
                                                   "questionnaire": questionnaires()[link.survey.questionnaire]})
