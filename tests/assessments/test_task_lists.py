"""A protocol whose task list differs from the stored procedure's: replaced when the file brings every participant
with task scores, refused otherwise — never the two lists side by side (9 and 11 of the demo beside 9.1 and 11К1)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.assessments.builders import write_f1
from vsoko.imports.service import import_package
from vsoko.records.models import Assessment, AssessmentTask, Result, SchoolYear, Subject, TaskScore

pytestmark = pytest.mark.django_db

# The synthetic numbering a package (or the demo) gave the same ВПР: whole tasks 1…12, no criteria.
OLD_TASKS = [(str(n), 2) for n in range(1, 13)]
FILE_TASKS = ["1", "2", "3", "4", "5", "6", "7", "8", "9.1", "9.2", "10", "11К1", "11К2"]


def stored_procedure(school, roster, students):
    procedure = Assessment.objects.create(
        school=school, assessment_id="vpr-2026-4-rus", year=SchoolYear.objects.get(start=2025), kind="vpr",
        subject=Subject.objects.get_or_create(name="Русский язык")[0], grade=4, max_score=24,
        mark_scale="2:0-9;3:10-15;4:16-20;5:21-24")
    tasks = [AssessmentTask.objects.create(assessment=procedure, task=t, position=i, max_points=m)
             for i, (t, m) in enumerate(OLD_TASKS, start=1)]
    for sid in students:
        result = Result.objects.create(school=school, assessment=procedure, student=roster[sid], primary_score=12,
                                       mark=3)
        for task in tasks:
            TaskScore.objects.create(result=result, task=task, points=Decimal(1))
    return procedure


def test_a_file_with_every_scored_participant_replaces_the_task_list(school, roster, tmp_path):
    procedure = stored_procedure(school, roster, ["S01", "S02", "S03", "S04"])  # the four of the Ф1

    report = import_package(write_f1(tmp_path / "f1.xlsx"), school=school)

    assert report.ok, [str(e) for e in report.errors]
    assert list(procedure.tasks.order_by("position").values_list("task", flat=True)) == FILE_TASKS
    assert set(TaskScore.objects.values_list("task__task", flat=True)) <= set(FILE_TASKS)
    # Иванов: 4 3 2 2 2 1 2 2 1 1 2 1 1 — his scores are the file's, on the file's tasks only.
    ivanov = TaskScore.objects.filter(result__student=roster["S01"]).order_by("task__position")
    assert [(s.task.task, int(s.points)) for s in ivanov] == list(zip(
        FILE_TASKS, [4, 3, 2, 2, 2, 1, 2, 2, 1, 1, 2, 1, 1], strict=True))


def test_a_file_without_some_scored_participants_is_refused_and_changes_nothing(school, roster, tmp_path):
    # 4Б's Орлова wrote the work too: her scores are on tasks 1…12, which the file does not have.
    procedure = stored_procedure(school, roster, ["S01", "S02", "S03", "S04", "S07"])

    report = import_package(write_f1(tmp_path / "f1.xlsx"), school=school)

    messages = [e.message for e in report.errors]
    assert messages == [
        "В школе уже есть процедура «ВПР, русский язык, 4 класс» (код vpr-2026-4-rus) с другим списком заданий: "
        "только в школе — 9, 11, 12; только в файле — 9.1, 9.2, 11К1, 11К2. Два списка смешать нельзя: выполнение "
        "заданий считалось бы по разным работам. Файл заменил бы список заданий процедуры, если бы в нём были все "
        "участники, чьи баллы по заданиям уже загружены, но 1 из 5 в файле нет. Загрузите полный протокол "
        "процедуры (в ФИС ОКО — «Индивидуальные результаты» всех классов параллели)."]
    assert list(procedure.tasks.order_by("position").values_list("task", flat=True)) == [t for t, _ in OLD_TASKS]
    assert TaskScore.objects.count() == 5 * 12


def test_the_same_task_list_loads_as_before(school, roster, tmp_path):
    # A package may give the tasks in another order or with other points; only other numbers are a mismatch.
    procedure = stored_procedure(school, roster, ["S07"])
    AssessmentTask.objects.filter(assessment=procedure).delete()
    for i, task in enumerate(reversed(FILE_TASKS), start=1):
        AssessmentTask.objects.create(assessment=procedure, task=task, position=i, max_points=1)

    report = import_package(write_f1(tmp_path / "f1.xlsx"), school=school)

    assert report.ok, [str(e) for e in report.errors]
    assert sorted(procedure.tasks.values_list("task", flat=True)) == sorted(FILE_TASKS)


def test_the_review_page_says_which_tasks_the_file_removes(client, school, roster, tmp_path, settings):
    from tests.assessments.test_views import upload, user_with
    from vsoko.accounts.enums import Role
    from vsoko.assessments.models import ResultsUpload

    settings.UPLOAD_DIR = tmp_path / "uploads"
    stored_procedure(school, roster, ["S01", "S02", "S03", "S04"])
    client.force_login(user_with(Role.DEPUTY, school))
    upload(client, write_f1(tmp_path / "f1.xlsx"))

    review = " ".join(client.get(f"/assessments/import/{ResultsUpload.objects.get().pk}/").content.decode().split())

    assert ("уже есть в школе (код vpr-2026-4-rus): файл её обновит · список заданий станет списком файла: "
            "задания 9, 11, 12 уберутся вместе с баллами по ним") in review
