"""Survey answers that count in no indicator: a survey or question code nobody counts («parent» for «parents»).

spec/data-format.md lets a package carry any codes, so such answers are stored, not refused; the import summary
says which ones, where, and the known code a typo most resembles. Known are the product's questionnaires
(vsoko/surveys/questionnaires.yaml: what its survey pages collect) and whatever the formulas of the school's
indicators select — the shipped catalogs' and the school's own, which may count a survey of the school's own.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Q

from vsoko.imports.issues import ImportIssue

if TYPE_CHECKING:
    from vsoko.imports.validation import ParsedTable
    from vsoko.records.models import OrgUnit

ROW_RANGES_SHOWN = 5


@dataclass
class CountedSurveys:
    """What the school's indicators can count: survey -> its questions whose answers count."""

    questions: dict[str, set[str]] = field(default_factory=dict)
    every_question: set[str] = field(default_factory=set)  # surveys a formula counts whole (no question selected)
    every_survey: bool = False  # a formula selects no survey at all

    def knows_survey(self, survey: str) -> bool:
        return self.every_survey or survey in self.questions

    def knows_question(self, survey: str, question: str) -> bool:
        return self.every_survey or survey in self.every_question or question in self.questions.get(survey, ())


def counted_surveys(school: OrgUnit) -> CountedSurveys:
    from vsoko.indicators.formula import FormulaError, code_refs, parse
    from vsoko.indicators.models import Indicator
    from vsoko.surveys.questionnaires import questionnaires

    counted = CountedSurveys({code: {q.code for q in questionnaire.questions}
                              for code, questionnaire in questionnaires().items()})
    formulas = (Indicator.objects.filter(Q(catalog__school__isnull=True) | Q(catalog__school=school), retired=False,
                                         formula__contains="survey.").values_list("formula", flat=True))
    for formula in formulas:
        try:
            tree = parse(formula)
        except FormulaError:
            continue
        for ref in code_refs(tree):
            if ref.code.startswith("survey."):
                _add(counted, ref)
    return counted


def _add(counted: CountedSurveys, ref) -> None:
    conditions = {cond.dim: [alt.value for alt in cond.alts if alt.value is not None] for cond in ref.selector}
    if "survey" not in conditions:
        counted.every_survey = True
        return
    for survey in conditions["survey"]:
        questions = counted.questions.setdefault(survey, set())
        # survey.respondents counts people, not answers: it makes the survey known, not its questions.
        if ref.code != "survey.answers":
            continue
        if "question" in conditions:
            questions.update(conditions["question"])
        else:
            counted.every_question.add(survey)


def uncounted_answers(parsed: ParsedTable, school: OrgUnit) -> list[ImportIssue]:
    """One notice per unknown survey, and per unknown question of a known survey, in the order of their first row."""
    counted: CountedSurveys | None = None
    surveys: dict[str, list[int]] = defaultdict(list)
    questions: dict[tuple[str, str], list[int]] = defaultdict(list)
    for row in parsed.rows:
        survey, question = row.get("survey"), row.get("question")
        if not isinstance(survey, str) or not isinstance(question, str):
            continue  # an empty or unreadable key is an error already
        if counted is None:
            counted = counted_surveys(school)
        if not counted.knows_survey(survey):
            surveys[survey].append(row["_row"])
        elif not counted.knows_question(survey, question):
            questions[(survey, question)].append(row["_row"])
    notices = [(rows[0], _survey_notice(parsed, survey, rows, counted)) for survey, rows in surveys.items()]
    notices += [(rows[0], _question_notice(parsed, survey, question, rows, counted))
                for (survey, question), rows in questions.items()]
    return [notice for _, notice in sorted(notices, key=lambda pair: pair[0])]


def _survey_notice(parsed: ParsedTable, survey: str, rows: list[int], counted: CountedSurveys) -> ImportIssue:
    text = (f"Анкета «{survey}» ({parsed.source}, {row_ranges(rows)}) не известна продукту: ответы сохраняются, "
            "но ни в один показатель не входят.")
    if similar := resembling(survey, counted.questions):
        text += f" Возможно, имелась в виду «{similar}»."
    return ImportIssue(parsed.table.key, rows[0], parsed.table.column("survey").label, survey, text, parsed.source)


def _question_notice(parsed: ParsedTable, survey: str, question: str, rows: list[int],
                     counted: CountedSurveys) -> ImportIssue:
    text = (f"Вопрос «{question}» анкеты «{survey}» ({parsed.source}, {row_ranges(rows)}) не известен продукту: "
            "ответы на него сохраняются, но ни в один показатель не входят.")
    if similar := resembling(question, counted.questions[survey]):
        text += f" Возможно, имелся в виду «{similar}»."
    return ImportIssue(parsed.table.key, rows[0], parsed.table.column("question").label, question, text,
                       parsed.source)


def resembling(code: str, known) -> str | None:
    """The known code a typo most resembles, case aside («Parents», «parent» → «parents»), else None."""
    by_folded = {k.casefold(): k for k in sorted(known)}
    found = difflib.get_close_matches(code.casefold(), by_folded, n=1)
    return by_folded[found[0]] if found else None


def row_ranges(rows: list[int]) -> str:
    """«строка 8», «строки 2–41», «строки 2, 4–5, 7–8 … и ещё 10» (the first few ranges and how many rows more)."""
    if len(rows) == 1:
        return f"строка {rows[0]}"
    ranges: list[list[int]] = []
    for row in sorted(set(rows)):
        if ranges and row == ranges[-1][1] + 1:
            ranges[-1][1] = row
        else:
            ranges.append([row, row])
    shown = ranges[:ROW_RANGES_SHOWN]
    text = ", ".join(str(first) if first == last else f"{first}–{last}" for first, last in shown)
    more = len(set(rows)) - sum(last - first + 1 for first, last in shown)
    return f"строки {text}" + (f" и ещё {more}" if more else "")
