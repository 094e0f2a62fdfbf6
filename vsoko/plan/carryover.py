"""«Взять за основу план прошлого года»: the coming year's plan made from the school's latest earlier plan.

In August the deputy prepares next year's plan; most of it is last year's: the same objects, indicators, methods,
months and responsible people. The copy takes the plan as it stands (the approved plan with its amendments, or
the draft as last edited). The months are the same months of the new school year, so every deadline moves one
year on; the done dates and result notes belong to the old year and are not copied. Its problems are not copied
either but found anew, as the draft from the catalogs finds them (vsoko.plan.problems): last year's now.

Two things are checked rather than copied blindly, and each is reported in the notice instead of dropped quietly:
- a responsible field naming a staff member of the school (by surname) who is not on the staff list of the new
  year — the latest list loaded, if the new year's is not yet — is left empty: somebody else has to be named;
  a position («заместитель директора по ВР») is copied as it is;
- indicator codes no longer among the school's catalogs (removed or retired) are left out of their item; the
  item itself is copied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Exists, Max, OuterRef

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.indicators.models import Indicator
from vsoko.indicators.values import catalogs_for
from vsoko.plan.approval import approval_in_force
from vsoko.plan.drafting import PlanExists, decision_items
from vsoko.plan.models import PlanItem
from vsoko.plan.problems import indicator_problems
from vsoko.records.models import OrgUnit, SchoolYear, StaffMember, StaffYear
from vsoko.records.years import year_label

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


class NothingToCarryOver(Exception):
    """No earlier year of the school has a plan to start from."""


@dataclass
class Vacated:
    """An item whose responsible person no longer works at the school: the field is left empty."""

    item: str
    responsible: str
    left: list[str]  # the staff named in it who are not on the new year's list


@dataclass
class Dropped:
    """An item whose indicators are gone from the school's catalogs: the item is copied without them."""

    item: str
    codes: list[str]


@dataclass
class CarryOver:
    source_year: int
    staff_year: int | None  # whose staff list said who still works (None: no staff list loaded at all)
    items: list[PlanItem]
    vacated: list[Vacated] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)

    @property
    def notice(self) -> list[str]:
        """One Russian line per thing the deputy has to look at."""
        lines = [f"Пункт «{v.item}»: ответственный не указан — в списке работников {year_label(self.staff_year)} "
                 f"учебного года нет: {', '.join(v.left)} (было: «{v.responsible}»)." for v in self.vacated]
        lines += [f"Пункт «{d.item}»: показателей {', '.join(d.codes)} больше нет в каталогах школы — они не перенесены."
                  for d in self.dropped]
        return lines


def source_year(school: OrgUnit, year: int) -> int | None:
    """The latest year before `year` in which the school has a plan (usually the year just before)."""
    return (PlanItem.objects.filter(school=school, year_id__lt=year)
            .aggregate(latest=Max("year_id"))["latest"])


def _staff_year(school: OrgUnit, year: int) -> int | None:
    """The new year's staff list if loaded, else the latest loaded before it: who still works, as far as known."""
    return (StaffYear.objects.filter(school=school, year_id__lte=year)
            .aggregate(latest=Max("year_id"))["latest"])


def _key(word: str) -> str:
    return word.casefold().replace("ё", "е")


def _departed(school: OrgUnit, staff_year: int | None) -> tuple[dict[str, list[str]], set[str]]:
    """Surnames of the school's staff not on `staff_year`'s list (with their names) and those on it (one query)."""
    if staff_year is None:
        return {}, set()
    members = StaffMember.objects.filter(school=school).annotate(
        working=Exists(StaffYear.objects.filter(staff=OuterRef("pk"), year_id=staff_year)))
    gone: dict[str, list[str]] = {}
    working: set[str] = set()
    for member in members:
        if not member.last_name:
            continue
        if member.working:
            working.add(_key(member.last_name))
        else:
            gone.setdefault(_key(member.last_name), []).append(member.full_name)
    return gone, working


def _left_staff(responsible: str, gone: dict[str, list[str]], working: set[str]) -> list[str]:
    """The people named in `responsible` (by surname) who left; a namesake still working keeps the field."""
    words = {_key(w) for w in WORD.findall(responsible)}
    return [name for word in sorted(words) if word in gone and word not in working for name in gone[word]]


def _look_back(items: list[PlanItem], school: OrgUnit, year: int, current: dict[str, Indicator]) -> None:
    """Last year's problems, as the draft from the catalogs says them (regulation 000, п. 1.18): on the items of the
    indicators concerned, and an item of its own for an open decision that fits none (appended to `items`)."""
    problems = indicator_problems(school, year - 1, [current[c] for c in dict.fromkeys(
        code for item in items for code in item.indicators)])
    for item in items:
        item.problems = "\n".join(line for code in item.indicators for line in problems.get(code, []))
    items += decision_items(items, school, year)


def carry_over_plan(*, school: OrgUnit, year: int, user=None, request=None) -> CarryOver:
    """Create the plan of the school's `year` from its latest earlier plan, all or nothing. Raises PlanExists if
    the year already has items or an approved plan (nothing is changed), NothingToCarryOver without an earlier plan."""
    with transaction.atomic():
        # One carry-over at a time per school: a double click must not copy the plan twice.
        OrgUnit.objects.select_for_update().filter(pk=school.pk).first()
        if PlanItem.objects.filter(school=school, year_id=year).exists():
            raise PlanExists(f"План на {year_label(year)} учебный год уже есть: взять за основу план прошлого года "
                             "можно только для года без плана. Дополните или измените его пункты.")
        if (approval := approval_in_force(school, year)) is not None:
            raise PlanExists(f"План на {year_label(year)} учебный год утверждён приказом директора {approval.order}: "
                             "пункты добавляются в него как изменения плана («Добавить пункт»).")
        source = source_year(school, year)
        if source is None:
            raise NothingToCarryOver(f"Плана ни на один учебный год до {year_label(year)} нет: взять за основу "
                                     "нечего. Составьте проект по каталогам или добавьте пункты вручную.")
        staff_year = _staff_year(school, year)
        gone, working = _departed(school, staff_year)
        current = {i.code: i for i in Indicator.objects.filter(catalog__in=catalogs_for(school), retired=False)}
        result = CarryOver(source_year=source, staff_year=staff_year, items=[])
        for old in PlanItem.objects.filter(school=school, year_id=source):
            responsible = old.responsible
            if left := _left_staff(responsible, gone, working):
                result.vacated.append(Vacated(old.object, responsible, left))
                responsible = ""
            if missing := [code for code in old.indicators if code not in current]:
                result.dropped.append(Dropped(old.object, missing))
            result.items.append(PlanItem(
                school=school, year_id=year, group=old.group, object=old.object,
                indicators=[code for code in old.indicators if code in current], method=old.method,
                periodicity=old.periodicity, months=list(old.months), responsible=responsible,
                result_form=old.result_form, position=len(result.items) + 1,
            ))
        _look_back(result.items, school, year, current)
        # The coming year has no record before its data are loaded (as in vsoko.plan.drafting).
        SchoolYear.objects.get_or_create(start=year)
        PlanItem.objects.bulk_create(result.items)
        record(user=user, action=AuditAction.CHANGE, object_type="plan", object_id=str(year), school=school,
               details={"действие": f"план составлен по плану {year_label(source)} учебного года",
                        "пунктов": len(result.items),
                        "по проблемам прошлого года": sum(1 for item in result.items if item.problems),
                        "ответственный не перенесён": [v.item[:200] for v in result.vacated],
                        "показатели не перенесены": {d.item[:200]: d.codes for d in result.dropped}},
               request=request)
    return result
