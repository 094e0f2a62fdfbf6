"""The registered formats end to end through the canonical importer (vsoko.imports.service).

The equivalence tests import the same data twice — from the third-party file and
from the canonical package written by hand — and compare what is stored and the
core ВПР/ГИА indicators computed from it.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from tests.assessments.builders import (
    JOURNAL_BLOCKS,
    JOURNAL_FLAT,
    RUS4_PARTICIPANTS,
    RUS4_TASKS,
    ege_rows,
    f1_rows,
    oge_rows,
    write_f1,
    write_workbook,
)
from vsoko.assessments.matching import PersonRef, confirm_match, remember_codes
from vsoko.datavalues.compute import recompute
from vsoko.imports.formats import detect_format
from vsoko.imports.service import import_package, preview_package
from vsoko.indicators.catalogs import load_shipped_catalogs
from vsoko.records.models import Assessment, AssessmentTask, PeriodMark, Result, TaskScore

pytestmark = pytest.mark.django_db


def snapshot(school) -> dict:
    """Everything stored about procedures and marks, keyed without the procedure's code."""
    def procedure(a):
        return (a.kind, a.year_id, a.subject.name, a.grade)

    return {
        "assessments": {
            procedure(a): (a.date, a.max_score, a.min_score, a.mark_scale, a.test_scale)
            for a in Assessment.objects.filter(school=school).select_related("subject")
        },
        "tasks": {
            (procedure(t.assessment), t.position, t.task, t.max_points, t.difficulty)
            for t in AssessmentTask.objects.filter(assessment__school=school).select_related("assessment__subject")
        },
        "results": {
            (procedure(r.assessment), r.student.student_id, r.attempt, r.absent, r.primary_score, r.test_score, r.mark,
             r.journal_mark)
            for r in Result.objects.filter(school=school).select_related("assessment__subject", "student")
        },
        "task_scores": {
            (procedure(s.result.assessment), s.result.student.student_id, s.task.task, s.points)
            for s in TaskScore.objects.filter(result__school=school).select_related(
                "result__assessment__subject", "result__student", "task")
        },
        "marks": {
            (m.year_id, m.period, m.student.student_id, m.subject.name, m.mark)
            for m in PeriodMark.objects.filter(school=school).select_related("student", "subject")
        },
    }


def indicators(school, prefixes: tuple[str, ...]) -> dict:
    """`vsoko indicators --format json` for 2025/2026, the codes with these prefixes."""
    load_shipped_catalogs()
    recompute(school, [2025])
    out = io.StringIO()
    call_command("indicators", "--year", "2025/2026", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    rows = data["values"] if isinstance(data, dict) else data
    return {
        (v["code"], json.dumps(v.get("breakdown") or {}, sort_keys=True)): v.get("value")
        for v in rows if v["code"].startswith(prefixes)
    }


def imported(path, school):
    report = import_package(path, school=school)
    assert [str(e) for e in report.errors] == []
    return report


def forget_everything(school):
    Assessment.objects.filter(school=school).delete()
    PeriodMark.objects.filter(school=school).delete()


def both_ways(school, third_party, package, prefixes):
    imported(third_party, school)
    first, first_indicators = snapshot(school), indicators(school, prefixes)
    forget_everything(school)
    imported(package, school)
    second, second_indicators = snapshot(school), indicators(school, prefixes)
    return first, second, first_indicators, second_indicators


# detection


def test_each_layout_is_recognised_by_its_format(tmp_path):
    files = {
        "fisoko-f1": write_f1(tmp_path / "f1.xlsx"),
        "vpr-form": write_workbook(tmp_path / "ВПР 2026 Математика 5 класс.xlsx",
                                   {"Протокол": [["Код", "Вариант", "1(1б)"], ["1", "1", 1]]}),
        "rcoi": write_workbook(tmp_path / "oge.xlsx", {"Лист1": oge_rows()}),
        "journal-marks": write_workbook(tmp_path / "journal.xlsx", {"Отметки": JOURNAL_BLOCKS}),
        "package": write_workbook(tmp_path / "package.xlsx", {"marks": [["year", "period", "student_id", "subject", "mark"]]}),
    }

    assert {code: detect_format(path).code for code, path in files.items()} == {code: code for code in files}


# ВПР: Ф1


def vpr_package_rows(assessment_id="VPR-RUS-4"):
    """The Ф1 of builders.py as a school would type it into the template."""
    tasks = [["assessment_id", "task", "max_points", "difficulty"]] + [
        [assessment_id, task, points, level] for task, points, level in RUS4_TASKS]
    results = [["assessment_id", "student_id", "primary_score", "mark", "journal_mark", "task_scores"]]
    for student_id, (_, _, _, _, points, primary, mark, journal) in zip(("S01", "S02", "S03", "S04"), RUS4_PARTICIPANTS, strict=True):
        scores = ";".join("0" if p in ("X", "Х") else str(p) for p in points)
        results.append([assessment_id, student_id, primary, mark, "" if journal == "нет отметки" else journal, scores])
    return {
        "assessments": [
            ["assessment_id", "year", "kind", "subject", "grade", "date", "max_score", "min_score", "mark_scale"],
            [assessment_id, "2025/2026", "ВПР", "Русский язык", 4, "15.04.2026", 24, 10, "2:0-9;3:10-15;4:16-20;5:21-24"],
        ],
        "assessment_tasks": tasks,
        "results": results,
    }


def test_f1_and_the_canonical_package_store_the_same_and_give_the_same_indicators(school, roster, tmp_path):
    first, second, first_ind, second_ind = both_ways(
        school, write_f1(tmp_path / "f1.xlsx"), write_workbook(tmp_path / "package.xlsx", vpr_package_rows()),
        ("core.vpr_",),
    )

    assert first == second
    assert len(first["results"]) == 4 and len(first["task_scores"]) == 4 * 13
    assert first_ind == second_ind
    assert first_ind[("core.vpr_base", "{}")] == pytest.approx(75.0)  # marks 5, 3, 2, 4


def test_f1_stores_scale_from_the_shipped_data(school, roster, tmp_path):
    imported(write_f1(tmp_path / "f1.xlsx"), school)

    assessment = Assessment.objects.get()
    assert (assessment.assessment_id, assessment.subject.name, assessment.max_score, assessment.min_score,
            assessment.mark_scale) == ("ВПР-2025-русский язык-4", "русский язык", 24, 10, "2:0-9;3:10-15;4:16-20;5:21-24")
    sidorov = Result.objects.get(student__student_id="S03")
    assert (sidorov.primary_score, sidorov.mark, sidorov.journal_mark) == (Decimal(7), 2, 3)


def test_reimporting_the_f1_changes_nothing(school, roster, tmp_path):
    path = write_f1(tmp_path / "f1.xlsx")
    imported(path, school)

    report = imported(path, school)

    assert {key: (c.added, c.changed) for key, c in report.counts.items()} == {
        "assessments": (0, 0), "assessment_tasks": (0, 0), "results": (0, 0)}


def test_broken_f1_stores_nothing_and_names_every_place(school, roster, tmp_path):
    rows = f1_rows()
    rows[8][10] = 5  # task 3, max 2
    rows[10][7] = "Неизвестный Ученик"
    path = write_workbook(tmp_path / "f1.xlsx", {"Индивидуальные результаты": rows})

    report = import_package(path, school=school)

    assert [str(e) for e in report.errors] == [
        "Результаты участников (файл f1.xlsx, лист «Индивидуальные результаты»), строка 9, столбец «3 (2б) [K]», "
        "значение «5»: Балл за задание должен быть от 0 до 2.",
        "Результаты участников (файл f1.xlsx, лист «Индивидуальные результаты»), строка 11, столбец «ФИО», "
        "значение «Неизвестный Ученик, 4А»: Обучающийся не найден в классе 4А среди обучающихся школы.",
    ]
    assert (Assessment.objects.count(), Result.objects.count()) == (0, 0)


def test_a_file_that_is_not_a_workbook_is_a_clear_error(school, tmp_path):
    path = tmp_path / "ВПР.xlsx"
    path.write_bytes(b"not a zip")

    report = import_package(path, school=school)

    assert [e.message for e in report.errors] == [
        "Файл «ВПР.xlsx» не является книгой Excel: откройте его в Excel и сохраните как «Книга Excel (*.xlsx)» "
        "(Файл → Сохранить как)."]


def test_doubtful_match_blocks_the_import_until_confirmed(school, roster, tmp_path):
    participants = [("30001", "4Б", 1, "Смирнов А.А.", [1] * 13, 13, 3, 3)]
    path = write_f1(tmp_path / "f1.xlsx", participants=participants, max_score=24)

    report = preview_package(path, school=school)
    message = report.errors[0].message
    confirm_match(school=school, year=2025, student=roster["S06"],
                  person=PersonRef(row=9, source="", name="Смирнов А.А.", class_name="4Б", code="30001"))
    second = import_package(path, school=school)

    assert message.startswith("В классе несколько обучающихся с таким ФИО. Возможно: ")
    assert second.ok
    assert Result.objects.get().student == roster["S06"]


def test_f1_without_names_uses_participant_codes(school, roster, tmp_path):
    path = write_f1(tmp_path / "f1.xlsx", with_names=False)

    before = import_package(path, school=school)
    remember_codes(school=school, year=2025, pairs=[("10001", roster["S01"]), ("10002", roster["S02"]),
                                                     ("10003", roster["S03"]), ("10005", roster["S04"])])
    after = import_package(path, school=school)

    assert len(before.errors) == 4 and before.errors[0].message.startswith("Код участника 10001 не сопоставлен")
    assert after.ok and Result.objects.count() == 4


# ВПР: форма сбора результатов


def test_vpr_form_and_the_package_agree(school, roster, tmp_path):
    form = [["Код", "Вариант", "1(1б)", "2(2б)", "3(1б)", "Отметка по журналу"],
            ["10001", "1", 1, 2, "X", 5], ["10002", "отсутствовал", "", "", "", ""], ["10003", "2", 0, "х", 1, 4]]
    remember_codes(school=school, year=2025, pairs=[("10001", roster["S01"]), ("10002", roster["S02"]),
                                                     ("10003", roster["S03"])])
    package = {
        "assessments": [["assessment_id", "year", "kind", "subject", "grade", "max_score", "min_score", "mark_scale"],
                        ["M4", "2025/2026", "ВПР", "Математика", 4, 4, 6, "2:0-5;3:6-9;4:10-14;5:15-20"]],
        "assessment_tasks": [["assessment_id", "task", "max_points"], ["M4", "1", 1], ["M4", "2", 2], ["M4", "3", 1]],
        "results": [["assessment_id", "student_id", "absent", "journal_mark", "task_scores"],
                    ["M4", "S01", "нет", 5, "1;2;0"], ["M4", "S02", "да", "", ""], ["M4", "S03", "нет", 4, "0;0;1"]],
    }

    first, second, first_ind, second_ind = both_ways(
        school, write_workbook(tmp_path / "ВПР 2026 Математика 4 класс.xlsx", {"Протокол": form}),
        write_workbook(tmp_path / "package.xlsx", package), ("core.vpr_",),
    )

    assert first == second
    assert {r[1:4] for r in first["results"]} == {("S01", "main", False), ("S02", "main", True), ("S03", "main", False)}
    assert first_ind == second_ind


# ОГЭ and ЕГЭ from the РЦОИ


def gia_package(kind, subject, assessment_id, scale_columns, rows, task_maxima):
    header = ["assessment_id", "year", "kind", "subject", "date", *scale_columns]
    return {
        "assessments": [header, [assessment_id, "2025/2026", kind, subject, *rows["assessment"]]],
        "assessment_tasks": [["assessment_id", "task", "max_points"]] + [
            [assessment_id, str(i), m] for i, m in enumerate(task_maxima, start=1)],
        "results": [["assessment_id", "student_id", "primary_score", "test_score", "mark", "task_scores"]] + [
            [assessment_id, *r] for r in rows["results"]],
    }


def points(short: str, long: str) -> str:
    values = ["1" if c == "+" else "0" for c in short] + [p.split("(")[0] for p in long.split(")") if p]
    return ";".join(values)


def test_oge_sheet_and_the_package_agree(school, roster, tmp_path):
    rows = oge_rows()
    task_maxima = [1] * 19 + [2] * 6
    results = [[sid, r[11], "", r[12], points(r[9], r[10])] for sid, r in zip(("S11", "S12", "S13"), rows[4:7], strict=True)]
    package = gia_package("ОГЭ", "Математика", "OGE-M", ["grade", "max_score", "min_score", "mark_scale"],
                          {"assessment": ["02.06.2026", 9, 31, 8, "2:0-7;3:8-14;4:15-21;5:22-31"], "results": results},
                          task_maxima)

    first, second, first_ind, second_ind = both_ways(
        school, write_workbook(tmp_path / "oge.xlsx", {"Лист1": rows}), write_workbook(tmp_path / "package.xlsx", package),
        ("core.oge_",),
    )

    assert first == second
    assert first_ind == second_ind
    assert first_ind[("core.oge_passed", "{}")] == pytest.approx(200 / 3)  # primary 20, 10 ≥ 8; 1 < 8


def test_ege_sheet_and_the_package_agree(school, roster, tmp_path):
    from vsoko.assessments.grading import scale_for

    scale = scale_for("ЕГЭ", "математика (профиль)", 11, 2025)
    rows = ege_rows()
    maxima = [1] * 12 + [2, 3, 2, 2, 3, 4, 4]
    results = [[sid, r[6], r[7], "", points(r[4], r[5])] for sid, r in zip(("S21", "S22"), rows[3:5], strict=True)]
    package = gia_package("ЕГЭ", "Математика (профиль)", "EGE-MP", ["grade", "max_score", "min_score", "test_scale"],
                          {"assessment": ["29.05.2026", 11, 32, 27, scale.test_scale], "results": results}, maxima)

    first, second, first_ind, second_ind = both_ways(
        school, write_workbook(tmp_path / "ege.xlsx", {"Лист1": rows}), write_workbook(tmp_path / "package.xlsx", package),
        ("core.ege_",),
    )

    assert first == second
    assert first_ind == second_ind
    assert first_ind[("core.ege_passed", "{}")] == pytest.approx(50.0)  # 82 ≥ 27, 22 < 27
    assert first_ind[("core.ege_high", "{}")] == pytest.approx(50.0)


# the journal


def journal_package():
    marks = [["year", "period", "student_id", "subject", "mark"]]
    for student_id, subject, values in (
        ("S01", "Русский язык", ["5", "4", "5", "5", "5"]), ("S01", "Математика", ["4", "4", "4", "", "4"]),
        ("S01", "Физическая культура", ["зачет", "зачет", "осв", "зачет", "зачет"]),
        ("S02", "Русский язык", ["3", "3", "4", "3", "3"]), ("S02", "Математика", ["2", "3", "н/а", "3", "3"]),
    ):
        for period, mark in zip(("1 четверть", "2 четверть", "3 четверть", "4 четверть", "год"), values, strict=True):
            if mark:
                marks.append(["2025/2026", period, student_id, subject, mark])
    return {"marks": marks}


@pytest.mark.parametrize("layout", [JOURNAL_BLOCKS, JOURNAL_FLAT], ids=["blocks", "flat"])
def test_journal_and_the_package_store_the_same_marks(school, roster, tmp_path, layout):
    imported(write_workbook(tmp_path / "journal.xlsx", {"Итоговые": layout}), school)
    first = snapshot(school)["marks"]
    forget_everything(school)
    imported(write_workbook(tmp_path / "package.xlsx", journal_package()), school)

    assert first == snapshot(school)["marks"]
    assert len(first) == 24


def test_oge_russian_marks_follow_the_literacy_condition(school, roster, tmp_path):
    header = ["ФИО", "Документ", "Класс", "1 (27б)", "ГК1 (2б)", "ГК2 (2б)", "ГК3 (1б)", "ГК4 (2б)", "Первичный балл"]
    rows = [["ОГЭ 2026. Русский язык. 27.05.2026"], header,
            ["Волков Дмитрий Игоревич", "1", "9А", 25, 2, 2, 1, 1, 31],   # 31 and ГК 6 → 5
            ["Зайцева Ольга Викторовна", "2", "9А", 27, 1, 1, 0, 1, 30],  # 30 but ГК 3 → 3
            ["Лебедев Никита", "3", "9А", 20, 2, 1, 0, 1, 24]]            # 24 and ГК 4 → 4

    imported(write_workbook(tmp_path / "oge-rus.xlsx", {"Лист1": rows}), school)

    assert dict(Result.objects.values_list("student__student_id", "mark")) == {"S11": 5, "S12": 3, "S13": 4}


def test_rcoi_csv_in_windows_1251(school, roster, tmp_path):
    text = ("ЕГЭ 2026 Обществознание;;;\n"
            "ФИО;Класс;Первичный балл;Тестовый балл\n"
            "Морозова Екатерина Андреевна;11А;40;68\n"
            "Новиков Егор Денисович;11 а;15;30\n")
    path = tmp_path / "ege.csv"
    path.write_bytes(text.encode("cp1251"))

    report = imported(path, school)

    assert report.format == "rcoi"
    assessment = Assessment.objects.get()
    assert (assessment.subject.name, assessment.min_score, assessment.year_id) == ("обществознание", 42, 2025)
    assert dict(Result.objects.values_list("student__student_id", "test_score")) == {"S21": 68, "S22": 30}


def test_partial_rcoi_sheet_without_results_is_explained(school, roster, tmp_path):
    rows = [["ЕГЭ 2026 Физика"], ["ФИО", "Класс"], ["Морозова Екатерина Андреевна", "11А"]]

    report = import_package(write_workbook(tmp_path / "ege.xlsx", {"Лист1": rows}), school=school)

    assert report.format == "package"  # not a protocol: the package reader explains what it expected
    assert report.errors[0].message.startswith("Лист «Лист1» не является таблицей пакета")
    assert Result.objects.count() == 0


def test_with_several_schools_the_file_is_matched_against_the_chosen_one(school, roster, tmp_path):
    from tests.assessments.conftest import make_roster
    from vsoko.records.schools import ensure_school

    other = ensure_school(name="Другая школа", code="school-2")
    theirs = make_roster(other, roster=[("X01", "Иванов", "Иван", "Ильич", "4А")])

    report = import_package(write_f1(tmp_path / "f1.xlsx"), school=other)

    assert [e.message for e in report.errors][:1] == ["Обучающийся не найден в классе 4А среди обучающихся школы."]
    participants = [RUS4_PARTICIPANTS[0]]
    imported(write_f1(tmp_path / "one.xlsx", participants=participants), other)
    assert Result.objects.get().student == theirs["X01"]
