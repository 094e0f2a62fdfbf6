"""The document model every report is built as and every writer writes: plain data, no format in it.

A document is a title, a few lines under it, and sections; a section is a heading and
blocks — subheadings, paragraphs, tables and charts. A table cell is text, a `Number` (kept as a number, so a
spreadsheet can compute with it), a `Share` («312 человек / 45,2 %», Order 1324's way of
giving a count with its percentage), a date (a date cell in a spreadsheet, «15.10.2024» elsewhere) or `HIDDEN`
(a figure withheld under the small-group rule).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from fractions import Fraction

from vsoko.indicators.formatting import number, plural


@dataclass(frozen=True)
class Number:
    value: int | float
    decimals: int = 0
    suffix: str = ""  # « %», « п. п.»: part of the text, not of the number
    signed: bool = False  # a change: «+1,5» and «−1,5»

    @classmethod
    def of(cls, value: Fraction | int | float, decimals: int, suffix: str = "", *, signed: bool = False) -> Number:
        exact = Fraction(value)
        return cls(int(exact) if exact.denominator == 1 else float(exact), decimals, suffix, signed)

    @property
    def text(self) -> str:
        sign = ("+" if self.value > 0 else "−" if self.value < 0 else "") if self.signed else (
            "−" if self.value < 0 else "")
        # All `decimals` places, zeros kept («95,0», «4,00»): the text agrees with the spreadsheet cell, whose
        # number format ('0.0') shows them so, and a column reads evenly.
        return sign + number(abs(self.value), self.decimals, zeros=True) + self.suffix


@dataclass(frozen=True)
class Share:
    """A count of people and its percentage, as in the tables of Order 1324."""

    count: Number
    percent: Number

    @property
    def text(self) -> str:
        count = self.count.value
        whole = count == int(count)
        people = plural(int(count), "человек", "человека", "человек") if whole else "человека"
        return f"{self.count.text} {people} / {self.percent.text}"


@dataclass(frozen=True)
class Withheld:
    @property
    def text(self) -> str:
        return "—*"


HIDDEN = Withheld()
Cell = str | Number | Share | Withheld | datetime.date | None


def cell_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime.date):
        return f"{cell:%d.%m.%Y}"
    return cell if isinstance(cell, str) else cell.text


@dataclass
class Row:
    cells: list[Cell]
    heading: bool = False  # a row that names the rows below it («1. Образовательная деятельность»)


@dataclass
class Table:
    header: list[str]
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # footnotes printed under the table

    def add(self, *cells: Cell, heading: bool = False) -> None:
        self.rows.append(Row(list(cells), heading))


@dataclass
class Paragraph:
    text: str


@dataclass
class Heading:
    """A heading inside a section (a group of indicators, a kind of procedure)."""

    text: str


@dataclass
class Chart:
    """Bars of one indicator over the school years (the last one emphasised), its target a dashed line."""

    title: str
    bars: list[tuple[str, float | None, str]]  # (school year, value or None, the value as the text shows it)
    suffix: str = ""  # « %»: a percentage chart runs to 100
    target: float | None = None
    target_text: str = ""


Block = Heading | Paragraph | Table | Chart


@dataclass
class Section:
    heading: str
    blocks: list[Block] = field(default_factory=list)
    new_page: bool = False  # a printed sheet of its own (Word): one pupil's sheet, say


@dataclass
class Document:
    title: str
    lines: list[str] = field(default_factory=list)  # under the title: the school, the year
    sections: list[Section] = field(default_factory=list)
    approval: list[str] = field(default_factory=list)  # above the title, at the right: «УТВЕРЖДАЮ», who, date
    signature: list[str] = field(default_factory=list)  # after the last section: who signs, «М. П.»
    numbered: bool = False  # the pages numbered at their foot (Word)
    contents: bool = False  # «Содержание» after the title: the sections and their pages (Word)

    def section(self, heading: str) -> Section:
        section = Section(heading)
        self.sections.append(section)
        return section

    @property
    def tables(self) -> list[Table]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Table)]
