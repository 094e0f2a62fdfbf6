"""The generated package: deterministic, complete, in the format the importer reads."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from vsoko.demo.generator import generate_school
from vsoko.demo.model import SchoolProfile
from vsoko.demo.package import COLUMNS, folder_digest
from vsoko.imports.tables import TABLES


def small(seed: str = "7", students: int = 150):
    return generate_school(SchoolProfile("school-1", "Школа", seed, students=students), 3)


def test_same_seed_gives_identical_csv_files(tmp_path):
    small().write_csv(tmp_path / "a")
    small().write_csv(tmp_path / "b")
    small(seed="8").write_csv(tmp_path / "c")

    assert folder_digest(tmp_path / "a") == folder_digest(tmp_path / "b")
    assert folder_digest(tmp_path / "a") != folder_digest(tmp_path / "c")


def test_tables_and_columns_are_those_of_the_format():
    assert list(COLUMNS) == list(TABLES)
    for key, table in TABLES.items():
        assert COLUMNS[key] == tuple(c.key for c in table.columns), key


def test_every_table_and_every_column_is_filled(tmp_path):
    small().write_csv(tmp_path)

    for table, columns in COLUMNS.items():
        with (tmp_path / f"{table}.csv").open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        assert rows, table
        assert tuple(rows[0]) == columns
        empty = [c for c in columns if not any(row[c] for row in rows)]
        assert empty == [], table


def test_natural_keys_are_unique():
    package = small()

    for key, table in TABLES.items():
        keys = [tuple(str(row.get(c.key, "")) for c in table.natural_key) for row in package.tables[key]]
        assert len(keys) == len(set(keys)), key


def test_references_between_tables_hold():
    package = small()
    students = {r["student_id"] for r in package.tables["students"]}
    staff = {r["staff_id"] for r in package.tables["staff"]}
    assessments = {r["assessment_id"] for r in package.tables["assessments"]}

    for table in ("enrollments", "social", "marks", "results", "events", "programs"):
        assert {r["student_id"] for r in package.tables[table]} <= students, table
    assert {r["staff_id"] for r in package.tables["staff_events"]} <= staff
    assert {r["assessment_id"] for r in package.tables["results"]} <= assessments
    assert {r["assessment_id"] for r in package.tables["assessment_tasks"]} <= assessments


def test_task_scores_add_up_to_the_primary_score_within_each_task_maximum():
    package = small()
    tasks: dict[str, list[int]] = {}
    for row in package.tables["assessment_tasks"]:
        tasks.setdefault(row["assessment_id"], []).append(row["max_points"])

    scored = [r for r in package.tables["results"] if r.get("task_scores")]
    assert scored
    for row in scored:
        maxima = tasks[row["assessment_id"]]
        assert len(row["task_scores"]) == len(maxima)
        assert sum(row["task_scores"]) == row["primary_score"]
        assert all(0 <= p <= m for p, m in zip(row["task_scores"], maxima, strict=True))


def test_marks_and_test_scores_follow_the_assessment_scales():
    package = small()
    assessments = {r["assessment_id"]: r for r in package.tables["assessments"]}

    for row in package.tables["results"]:
        if row.get("absent"):
            continue
        a = assessments[row["assessment_id"]]
        if a["mark_scale"]:
            ranges = dict(part.split(":") for part in a["mark_scale"].split(";"))
            mark = next(int(m) for m, span in ranges.items()
                        if int(span.split("-")[0]) <= row["primary_score"] <= int(span.split("-")[1]))
            assert row["mark"] == mark, row
        if a["test_scale"]:
            scale = dict(part.split(":") for part in a["test_scale"].split(";"))
            assert row["test_score"] == int(scale[str(row["primary_score"])]), row


def test_pupils_move_up_one_grade_a_year_unless_kept_back():
    package = small()
    by_student: dict[str, dict[int, dict]] = {}
    for row in package.tables["enrollments"]:
        by_student.setdefault(row["student_id"], {})[int(row["year"][:4])] = row

    moves = 0
    for years in by_student.values():
        for year, row in years.items():
            following = years.get(year + 1)
            if not following:
                continue
            grade, next_grade = int(row["class"][:-1]), int(following["class"][:-1])
            expected = grade if row["outcome"] == "оставлен на повторное обучение" else grade + 1
            assert next_grade == expected, (row, following)
            if grade <= 9 and grade != 9:
                assert following["class"][-1] == row["class"][-1]  # the class keeps its letter
            moves += 1
    assert moves > 200


def test_birth_dates_fit_the_grade():
    package = small()
    birth = {r["student_id"]: r["birth_date"] for r in package.tables["students"]}

    for row in package.tables["enrollments"]:
        start = int(row["year"][:4])
        grade = int(row["class"][:-1])
        age = (start - birth[row["student_id"]].year) - (grade - 1)
        assert 6 <= age <= 10, row  # 6½–8 at school entry, plus a repeated year


def test_names_use_the_feminine_forms_for_girls():
    package = small()
    girls = [r for r in package.tables["students"] if r["sex"] == "Ж"]

    assert girls
    assert all(r["middle_name"].endswith(("вна", "чна")) for r in girls)
    assert not any(r["last_name"].endswith(("ов", "ев", "ин", "ский")) for r in girls)
    boys = [r for r in package.tables["students"] if r["sex"] == "М"]
    assert all(r["middle_name"].endswith(("вич", "ич")) for r in boys)


def test_first_grade_has_no_marks_and_the_second_none_in_its_first_quarter():
    package = small()
    grade = {(r["year"], r["student_id"]): int(r["class"][:-1]) for r in package.tables["enrollments"]}

    periods_by_grade: dict[int, set[str]] = {}
    for row in package.tables["marks"]:
        periods_by_grade.setdefault(grade[(row["year"], row["student_id"])], set()).add(row["period"])
    assert 1 not in periods_by_grade
    assert "1 четверть" not in periods_by_grade[2]
    assert periods_by_grade[3] == {"1 четверть", "2 четверть", "3 четверть", "4 четверть", "год"}


@pytest.mark.parametrize("seed", ["1", "2"])
def test_year_marks_agree_with_quarter_marks(seed):
    package = small(seed=seed)
    quarters: dict[tuple, list[int]] = {}
    years: dict[tuple, str] = {}
    for row in package.tables["marks"]:
        key = (row["year"], row["student_id"], row["subject"])
        if row["period"] == "год":
            years[key] = row["mark"]
        elif row["mark"].isdigit():
            quarters.setdefault(key, []).append(int(row["mark"]))

    for key, mark in years.items():
        if mark.isdigit() and key in quarters:
            assert min(quarters[key]) <= int(mark) <= max(quarters[key]), key


def test_every_indicator_entered_by_hand_in_the_shipped_catalogs_has_a_value():
    import yaml

    from vsoko.indicators import catalogs

    folder = Path(catalogs.__file__).parent / "catalogs"
    entered = {
        item["code"]
        for path in folder.glob("*.yaml")
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["indicators"]
        if item.get("method") == "entered"
    }
    package = small()
    given = {r["indicator"] for r in package.tables["values"] if r["scope"] == "школа"}

    assert entered
    assert entered <= given
