"""Remembered column layouts: the user says once what each column of an unknown file holds.

A layout is identified by its header row (the normalised header texts, hashed):
the next file with the same headers is read with the same mapping, through the
same readers as the recognised formats (ВПР-like files by participant code or
name, ОГЭ/ЕГЭ-like files by name).
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from pathlib import Path

from vsoko.assessments.enums import ColumnRole
from vsoko.assessments.models import ColumnMapping
from vsoko.assessments.sources.fisoko import VprInfo, read_vpr_form
from vsoko.assessments.sources.grid import Sheet, norm
from vsoko.assessments.sources.headers import HeaderCell, HeaderRow, classify, find_header_row
from vsoko.assessments.sources.protocol import Protocol
from vsoko.assessments.sources.rcoi import read_rcoi
from vsoko.records.enums import AssessmentKind
from vsoko.records.models import OrgUnit

EXAM_KINDS = (AssessmentKind.OGE, AssessmentKind.EGE, AssessmentKind.GVE9, AssessmentKind.GVE11)
PERSON_ROLES = {ColumnRole.STUDENT_ID, ColumnRole.PARTICIPANT_CODE, ColumnRole.FULL_NAME, ColumnRole.LAST_NAME}
SCORE_ROLES = {ColumnRole.TASK, ColumnRole.PRIMARY_SCORE, ColumnRole.TEST_SCORE, ColumnRole.MARK,
               ColumnRole.SHORT_ANSWERS, ColumnRole.LONG_ANSWERS}


class MappingError(ValueError):
    """A mapping that cannot be used; the message is for the user."""


@dataclass(frozen=True)
class ColumnChoice:
    """One column's role as the user set it (or as the matcher suggests)."""

    role: ColumnRole
    task: str = ""
    max_points: int | None = None

    def as_dict(self) -> dict:
        return {"role": str(self.role), "task": self.task, "max_points": self.max_points}


def header_signature(texts: list[str]) -> str:
    """The same header texts (case, ё, spaces aside) give the same signature."""
    normalised = [norm(t) for t in texts]
    while normalised and not normalised[-1]:
        normalised.pop()
    return hashlib.sha256("\x1f".join(normalised).encode()).hexdigest()[:32]


def guess_header_row(sheet: Sheet) -> int:
    header = find_header_row(sheet)
    if header is not None:
        return header.row
    return next((number for number, _ in sheet.filled_rows(1)), 1)


def suggest(texts: list[str]) -> list[ColumnChoice]:
    """What the tolerant matcher thinks each column is; unknown columns are left out of the import."""
    choices = []
    for text in texts:
        cell = classify(text)
        choices.append(ColumnChoice(cell.role or ColumnRole.IGNORE, cell.task, cell.max_points))
    return choices


def check_choices(texts: list[str], choices: list[ColumnChoice], assessment: dict) -> None:
    """Raise MappingError unless the mapping names a person, a result and a complete procedure."""
    roles = [c.role for c in choices]
    if not PERSON_ROLES & set(roles):
        raise MappingError("Укажите столбец, по которому найти обучающегося: ФИО, фамилия, код участника или код обучающегося.")
    if not SCORE_ROLES & set(roles):
        raise MappingError("Укажите хотя бы один столбец с результатом: задание, первичный балл, тестовый балл или отметку.")
    for role in ColumnRole.single():
        count = roles.count(role)
        if count > 1:
            raise MappingError(f"Назначение «{role.label}» выбрано для {count} столбцов: оставьте одно.")
    tasks = [(t, c) for t, c in zip(texts, choices, strict=False) if c.role == ColumnRole.TASK]
    for text, choice in tasks:
        if not choice.task or not choice.max_points:
            raise MappingError(f"Для задания в столбце «{text}» укажите номер задания и максимальный балл.")
    numbers = [c.task for _, c in tasks]
    if len(numbers) != len(set(numbers)):
        raise MappingError("Номера заданий повторяются.")
    kind = assessment.get("kind")
    if kind not in AssessmentKind.values:
        raise MappingError("Укажите вид процедуры.")
    if not assessment.get("subject") or not assessment.get("year"):
        raise MappingError("Укажите предмет и учебный год процедуры.")
    if kind not in EXAM_KINDS and not assessment.get("grade"):
        raise MappingError("Укажите класс (параллель) процедуры.")


def save_mapping(
    *, school: OrgUnit, texts: list[str], header_row: int, choices: list[ColumnChoice], assessment: dict, user=None,
) -> ColumnMapping:
    """Remember the mapping for this school and header; the next file with these headers uses it."""
    check_choices(texts, choices, assessment)
    mapping, _ = ColumnMapping.objects.update_or_create(
        school=school, signature=header_signature(texts),
        defaults={
            "headers": texts, "header_row": header_row, "roles": [c.as_dict() for c in choices],
            "assessment": _jsonable(assessment),
            "updated_by": user if getattr(user, "is_authenticated", False) else None,
        },
    )
    return mapping


def find_mapping(sheet: Sheet, *, school: OrgUnit | None = None, scan: int = 40) -> tuple[ColumnMapping, int] | None:
    """The remembered mapping whose header is in this sheet (the school's own, or any when school is None)."""
    signatures = {}
    for number in range(1, min(scan, len(sheet.rows)) + 1):
        texts = sheet.row_texts(number)
        if any(texts):
            signatures.setdefault(header_signature(texts), number)
    mappings = ColumnMapping.objects.filter(signature__in=signatures)
    if school is not None:
        mappings = mappings.filter(school=school)
    mapping = mappings.order_by("-updated_at").first()
    return (mapping, signatures[mapping.signature]) if mapping else None


def read_mapped(sheet: Sheet, path: Path, mapping: ColumnMapping, header_row: int) -> Protocol:
    """Read a sheet with a remembered mapping."""
    texts = sheet.row_texts(header_row)
    cells = []
    for col, role in enumerate(mapping.roles):
        choice = ColumnRole(role["role"])
        if choice == ColumnRole.IGNORE or col >= len(texts):
            continue
        cells.append(HeaderCell(col, texts[col] or f"столбец {col + 1}", choice, role.get("task") or "", role.get("max_points")))
    header = HeaderRow(header_row, cells)
    info = _assessment_info(mapping.assessment)
    kind = AssessmentKind(info["kind"])
    if kind in EXAM_KINDS:
        return read_rcoi(sheet, path, info, header=header)
    return read_vpr_form(sheet, VprInfo.from_overrides(info), header=header, kind=kind)


def _assessment_info(stored: dict) -> dict:
    info = dict(stored)
    if isinstance(info.get("date"), str) and info["date"]:
        info["date"] = datetime.date.fromisoformat(info["date"])
    return info


def _jsonable(assessment: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, datetime.date) else v) for k, v in assessment.items() if v not in (None, "")}
