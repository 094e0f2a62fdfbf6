"""«Объединить предметы»: a stored typo subject («Матиматика») joins the right one, or nothing changes."""

from __future__ import annotations

import pytest
from django_tasks_db.models import DBTaskResult

from tests.accounts.personas import YEAR, build_world, make_user
from vsoko.accounts.enums import Role
from vsoko.accounts.models import Membership
from vsoko.accounts.permissions import schools_merging_subjects_for
from vsoko.assessments.models import ColumnMapping, ResultsUpload, ScaleDefinition
from vsoko.audit.models import AuditEntry
from vsoko.datavalues.compute import recompute
from vsoko.datavalues.models import DataValue, RecomputeRequest
from vsoko.datavalues.refresh import recompute_requested
from vsoko.records import subject_merge
from vsoko.records.approval import DataLocked, set_status
from vsoko.records.enums import ApprovalStatus, AssessmentKind, EventLevel, Period, ValueScope
from vsoko.records.models import (
    Assessment,
    AssessmentTask,
    Event,
    ManualValue,
    PeriodMark,
    Result,
    SchoolYear,
    StaffYear,
    Subject,
)
from vsoko.records.subject_merge import MergeRefused, merge_subjects, plan_merge, references
from vsoko.schedule.models import SubjectHours
from vsoko.teaching.models import TeachingAssignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    w = build_world()
    w.typo = Subject.objects.create(name="Матиматика")
    w.users["admin"] = make_user("admin", role=Role.ADMIN, org_unit=w.school)
    w.users["mun_admin"] = make_user("mun-admin", role=Role.ADMIN, org_unit=w.municipality)
    return w


def typo_data(w):
    """Orlov's marks, a procedure with a result and a task, a load, curriculum hours and two teachers' lists."""
    year = SchoolYear.objects.get(start=YEAR)
    for period, mark in ((Period.Q1, "3"), (Period.YEAR, "4")):
        PeriodMark.objects.create(school=w.school, year=year, period=period, student=w.students["orlov"],
                                  subject=w.typo, mark=mark)
    vpr = Assessment.objects.create(school=w.school, assessment_id="VPR-6-M", year=year, kind=AssessmentKind.VPR,
                                    subject=w.typo, grade=6, max_score=20)
    Result.objects.create(school=w.school, assessment=vpr, student=w.students["petrov"], primary_score=12, mark=4)
    AssessmentTask.objects.create(assessment=vpr, task="1", max_points=2, position=1)
    TeachingAssignment.objects.create(school=w.school, year=year, staff=w.staff["smirnova"],
                                      school_class=w.classes["5Б"], subject=w.typo)
    SubjectHours.objects.create(school=w.school, year=year, grade=6, subject=w.typo, hours=170)
    for who in ("smirnova", "volkov"):  # Smirnova is listed with both spellings, Volkov with the typo only
        StaffYear.objects.get(staff=w.staff[who]).subjects.add(w.typo)


TASK = recompute_requested.module_path


def queued() -> list[list[int]]:
    """The arguments (school, year) of the recomputations waiting in the task queue's table."""
    return sorted(r.args_kwargs["args"] for r in DBTaskResult.objects.ready().filter(task_path=TASK))


def run_queued() -> None:
    """What the worker of `vsoko serve` does with the queue's rows."""
    for row in DBTaskResult.objects.ready().filter(task_path=TASK):
        row.task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
        row.delete()


def scope(w, who):
    return schools_merging_subjects_for(w.users[who])


def subjects_of(staff) -> list[str]:
    return sorted(StaffYear.objects.get(staff=staff).subjects.values_list("name", flat=True))


def test_every_foreign_key_to_a_subject_is_found_with_its_school():
    found = {(r.model._meta.label, r.field) for r in references()}

    assert {("records.PeriodMark", "subject"), ("records.Assessment", "subject"),
            ("records.StaffYear_subjects", "subject"), ("teaching.TeachingAssignment", "subject"),
            ("schedule.SubjectHours", "subject"), ("schedule.ScheduledAssessment", "subject"),
            ("accounts.Membership", "subject")} <= found
    assert all(r.school for r in references())  # the scope check needs every row's school


def test_the_plan_says_what_moves(world):
    typo_data(world)

    plan = plan_merge(world.typo, world.subjects["math"], scope(world, "deputy"))

    assert plan.refusal() is None
    assert dict(subject_merge.moved_summary(plan)) == {
        "отметки за периоды": 2, "оценочные процедуры": 1, "результаты участников этих процедур": 1,
        "задания этих процедур": 1, "педагогические работники: предметы": 2, "распределение нагрузки": 1,
        "часы предметов по учебному плану": 1}
    assert plan.years == {world.school.pk: {YEAR}}


def test_merging_moves_every_row_deletes_the_typo_audits_and_queues_the_recomputation(world, django_capture_on_commit_callbacks):
    typo_data(world)
    recompute(world.school, [YEAR])
    assert DataValue.objects.filter(org_unit=world.school, key__contains="subject=Матиматика").exists()
    math = world.subjects["math"]

    with django_capture_on_commit_callbacks(execute=True):
        merge_subjects(world.typo, math, user=world.users["deputy"], schools=scope(world, "deputy"))

    assert not Subject.objects.filter(name="Матиматика").exists()
    assert sorted(PeriodMark.objects.filter(student=world.students["orlov"]).values_list("subject__name", "mark")) == [
        ("Математика", "3"), ("Математика", "4")]
    assert Assessment.objects.get(assessment_id="VPR-6-M").subject == math
    assert Result.objects.filter(assessment__assessment_id="VPR-6-M").count() == 1
    assert TeachingAssignment.objects.get().subject == math
    assert SubjectHours.objects.get().subject == math
    assert subjects_of(world.staff["smirnova"]) == ["Математика"]  # two links to one subject: one kept
    assert subjects_of(world.staff["volkov"]) == ["Математика", "Физика"]
    entry = AuditEntry.objects.get(object_type="subject_merge")
    assert (entry.user, entry.school, entry.details["from"], entry.details["to"]) == (
        world.users["deputy"], world.school, "Матиматика", "Математика")
    assert entry.details["moved"]["отметки за периоды"] == 2
    # The request does not compute: the pages read the old values until the worker has recomputed the year.
    assert DataValue.objects.filter(org_unit=world.school, key__contains="subject=Матиматика").exists()
    assert queued() == [[world.school.pk, YEAR]]
    assert RecomputeRequest.objects.filter(school=world.school, year_id=YEAR).exists()

    run_queued()

    assert not RecomputeRequest.objects.exists()
    assert not DataValue.objects.filter(org_unit=world.school, key__contains="subject=Матиматика").exists()
    assert DataValue.objects.filter(org_unit=world.school, code="results.main",
                                    key="grade=6|kind=vpr|subject=Математика").exists()


def test_a_pupil_with_a_mark_of_the_same_period_in_both_subjects_refuses_the_merge(world):
    """Petrov has «4» in «Математика» for the first quarter and the year; a «5» in «Матиматика» for the first
    quarter would become his second mark of it: which one is true is the school's call."""
    typo_data(world)
    year = SchoolYear.objects.get(start=YEAR)
    PeriodMark.objects.create(school=world.school, year=year, period=Period.Q1, student=world.students["petrov"],
                              subject=world.typo, mark="5")

    with pytest.raises(MergeRefused) as refused:
        merge_subjects(world.typo, world.subjects["math"], user=world.users["deputy"], schools=scope(world, "deputy"))

    assert str(refused.value) == (
        "Объединить «Матиматика» с «Математика» нельзя: эти строки есть по обоим предметам, и при переносе "
        "совпадут. Ничего не изменено. Если верны строки предмета «Математика» (например, пакет загружен заново с "
        "исправленным названием), объедините, удалив совпадающие строки ошибочного предмета.\n"
        "Отметки за периоды — 1: обучающийся — S-002 Петров Борис, учебный год — 2024/2025, период — 1 четверть.")
    assert PeriodMark.objects.filter(subject=world.typo).count() == 3
    assert Subject.objects.filter(pk=world.typo.pk).exists()
    assert not AuditEntry.objects.filter(object_type="subject_merge").exists()


def test_the_school_may_keep_the_right_subject_s_rows_where_they_collide(world):
    """The package was loaded again with «Математика»: Petrov's first quarter is in both. Kept: his «4» in
    «Математика»; the typo's «5» is deleted and counted in the audit entry; Orlov's marks move."""
    typo_data(world)
    year = SchoolYear.objects.get(start=YEAR)
    PeriodMark.objects.create(school=world.school, year=year, period=Period.Q1, student=world.students["petrov"],
                              subject=world.typo, mark="5")

    merge_subjects(world.typo, world.subjects["math"], user=world.users["deputy"], schools=scope(world, "deputy"),
                   drop_colliding=True)

    assert sorted(PeriodMark.objects.filter(student=world.students["petrov"]).values_list("period", "mark")) == [
        ("q1", "4"), ("year", "4")]
    assert PeriodMark.objects.filter(student=world.students["orlov"], subject=world.subjects["math"]).count() == 2
    assert AuditEntry.objects.get(object_type="subject_merge").details["deleted"] == {"отметки за периоды": 1}


def test_rows_of_another_school_refuse_a_school_deputy_but_not_the_municipality_s_administrator(world):
    year = SchoolYear.objects.get(start=YEAR)
    PeriodMark.objects.create(school=world.other_school, year=year, period=Period.YEAR,
                              student=world.students["kuznetsov"], subject=world.typo, mark="5")

    with pytest.raises(MergeRefused, match=r"есть и в данных других школ \(строк: 1\)"):
        merge_subjects(world.typo, world.subjects["math"], user=world.users["deputy"], schools=scope(world, "deputy"))
    merge_subjects(world.typo, world.subjects["math"], user=world.users["mun_admin"],
                   schools=scope(world, "mun_admin"))

    assert PeriodMark.objects.get(student=world.students["kuznetsov"], period=Period.YEAR).subject.name == "Математика"


def test_an_approved_year_is_not_changed(world):
    typo_data(world)
    set_status(school=world.school, year=YEAR, status=ApprovalStatus.APPROVED, user=world.users["director"])

    with pytest.raises(DataLocked):
        merge_subjects(world.typo, world.subjects["math"], user=world.users["deputy"], schools=scope(world, "deputy"))

    assert PeriodMark.objects.filter(subject=world.typo).count() == 2


def test_a_teacher_s_role_bound_to_the_typo_follows_it(world):
    Membership.objects.create(user=world.users["teacher"], role=Role.TEACHER, org_unit=world.school, subject=world.typo)

    merge_subjects(world.typo, world.subjects["math"], user=world.users["admin"], schools=scope(world, "admin"))

    assert sorted(Membership.objects.filter(user=world.users["teacher"]).values_list("subject__name", flat=True)) == [
        "Математика", "Физика"]


# subjects named by text, not by a foreign key


def typo_texts(w):
    """A ВПР scale entered for «матиматика» (a scale names its subject by key), the municipal figures of that
    procedure (their codes name the subject) and an olympiad of «Матиматика»."""
    ScaleDefinition.objects.create(kind=AssessmentKind.VPR, subject="матиматика", grade=6, year=YEAR, max_score=20,
                                   mark_scale="2:0-5;3:6-10;4:11-15;5:16-20", customized=True)
    for code, value in (("vpr.6.матиматика.2", 10), ("vpr.6.Матиматика.task.1", 55)):
        ManualValue.objects.create(school=w.school, year_id=YEAR, indicator=code, scope=ValueScope.MUNICIPALITY,
                                   value=value)
    Event.objects.create(school=w.school, year_id=YEAR, student=w.students["orlov"], event="ВсОШ, школьный этап",
                         level=EventLevel.SCHOOL, subject="Матиматика")


def scales_of_the_two():
    """The shipped scales of other procedures aside."""
    return ScaleDefinition.objects.filter(subject__in=["математика", "матиматика"], kind=AssessmentKind.VPR, grade=6,
                                          year=YEAR)


def test_scales_comparison_figures_and_olympiads_named_by_the_typo_follow_it(world, django_capture_on_commit_callbacks):
    typo_data(world)
    typo_texts(world)

    plan = plan_merge(world.typo, world.subjects["math"], scope(world, "deputy"))
    with django_capture_on_commit_callbacks(execute=True):
        merge_subjects(world.typo, world.subjects["math"], user=world.users["deputy"], schools=scope(world, "deputy"))

    summary = dict(subject_merge.moved_summary(plan))
    assert (summary["шкалы оценочных процедур"], summary["значения, введённые вручную"],
            summary["олимпиады, конкурсы, соревнования"]) == (1, 2, 1)
    assert list(scales_of_the_two().values_list("subject", "grade", "max_score")) == [("математика", 6, 20)]
    assert sorted(ManualValue.objects.values_list("indicator", "value")) == [
        ("vpr.6.математика.2", 10), ("vpr.6.математика.task.1", 55)]
    assert Event.objects.get(event="ВсОШ, школьный этап").subject == "Математика"
    assert AuditEntry.objects.get(object_type="subject_merge").details["moved"]["шкалы оценочных процедур"] == 1


def test_after_the_queued_recomputation_no_data_value_names_the_typo(world, django_capture_on_commit_callbacks):
    """The figures of «Матиматика» reach the data values as codes «vpr.6.матиматика.*»; the marks as
    «subject=Матиматика». Both are derived: the recomputation the merge queues rebuilds them."""
    typo_data(world)
    typo_texts(world)
    recompute(world.school, [YEAR])
    assert DataValue.objects.filter(org_unit=world.school, code="vpr.6.матиматика.2").exists()

    with django_capture_on_commit_callbacks(execute=True):
        merge_subjects(world.typo, world.subjects["math"], user=world.users["deputy"], schools=scope(world, "deputy"))
    run_queued()

    assert not DataValue.objects.filter(key__icontains="атиматика").exists()
    assert not DataValue.objects.filter(code__icontains="атиматика").exists()
    assert not DataValue.objects.filter(breakdown__subject="Матиматика").exists()
    assert list(DataValue.objects.filter(org_unit=world.school, code="vpr.6.математика.2")
                .values_list("breakdown", "value")) == [({"scope": "municipality"}, 10)]


def test_stale_values_of_the_typo_in_a_year_without_its_rows_are_recomputed_too(world,
                                                                                django_capture_on_commit_callbacks):
    """A year whose marks of «Матиматика» were replaced without a recomputation still shows the typo: the merge
    recomputes it as well, so no value names a subject that no longer exists."""
    DataValue.objects.create(org_unit=world.school, year_id=YEAR - 1, code="marks.year", value=3,
                             key="grade=5|mark=4|subject=Матиматика",
                             breakdown={"grade": 5, "mark": "4", "subject": "Матиматика"})

    with django_capture_on_commit_callbacks(execute=True):
        merge_subjects(world.typo, world.subjects["math"], user=world.users["deputy"], schools=scope(world, "deputy"))

    assert queued() == [[world.school.pk, YEAR - 1]]
    run_queued()
    assert not DataValue.objects.filter(key__contains="Матиматика").exists()


def test_a_scale_or_figure_the_right_subject_already_has_refuses_the_merge_naming_it(world):
    typo_texts(world)
    ScaleDefinition.objects.create(kind=AssessmentKind.VPR, subject="математика", grade=6, year=YEAR, max_score=20)
    ManualValue.objects.create(school=world.school, year_id=YEAR, indicator="vpr.6.математика.2",
                               scope=ValueScope.MUNICIPALITY, value=12)

    with pytest.raises(MergeRefused) as refused:
        merge_subjects(world.typo, world.subjects["math"], user=world.users["deputy"], schools=scope(world, "deputy"))

    lines = str(refused.value).splitlines()
    assert lines[0].startswith("Объединить «Матиматика» с «Математика» нельзя")
    assert sorted(lines[1:]) == [
        "Значения, введённые вручную — 1: показатель — vpr.6.матиматика.2, школа — МБОУ «Школа №1», "
        "учебный год — 2024/2025, уровень — муниципалитет.",
        "Шкалы оценочных процедур — 1: предмет — матиматика, вид — ВПР, класс (параллель) — 6, "
        "учебный год (год начала) — 2024/2025."]
    assert sorted(scales_of_the_two().values_list("subject", flat=True)) == ["математика", "матиматика"]
    assert ManualValue.objects.filter(indicator__contains="матиматика").count() == 1
    assert ManualValue.objects.filter(indicator__contains="Матиматика").count() == 1
    assert Event.objects.get(event="ВсОШ, школьный этап").subject == "Матиматика"


def test_dropping_the_colliding_rows_keeps_the_right_subject_s_scale_and_figures(world):
    typo_texts(world)
    ScaleDefinition.objects.create(kind=AssessmentKind.VPR, subject="математика", grade=6, year=YEAR, max_score=24)
    ManualValue.objects.create(school=world.school, year_id=YEAR, indicator="vpr.6.математика.2",
                               scope=ValueScope.MUNICIPALITY, value=12)

    merge_subjects(world.typo, world.subjects["math"], user=world.users["deputy"], schools=scope(world, "deputy"),
                   drop_colliding=True)

    assert list(scales_of_the_two().values_list("subject", "max_score")) == [("математика", 24)]
    assert sorted(ManualValue.objects.values_list("indicator", "value")) == [
        ("vpr.6.математика.2", 12), ("vpr.6.математика.task.1", 55)]
    assert AuditEntry.objects.get(object_type="subject_merge").details["deleted"] == {
        "значения, введённые вручную": 1, "шкалы оценочных процедур": 1}


def test_a_key_another_stored_subject_shares_is_not_renamed(world):
    """«матиматика» stored beside «Матиматика» keeps the scale and the figures keyed «матиматика»: they still
    name a subject that exists."""
    typo_texts(world)
    Subject.objects.create(name="матиматика")

    merge_subjects(world.typo, world.subjects["math"], user=world.users["deputy"], schools=scope(world, "deputy"))

    assert list(scales_of_the_two().values_list("subject", flat=True)) == ["матиматика"]
    assert ManualValue.objects.filter(indicator__startswith="vpr.6.математика").count() == 0
    assert Event.objects.get(event="ВсОШ, школьный этап").subject == "Математика"  # the olympiad was written as «Матиматика» itself


def test_figures_of_another_school_named_by_the_typo_refuse_a_school_deputy(world):
    ManualValue.objects.create(school=world.other_school, year_id=YEAR, indicator="vpr.6.матиматика.2",
                               scope=ValueScope.REGION, value=9)

    with pytest.raises(MergeRefused, match=r"есть и в данных других школ \(строк: 1\)"):
        merge_subjects(world.typo, world.subjects["math"], user=world.users["deputy"], schools=scope(world, "deputy"))


# the remembered settings of the results import, named by the subject the user typed


def remembered_settings(w, school=None):
    """A remembered column mapping of a procedure typed as «матиматика», one of «Физика», and an upload waiting
    for confirmation whose details say « Матиматика »."""
    school = school or w.school
    ColumnMapping.objects.create(school=school, signature="typo", headers=["ФИО", "Балл"],
                                 assessment={"kind": "vpr", "subject": "матиматика", "grade": 6, "year": YEAR})
    ColumnMapping.objects.create(school=school, signature="physics", headers=["ФИО", "Итог"],
                                 assessment={"kind": "vpr", "subject": "Физика", "grade": 7, "year": YEAR})
    ResultsUpload.objects.create(school=school, original_name="впр.xlsx", path="uploads/1.xlsx",
                                 overrides={"subject": " Матиматика ", "grade": 6})


def test_remembered_column_mappings_and_uploads_named_by_the_typo_follow_it(world):
    remembered_settings(world)

    plan = merge_subjects(world.typo, world.subjects["math"], user=world.users["deputy"],
                          schools=scope(world, "deputy"))

    assert sorted(ColumnMapping.objects.values_list("signature", "assessment")) == [
        ("physics", {"kind": "vpr", "subject": "Физика", "grade": 7, "year": YEAR}),
        ("typo", {"kind": "vpr", "subject": "Математика", "grade": 6, "year": YEAR})]
    assert ResultsUpload.objects.get().overrides == {"subject": "Математика", "grade": 6}
    summary = dict(subject_merge.moved_summary(plan))
    assert (summary["сопоставления столбцов"], summary["загруженные протоколы"]) == (1, 1)


def test_remembered_settings_stay_as_they_were_when_the_merge_is_refused(world):
    remembered_settings(world)
    PeriodMark.objects.create(school=world.school, year=SchoolYear.objects.get(start=YEAR), period=Period.Q1,
                              student=world.students["petrov"], subject=world.typo, mark="5")  # he has «4» in «Математика»

    with pytest.raises(MergeRefused):
        merge_subjects(world.typo, world.subjects["math"], user=world.users["deputy"], schools=scope(world, "deputy"))

    assert ColumnMapping.objects.get(signature="typo").assessment["subject"] == "матиматика"
    assert ResultsUpload.objects.get().overrides["subject"] == " Матиматика "


def test_another_school_s_remembered_settings_named_by_the_typo_refuse_a_school_deputy(world):
    remembered_settings(world, school=world.other_school)

    with pytest.raises(MergeRefused, match=r"есть и в данных других школ \(строк: 2\)"):
        merge_subjects(world.typo, world.subjects["math"], user=world.users["deputy"], schools=scope(world, "deputy"))
    merge_subjects(world.typo, world.subjects["math"], user=world.users["mun_admin"],
                   schools=scope(world, "mun_admin"))

    assert ColumnMapping.objects.get(signature="typo").assessment["subject"] == "Математика"


# the page


PAGE = "/data/subjects/merge/"


def test_the_page_shows_what_moves_then_merges_on_confirmation(client, world, django_capture_on_commit_callbacks):
    typo_data(world)
    client.force_login(world.users["deputy"])
    choice = {"wrong": world.typo.pk, "right": world.subjects["math"].pk}

    preview = client.get(PAGE, choice)
    with django_capture_on_commit_callbacks(execute=True):  # the queue is written once the merge has committed
        client.post(PAGE, choice)
    done = client.get(PAGE)

    assert preview.status_code == 200
    text = preview.content.decode()
    assert "Отметки за периоды" in text and "Объединить</button>" in text
    assert Subject.objects.filter(pk=world.typo.pk).exists() is False
    page = done.content.decode()
    assert "Предмет «Матиматика» объединён с «Математика»: перенесено строк — 7; показатели пересчитываются." in page
    assert queued() == [[world.school.pk, YEAR]]  # queued, not computed in the request
    assert f'data-progress-url="{PAGE}progress/"' in page and "в очереди: 2024/2025" in page
    assert "Пока пересчёт не закончен, показатели, отчёты и анализ показывают прежние значения" in page


def test_the_page_follows_the_queued_recomputation_to_its_end(client, world, django_capture_on_commit_callbacks):
    typo_data(world)
    client.force_login(world.users["deputy"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(PAGE, {"wrong": world.typo.pk, "right": world.subjects["math"].pk})

    waiting = client.get(PAGE + "progress/").json()
    run_queued()
    over = client.get(PAGE + "progress/").json()
    page = client.get(PAGE).content.decode()
    again = client.get(PAGE).content.decode()

    assert (waiting["finished"], waiting["percent"], waiting["status_label"]) == (False, None, "в очереди")
    assert (over["finished"], over["failed"], over["stage"]) == (True, False, "показатели пересчитаны")
    assert "Показатели после объединения пересчитаны." in page and "data-progress-url" not in page
    assert "Показатели после объединения пересчитаны." not in again  # said once


def test_the_page_says_when_the_worker_failed_to_recompute(client, world, django_capture_on_commit_callbacks):
    typo_data(world)
    client.force_login(world.users["deputy"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(PAGE, {"wrong": world.typo.pk, "right": world.subjects["math"].pk})
    DBTaskResult.objects.filter(task_path=TASK).update(status="FAILED")

    state = client.get(PAGE + "progress/").json()
    page = client.get(PAGE).content.decode()

    assert (state["finished"], state["failed"]) == (True, True)
    assert ("Предметы объединены, но пересчёт показателей за 2024/2025 не удался — запустите «vsoko compute»"
            in page)


def test_the_page_shows_the_refusal_without_a_button(client, world):
    year = SchoolYear.objects.get(start=YEAR)
    PeriodMark.objects.create(school=world.school, year=year, period=Period.Q1, student=world.students["petrov"],
                              subject=world.typo, mark="5")
    client.force_login(world.users["admin"])

    page = client.get(PAGE, {"wrong": world.typo.pk, "right": world.subjects["math"].pk}).content.decode()

    assert "S-002 Петров Борис, учебный год — 2024/2025, период — 1 четверть" in page
    assert "Объединить</button>" not in page
    assert "Объединить, удалив совпадающие строки (1)</button>" in page


def test_the_page_merges_keeping_the_right_subject_s_rows_when_asked(client, world):
    typo_data(world)
    year = SchoolYear.objects.get(start=YEAR)
    PeriodMark.objects.create(school=world.school, year=year, period=Period.Q1, student=world.students["petrov"],
                              subject=world.typo, mark="5")
    client.force_login(world.users["deputy"])
    choice = {"wrong": world.typo.pk, "right": world.subjects["math"].pk}

    refused = client.post(PAGE, choice, follow=True).content.decode()
    done = client.post(PAGE, {**choice, "drop": "1"}, follow=True).content.decode()

    assert "Предметы не объединены, ничего не изменено: причина — ниже." in refused
    assert ("Предмет «Матиматика» объединён с «Математика»: перенесено строк — 7, удалено совпадающих — 1; "
            "показатели пересчитываются.") in done
    assert not Subject.objects.filter(pk=world.typo.pk).exists()


@pytest.mark.parametrize(("who", "status"), [("deputy", 200), ("admin", 200), ("director", 403), ("teacher", 403),
                                             ("observer", 403)])
def test_only_the_administrator_and_the_deputy_merge(client, world, who, status):
    client.force_login(world.users[who])

    assert client.get(PAGE).status_code == status
    assert client.post(PAGE, {"wrong": world.typo.pk, "right": world.subjects["math"].pk}).status_code in (
        {302} if status == 200 else {403})


def test_the_data_page_links_the_merge_for_those_who_may_merge(client, world):
    client.force_login(world.users["deputy"])
    deputy = client.get("/data/").content.decode()
    client.force_login(world.users["director"])
    director = client.get("/data/").content.decode()

    assert f'href="{PAGE}"' in deputy
    assert f'href="{PAGE}"' not in director


def test_the_audit_log_names_the_merge(world):
    from vsoko.audit.journal import details_text, object_type_label

    typo_data(world)
    merge_subjects(world.typo, world.subjects["math"], user=world.users["deputy"], schools=scope(world, "deputy"))
    entry = AuditEntry.objects.get(object_type="subject_merge")

    assert object_type_label(entry.object_type) == "объединение предметов (id правильного предмета)"
    text = details_text(entry.details)  # PostgreSQL's jsonb keeps its own order of keys
    assert "ошибочный предмет: Матиматика" in text and "правильный предмет: Математика" in text
    assert '"отметки за периоды": 2' in text
