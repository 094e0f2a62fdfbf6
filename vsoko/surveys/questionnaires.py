"""The questionnaires of the survey pages, read from questionnaires.yaml (catalogs are data, not code).

A questionnaire's code is what its answers carry in `SurveyAnswer.survey`, a question's
code what they carry in `question`, so answers collected here and answers loaded from a
package's survey_responses table count alike in `survey.*` data values and indicators.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from vsoko.datavalues.registry import SATISFACTION_ANSWERS
from vsoko.surveys.enums import Respondents
from vsoko.yaml_files import read_yaml

QUESTIONNAIRES_FILE = Path(__file__).with_name("questionnaires.yaml")
SATISFACTION_SCALE = tuple(SATISFACTION_ANSWERS.values())
# The answers counted as satisfied (spec/core-indicators.md: «Satisfied = the first two»).
SATISFIED = SATISFACTION_SCALE[:2]


@dataclass(frozen=True)
class Question:
    code: str
    text: str
    options: tuple[str, ...]

    @property
    def is_scale(self) -> bool:
        return self.options == SATISFACTION_SCALE


@dataclass(frozen=True)
class Questionnaire:
    code: str
    title: str
    audience: str
    # The first and last grade of the respondents (the child's, for parents); None: no grade is asked
    # (teachers, graduates, employers), so answers have no grade and the summary no grade bands.
    grades: tuple[int, int] | None
    grade_question: str
    intro: str
    questions: tuple[Question, ...]
    per_child: bool = False  # a parent answers once for each child
    respondents: Respondents = Respondents.PARENTS
    # Whom a link of one class or parallel is for, «{classes}» standing for «5А класса» or «5-х классов».
    class_audience: str = ""

    @property
    def asks_grade(self) -> bool:
        return self.grades is not None

    @property
    def grade_range(self) -> range:
        return range(self.grades[0], self.grades[1] + 1) if self.grades else range(0)

    def audience_of(self, label: str, grade: int | None) -> str:
        """Whom a link is for: the questionnaire's audience for the general link (no grade), else its class
        («5А класса») or its parallel (a link labelled by the grade alone: «5-х классов»)."""
        if grade is None or not self.asks_grade:
            return self.audience
        classes = f"{grade}-х классов" if label.strip() == str(grade) else f"{label} класса"
        return (self.class_audience or self.audience + " ({classes})").format(classes=classes)

    def question(self, code: str) -> Question | None:
        return next((q for q in self.questions if q.code == code), None)


class QuestionnaireError(ValueError):
    """questionnaires.yaml is not as this module expects; the message says where."""


def _question(where: str, code: str, spec) -> Question:
    if isinstance(spec, str):
        return Question(code, spec, SATISFACTION_SCALE)
    if not isinstance(spec, dict) or not isinstance(spec.get("text"), str) or not spec.get("options"):
        raise QuestionnaireError(f"{where}, вопрос {code}: нужен текст вопроса или text и options")
    options = tuple(str(option) for option in spec["options"])
    if len(set(options)) != len(options):
        raise QuestionnaireError(f"{where}, вопрос {code}: варианты ответа повторяются")
    return Question(code, spec["text"], options)


def _respondents(place: str, spec: dict) -> Respondents:
    value = spec.get("respondents")
    if value not in Respondents.values:
        raise QuestionnaireError(f"{place}: поле respondents (кто отвечает) — одно из: {', '.join(Respondents.values)}, "
                                 f"а не «{value}»")
    return Respondents(value)


def _grades(place: str, spec: dict, respondents: Respondents) -> tuple[tuple[int, int] | None, str]:
    """The grades and the grade question, or (None, '') for respondents who are not asked their grade."""
    if "grades" not in spec:
        return None, ""
    if not respondents.are_pupils_or_parents:
        raise QuestionnaireError(f"{place}: класс спрашивают только у обучающихся и родителей, "
                                 f"а отвечают {respondents.label} — уберите поле grades")
    first, last = (int(g) for g in spec["grades"])
    if not 1 <= first <= last <= 11:
        raise QuestionnaireError(f"{place}: классы {first}–{last} вне 1–11")
    return (first, last), spec["grade_question"]


def parse(data: dict, where: str = QUESTIONNAIRES_FILE.name) -> dict[str, Questionnaire]:
    found = {}
    for code, spec in data.items():
        place = f"{where}, анкета {code}"
        try:
            respondents = _respondents(place, spec)
            grades, grade_question = _grades(place, spec, respondents)
            questions = tuple(_question(place, q, text) for q, text in spec["questions"].items())
            class_audience = spec.get("class_audience", "")
            if class_audience and (not grades or "{classes}" not in class_audience):
                raise QuestionnaireError(f"{place}: в class_audience нужно место для класса — {{classes}} — и поле "
                                         "grades у анкеты")
            found[code] = Questionnaire(code, spec["title"], spec["audience"], grades, grade_question,
                                        " ".join(spec["intro"].split()), questions,
                                        bool(spec.get("per_child", False)), respondents, class_audience)
        except QuestionnaireError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise QuestionnaireError(f"{place}: не хватает или неверно поле ({exc})") from exc
    return found


@cache
def questionnaires() -> dict[str, Questionnaire]:
    """Every questionnaire by code, in the order of the file."""
    return parse(read_yaml(QUESTIONNAIRES_FILE))


def questionnaire_choices() -> list[tuple[str, str]]:
    return [(q.code, q.title) for q in questionnaires().values()]
