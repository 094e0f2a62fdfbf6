"""The sheet's way: черновик → подан на проверку → подтверждён комиссией (or возвращён на доработку, and again).

Every function checks the state first and raises `RatingError` with a Russian message naming the criterion
and the value; nothing is changed then. The views call these and show the message.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from vsoko.accounts.enums import Role
from vsoko.accounts.models import Membership
from vsoko.rating import access
from vsoko.rating.criteria import CRITERIA_BY_CODE, Criterion, criteria_for
from vsoko.rating.enums import PeriodStatus, SheetStatus
from vsoko.rating.measures import MEASURES
from vsoko.rating.models import RatingPeriod, RatingSheet, SheetLine
from vsoko.records.models import OrgUnit, StaffYear
from vsoko.records.years import year_label


class RatingError(ValueError):
    """A step the sheet's state or the entered points do not allow; the message is for the user."""


Entered = dict[str, tuple[int | None, str]]  # criterion code → (points, comment)


def class_teacher_ids(school: OrgUnit, staff_ids: list[int]) -> set[int]:
    """Staff whose account holds the class teacher's role in the school: their sheet has «Классное руководство»."""
    return set(Membership.objects.filter(role=Role.CLASS_TEACHER, org_unit=school,
                                         user__staff_accounts__staff_id__in=staff_ids)
               .values_list("user__staff_accounts__staff_id", flat=True))


@transaction.atomic
def open_period(school: OrgUnit, year: int, fund=None) -> RatingPeriod:
    """The year's rating with a draft sheet for every pedagogical worker of the year, computed lines filled."""
    if RatingPeriod.objects.filter(school=school, year_id=year).exists():
        raise RatingError(f"Рейтинг за {year_label(year)} учебный год уже открыт.")
    staff_ids = list(StaffYear.objects.filter(school=school, year_id=year, pedagogical=True)
                     .values_list("staff_id", flat=True))
    if not staff_ids:
        raise RatingError(f"За {year_label(year)} учебный год в кадровых данных школы нет педагогов: "
                          "загрузите таблицу сотрудников.")
    period = RatingPeriod.objects.create(school=school, year_id=year, fund=fund)
    refresh_computed(period)
    return period


def add_missing_sheets(period: RatingPeriod) -> int:
    """A draft sheet for each pedagogical worker of the year who has none (a teacher loaded after the rating
    was opened); returns how many were added."""
    school = period.school
    staff_ids = list(StaffYear.objects.filter(school=school, year_id=period.year_id, pedagogical=True)
                     .exclude(staff__rating_sheets__period=period).values_list("staff_id", flat=True))
    leaders = class_teacher_ids(school, staff_ids)
    sheets = RatingSheet.objects.bulk_create(
        RatingSheet(period=period, staff_id=s, class_teacher=s in leaders) for s in staff_ids)
    SheetLine.objects.bulk_create(SheetLine(sheet=sheet, code=c.code) for sheet in sheets
                                  for c in criteria_for(sheet.class_teacher))
    return len(sheets)


@transaction.atomic
def refresh_computed(period: RatingPeriod) -> int:
    """Recompute the computed lines of the sheets not yet confirmed (the school's data may have been loaded
    since): each measure once for all of them. A submitted sheet's commission points follow the new ones where
    they were the teacher's; a correction the commission made (with its comment) stays. Sheets of pedagogical
    workers loaded since are added first. A closed rating is not touched. Returns the number of lines recomputed."""
    if not period.is_open:
        raise RatingError(f"Рейтинг за {year_label(period.year_id)} учебный год завершён: листы не пересчитываются.")
    add_missing_sheets(period)
    sheets = {s.pk: s for s in period.sheets.exclude(status=SheetStatus.CONFIRMED)}
    by_staff = {s.staff_id: s for s in sheets.values()}
    computed = [c for c in CRITERIA_BY_CODE.values() if c.computed]
    measured = {c.code: MEASURES[c.measure](period.school, period.year_id, list(by_staff)) for c in computed}
    lines = list(SheetLine.objects.filter(sheet_id__in=sheets, code__in=measured))
    for line in lines:
        sheet = sheets[line.sheet_id]
        measure = measured[line.code][sheet.staff_id]
        followed = sheet.status == SheetStatus.SUBMITTED and line.confirmed_points == line.self_points
        line.measure_text = measure.text[:300]
        line.self_points = CRITERIA_BY_CODE[line.code].points_for(measure.value)
        if followed:
            line.confirmed_points = line.self_points
    SheetLine.objects.bulk_update(lines, ["measure_text", "self_points", "confirmed_points"])
    return len(lines)


def _lines(sheet: RatingSheet) -> dict[str, SheetLine]:
    return {line.code: line for line in sheet.lines.all() if line.code in CRITERIA_BY_CODE}


def _points(criterion: Criterion, raw, *, required: bool) -> int | None:
    where = f"Критерий {criterion.code} «{criterion.name}»"
    if raw in (None, ""):
        if required:
            raise RatingError(f"{where}: укажите баллы (0, если нечего заявить).")
        return None
    try:
        points = int(raw)
    except (TypeError, ValueError):
        raise RatingError(f"{where}: «{raw}» — не число баллов.") from None
    if not 0 <= points <= criterion.max_points:
        raise RatingError(f"{where}: баллы от 0 до {criterion.max_points}, указано {points}.")
    return points


def _require_open(sheet: RatingSheet) -> None:
    if not sheet.period.is_open:
        raise RatingError("Рейтинг за этот учебный год завершён: листы не меняются.")


@transaction.atomic
def save_self(sheet: RatingSheet, entered: Entered) -> None:
    """The teacher's self-assessment: points of the declared criteria and comments (evidence) to any line.
    The points of a computed criterion come from the data: a different number is refused."""
    _require_open(sheet)
    if sheet.status not in SheetStatus.editable_by_teacher():
        raise RatingError(f"Лист {sheet.get_status_display()}: изменить его можно, только если комиссия вернёт "
                          "его на доработку.")
    lines = _lines(sheet)
    for code, (raw, comment) in entered.items():
        line = lines.get(code)
        if line is None:
            raise RatingError(f"Критерия {code} нет в этом оценочном листе.")
        criterion = line.criterion
        if criterion.computed:
            if raw not in (None, "") and _points(criterion, raw, required=False) != line.self_points:
                raise RatingError(f"Критерий {code} «{criterion.name}»: баллы рассчитаны по данным школы "
                                  f"({line.self_points}), изменить их нельзя — напишите комментарий.")
        else:
            line.self_points = _points(criterion, raw, required=False)
        line.self_comment = comment.strip()
    SheetLine.objects.bulk_update(lines.values(), ["self_points", "self_comment"])


@transaction.atomic
def submit(sheet: RatingSheet) -> None:
    """To the commission: every declared criterion needs its points; the commission starts from them."""
    _require_open(sheet)
    if sheet.status not in SheetStatus.editable_by_teacher():
        raise RatingError(f"Лист уже {sheet.get_status_display()}.")
    lines = _lines(sheet)
    for line in lines.values():
        if line.self_points is None:
            _points(line.criterion, None, required=True)
        line.confirmed_points = line.self_points
    SheetLine.objects.bulk_update(lines.values(), ["confirmed_points"])
    sheet.status = SheetStatus.SUBMITTED
    sheet.submitted_at = timezone.now()
    sheet.save(update_fields=["status", "submitted_at"])


@transaction.atomic
def review(sheet: RatingSheet, entered: Entered, class_teacher: bool | None = None) -> None:
    """The commission's points: each from 0 to the criterion's maximum; a comment where they differ from the
    teacher's. `class_teacher` adds or removes the group «Классное руководство»."""
    _require_open(sheet)
    if sheet.status != SheetStatus.SUBMITTED:
        raise RatingError(f"Комиссия проверяет поданные листы; этот лист — {sheet.get_status_display()}.")
    if class_teacher is not None and class_teacher != sheet.class_teacher:
        set_class_teacher(sheet, class_teacher)
    lines = _lines(sheet)
    for code, (raw, comment) in entered.items():
        line = lines.get(code)
        if line is None:
            continue  # a line of the group just removed
        criterion = line.criterion
        line.confirmed_points = _points(criterion, raw, required=True)
        line.commission_comment = comment.strip()
        if line.confirmed_points != line.self_points and not line.commission_comment:
            raise RatingError(f"Критерий {code} «{criterion.name}»: баллы комиссии ({line.confirmed_points}) "
                              f"отличаются от самооценки ({line.self_points}) — укажите причину в комментарии.")
    SheetLine.objects.bulk_update(lines.values(), ["confirmed_points", "commission_comment"])


def set_class_teacher(sheet: RatingSheet, flag: bool) -> None:
    codes = {c.code for c in criteria_for(flag)}
    sheet.lines.exclude(code__in=codes).delete()
    present = set(sheet.lines.values_list("code", flat=True))
    SheetLine.objects.bulk_create(SheetLine(sheet=sheet, code=code, self_points=0 if sheet.submitted_at else None,
                                            confirmed_points=0 if sheet.status == SheetStatus.SUBMITTED else None)
                                  for code in sorted(codes - present))
    sheet.class_teacher = flag
    sheet.save(update_fields=["class_teacher"])


@transaction.atomic
def confirm(sheet: RatingSheet, user) -> None:
    """The commission's confirmation by `user` (None: no one named, a script's setup); never
    by the sheet's teacher — the page refuses it first, this is the rule's last line."""
    _require_open(sheet)
    if user is not None and access.is_own(user, sheet):
        raise RatingError(access.OWN_SHEET)
    if sheet.status != SheetStatus.SUBMITTED:
        raise RatingError(f"Подтвердить можно поданный лист; этот лист — {sheet.get_status_display()}.")
    for line in _lines(sheet).values():
        if line.confirmed_points is None:
            _points(line.criterion, None, required=True)
    sheet.status = SheetStatus.CONFIRMED
    sheet.confirmed_at = timezone.now()
    sheet.confirmed_by = user if getattr(user, "is_authenticated", False) else None
    sheet.return_comment = ""
    sheet.save(update_fields=["status", "confirmed_at", "confirmed_by", "return_comment"])


@transaction.atomic
def return_sheet(sheet: RatingSheet, comment: str) -> None:
    """Back to the teacher with the commission's remark: a submitted or a confirmed sheet of an open period."""
    _require_open(sheet)
    if sheet.status not in (SheetStatus.SUBMITTED, SheetStatus.CONFIRMED):
        raise RatingError(f"Вернуть можно поданный или подтверждённый лист; этот лист — "
                          f"{sheet.get_status_display()}.")
    if not comment.strip():
        raise RatingError("Напишите, что педагогу исправить: без замечания лист не возвращается.")
    sheet.status = SheetStatus.RETURNED
    sheet.return_comment = comment.strip()
    sheet.confirmed_at = None
    sheet.confirmed_by = None
    sheet.save(update_fields=["status", "return_comment", "confirmed_at", "confirmed_by"])


def set_period_status(period: RatingPeriod, status: PeriodStatus) -> None:
    period.status = status
    period.save(update_fields=["status"])
