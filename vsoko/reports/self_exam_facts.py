"""The school's year told in sentences for the self-examination report: indicator values of three school years
from the engine (vsoko.indicators.dashboard.build_context), with every figure about a small group withheld.

The report is published on the school's website, so a figure is withheld («скрыто») by the rule of the public
report (vsoko.reports.public.disclosive): a head count of 1…minimum−1, a share whose part or rest is such a
group, a change from a withheld value. A sentence never carries a number typed here: each is an indicator's
value, its name the catalog's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from django.conf import settings

from vsoko.indicators.dashboard import Context, Line, build_context
from vsoko.indicators.enums import Status, Unit
from vsoko.indicators.evaluate import Value
from vsoko.indicators.formatting import DECIMALS, as_shown, plural
from vsoko.indicators.models import Indicator
from vsoko.records.models import OrgUnit
from vsoko.reports.cells import NO_DATA, line_change_cell, moved, value_cell, year_label
from vsoko.reports.document import Number, cell_text
from vsoko.reports.public import disclosive

WITHHELD = "скрыто"
PEOPLE = ("Численность", "Число обучающихся", "Число педагог")  # a count of people, whatever its unit label
WORDS = (Unit.BOOL, Unit.TEXT)  # units whose values are words: «да» → «нет» is said, not subtracted


def withheld_note(minimum: int) -> str:
    return (f"«{WITHHELD}» — значение не публикуется: оно относится к группе меньше {minimum} человек или "
            "позволяет её вычислить (защита персональных данных, 152-ФЗ).")


def unit_word(amount: Fraction | float, indicator: Indicator) -> str:
    """« человек», « кв. м», « единицы» after a figure in a sentence — a value or its change: «численность
    обучающихся — 581 человек (…; за год −8 человек)», not a bare «581» or «−8». A percentage, a score, a mark
    carry theirs already («71,4 %», «+2,1 п. п.», «3,85»)."""
    label = indicator.unit_label
    # A figure shown with decimals («3,00», «0,25») is said as a fraction is: «единицы», «человека».
    whole = int(abs(amount)) if amount == int(amount) and DECIMALS.get(indicator.unit, 2) == 0 else None
    if indicator.unit == Unit.COUNT and (label == "человек" or indicator.name.startswith(PEOPLE)):
        return " " + plural(whole, "человек", "человека", "человек") if whole is not None else " человека"
    if label == "кв. м":
        return " кв. м"
    if label == "единиц":
        return " " + plural(whole, "единица", "единицы", "единиц") if whole is not None else " единицы"
    return ""


def change_text(line: Line) -> str:
    """«−1,93 кв. м», «+9 человек», «+2,1 п. п.»: the change to the year before in the unit of the values."""
    cell = line_change_cell(line)
    bare = isinstance(cell, Number) and not cell.suffix  # «+2,1 п. п.» has its unit, «без изменений» needs none
    return cell_text(cell) + (unit_word(line.change, line.indicator) if bare else "")


def lowered(name: str) -> str:
    """A catalog's name inside a sentence: «Качество знаний» → «качество знаний»; «ВПР: …» stays."""
    first = name.split(" ", 1)[0]
    return name if len(first) > 1 and first.isupper() else name[:1].lower() + name[1:]


@dataclass
class Facts:
    school: OrgUnit
    year: int
    context: Context
    indicators: dict[str, Indicator]
    minimum: int
    table: list[str] = field(default_factory=list)  # the codes of the report's table (Order 1324), in order
    withheld: bool = False  # a figure was withheld since the flag was last cleared (the section's footnote)
    _lines: dict[str, Line] = field(default_factory=dict)

    @classmethod
    def gather(cls, school: OrgUnit, year: int, table: list[Indicator], codes: Iterable[str]) -> Facts:
        """Three school years up to `year` of the table's indicators and of those of `codes` (the ones of a
        catalog not loaded are left out), evaluated at once."""
        shown = {i.code: i for i in table}
        shown |= {i.code: i for i in Indicator.objects.filter(code__in=set(codes) - set(shown), retired=False)}
        context = build_context(school, year, list(shown.values()), breakdowns=False)
        return cls(school, year, context, shown, settings.VSOKO_MIN_GROUP_SIZE, [i.code for i in table])

    @property
    def label(self) -> str:
        return year_label(self.year)

    def line(self, code: str) -> Line | None:
        """None when the indicator is not in a loaded catalog."""
        if code not in self.indicators:
            return None
        if code not in self._lines:
            self._lines[code] = self.context.line(self.indicators[code])
        return self._lines[code]

    def lines(self, codes: Iterable[str]) -> list[Line]:
        return [line for code in codes if (line := self.line(code)) is not None]

    def known(self, codes: Iterable[str]) -> list[str]:
        """The codes whose indicator has a value in the year."""
        return [line.indicator.code for line in self.lines(codes) if line.current.value is not None]

    def hidden(self, value: Value, line: Line) -> bool:
        return disclosive(value, line.indicator.unit, self.minimum)

    def withhold(self, value: Value, unit: str) -> str | None:
        """«скрыто» for a figure about a small group shown outside a sentence (a decision's effectiveness), else None."""
        if disclosive(value, unit, self.minimum):
            self.withheld = True
            return WITHHELD
        return None

    def text(self, value: Value, line: Line) -> str:
        """«71,4 %», «нет данных», or «скрыто» for a figure about a small group."""
        if value.value is None:
            return NO_DATA
        if self.hidden(value, line):
            self.withheld = True
            return WITHHELD
        return cell_text(value_cell(value, line.indicator.unit)) + unit_word(value.value, line.indicator)

    def change(self, line: Line) -> str | None:
        """«+21,4 п. п.»; None without both values or when unchanged at the shown precision, «скрыто» when one
        of them is withheld."""
        if line.change is None or line.indicator.unit in WORDS or as_shown(line.change, line.indicator.unit) == 0:
            return None
        if any(self.hidden(value, line) for _, value in line.values[-2:]):
            self.withheld = True
            return WITHHELD
        return change_text(line)

    def described(self, line: Line, name: str = "", *, history: bool = False) -> str:
        """«качество знаний — 71,4 % (2023/2024 — 50 %; за год +21,4 п. п.)»; with `history` the year before
        that too. The name is the catalog's, its first letter lowered (it follows a colon)."""
        text = f"{name or lowered(line.indicator.name)} — {self.text(line.current, line)}"
        if line.current.value is None:
            return text
        earlier = line.values[:-1] if history else line.values[-2:-1]
        notes = [f"{year_label(y)} — {self.text(v, line)}" for y, v in earlier if v.value is not None]
        change = self.change(line)
        if change is not None:
            notes.append(f"за год {change}")
        return text + (f" ({'; '.join(notes)})" if notes else "")

    def sentence(self, intro: str, codes: Iterable[str | tuple[str, str]], about: str, *,
                 history: bool = False) -> str:
        """«Intro: a — …; b — ….», or «Данных {about} за 2024/2025 учебный год в системе нет.» when none of the
        indicators has a value in the year. A code may come with the name to use instead of the catalog's."""
        named = [(c, "") if isinstance(c, str) else c for c in codes]
        lines = [(line, name) for code, name in named if (line := self.line(code)) is not None]
        if not any(line.current.value is not None for line, _ in lines):
            return self.missing(about)
        return f"{intro}: " + "; ".join(self.described(line, name, history=history) for line, name in lines) + "."

    def missing(self, about: str) -> str:
        return f"Данных {about} за {self.label} учебный год в системе нет."

    def changes(self, codes: Iterable[str], name=None) -> str:
        """Which of these indicators got better and which worse since the year before, by their direction and
        by the threshold of the overview and the decisions' effect (vsoko.reports.cells.moved); lines with a withheld
        value are left out."""
        name = name or (lambda line: lowered(line.indicator.name))
        by_status: dict[Status, list[str]] = {Status.BETTER: [], Status.WORSE: []}
        for line in self.lines(codes):
            status = None if line.indicator.unit in WORDS else moved(line)
            if status is None or any(self.hidden(value, line) for _, value in line.values[-2:]):
                continue
            by_status[status].append(f"{name(line)} ({change_text(line)})")
        previous = year_label(self.year - 1)
        parts = [f"{word}: " + "; ".join(by_status[status])
                 for status, word in ((Status.BETTER, "улучшились"), (Status.WORSE, "ухудшились")) if by_status[status]]
        if not parts:
            return f"Изменений по сравнению с {previous} учебным годом, которые можно оценить, нет."
        return f"По сравнению с {previous} учебным годом " + "; ".join(parts) + "."

