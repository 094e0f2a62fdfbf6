"""«Проект приказа»: a decision written as the director's order that puts it into effect, for the deputy to finish
in Word and the director to sign.

Regulation 000, п. 4.18: «По итогам анализа полученных данных мониторинга готовятся соответствующие документы —
аналитические справки и приказы». The order is laid out as a school's order is: the school, «ПРИКАЗ», the date and
number, the title «О …», the preamble with its basis, «ПРИКАЗЫВАЮ:» and the numbered items (a line of «что решено»
each), who is responsible and by when, control, the director's signature and the lines of those acquainted with it.
What the register does not know is left as a blank to fill in by hand. Nobody but staff is named: a decision holds
no personal data of pupils.
"""

from __future__ import annotations

import re

from vsoko.decisions.enums import Basis, Body
from vsoko.decisions.models import Decision
from vsoko.indicators.dashboard import build_context
from vsoko.indicators.models import Indicator
from vsoko.records.years import year_label
from vsoko.reports.cells import NO_DATA, line_change_cell, value_cell
from vsoko.reports.document import Document, Heading, Paragraph, cell_text
from vsoko.reports.self_exam import SIGN_HERE, director

BLANK_DATE = "«___» __________ 20___ г."
BLANK_NUMBER = "___"
PREAMBLE = (
    "В соответствии с Положением о внутренней системе оценки качества образования, на основании "
)
CONTROL = "Контроль за исполнением приказа оставляю за собой."
ACQUAINTED_LINES = 3

# «на основании решения <кого>»: the bodies whose decision an order puts into effect. An order of the director is
# the decision itself, and «другое» names no body.
DECISION_OF: dict[Body, str | None] = {
    Body.TEACHERS_COUNCIL: "педагогического совета",
    Body.SCHOOL_COUNCIL: "Совета школы",
    Body.METHODICAL_COUNCIL: "методического совета",
    Body.SUBJECT_ASSOCIATION: "методического объединения",
    Body.CONSILIUM: "педагогического консилиума",
    Body.DIRECTORS_MEETING: "совещания при директоре",
    Body.ORDER: None,
    Body.OTHER: None,
}

# A line's own numbering or bullet («2)», «3.», «—»): the order numbers its items itself.
OWN_NUMBERING = re.compile(r"^(\d+[.)]|[-–—•*])\s*")


def order_document(decision: Decision) -> Document:
    school, year = decision.school, decision.year_id
    document = Document(school.name)
    section = document.section("ПРИКАЗ")
    section.blocks += [
        Paragraph(dated(decision)),
        Heading(title(decision.title)),
        Paragraph(PREAMBLE + basis_words(decision) + ","),
        Paragraph("ПРИКАЗЫВАЮ:"),
    ]
    section.blocks += [
        Paragraph(f"{n}. {item}") for n, item in enumerate(items(decision.text) or [SIGN_HERE], 1)
    ]
    section.blocks += [
        Paragraph(f"Ответственный: {decision.responsible or SIGN_HERE}"),
        Paragraph(
            f"Срок: {decision.deadline:%d.%m.%Y}" if decision.deadline else f"Срок: {SIGN_HERE}"
        ),
        Paragraph(CONTROL),
    ]
    document.signature = [
        f"Директор {SIGN_HERE} {director(school, year)}",
        "С приказом ознакомлены:",
        *[f"{SIGN_HERE} {SIGN_HERE} {BLANK_DATE}"] * ACQUAINTED_LINES,
    ]
    return document


def dated(decision: Decision) -> str:
    """The date and number of a decision taken as the director's order; of any other, blanks: the order that puts
    a council's decision into effect is signed later."""
    if decision.body == Body.ORDER:
        return f"от {decision.date:%d.%m.%Y} № {decision.document_number or BLANK_NUMBER}"
    return f"от {BLANK_DATE} № {BLANK_NUMBER}"


def title(short: str) -> str:
    """«О …»: the decision's short text is a phrase in any case, so it is quoted after words that take it as it is;
    a short text that is already an order's title («О проведении ВШК») is kept."""
    if re.match(r"^(О|Об|Обо)\s", short):
        return short
    return f"О реализации управленческого решения «{short}»"


def items(text: str) -> list[str]:
    """Each non-empty line of «что решено», without its own numbering, ending with a full stop."""
    out = []
    for line in text.splitlines():
        line = OWN_NUMBERING.sub("", line.strip()).rstrip(" ;,")
        if line:
            out.append(line if line[-1] in ".!?" else line + ".")
    return out


def basis_words(decision: Decision) -> str:
    """«результатов мониторинга показателя «…» (…) и решения педагогического совета от 30.05.2024 № 3»."""
    label = year_label(decision.year_id)
    measured = indicator_words(decision)
    if decision.basis == Basis.REPORT:
        parts = [
            "аналитической справки"
            + (f" по результатам мониторинга {measured}" if measured else "")
        ]
    elif decision.basis == Basis.RISK_FLAG:
        parts = [
            "выявленных признаков необъективности результатов"
            + (f" мониторинга {measured}" if measured else "")
        ]
    elif decision.basis == Basis.PLAN_ITEM and decision.plan_item is not None:
        parts = [
            f"результатов мониторинга по пункту «{decision.plan_item.object}» плана мониторинга на {label} "
            "учебный год" + (f", в том числе {measured}" if measured else "")
        ]
    elif measured:
        parts = [f"результатов мониторинга {measured}"]
    else:
        parts = []
    body = DECISION_OF[Body(decision.body)]
    if body is not None:
        number = f" № {decision.document_number}" if decision.document_number else ""
        parts.append(f"решения {body} от {decision.date:%d.%m.%Y}{number}")
    if not parts:
        parts = [f"результатов мониторинга качества образования за {label} учебный год"]
    return " и ".join([", ".join(parts[:-1]), parts[-1]]) if len(parts) > 1 else parts[0]


def indicator_words(decision: Decision) -> str:
    """«показателя «Качество знаний» (60,0 % в 2023/2024 учебном году, −15,0 п. п. по сравнению с 2022/2023
    учебным годом)»: the decision's indicators as the year of the decision found them, the values and changes as the
    reports give them (vsoko.reports.cells). Codes no longer in the catalogs are left out; "" without any."""
    found = {
        i.code: i for i in Indicator.objects.filter(code__in=decision.indicators, retired=False)
    }
    shown = [found[code] for code in dict.fromkeys(decision.indicators) if code in found]
    if not shown:
        return ""
    year = decision.year_id
    context = build_context(decision.school, year, shown, breakdowns=False, span=2)
    said = []
    for indicator in shown:
        line = context.line(indicator)
        value = cell_text(value_cell(line.current, indicator.unit))
        if value == NO_DATA:
            said.append(f"«{indicator.name}» (нет данных за {year_label(year)} учебный год)")
            continue
        change = ""
        if line.change is not None:
            change = (
                f", {cell_text(line_change_cell(line))} по сравнению с {year_label(year - 1)} "
                "учебным годом"
            )
        said.append(f"«{indicator.name}» ({value} в {year_label(year)} учебном году{change})")
    return ("показателя " if len(said) == 1 else "показателей ") + ", ".join(said)
