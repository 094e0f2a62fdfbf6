"""Requests of the municipality (vsoko.inquiries) for the demo's last year, sent and answered through the app's own
workflow (send_inquiry, save_answer, return_answer — the journal and the indicators as in the UI):

- «Контекстная информация ОО» to every school: the demo school (whose director and deputy are the demo users) has
  not answered it yet — the overview's notice; of the others, about two thirds of all the schools have answered
  (the last of them returned «на доработку» with a comment), the rest have not. Numbers from each school's own
  counts: its pupils of the year, the share of posts filled it entered (reg004.4.2.2), a medical office (reg000.7.5)
  as it entered, so sending changes no indicator beyond its rounding.
- «Анкета руководителя ОО» to every school (a municipality of two or more), answered by three of the others.

The deadlines are two and three weeks from today, as the demo's open decision: the requests are still open.
A random generator of its own, seeded from the demo's seed. Running the demo again keeps them as they are.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils import timezone

from vsoko.inquiries.models import Inquiry, InquiryAnswer
from vsoko.inquiries.questions import YES, forms
from vsoko.inquiries.workflow import InquiryError, return_answer, save_answer, send_inquiry
from vsoko.records.approval import locked_years
from vsoko.records.enums import ValueScope
from vsoko.records.models import Enrollment, ManualValue, OrgUnit

CONTEXT, HEAD = "context", "school_head"
HEAD_ANSWERS = 3
RETURN_COMMENT = ("Доля занятых ставок — 100 %, а вакансий на 1 сентября — 2: уточните, пожалуйста, одно из двух "
                  "и отправьте ответ снова.")
STAFF_OPTIONS = ("в штате на полную ставку", "в штате на часть ставки", "по договору или из ППМС-центра", "нет")


def answered_count(schools: int) -> int:
    """How many schools have answered the context request: two thirds, the demo school never (8 schools: 5)."""
    return min(round(schools * 2 / 3), schools - 1)


def inquire_demo_year(schools: list[OrgUnit], year: int, seed: int) -> None:
    """The municipality's requests to `schools` (the demo school first); nothing if they were sent before."""
    municipality = schools[0].parent
    if municipality is None or Inquiry.objects.filter(sender=municipality, year_id=year).exists():
        return
    rng = random.Random(f"{seed}-inquiries")
    observer = get_user_model().objects.filter(username="observer").first()
    today = timezone.localdate()
    context = send_inquiry(
        sender=municipality, form=CONTEXT, year=year, user=observer, deadline=today + datetime.timedelta(days=14),
        title=f"Контекстная информация ОО на 1 сентября {year} г.",
        text="Просим заполнить сведения об условиях работы школы: они учитываются при сравнении результатов школ "
             "муниципалитета.", recipients=schools)
    others = list(schools[1:])
    rng.shuffle(others)
    answering = others[:answered_count(len(schools))]
    facts = _facts(answering, year)
    returned = answering[-1] if len(answering) >= 2 else None
    for school in answering:
        values = _context_values(rng, *facts.get(school.pk, (0, None)), returned=school == returned)
        answer = InquiryAnswer.objects.get(inquiry=context, recipient=school)
        if _send(answer, values, school, year) and school == returned:
            return_answer(answer, RETURN_COMMENT, user=observer)
    if len(schools) < 2:
        return
    head = send_inquiry(
        sender=municipality, form=HEAD, year=year, user=observer, deadline=today + datetime.timedelta(days=21),
        title=f"Анкета руководителя ОО по вопросам ВСОКО, {year}/{year + 1} учебный год",
        text="Анкетирование руководителей школ (положение о ВСОКО, п. 7.10): ответы обобщаются по муниципалитету.",
        recipients=schools)
    for school in sorted(rng.sample(others, min(HEAD_ANSWERS, len(others))), key=lambda s: s.code):
        _send(InquiryAnswer.objects.get(inquiry=head, recipient=school), _head_values(rng), school, year)


def _send(answer: InquiryAnswer, values: dict[str, str], school: OrgUnit, year: int) -> bool:
    """Send the answer; a school whose year is approved (a demo run over approved data) keeps it as a draft."""
    send = not locked_years(school, [year])
    try:
        save_answer(answer, values, send=send)
    except InquiryError:
        save_answer(answer, values, send=False)
        return False
    return send


def _facts(schools: list[OrgUnit], year: int) -> dict[int, tuple[int, Decimal | None]]:
    """Each school's pupils of the year and its entered share of posts filled (two queries)."""
    pupils = dict(Enrollment.objects.filter(school__in=schools, year_id=year, left_on__isnull=True)
                  .values("school").annotate(n=Count("pk")).values_list("school", "n"))
    posts = {}
    for mv in ManualValue.objects.filter(school__in=schools, year_id=year, indicator="reg004.4.2.2",
                                         scope=ValueScope.SCHOOL):
        if mv.value is not None:
            posts[mv.school_id] = mv.value
        elif mv.numerator is not None and mv.denominator:
            posts[mv.school_id] = mv.numerator * 100 / mv.denominator
    return {s.pk: (pupils.get(s.pk, 0), posts.get(s.pk)) for s in schools}


def _context_values(rng: random.Random, pupils: int, posts: Decimal | None, *, returned: bool) -> dict[str, str]:
    pupils = pupils or rng.randint(300, 700)
    filled = Decimal(100) if returned else (posts if posts is not None else Decimal(rng.uniform(93, 99)))
    return {
        "pupils_large_families": str(round(pupils * rng.uniform(0.12, 0.2))),
        "pupils_low_income": str(round(pupils * rng.uniform(0.04, 0.1))),
        "pupils_non_native": str(round(pupils * rng.uniform(0.01, 0.05))),
        "pupils_transported": str(round(pupils * rng.choice((0, 0, 0.03, 0.08)))),
        "second_shift": rng.choice(("0", "0", "0", str(rng.randint(12, 30)))),
        "teacher_vacancies": "2" if returned else str(rng.choice((0, 0, 1, 1, 2))),
        "posts_filled": str(filled.quantize(Decimal("0.1"))),
        "psychologist": rng.choice(STAFF_OPTIONS[:3]),
        "speech_therapist": rng.choice(STAFF_OPTIONS),
        "defectologist": rng.choice(STAFF_OPTIONS[2:]),
        "social_pedagogue": rng.choice(STAFF_OPTIONS[:2]),
        "accessible_environment": rng.choice(("создана частично", "создана частично", "создана во всём здании",
                                              "не создана")),
        "medical_office": YES,
        "notes": rng.choice(("", "", "Здание 1968 года постройки, капитальный ремонт запланирован на 2027 год.",
                             "Два корпуса в 600 м друг от друга: обучающиеся 1–4 классов — в отдельном здании.")),
    }


def _head_values(rng: random.Random) -> dict[str, str]:
    """An answer to «Анкета руководителя ОО»: the first option of each choice most often."""
    fields = {field.key: field for field in forms()[HEAD].fields}

    def pick(key: str) -> str:
        options = fields[key].options
        return rng.choices(options, [4] + [1] * (len(options) - 1))[0]

    return {
        "vsoko_regulation": pick("vsoko_regulation"), "monitoring_plan": YES, "responsible": YES,
        "results_use": pick("results_use"), "decisions_count": str(rng.randint(3, 9)),
        "self_exam_published": rng.choice((YES, YES, YES, "нет")), "objectivity": pick("objectivity"),
        "parents_involvement": pick("parents_involvement"), "analysis_skills": str(rng.randint(45, 85)),
        "main_difficulty": rng.choice(fields["main_difficulty"].options), "method_help": pick("method_help"),
        "suggestions": "",
    }
