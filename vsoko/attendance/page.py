"""«Посещаемость»: per class, for one loaded period, the pupils reported and the lessons and days they missed per
pupil; the school's (or the user's classes') total; and the pupils with the most lessons missed without a good
reason — names only for users who may see those pupils (vsoko.progress.access.Scope, the rules of «Итоги
периода»): the class teacher his class, the administration every class, the observer no names and no class too
small to show — nor, beside the school's total, the smallest other class with it (complementary suppression,
`Privacy.hidden_groups`): else the total minus the classes shown gave the hidden one back."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum

from vsoko.attendance.models import AttendanceRecord, PeriodKind
from vsoko.attendance.reader import PeriodRef, all_periods
from vsoko.progress.access import Scope
from vsoko.records.models import OrgUnit
from vsoko.records.years import year_label
from vsoko.reports.document import HIDDEN, Document, Number, Table

TOP = 15  # pupils in the list of unexcused absences
SUMS = ("lessons_missed", "lessons_ill", "lessons_unexcused", "days_missed", "days_ill")


def loaded_periods(school: OrgUnit, year: int, scope: Scope | None = None) -> list[PeriodRef]:
    """The periods of the year with records — of the scope's classes when it has some — in the form's order
    (months, quarters, …, year)."""
    records = AttendanceRecord.objects.filter(school=school, year_id=year)
    if scope is not None and not scope.whole_school:
        records = records.filter(school_class_id__in=scope.class_ids)
    found = set(records.values_list("period_kind", "period_number").distinct())
    return [p for p in all_periods() if (p.kind, p.number) in found]


def chosen_period(value: str, periods: list[PeriodRef]) -> PeriodRef | None:
    asked = PeriodRef.parse(value)
    if asked in periods:
        return asked
    if not periods:
        return None
    year = PeriodRef(PeriodKind.YEAR, 0)
    return year if year in periods else periods[-1]


def per_pupil(total: int, pupils: int) -> Decimal | None:
    if not pupils:
        return None
    return (Decimal(total) / pupils).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Line:
    name: str
    pupils: int
    sums: dict[str, int]
    hidden: bool = False
    partner: bool = False  # hidden with it, not being small: the total minus the rest would give a small class back

    def per(self, key: str) -> Decimal | None:
        return per_pupil(self.sums[key], self.pupils)

    @property
    def lessons(self):
        return self.per("lessons_missed")

    @property
    def lessons_ill(self):
        return self.per("lessons_ill")

    @property
    def lessons_unexcused(self):
        return self.per("lessons_unexcused")

    @property
    def days_ill(self):
        return self.per("days_ill")


@dataclass
class Absentee:
    name: str
    class_name: str
    lessons_unexcused: int
    lessons_missed: int


@dataclass
class Page:
    school: OrgUnit
    year: int
    period: PeriodRef
    rows: list[Line]
    total: Line
    absentees: list[Absentee] | None = None  # None: the user sees no names
    withheld: int = 0
    notes: list[str] = field(default_factory=list)


def build(school: OrgUnit, year: int, period: PeriodRef, scope: Scope) -> Page:
    records = AttendanceRecord.objects.filter(school=school, year_id=year, period_kind=period.kind,
                                              period_number=period.number)
    if not scope.whole_school:
        records = records.filter(school_class_id__in=scope.class_ids)
    grouped = (records.values("school_class_id", "school_class__name", "school_class__grade", "school_class__letter")
               .annotate(pupils=Count("id"), **{f"s_{k}": Sum(k) for k in SUMS})
               .order_by("school_class__grade", "school_class__letter", "school_class__name"))
    rows = [Line(g["school_class__name"], g["pupils"], {k: g[f"s_{k}"] or 0 for k in SUMS}) for g in grouped]
    # Each row goes whole (its per-pupil figures give its sums back): the pupils' column with the total decides.
    hidden = scope.privacy.hidden_groups({i: r.pupils for i, r in enumerate(rows)})
    for i, row in enumerate(rows):
        row.hidden = i in hidden
        row.partner = row.hidden and not scope.privacy.too_small(row.pupils)
    total = Line("Школа" if scope.whole_school else "Мои классы", sum(r.pupils for r in rows),
                 {k: sum(r.sums[k] for r in rows) for k in SUMS})
    total.hidden = scope.privacy.too_small(total.pupils)
    page = Page(school, year, period, rows, total, withheld=sum(1 for r in rows if r.hidden))
    if scope.names:
        top = (records.filter(lessons_unexcused__gt=0).select_related("student", "school_class")
               .order_by("-lessons_unexcused", "student__last_name", "student__first_name")[:TOP])
        page.absentees = [Absentee(r.student.full_name, r.school_class.name, r.lessons_unexcused, r.lessons_missed)
                          for r in top]
    return page


def _number(value: Decimal | None) -> Number | None:
    return Number(float(value), 1) if value is not None else None


def document(page: Page) -> Document:
    """The page as the shared writers' document (the Excel download)."""
    doc = Document(f"Посещаемость: {page.period.label}", lines=[page.school.name, f"{year_label(page.year)} учебный год"])
    section = doc.section("Пропуски по классам")
    table = Table(["Класс", "Обучающихся", "Уроков пропущено на одного", "в т. ч. по болезни",
                   "в т. ч. без уважительной причины", "Дней по болезни на одного"])
    for line in [*page.rows, page.total]:
        if line.hidden:
            table.add(line.name, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN)
        else:
            table.add(line.name, Number(line.pupils), *(_number(v) for v in (line.lessons, line.lessons_ill,
                                                                     line.lessons_unexcused, line.days_ill)))
    section.blocks.append(table)
    if page.absentees is not None:
        section = doc.section("Пропуски без уважительной причины")
        listed = Table(["Обучающийся", "Класс", "Уроков без уважительной причины", "Уроков пропущено всего"])
        for a in page.absentees:
            listed.add(a.name, a.class_name, Number(a.lessons_unexcused), Number(a.lessons_missed))
        section.blocks.append(listed)
    return doc
