"""Scales: reading the package notation, finding the official scale, deriving marks and test scores.

Notation (spec/data-format.md, table assessments):
- mark scale `2:0-9;3:10-15;4:16-20;5:21-24` — primary-score ranges per mark;
- test scale `0:0;1:3;2:5;…` — primary score : test score (ЕГЭ).

The mark is the highest k whose lower bound the score reaches (ru-domain.md §2.3),
so a fractional score such as 9.5 still gets a mark. Extra conditions of a scale
(ОГЭ русский язык: «4» needs ≥ 4 points on ГК1–ГК4) lower the mark when the task
points are known.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from vsoko.assessments.models import ScaleDefinition
from vsoko.assessments.subjects import subject_key
from vsoko.records.enums import AssessmentKind

MARKS = (2, 3, 4, 5)
_RANGE = re.compile(r"^\s*([1-5])\s*:\s*(\d+(?:[.,]\d+)?)\s*[-–—]\s*(\d+(?:[.,]\d+)?)\s*$")
_PAIR = re.compile(r"^\s*(\d+)\s*:\s*(\d+(?:[.,]\d+)?)\s*$")


class ScaleError(ValueError):
    """A scale text that cannot be read; the message is for the user."""


@dataclass(frozen=True)
class MarkRange:
    mark: int
    low: Decimal
    high: Decimal


def parse_mark_scale(text: str) -> list[MarkRange]:
    """`2:0-9;3:10-15;…` → ranges sorted by mark; contiguous, non-overlapping."""
    ranges = []
    for part in filter(None, (p.strip() for p in str(text).split(";"))):
        found = _RANGE.match(part)
        if not found:
            raise ScaleError(f"шкала отметок: «{part}» не похоже на «отметка:от-до», например «3:10-15»")
        mark, low, high = int(found[1]), _decimal(found[2]), _decimal(found[3])
        if low > high:
            raise ScaleError(f"шкала отметок: в «{part}» нижняя граница больше верхней")
        ranges.append(MarkRange(mark, low, high))
    if not ranges:
        raise ScaleError("шкала отметок пуста")
    ranges.sort(key=lambda r: r.mark)
    if len({r.mark for r in ranges}) != len(ranges):
        raise ScaleError("шкала отметок: одна отметка указана дважды")
    for lower, upper in zip(ranges, ranges[1:], strict=False):
        if upper.low <= lower.high:
            raise ScaleError(f"шкала отметок: диапазоны «{lower.mark}» и «{upper.mark}» пересекаются")
    return ranges


def format_mark_scale(ranges: list[MarkRange]) -> str:
    return ";".join(f"{r.mark}:{_plain(r.low)}-{_plain(r.high)}" for r in ranges)


def parse_test_scale(text: str) -> dict[int, Decimal]:
    """`0:0;1:3;2:5` → {0: 0, 1: 3, 2: 5}; test scores never decrease."""
    table: dict[int, Decimal] = {}
    for part in filter(None, (p.strip() for p in str(text).split(";"))):
        found = _PAIR.match(part)
        if not found:
            raise ScaleError(f"шкала тестовых баллов: «{part}» не похоже на «первичный:тестовый», например «5:27»")
        table[int(found[1])] = _decimal(found[2])
    if not table:
        raise ScaleError("шкала тестовых баллов пуста")
    scores = [table[k] for k in sorted(table)]
    if any(b < a for a, b in zip(scores, scores[1:], strict=False)):
        raise ScaleError("шкала тестовых баллов: тестовый балл убывает при росте первичного")
    return table


def format_test_scale(table: dict[int, Decimal | int]) -> str:
    return ";".join(f"{primary}:{_plain(Decimal(table[primary]))}" for primary in sorted(table))


def derive_mark(
    mark_scale: str, primary_score: Decimal | int | float, *,
    conditions: list[dict[str, Any]] | None = None, task_points: dict[str, Decimal] | None = None,
) -> int:
    """The mark for a primary score; conditions apply only when task points are given."""
    score = Decimal(str(primary_score))
    ranges = parse_mark_scale(mark_scale)
    if score < ranges[0].low or score > ranges[-1].high:
        raise ScaleError(f"первичный балл {_plain(score)} вне шкалы {format_mark_scale(ranges)}")
    mark = max(r.mark for r in ranges if score >= r.low)
    if task_points:
        mark = _apply_conditions(mark, conditions or [], task_points)
    return mark


def derive_test_score(test_scale: str, primary_score: Decimal | int | float) -> Decimal:
    """The test score for a primary score (a fractional primary score is rounded down)."""
    table = parse_test_scale(test_scale)
    primary = math.floor(Decimal(str(primary_score)))
    if primary not in table:
        raise ScaleError(f"первичного балла {primary} нет в шкале перевода (есть {min(table)}–{max(table)})")
    return table[primary]


def _apply_conditions(mark: int, conditions: list[dict[str, Any]], task_points: dict[str, Decimal]) -> int:
    """Conditions are checked from the highest mark down: failing one gives `otherwise`."""
    points = {_task_key(task): Decimal(str(value)) for task, value in task_points.items()}
    for condition in sorted(conditions, key=lambda c: -int(c["mark"])):
        if mark < int(condition["mark"]):
            continue
        tasks = [_task_key(t) for t in condition["tasks"]]
        if not all(t in points for t in tasks):
            continue  # the file does not have these tasks: the condition cannot be checked
        if sum(points[t] for t in tasks) < Decimal(str(condition["min_points"])):
            mark = min(mark, int(condition["otherwise"]))
    return mark


def _task_key(task: str) -> str:
    return str(task).strip().upper().replace("K", "К").replace(",", ".")


def scale_for(kind: str, subject: str, grade: int | None, year: int) -> ScaleDefinition | None:
    """The scale of this kind, subject, grade and school year, or None.

    Only the scale of that very year: a neighbouring year's scale would silently give
    wrong marks where the КИМ changed. ОГЭ is always grade 9 and ЕГЭ grade 11.
    """
    kind = AssessmentKind(kind) if kind in AssessmentKind.values else _kind_from_label(kind)
    if kind is None:
        return None
    grade = {AssessmentKind.OGE: 9, AssessmentKind.EGE: 11}.get(kind, grade)
    if grade is None:
        return None
    return ScaleDefinition.objects.filter(kind=kind, subject=subject_key(subject), grade=grade, year=year).first()


def _kind_from_label(label: str) -> AssessmentKind | None:
    for kind in AssessmentKind:
        if kind.label.lower() == str(label).strip().lower():
            return kind
    return None


SCALE_FIELDS = ("max_score", "mark_scale", "test_scale", "min_score")


def apply_scale(assessment, scale: ScaleDefinition | None = None) -> list[str]:
    """Fill an Assessment's empty max_score/mark_scale/test_scale/min_score from the official scale.

    What the assessment already has is kept (a school may enter its own scale).
    Returns the names of the filled fields; the caller saves.
    """
    if scale is None:
        if assessment.subject_id is None:
            return []
        scale = scale_for(assessment.kind, assessment.subject.name, assessment.grade, assessment.year_id)
    if scale is None:
        return []
    filled = []
    for field in SCALE_FIELDS:
        if getattr(assessment, field) in (None, "") and getattr(scale, field) not in (None, ""):
            setattr(assessment, field, getattr(scale, field))
            filled.append(field)
    return filled


def scale_defaults(*, kind: str, subject: str, grade: int | None, year: int) -> dict[str, Any]:
    """The shipped scale as the package's assessments columns (empty dict if none).

    For an importer building an `assessments` row: `{**scale_defaults(...), **row_from_file}`.
    """
    scale = scale_for(kind, subject, grade, year)
    if scale is None:
        return {}
    return {field: getattr(scale, field) for field in SCALE_FIELDS if getattr(scale, field) not in (None, "")}


def fill_scale_defaults(row: dict[str, Any]) -> list[str]:
    """Fill an `assessments` row of the canonical importer (validation.py) from the shipped scale.

    The row holds parsed values: kind (AssessmentKind value), subject, grade, year
    (start year). Keys the file gave are kept; returns the keys filled, which the
    caller adds to the table's present columns so they are stored.
    """
    kind, subject, year = row.get("kind"), row.get("subject"), row.get("year")
    if not (isinstance(kind, str) and isinstance(subject, str) and isinstance(year, int)):
        return []
    grade = row.get("grade") if isinstance(row.get("grade"), int) else None
    filled = []
    for key, value in scale_defaults(kind=kind, subject=subject, grade=grade, year=year).items():
        if row.get(key) is None:
            row[key] = value
            filled.append(key)
    return filled


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
