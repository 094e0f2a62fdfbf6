"""The summary of a questionnaire's answers in a school's year, read from the data values.

The figures are those the indicators use (`survey.respondents`, `survey.answers`): every
respondent of the year, whether the answers came from the survey pages or from a
package. A share is of all respondents of the questionnaire, skipped questions included
(spec/core-indicators.md). Grade bands with fewer respondents than the minimum group
are hidden, and so is a second band when the total would give the first one away. A
questionnaire that asks no grade (teachers, graduates, employers) has no bands at all.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.db.models import Sum
from django.db.models.fields.json import KeyTextTransform

from vsoko.datavalues.enums import Source
from vsoko.datavalues.extractors.core import normalize_answer
from vsoko.datavalues.models import DataValue
from vsoko.datavalues.registry import grade_band
from vsoko.indicators.formatting import rounded
from vsoko.publication.suppression import suppress_groups
from vsoko.records.models import OrgUnit
from vsoko.surveys.models import Survey
from vsoko.surveys.questionnaires import SATISFIED, Question, Questionnaire

BANDS = ("1-4", "5-9", "10-11")
BAND_LABELS = {"1-4": "1–4 классы", "5-9": "5–9 классы", "10-11": "10–11 классы", None: "класс не указан"}


def percent(part: int, whole: int) -> Decimal | None:
    return None if not whole else rounded(Fraction(100 * part, whole), 1)


@dataclass(frozen=True)
class OptionCount:
    text: str
    count: int
    share: Decimal | None  # of all respondents


@dataclass(frozen=True)
class BandFigure:
    band: str | None
    label: str
    respondents: int
    satisfied: Decimal | None  # of the band's respondents; None when hidden or not a scale question
    hidden: bool


@dataclass(frozen=True)
class QuestionSummary:
    question: Question
    options: list[OptionCount]
    skipped: int
    satisfied: Decimal | None  # scale questions: the top two answers, of all respondents
    bands: list[BandFigure]


@dataclass(frozen=True)
class SurveyResults:
    questionnaire: Questionnaire
    respondents: int
    bands: list[BandFigure]
    questions: list[QuestionSummary]
    minimum: int


def respondents(school: OrgUnit, year: int | None, questionnaire: str) -> int:
    """Respondents of the questionnaire in the school's year (every grade)."""
    if year is None:
        return 0
    values = DataValue.objects.filter(org_unit=school, year_id=year, source=Source.COMPUTED,
                                      code="survey.respondents", breakdown__survey=questionnaire)
    return int(sum(values.values_list("value", flat=True)))


def survey_results(school: OrgUnit, year: int, questionnaire: Questionnaire) -> SurveyResults:
    values = DataValue.objects.filter(
        org_unit=school, year_id=year, source=Source.COMPUTED, code__in=["survey.respondents", "survey.answers"],
        breakdown__survey=questionnaire.code,
    ).values_list("code", "breakdown", "value")
    respondents: dict[str | None, int] = defaultdict(int)  # band -> respondents
    answers: dict[tuple[str, str, str | None], int] = defaultdict(int)  # (question, answer, band) -> count
    for code, breakdown, value in values:
        band = grade_band(breakdown.get("grade"))
        if code == "survey.respondents":
            respondents[band] += int(value)
        else:
            answers[(breakdown["question"], breakdown["answer"], band)] += int(value)

    minimum = settings.VSOKO_MIN_GROUP_SIZE
    hidden = suppress_groups(dict(respondents), minimum=minimum)
    total = sum(respondents.values())
    # A questionnaire that asks no grade has no breakdown, even if a package gave its answers grades.
    shown_bands = [band for band in (*BANDS, None) if respondents.get(band)] if questionnaire.asks_grade else []

    def band_figures(satisfied_in: dict[str | None, int] | None) -> list[BandFigure]:
        figures = []
        for band in shown_bands:
            n = respondents[band]
            satisfied = None
            if satisfied_in is not None and band not in hidden:
                satisfied = percent(satisfied_in.get(band, 0), n)
            figures.append(BandFigure(band, BAND_LABELS[band], n, satisfied, band in hidden))
        return figures

    summaries = []
    for question in questionnaire.questions:
        per_option = []
        for text in question.options:
            answer = normalize_answer(text)
            count = sum(n for (q, a, _), n in answers.items() if q == question.code and a == answer)
            per_option.append(OptionCount(text, count, percent(count, total)))
        answered = sum(option.count for option in per_option)
        satisfied_in = None
        satisfied = None
        if question.is_scale:
            wanted = {normalize_answer(text) for text in SATISFIED}
            satisfied_in = defaultdict(int)
            for (q, a, band), n in answers.items():
                if q == question.code and a in wanted:
                    satisfied_in[band] += n
            satisfied = percent(sum(satisfied_in.values()), total)
        summaries.append(QuestionSummary(question, per_option, total - answered, satisfied, band_figures(satisfied_in)))
    return SurveyResults(questionnaire, total, band_figures(None), summaries, minimum)


@dataclass(frozen=True)
class YearFigures:
    year: int
    respondents: int
    satisfied: dict[str, Decimal | None]  # scale question's code -> its share satisfied, of the year's respondents


def yearly_results(school: OrgUnit, questionnaire: Questionnaire) -> list[YearFigures]:
    """The questionnaire's respondents and shares satisfied in every year someone answered it, earliest first:
    the same figures as each year's summary (two grouped queries over the data values)."""
    values = DataValue.objects.filter(org_unit=school, source=Source.COMPUTED, breakdown__survey=questionnaire.code)
    totals = dict(values.filter(code="survey.respondents").values("year_id").annotate(n=Sum("value"))
                  .values_list("year_id", "n"))
    wanted = sorted({normalize_answer(text) for text in SATISFIED})
    satisfied = {
        (year, question): n for year, question, n in
        values.filter(code="survey.answers", breakdown__answer__in=wanted)
        .annotate(question=KeyTextTransform("question", "breakdown")).values("year_id", "question")
        .annotate(n=Sum("value")).values_list("year_id", "question", "n")
    }
    scale = [q.code for q in questionnaire.questions if q.is_scale]
    return [
        YearFigures(year, int(total), {code: percent(int(satisfied.get((year, code), 0)), int(total)) for code in scale})
        for year, total in sorted(totals.items()) if total
    ]


def answer_years(school: OrgUnit) -> list[int]:
    """The years the school has surveys of, or answers to any questionnaire (a package's too), latest first."""
    with_answers = DataValue.objects.filter(org_unit=school, source=Source.COMPUTED, code="survey.respondents",
                                            value__gt=0).values_list("year_id", flat=True).distinct()
    return sorted(set(Survey.objects.filter(school=school).values_list("year_id", flat=True)) | set(with_answers),
                  reverse=True)
