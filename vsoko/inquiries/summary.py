"""What the sender reads: who answered, who did not, who is late; the answers summed up field by field; the Excel.

The summary counts the sent answers only (a draft may still change). Numbers: how many answered, the sum and
the mean; shares: the mean; yes/no and choices: how many chose each answer and their share. The answers of a
request are tens of rows of one table, read once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from vsoko.indicators.formatting import number
from vsoko.inquiries.enums import AnswerStatus
from vsoko.inquiries.models import Inquiry, InquiryAnswer
from vsoko.inquiries.questions import Field, Form
from vsoko.inquiries.workflow import reminded_on
from vsoko.records.schools import name_order
from vsoko.records.years import year_label
from vsoko.reports.document import Document, Heading, Number, Table


@dataclass
class StatusRow:
    answer: InquiryAnswer
    overdue: bool
    to_remind: bool = False  # late and not reminded today: «Напомнить просрочившим» once a day

    @property
    def status(self) -> AnswerStatus:
        return AnswerStatus(self.answer.status)


def status_rows(inquiry: Inquiry, today: datetime.date) -> list[StatusRow]:
    """One row a recipient, by name; «просрочено» — not sent and the deadline passed."""
    answers = sorted(inquiry.answers.select_related("recipient"), key=lambda a: name_order(a.recipient))
    late = [a.status != AnswerStatus.SENT and today > inquiry.deadline for a in answers]
    return [StatusRow(a, overdue, overdue and not reminded_on(a, today)) for a, overdue in zip(answers, late, strict=True)]


@dataclass
class FieldSummary:
    field: Field
    answered: int = 0
    total: Fraction | None = None  # numbers
    mean: Fraction | None = None  # numbers and shares
    counts: list[tuple[str, int, Fraction | None]] = field(default_factory=list)  # (answer, how many, share)

    @property
    def text(self) -> str:
        """The summary in words, as the page and the Excel show it."""
        if not self.answered:
            return "ответов нет"
        if self.field.type == "number":
            return f"сумма {number(self.total, 2)}, среднее {number(self.mean, 2)}"
        if self.field.type == "percent":
            return f"среднее {number(self.mean, 1)} %"
        if self.field.type == "text":
            return f"ответили: {self.answered}"
        return "; ".join(f"{choice} — {count}" for choice, count, _ in self.counts if count)


def summarize(form: Form, answers: list[InquiryAnswer]) -> list[FieldSummary]:
    sent = [a.values for a in answers if a.status == AnswerStatus.SENT]
    out = []
    for f in form.fields:
        given = [values[f.key] for values in sent if f.key in values]
        summary = FieldSummary(f, len(given))
        if f.numeric and given:
            summary.total = sum((Fraction(Decimal(v)) for v in given), Fraction(0))
            summary.mean = summary.total / len(given)
        elif f.choices:
            summary.counts = [(c, given.count(c), Fraction(given.count(c), len(given)) if given else None)
                              for c in f.choices]
        out.append(summary)
    return out


def shown(field: Field, values: dict) -> str:
    """An answer as the page shows it: «2,5», «да», the option, the text; «» when not given."""
    value = values.get(field.key)
    if value is None:
        return ""
    if field.numeric:
        return number(Fraction(Decimal(value)), 4) + (" %" if field.type == "percent" else "")
    return value


def _cell(field: Field, values: dict):
    value = values.get(field.key)
    if value is None:
        return None
    if field.numeric:
        exact = Fraction(Decimal(value))
        return Number.of(exact, 0 if exact.denominator == 1 else 2)
    return value


QUESTIONS_A_TABLE = 5  # question columns of a table of answers a row a recipient: what a landscape page holds


def _answers(form: Form, rows: list[StatusRow]) -> list[Table | Heading]:
    """The answers (of the sent ones only) laid out to print readably. Fewer recipients than questions (a
    municipality's schools asked 14 questions): a row a question, a column a recipient. More: a row a recipient, the
    questions by QUESTIONS_A_TABLE in tables one under another — 17 columns side by side printed at half size."""
    def state(row: StatusRow) -> str:
        return str(row.status.label) + (", просрочено" if row.overdue else "")

    def sent_at(row: StatusRow) -> datetime.date | None:
        return row.answer.sent_at.astimezone().date() if row.answer.sent_at else None

    def cells(f: Field) -> list:
        return [_cell(f, r.answer.values) if r.status == AnswerStatus.SENT else None for r in rows]

    if len(rows) < len(form.fields):
        table = Table(["Вопрос", *(r.answer.recipient.name for r in rows)])
        table.add("Состояние", *(state(r) for r in rows))
        table.add("Отправлен", *(sent_at(r) for r in rows))
        for f in form.fields:
            table.add(f.label, *cells(f))
        table.notes.append(NOTE)
        return [table]
    blocks: list[Table | Heading] = []
    for first in range(0, len(form.fields), QUESTIONS_A_TABLE):
        fields = form.fields[first:first + QUESTIONS_A_TABLE]
        table = Table(["Кому", *(["Состояние", "Отправлен"] if not first else []), *(f.label for f in fields)])
        columns = [cells(f) for f in fields]
        for i, row in enumerate(rows):
            table.add(row.answer.recipient.name, *([state(row), sent_at(row)] if not first else []),
                      *(column[i] for column in columns))
        blocks += [Heading(f"Вопросы {first + 1}–{first + len(fields)}"), table]
    blocks[-1].notes.append(NOTE)
    return blocks


NOTE = "Значения — только отправленных ответов; черновики не показываются."


def document(inquiry: Inquiry, form: Form, rows: list[StatusRow], summaries: list[FieldSummary]) -> Document:
    """The request's answers (`_answers`) and the summary, for the Excel download."""
    doc = Document(f"{inquiry.title} — ответы", [
        f"Форма: «{form.title}» (положение о ВСОКО, п. {form.item})", f"Направил: {inquiry.sender.name}",
        f"Учебный год: {year_label(inquiry.year_id)}", f"Срок ответа: {inquiry.deadline:%d.%m.%Y}"])
    doc.section("Ответы").blocks.extend(_answers(form, rows))
    table = Table(["Вопрос", "Ответили", "Сумма", "Среднее", "Распределение ответов"])
    for s in summaries:
        # The page's figures: no sum of percentages; a sum of whole pupils without «.00», a share's mean to a tenth.
        total = Number.of(s.total, _decimals(s.total)) if s.total is not None and s.field.type == "number" else None
        mean = None if s.mean is None else Number.of(s.mean, 1 if s.field.type == "percent" else _decimals(s.mean))
        table.add(s.field.label, Number.of(s.answered, 0), total, mean,
                  "; ".join(f"{c} — {n}" for c, n, _ in s.counts) if s.counts else None)
    table.notes.append("Учтены отправленные ответы. Сумма — у числовых вопросов, среднее — у числовых и долей в процентах.")
    doc.section("Сводка по вопросам").blocks.append(table)
    return doc


def _decimals(value: Fraction) -> int:
    return 0 if value.denominator == 1 else 2
