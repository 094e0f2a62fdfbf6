"""Loading the reference scales shipped in vsoko/assessments/scales/*.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from vsoko.assessments.grading import format_test_scale, parse_mark_scale, parse_test_scale
from vsoko.assessments.models import ScaleDefinition
from vsoko.assessments.subjects import subject_key
from vsoko.records.enums import AssessmentKind
from vsoko.yaml_files import read_yaml

SCALES_DIR = Path(__file__).resolve().parent / "scales"
FIELDS = ("max_score", "mark_scale", "test_scale", "min_score", "conditions", "extra_conditions", "source", "verified")
DEFAULT_GRADE = {AssessmentKind.OGE: 9, AssessmentKind.EGE: 11}


class ShippedScaleError(ValueError):
    """A mistake in a shipped YAML file (a packaging bug, caught by the tests)."""


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_customized: int = 0


def shipped_scale_rows(directory: Path = SCALES_DIR) -> list[dict[str, Any]]:
    """Every entry of every YAML file as the model's field values, validated."""
    rows = []
    for path in sorted(directory.glob("*.yaml")):
        document = read_yaml(path)
        for number, entry in enumerate(document["scales"], start=1):
            try:
                rows.append(_row(document, entry))
            except (KeyError, ValueError) as exc:
                raise ShippedScaleError(f"{path.name}, запись {number}: {exc}") from exc
    return rows


def _row(document: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
    kind = AssessmentKind(next(k for k in AssessmentKind if k.label == document["kind"]))
    row = {
        "kind": kind,
        "subject": subject_key(entry["subject"]),
        "grade": int(entry.get("grade") or DEFAULT_GRADE[kind]),
        "year": int(document["year"]),
        "max_score": entry.get("max_score"),
        "mark_scale": entry.get("mark_scale", ""),
        "test_scale": entry.get("test_scale", ""),
        "min_score": entry.get("min_score"),
        "conditions": entry.get("conditions", []),
        "extra_conditions": entry.get("extra_conditions", ""),
        "source": entry.get("source", document.get("source", "")),
        "verified": bool(entry.get("verified", document.get("verified", False))),
    }
    if "test_scores" in entry:
        row["test_scale"] = format_test_scale(dict(enumerate(entry["test_scores"])))
    if row["mark_scale"]:
        ranges = parse_mark_scale(row["mark_scale"])
        if ranges[0].low != 0 or (row["max_score"] is not None and ranges[-1].high != row["max_score"]):
            raise ValueError(f"шкала {row['mark_scale']} не покрывает баллы от 0 до {row['max_score']}")
        if row["min_score"] is None and kind in (AssessmentKind.VPR, AssessmentKind.OGE):
            row["min_score"] = int(next(r.low for r in ranges if r.mark == 3))
    if row["test_scale"]:
        table = parse_test_scale(row["test_scale"])
        if row["max_score"] is not None and sorted(table) != list(range(row["max_score"] + 1)):
            raise ValueError(f"шкала тестовых баллов должна перечислять баллы 0–{row['max_score']}")
    return row


@transaction.atomic
def load_shipped_scales(directory: Path = SCALES_DIR) -> LoadReport:
    """Create or update the shipped scales. Idempotent.

    A scale edited in the interface (`customized`) is left as the user made it.
    """
    report = LoadReport()
    existing = {(s.kind, s.subject, s.grade, s.year): s for s in ScaleDefinition.objects.all()}
    for row in shipped_scale_rows(directory):
        key = (row["kind"], row["subject"], row["grade"], row["year"])
        scale = existing.get(key)
        if scale is None:
            ScaleDefinition.objects.create(**row)
            report.created += 1
        elif scale.customized:
            report.kept_customized += 1
        elif any(getattr(scale, f) != row[f] for f in FIELDS):
            for field in FIELDS:
                setattr(scale, field, row[field])
            scale.save()
            report.updated += 1
        else:
            report.unchanged += 1
    return report


def load_after_migrate(sender, using="default", **kwargs) -> None:
    """post_migrate receiver; does nothing until the table exists (e.g. migrating backwards)."""
    from django.db import connections

    if ScaleDefinition._meta.db_table in connections[using].introspection.table_names():
        load_shipped_scales()
