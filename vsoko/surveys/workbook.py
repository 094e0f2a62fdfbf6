"""«Скачать Excel»: a questionnaire's summary of a year and its comparison by years, as an .xlsx workbook.

The figures are those of the pages (vsoko.surveys.results): each answer with its count and share,
«затрудняюсь ответить» as an answer of its own, the skipped ones as «нет ответа», the grade bands
hidden on the page «скрыто*» here too. Surveys have no free-text answers, so nothing in the file
can name a respondent. The two sheets are vsoko.reports Documents written by the reports' XLSX writer
(`to_xlsx_book`): counts and shares are numbers, a share shown with its one decimal.
"""

from __future__ import annotations

from decimal import Decimal
from typing import BinaryIO

from vsoko.records.models import OrgUnit
from vsoko.records.years import year_label
from vsoko.reports.document import Document, Number, Section, Table
from vsoko.reports.writers import Sheet, to_xlsx_book
from vsoko.surveys.questionnaires import Questionnaire
from vsoko.surveys.results import BandFigure, SurveyResults, YearFigures

HIDDEN = "скрыто*"


def _share(value: Decimal | None) -> Number | None:
    return None if value is None else Number.of(value, 1)


def _band(band: BandFigure, figure: Number | None) -> Number | str | None:
    return HIDDEN if band.hidden else figure


def summary_document(*, school: OrgUnit, year: int, questionnaire: Questionnaire,
                     results: SurveyResults) -> Document:
    """The year's summary: who answered, then each question's answers with their counts and shares."""
    document = Document(questionnaire.title, [
        school.name, f"{year_label(year)} учебный год",
        "Все ответы по анкете за год — собранные на страницах опросов и загруженные из пакета. "
        "Доля — от всех ответивших, включая пропустивших вопрос."])
    several_bands = len(results.bands) > 1
    answered = Table(["Ответившие", "Ответивших"])
    answered.add("Ответили на анкету за год", Number(results.respondents))
    if several_bands:
        for band in results.bands:
            answered.add(band.label, _band(band, Number(band.respondents)))
    document.sections.append(Section("", [answered]))
    for summary in results.questions:
        table = Table(["Ответ", "Ответивших", "Доля, %"])
        for option in summary.options:
            table.add(option.text, Number(option.count), _share(option.share))
        table.add("нет ответа", Number(summary.skipped), None)
        if summary.satisfied is not None:
            table.add("Удовлетворены («полностью» и «скорее удовлетворен»), %", _share(summary.satisfied), None)
            if several_bands:
                table.add("Удовлетворены по уровням, %", None, None)
                for band in summary.bands:
                    table.add(band.label, _band(band, _share(band.satisfied)), None)
        document.sections.append(Section(summary.question.text, [table]))
    if several_bands:  # under the last table, as the sheet's last line
        document.tables[-1].notes.append(
            f"* Группы меньше {results.minimum} ответивших скрыты, чтобы ответы нельзя было связать с семьёй; "
            "скрыта и вторая группа, если скрытую можно вычислить по итогу.")
    return document


def comparison_document(questionnaire: Questionnaire, years: list[YearFigures]) -> Document:
    """The questionnaire by years: the respondents and each scale question's satisfied share, a column a year."""
    table = Table(["Показатель", *(year_label(figures.year) for figures in years)])
    table.add("Ответили на анкету", *(Number(figures.respondents) for figures in years))
    for question in questionnaire.questions:
        if question.is_scale:
            table.add(f"Удовлетворены, %: {question.text}",
                      *(_share(figures.satisfied[question.code]) for figures in years))
    return Document("", sections=[Section("", [table])])


def write_summary(out: BinaryIO, *, school: OrgUnit, year: int, questionnaire: Questionnaire,
                  results: SurveyResults, years: list[YearFigures]) -> None:
    out.write(to_xlsx_book([
        Sheet("Сводка", summary_document(school=school, year=year, questionnaire=questionnaire, results=results)),
        Sheet("По годам", comparison_document(questionnaire, years)),
    ]))
