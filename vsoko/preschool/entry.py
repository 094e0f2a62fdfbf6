"""Writing the monitoring: a group's levels saved whole (every indicator or none), the groups and the year's
conclusion — each refused while the year's data are approved, each audit-logged."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.preschool.models import Evaluation, PreschoolGroup, YearConclusion
from vsoko.records.approval import ensure_open
from vsoko.web.school_year import year_label


@dataclass(frozen=True)
class Saved:
    created: int
    changed: int


def saved_levels(group: PreschoolGroup) -> dict[str, Evaluation]:
    return {e.indicator: e for e in group.evaluations.all()}


@transaction.atomic
def save_levels(group: PreschoolGroup, levels: dict[str, tuple[int, str]], *, evaluator: str,
                evaluated_on: datetime.date, user, request=None) -> Saved:
    """Every indicator's (level, grounds) of the group; raises DataLocked (nothing saved) for an approved year.
    One INSERT for the new levels and one UPDATE for the changed ones, whatever the number of indicators."""
    ensure_open(group.school, [group.year_id])
    saved = saved_levels(group)
    now = timezone.now()
    new, changed = [], []
    for key, (level, comment) in levels.items():
        old = saved.get(key)
        if old is None:
            new.append(Evaluation(group=group, indicator=key, level=level, comment=comment, evaluator=evaluator,
                                  evaluated_on=evaluated_on, recorded_by=user))
        elif (old.level, old.comment, old.evaluator, old.evaluated_on) != (level, comment, evaluator, evaluated_on):
            old.level, old.comment, old.evaluator, old.evaluated_on = level, comment, evaluator, evaluated_on
            old.recorded_by, old.recorded_at = user, now  # bulk_update does not touch auto_now fields itself
            changed.append(old)
    Evaluation.objects.bulk_create(new)
    Evaluation.objects.bulk_update(changed, ["level", "comment", "evaluator", "evaluated_on", "recorded_by",
                                             "recorded_at"])
    record(user=user, action=AuditAction.CHANGE, object_type="preschool_group", object_id=str(group.pk),
           school=group.school, request=request,
           details={"действие": "оценены показатели дошкольной группы", "группа": group.name,
                    "учебный год": year_label(group.year_id), "новых": len(new), "изменено": len(changed)})
    return Saved(len(new), len(changed))


@transaction.atomic
def save_group(form, *, user, request=None) -> PreschoolGroup:
    """A group from a valid GroupForm; raises DataLocked for an approved year."""
    group = form.instance
    ensure_open(group.school, [group.year_id])
    new = group.pk is None
    group = form.save()
    record(user=user, action=AuditAction.CHANGE, object_type="preschool_group", object_id=str(group.pk),
           school=group.school, request=request,
           details={"действие": "добавлена дошкольная группа" if new else "изменена дошкольная группа",
                    "группа": group.name, "учебный год": year_label(group.year_id), "детей": group.children})
    return group


@transaction.atomic
def save_conclusion(form, *, user, request=None) -> YearConclusion:
    item = form.instance
    ensure_open(item.school, [item.year_id])
    item.updated_by = user
    item = form.save()
    record(user=user, action=AuditAction.CHANGE, object_type="preschool_conclusion", object_id=str(item.pk),
           school=item.school, request=request,
           details={"действие": "записаны выводы и меры мониторинга дошкольного образования",
                    "учебный год": year_label(item.year_id)})
    return item


@transaction.atomic
def delete_group(group: PreschoolGroup, *, user, request=None) -> int:
    """Delete the group with its levels; returns how many levels went with it. DataLocked for an approved year."""
    ensure_open(group.school, [group.year_id])
    levels = group.evaluations.count()
    record(user=user, action=AuditAction.CHANGE, object_type="preschool_group", object_id=str(group.pk),
           school=group.school, request=request,
           details={"действие": "удалена дошкольная группа", "группа": group.name,
                    "учебный год": year_label(group.year_id), "оценок": levels})
    group.delete()
    return levels


@transaction.atomic
def copy_groups(school, year: int, *, user, request=None) -> list[PreschoolGroup]:
    """The previous year's groups (names, ages, counts) as this year's, those of a name not there yet; the levels
    are not copied — each year is rated anew. DataLocked for an approved year."""
    ensure_open(school, [year])
    have = {name.casefold() for name in PreschoolGroup.objects.filter(school=school, year_id=year)
            .values_list("name", flat=True)}
    made = PreschoolGroup.objects.bulk_create(
        PreschoolGroup(school=school, year_id=year, name=g.name, age_band=g.age_band, children=g.children,
                       children_ovz=g.children_ovz)
        for g in PreschoolGroup.objects.filter(school=school, year_id=year - 1).order_by("name")
        if g.name.casefold() not in have)
    if made:
        record(user=user, action=AuditAction.CHANGE, object_type="preschool_group", school=school, request=request,
               details={"действие": "группы перенесены из прошлого года", "учебный год": year_label(year),
                        "групп": len(made)})
    return made
