"""«Скачать Excel»: a questionnaire's summary of a year and its comparison by years, as an .xlsx workbook.

The figures are those of the pages (vsoko.surveys.results): each answer with its count and share,
«затрудняюсь ответить» as an answer of its own, the skipped ones as «нет ответа», the grade bands
hidden on the page «скрыто*» here too. Surveys have no free-text answers, so nothing in the file
can name a respondent.
"""

from __future__ import annotations

from decimal import Decimal
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Font

from vsoko.records.models import OrgUnit
from vsoko.records.years import year_label
from vsoko.surveys.questionnaires import Questionnaire
from vsoko.surveys.results import SurveyResults, YearFigures

HIDDEN = "скрыто*"
SHARE_FORMAT = "0.0"
BOLD = Font(bold=True)


def _share(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def write_summary(out: BinaryIO, *, school: OrgUnit, year: int, questionnaire: Questionnaire,
                  results: SurveyResults, years: list[YearFigures]) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Сводка"
    sheet.append([questionnaire.title])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=14)
    sheet.append([school.name])
    sheet.append([f"{year_label(year)} учебный год"])
    sheet.append(["Все ответы по анкете за год — собранные на страницах опросов и загруженные из пакета. "
                  "Доля — от всех ответивших, включая пропустивших вопрос."])
    sheet.append(["Ответили на анкету за год", results.respondents])
    several_bands = len(results.bands) > 1
    if several_bands:
        sheet.append([])
        sheet.append(["Ответившие по уровням образования", "Ответивших"])
        sheet.cell(sheet.max_row, 1).font = BOLD
        for band in results.bands:
            sheet.append([band.label, HIDDEN if band.hidden else band.respondents])
    for summary in results.questions:
        sheet.append([])
        sheet.append([summary.question.text])
        sheet.cell(sheet.max_row, 1).font = BOLD
        sheet.append(["Ответ", "Ответивших", "Доля, %"])
        for option in summary.options:
            sheet.append([option.text, option.count, _share(option.share)])
            sheet.cell(sheet.max_row, 3).number_format = SHARE_FORMAT
        sheet.append(["нет ответа", summary.skipped])
        if summary.satisfied is not None:
            sheet.append(["Удовлетворены («полностью» и «скорее удовлетворен»), %", _share(summary.satisfied)])
            sheet.cell(sheet.max_row, 2).number_format = SHARE_FORMAT
            if several_bands:
                sheet.append(["Удовлетворены по уровням, %"])
                for band in summary.bands:
                    sheet.append([band.label, HIDDEN if band.hidden else _share(band.satisfied)])
                    sheet.cell(sheet.max_row, 2).number_format = SHARE_FORMAT
    if several_bands:
        sheet.append([])
        sheet.append([f"* Группы меньше {results.minimum} ответивших скрыты, чтобы ответы нельзя было связать с "
                      "семьёй; скрыта и вторая группа, если скрытую можно вычислить по итогу."])
    sheet.column_dimensions["A"].width = 70
    sheet.column_dimensions["B"].width = 14
    sheet.column_dimensions["C"].width = 10

    comparison = book.create_sheet("По годам")
    comparison.append(["Показатель", *(year_label(figures.year) for figures in years)])
    comparison.append(["Ответили на анкету", *(figures.respondents for figures in years)])
    for question in questionnaire.questions:
        if question.is_scale:
            comparison.append([f"Удовлетворены, %: {question.text}",
                               *(_share(figures.satisfied[question.code]) for figures in years)])
            for cell in comparison[comparison.max_row][1:]:
                cell.number_format = SHARE_FORMAT
    for cell in comparison[1]:
        cell.font = BOLD
    comparison.column_dimensions["A"].width = 70
    book.save(out)
