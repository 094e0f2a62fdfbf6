"""A draft of the year's monitoring plan from the school's catalogs: one item per criterion.

Each criterion of the catalogs the school uses (the core catalog and those it chose) becomes
an item: its indicators, the ways they are collected, their periodicity, the responsible
person named most often among them. The months are a first guess from the way of collection
(ВПР in April–May, ГИА after its results in July, questionnaires in March, staff records in
September, the rest at the end of the year in June); the deputy corrects them before the
director approves the plan.
"""

from __future__ import annotations

from collections import Counter

from django.db import transaction

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.indicators.models import Indicator
from vsoko.indicators.values import catalogs_for
from vsoko.plan.approval import approval_in_force
from vsoko.plan.models import PlanItem
from vsoko.records.models import OrgUnit

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


class PlanExists(Exception):
    """The year already has a plan: a draft would duplicate it."""


def months_for(collection: str) -> list[int]:
    lowered = collection.lower()
    for words, months in MONTH_RULES:
        if any(word.lower() in lowered for word in words):
            return months
    return END_OF_YEAR


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
    items = []
    for position, ((catalog, group, criterion), members) in enumerate(criteria.items(), start=1):
        collections = list(dict.fromkeys(" ".join(i.collection.split()) for i in members if i.collection))
        responsible = Counter(i.responsible for i in members if i.responsible).most_common(1)
        periodicities = dict.fromkeys(i.get_periodicity_display() for i in members)
        items.append(PlanItem(
            school=school, year_id=year, group=f"{catalog}: {group}" if group else catalog, object=criterion,
            indicators=[i.code for i in members], method="; ".join(collections),
            periodicity=", ".join(periodicities), months=months_for(" ".join(collections)),
            responsible=responsible[0][0] if responsible else "", position=position,
        ))
    with transaction.atomic():
        PlanItem.objects.bulk_create(items)
        record(user=user, action=AuditAction.CHANGE, object_type="plan", object_id=str(year), school=school,
               details={"действие": "составлен проект плана по каталогам", "пунктов": len(items)}, request=request)
    return items
