"""A draft of the year's monitoring plan from the school's catalogs: one item per criterion.

Each criterion of the catalogs the school uses (the core catalog and those it chose) becomes
an item: its indicators, the ways they are collected, their periodicity, the responsible
person named most often among them. The months are those the sources fix where they fix them: a
pupils' diagnostic is held in its procedure's month (vsoko/diagnostics/procedures.yaml: readiness
of the 1st grade in September, adaptation in October), and a catalog's periodicity that names a
month or the start or end of the year («на 1 сентября», «по итогам поступления (сентябрь)», «на
конец учебного года») gives that month. For the other indicators the months are a first guess from
the way of collection (ВПР in April–May, ГИА after its results in July, questionnaires in March,
staff records in September, the rest at the end of the year in June); the deputy corrects them
before the director approves the plan.

The draft also looks back at the year before (regulation 000, п. 1.18 and 4.2; vsoko.plan.problems): an item whose
indicators missed their target, got worse or fell behind a benchmark says so in `problems`; so does the item of
an open decision of that year (by the decision's indicators, else by its plan item's criterion), and a decision
that fits no item becomes an item of its own under «Проблемы и задачи по итогам … учебного года».
"""

from __future__ import annotations

import re
from collections import Counter

from django.db import transaction

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.diagnostics.procedures import procedures
from vsoko.indicators.enums import Method
from vsoko.indicators.formula import FormulaError, code_refs, parse
from vsoko.indicators.models import Indicator
from vsoko.indicators.values import catalogs_for
from vsoko.plan.approval import approval_in_force
from vsoko.plan.enums import SCHOOL_MONTHS
from vsoko.plan.models import PlanItem, month_end
from vsoko.plan.problems import decision_problem, indicator_problems, open_decisions
from vsoko.records.models import OrgUnit, SchoolYear
from vsoko.records.years import year_label

# (words in the way of collection, months): the first rule that matches gives the months.
MONTH_RULES: tuple[tuple[tuple[str, ...], list[int]], ...] = (
    (("анкетирован",), [3]),
    (("ВПР", "ФИС ОКО"), [4, 5]),
    (("ГИА", "ОГЭ", "ЕГЭ", "РЦОИ"), [7]),
    (("ВСОШ", "олимпиад"), [12, 2]),
    (("кадров", "педагог"), [9]),
    (("статистическ",), [10]),
)
END_OF_YEAR = [6]
# A phrase of a catalog's periodicity text → the months it fixes for the indicator (the regulation's or the catalog's
# date); each phrase once, with all its months.
STATED_MONTHS: dict[re.Pattern, tuple[int, ...]] = {
    re.compile(pattern, re.IGNORECASE): months for pattern, months in {
        r"\bянвар": (1,), r"\bфеврал": (2,), r"\bмарт": (3,), r"\bапрел": (4,), r"\bма[йя]\b": (5,), r"\bиюн": (6,),
        r"\bиюл": (7,), r"\bавгуст": (8,), r"\bсентябр": (9,), r"\bоктябр": (10,), r"\bноябр": (11,),
        r"\bдекабр": (12,), r"\bначал\w* учебного года": (9,), r"\bкон\w* учебного года": (6,),
        # «по итогам ГИА», «по итогам ВПР»: the results come when MONTH_RULES expects them (ГИА in July, ВПР in April–May).
        r"\bпо итогам ГИА\b": (7,), r"\bпо итогам ВПР\b": (4, 5),
    }.items()
}
DIAGNOSTICS_CODE = "diagnostics.pupils"
PERIODICITY_LENGTH = PlanItem._meta.get_field("periodicity").max_length
# An open decision of last year that fits no item is checked at the start of the year unless its deadline falls in it.
DECISION_MONTHS = [9]
DECISION_METHOD = "контроль исполнения управленческого решения"


class PlanExists(Exception):
    """The year already has a plan: a draft would duplicate it."""


def months_for(collection: str) -> list[int]:
    lowered = collection.lower()
    for words, months in MONTH_RULES:
        if any(word.lower() in lowered for word in words):
            return months
    return END_OF_YEAR


def stated_months(indicator: Indicator) -> set[int]:
    """The months fixed for the indicator: those of the pupils' diagnostics its formula counts (their procedures'
    month), else those its periodicity text names; empty when nothing fixes them and the months are guessed."""
    if indicator.method == Method.COMPUTED and DIAGNOSTICS_CODE in indicator.formula:
        try:
            refs = code_refs(parse(indicator.formula))
        except FormulaError:
            refs = []  # a catalog's formula is checked when it is stored; a bad one fixes no month here
        known = procedures()
        months = {known[alt.value].month for ref in refs if ref.code == DIAGNOSTICS_CODE
                  for cond in ref.selector if cond.dim == "diagnostic"
                  for alt in cond.alts if alt.value in known}
        if months:
            return months
    return {month for pattern, months in STATED_MONTHS.items() if pattern.search(indicator.periodicity_text)
            for month in months}


def item_months(members: list[Indicator]) -> list[int]:
    """The months of a plan item: the fixed months of its indicators, and the guess from the way of collection of
    those without fixed months; in the order of the school year."""
    months: set[int] = set()
    unfixed = []
    for indicator in members:
        fixed = stated_months(indicator)
        months |= fixed
        if not fixed:
            unfixed.append(indicator)
    if unfixed:
        months |= set(months_for(" ".join(" ".join(i.collection.split()) for i in unfixed if i.collection)))
    return [month for month in SCHOOL_MONTHS if month in months]


def draft_plan(*, school: OrgUnit, year: int, user=None, request=None) -> list[PlanItem]:
    """Create the draft plan of the school's year. Raises PlanExists if the year has items or an approved plan."""
    if PlanItem.objects.filter(school=school, year_id=year).exists():
        raise PlanExists(f"План на {year}/{year + 1} учебный год уже есть: дополните его или измените пункты.")
    if (approval := approval_in_force(school, year)) is not None:
        # Every item deleted after the approval: new ones are amendments, one by one with their reason.
        raise PlanExists(f"План на {year}/{year + 1} учебный год утверждён приказом директора {approval.order}: "
                         "пункты добавляются в него как изменения плана («Добавить пункт»).")
    catalogs = catalogs_for(school)
    indicators = (
        Indicator.objects.filter(catalog__in=catalogs, retired=False)
        .select_related("catalog").order_by("catalog__code", "position")
    )
    criteria: dict[tuple[str, str, str], list[Indicator]] = {}
    for indicator in indicators:
        key = (indicator.catalog.name, indicator.group, indicator.criterion or indicator.group or indicator.name)
        criteria.setdefault(key, []).append(indicator)
    problems = indicator_problems(school, year - 1, [i for members in criteria.values() for i in members])
    items = []
    for position, ((catalog, group, criterion), members) in enumerate(criteria.items(), start=1):
        collections = list(dict.fromkeys(" ".join(i.collection.split()) for i in members if i.collection))
        responsible = Counter(i.responsible for i in members if i.responsible).most_common(1)
        # The regulation's own words («по итогам ГИА», «на 1 сентября») say when; the bare «ежегодно» only how often.
        periodicities = dict.fromkeys(i.periodicity_text or i.get_periodicity_display() for i in members)
        items.append(PlanItem(
            school=school, year_id=year, group=f"{catalog}: {group}" if group else catalog, object=criterion,
            indicators=[i.code for i in members], method="; ".join(collections),
            periodicity=", ".join(periodicities)[:PERIODICITY_LENGTH], months=item_months(members),
            responsible=responsible[0][0] if responsible else "", position=position,
            problems="\n".join(line for i in members for line in problems.get(i.code, [])),
        ))
    items += decision_items(items, school, year)
    with transaction.atomic():
        # The coming year has no record before its data are loaded: the plan is drafted before them (in August).
        SchoolYear.objects.get_or_create(start=year)
        PlanItem.objects.bulk_create(items)
        record(user=user, action=AuditAction.CHANGE, object_type="plan", object_id=str(year), school=school,
               details={"действие": "составлен проект плана по каталогам", "пунктов": len(items),
                        "по проблемам прошлого года": sum(1 for item in items if item.problems)},
               request=request)
    return items


def decision_items(items: list[PlanItem], school: OrgUnit, year: int) -> list[PlanItem]:
    """Mark the items of last year's open decisions; the new items for the decisions no item fits (also used by
    vsoko.plan.carryover)."""
    decisions = open_decisions(school, year - 1)
    known = set(Indicator.objects.filter(code__in={c for d in decisions for c in d.indicators})
                .values_list("code", flat=True))
    added = []
    for decision in decisions:
        reason = decision_problem(decision)
        criterion = decision.plan_item.object if decision.plan_item else None
        item = (next((i for i in items if set(decision.indicators) & set(i.indicators)), None)
                or next((i for i in items if i.object == criterion), None))
        if item is not None:
            item.problems = "\n".join(filter(None, [item.problems, reason]))
            continue
        deadline = decision.deadline
        in_year = deadline is not None and month_end(year, 9).replace(day=1) <= deadline <= month_end(year, 8)
        added.append(PlanItem(
            school=school, year_id=year, group=f"Проблемы и задачи по итогам {year_label(year - 1)} учебного года",
            object=f"Исполнение решения «{decision.title}»", indicators=[c for c in decision.indicators if c in known],
            method=DECISION_METHOD, periodicity="однократно",
            months=[deadline.month] if in_year else DECISION_MONTHS, responsible=decision.responsible[:500],
            position=len(items) + len(added) + 1, problems=reason,
        ))
    return added
