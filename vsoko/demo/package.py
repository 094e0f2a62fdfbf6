"""A generated data package: rows per table, written as CSV files exactly as a user would prepare them."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

# Tables and their columns, in the order of spec/data-format.md.
COLUMNS: dict[str, tuple[str, ...]] = {
    "students": ("student_id", "last_name", "first_name", "middle_name", "birth_date", "sex"),
    "enrollments": (
        "year", "student_id", "class", "enrolled_on", "left_on", "ovz", "disability", "non_native_russian",
        "health_group", "pe_group", "outcome", "gia_admitted", "certificate", "destination",
        "destination_matches_profile",
    ),
    "social": ("year", "student_id", "category", "since", "until"),
    "staff": (
        "year", "staff_id", "last_name", "first_name", "middle_name", "birth_date", "position", "pedagogical",
        "education", "profile_match", "category", "category_date", "experience_since", "employment",
        "weekly_hours", "subjects",
    ),
    "staff_events": ("year", "staff_id", "kind", "title", "date", "level", "hours", "topics", "result"),
    "subjects": ("subject",),
    "marks": ("year", "period", "student_id", "subject", "mark"),
    "assessments": (
        "assessment_id", "year", "kind", "subject", "grade", "date", "max_score", "min_score", "mark_scale",
        "test_scale",
    ),
    "assessment_tasks": ("assessment_id", "task", "max_points", "difficulty", "skill", "metasubject", "functional_literacy"),
    "results": (
        "assessment_id", "student_id", "attempt", "absent", "primary_score", "test_score", "mark", "journal_mark",
        "task_scores",
    ),
    "events": ("year", "student_id", "event", "level", "kind", "subject", "result"),
    "programs": ("year", "student_id", "program", "kind", "certificate", "individual_route"),
    "values": ("year", "indicator", "scope", "value", "numerator", "denominator", "comment", "source"),
    "survey_responses": ("year", "survey", "respondent", "grade", "question", "answer"),
}

Row = dict[str, object]


class Package:
    """Rows of every table; values are kept as Python values and turned into package text on writing."""

    def __init__(self) -> None:
        self.tables: dict[str, list[Row]] = {name: [] for name in COLUMNS}

    def add(self, table: str, **values: object) -> None:
        unknown = set(values) - set(COLUMNS[table])
        if unknown:
            raise KeyError(f"{table}: unknown columns {sorted(unknown)}")
        self.tables[table].append(values)

    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.tables.items()}

    def write_csv(self, folder: Path) -> list[Path]:
        """One UTF-8 CSV per table, headers = the keys of the format; returns the files."""
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, columns in COLUMNS.items():
            path = folder / f"{name}.csv"
            with path.open("w", encoding="utf-8", newline="") as f:
                writer = csv.writer(f, lineterminator="\n")
                writer.writerow(columns)
                for row in self.tables[name]:
                    writer.writerow([cell_text(row.get(c)) for c in columns])
            paths.append(path)
        return paths


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if value is True:
        return "да"
    if value is False:
        return "нет"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return ";".join(cell_text(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def folder_digest(folder: Path) -> str:
    """A hash of every CSV file of a package folder (names and bytes)."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.csv")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
