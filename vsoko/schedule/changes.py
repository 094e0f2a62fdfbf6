"""Every change of the schedule, of the subjects' hours and of the holidays: refused when the year's data are
approved (vsoko.records.approval), written to the audit log."""

from __future__ import annotations

import datetime

from django.db import transaction

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.records.approval import ensure_open
from vsoko.records.models import OrgUnit, SchoolClass, Subject
from vsoko.schedule.enums import Level, ProcedureKind
from vsoko.schedule.holidays import typical_holidays
from vsoko.schedule.models import Holiday, ScheduledAssessment, SubjectHours
from vsoko.schedule.wording import work


def _audit(*, user, request, school: OrgUnit, year: int, what: str, **details) -> None:
    record(user=user, action=AuditAction.CHANGE, object_type="schedule", object_id=str(year), school=school,
           details={"действие": what, "учебный год": f"{year}/{year + 1}", **details}, request=request)


def _described(entry: ScheduledAssessment) -> dict:
    return {"класс": entry.school_class.name, "дата": f"{entry.date:%d.%m.%Y}",
            "работа": work(entry.kind, entry.subject.name), "уровень": entry.get_level_display()}


def save_entry(entry: ScheduledAssessment, *, user=None, request=None) -> ScheduledAssessment:
    """Adds or changes one class's work. Raises DataLocked when the year is approved."""
    ensure_open(entry.school, [entry.year_id])
    adding = entry.pk is None
    with transaction.atomic():
        entry.save()
        _audit(user=user, request=request, school=entry.school, year=entry.year_id,
               what="добавлена работа в график" if adding else "изменена работа в графике", **_described(entry))
    return entry


def delete_entry(entry: ScheduledAssessment, *, user=None, request=None) -> None:
    ensure_open(entry.school, [entry.year_id])
    with transaction.atomic():
        _audit(user=user, request=request, school=entry.school, year=entry.year_id,
               what="удалена работа из графика", **_described(entry))
        entry.delete()


def add_for_grade(*, school: OrgUnit, year: int, grade: int, subject: Subject, date: datetime.date,
                  kind: ProcedureKind, level: Level | None = None, lesson: int | None = None, note: str = "",
                  user=None, request=None) -> list[ScheduledAssessment]:
    """One work (a ВПР, as a rule) for every class of the grade on the date; the classes that already have it
    are skipped. Raises DataLocked when the year is approved."""
    ensure_open(school, [year])
    classes = SchoolClass.objects.filter(school=school, year_id=year, grade=grade).order_by("name")
    present = set(ScheduledAssessment.objects.filter(school_class__in=classes, date=date, subject=subject, kind=kind)
                  .values_list("school_class_id", flat=True))
    added = [ScheduledAssessment(school=school, year_id=year, date=date, school_class=c, subject=subject,
                                 level=level or ProcedureKind(kind).default_level, kind=kind, lesson=lesson, note=note)
             for c in classes if c.pk not in present]
    with transaction.atomic():
        ScheduledAssessment.objects.bulk_create(added)
        if added:
            _audit(user=user, request=request, school=school, year=year, what="добавлена работа для параллели",
                   параллель=grade, дата=f"{date:%d.%m.%Y}", работа=work(kind, subject.name),
                   классы=", ".join(a.school_class.name for a in added))
    return added


def save_hours(*, school: OrgUnit, year: int, grade: int, hours: dict[Subject, int | None], user=None,
               request=None) -> int:
    """The yearly hours of the grade's subjects (None removes a subject's hours); the number of changes."""
    ensure_open(school, [year])
    current = {h.subject_id: h for h in SubjectHours.objects.filter(school=school, year_id=year, grade=grade)}
    changed = {}
    with transaction.atomic():
        for subject, value in hours.items():
            row = current.get(subject.pk)
            if value is None and row is not None:
                row.delete()
                changed[subject.name] = "—"
            elif value is not None and row is None:
                SubjectHours.objects.create(school=school, year_id=year, grade=grade, subject=subject, hours=value)
                changed[subject.name] = value
            elif value is not None and row.hours != value:
                row.hours = value
                row.save(update_fields=["hours"])
                changed[subject.name] = value
        if changed:
            _audit(user=user, request=request, school=school, year=year, what="изменены часы предметов",
                   параллель=grade, часы=changed)
    return len(changed)


def _holiday(holiday: Holiday) -> dict:
    return {"каникулы": holiday.name, "даты": holiday.period, "классы": holiday.grades_text or "все"}


def save_holiday(holiday: Holiday, *, user=None, request=None) -> Holiday:
    """Adds or changes the school's holidays of a year. Raises DataLocked when the year is approved."""
    ensure_open(holiday.school, [holiday.year_id])
    adding = holiday.pk is None
    with transaction.atomic():
        holiday.save()
        _audit(user=user, request=request, school=holiday.school, year=holiday.year_id,
               what="добавлены каникулы" if adding else "изменены каникулы", **_holiday(holiday))
    return holiday


def delete_holiday(holiday: Holiday, *, user=None, request=None) -> None:
    ensure_open(holiday.school, [holiday.year_id])
    with transaction.atomic():
        _audit(user=user, request=request, school=holiday.school, year=holiday.year_id, what="удалены каникулы",
               **_holiday(holiday))
        holiday.delete()


def load_typical_holidays(*, school: OrgUnit, year: int, user=None, request=None) -> list[Holiday]:
    """The typical calendar's holidays of the year (vsoko.schedule.holidays) the school has no holidays of that name
    for; the ones added. Raises DataLocked when the year is approved."""
    ensure_open(school, [year])
    present = set(Holiday.objects.filter(school=school, year_id=year).values_list("name", flat=True))
    added = [Holiday(school=school, year_id=year, name=t.name, start=t.start, end=t.end, grades=list(t.grades))
             for t in typical_holidays(year) if t.name not in present]
    with transaction.atomic():
        Holiday.objects.bulk_create(added)
        if added:
            _audit(user=user, request=request, school=school, year=year, what="загружены типовые каникулы",
                   каникулы="; ".join(str(h) for h in added))
    return added
