"""Role × page: every URL pattern of the application, requested as every demo persona and anonymously.

MATRIX says, for each URL name, what each persona gets. A URL pattern without a
row fails `test_every_url_pattern_has_a_row`: add one when you add a page. The
objects in the URLs are those of a small world (tests/accounts/personas.py: two
schools of one municipality, classes 5А/5Б/10А, pupils, staff, an assessment)
plus an import run, an uploaded protocol, an indicator and a scale.

The world is built once per module (`build_fixture`, on each xdist worker) and each
test runs in a savepoint rolled back at its end (`built`, `fixture`): an object a new
row needs goes in `build_fixture`; no test here may be transaction=True.

Personas (the demo logins): admin, director, deputy, mo-head (МО математики),
class-teacher (5А), teacher (физика, marked only in 10А), observer (municipality).
Anonymous requests are redirected to /login/, except the pages in PUBLIC.

POST-only endpoints: GET must answer 405 (the anonymous user is sent to log in
first), and `post` lists what a POST gets from at least one permitted and one
forbidden persona. Leak checks with records outside a persona's scope follow
the matrix.
"""

from __future__ import annotations

import copy
import datetime
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone

from tests.accounts.personas import build_world, make_user
from vsoko.accounts.enums import Role
from vsoko.assessments import uploads
from vsoko.assessments.models import ScaleDefinition
from vsoko.datavalues.compute import recompute
from vsoko.decisions.models import Decision
from vsoko.diagnostics.models import Diagnostic
from vsoko.imports.enums import ImportStatus
from vsoko.imports.models import ImportRun
from vsoko.indicators.catalogs import CATALOG_DIR, read_catalog, save_own_indicator, store_catalog
from vsoko.indicators.models import Evidence
from vsoko.inquiries.workflow import send_inquiry
from vsoko.observations.models import LessonVisit
from vsoko.oversight.enums import Body, InspectionKind, InspectionResult, Represents
from vsoko.oversight.models import (
    Credential,
    Finding,
    Inspection,
    NokoMeasure,
    NokoResult,
    Participation,
    PublicExpert,
)
from vsoko.plan.models import PlanItem
from vsoko.preschool.models import PreschoolGroup
from vsoko.rating.workflow import open_period
from vsoko.records.models import Assessment
from vsoko.records.years import school_year_of
from vsoko.schedule.enums import ProcedureKind
from vsoko.schedule.models import Holiday, ScheduledAssessment
from vsoko.siteaudit.models import SiteAudit, SiteCheck
from vsoko.support.models import SupportCase, SupportMeasure
from vsoko.surveys.campaigns import create_survey

pytestmark = pytest.mark.django_db

PERSONAS = ("admin", "director", "deputy", "mo_head", "class_teacher", "teacher", "observer", "anonymous")
PUBLIC = {"web:login", "web:favicon", "survey_form:respond", "survey_form:thanks"}  # answered without logging in
INDICATOR = "core.students_total"
OWN_INDICATOR = "own_s1.meetings"  # created in the fixture


def expect(codes: str) -> dict[str, int]:
    """«200 200 200 403 403 403 403 302» in the order of PERSONAS."""
    values = [int(c) for c in codes.split()]
    assert len(values) == len(PERSONAS), codes
    return dict(zip(PERSONAS, values, strict=True))


@dataclass
class Fixture:
    """The world of the personas plus the objects the URLs point at."""

    world: object
    run: ImportRun
    other_run: ImportRun
    upload: object
    scale: ScaleDefinition
    users: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Page:
    get: dict[str, int]
    kwargs: Callable[[Fixture], dict] = lambda f: {}
    query: Callable[[Fixture], dict] = lambda f: {}  # GET parameters the page needs
    # POST-only endpoints: persona -> status of a POST with `data`.
    post: dict[str, int] | None = None
    data: Callable[[Fixture], dict] = lambda f: {}
    # Another pattern answers this path first (a placeholder replaced by its app's page).
    shadowed_by: str = ""


ONLY_ADMINISTRATION = expect("200 200 200 403 403 403 403 302")
AUDITORS = expect("200 200 403 403 403 403 403 302")
EVERYONE = expect("200 200 200 200 200 200 200 302")
ANYBODY = expect("200 200 200 200 200 200 200 200")
POST_ONLY = expect("405 405 405 405 405 405 405 302")


def run_token(f: Fixture) -> dict:
    return {"token": f.run.token}


def upload_pk(f: Fixture) -> dict:
    return {"pk": f.upload.pk}


MATRIX: dict[str, Page] = {
    # The audit log: administrator and director only.
    "audit:log": Page(AUDITORS),
    "audit:export": Page(AUDITORS, kwargs=lambda f: {"fmt": "csv"}),
    # Approval of a year's data.
    "records:approval": Page(ONLY_ADMINISTRATION),
    "records:approval_change": Page(
        POST_ONLY, post={"deputy": 302, "director": 302, "teacher": 403, "observer": 403, "anonymous": 302},
        data=lambda f: {"school": f.world.school.pk, "year": 2024, "action": "submit"},
    ),
    # «Распределение нагрузки» (inside «Данные»): entered by the administration; teachers and the observer 403,
    # as for the staff list (it names every teacher's classes).
    "teaching:index": Page(ONLY_ADMINISTRATION),
    "teaching:template": Page(ONLY_ADMINISTRATION),
    "teaching:transfer": Page(POST_ONLY, post={"deputy": 200, "teacher": 403, "observer": 403, "anonymous": 302},
                              data=lambda f: {"school": f.world.school.code}),
    "teaching:upload": Page(POST_ONLY, post={"director": 302, "mo_head": 403, "observer": 403}),
    # «Данные»: loading packages.
    "imports:index": Page(ONLY_ADMINISTRATION),
    "imports:upload": Page(POST_ONLY, post={"director": 400, "class_teacher": 403, "observer": 403}),
    "imports:template": Page(ONLY_ADMINISTRATION),
    "imports:run": Page(ONLY_ADMINISTRATION, kwargs=run_token),
    "imports:confirm": Page(POST_ONLY, kwargs=run_token, post={"deputy": 302, "teacher": 403, "anonymous": 302}),
    "imports:progress": Page(ONLY_ADMINISTRATION, kwargs=run_token),
    "imports:errors": Page(ONLY_ADMINISTRATION, kwargs=run_token),
    # «Объединить предметы»: the administrator and the deputy, not the director (docs/import.md).
    "imports:merge_subjects": Page(expect("200 403 200 403 403 403 403 302")),
    "imports:merge_subjects_progress": Page(expect("200 403 200 403 403 403 403 302")),
    # Indicators: aggregates, every role of the schools (the observer included); entry by the administration.
    "indicators:catalog": Page(EVERYONE),
    # A file confirming a manual value: the school's staff with access to personal data; 404 for the observer.
    "indicators:evidence": Page(expect("200 200 200 200 200 200 404 302"),
                                kwargs=lambda f: {"pk": f.world.evidence.pk}),
    "indicators:entry": Page(ONLY_ADMINISTRATION),
    "indicators:detail": Page(EVERYONE, kwargs=lambda f: {"code": INDICATOR}),
    "indicators:settings": Page(ONLY_ADMINISTRATION),
    "indicators:own_new": Page(ONLY_ADMINISTRATION),
    "indicators:own_edit": Page(ONLY_ADMINISTRATION, kwargs=lambda f: {"code": OWN_INDICATOR}),
    "indicators:targets": Page(ONLY_ADMINISTRATION),
    # Assessment protocols: loading by the administration; scales are read by all, edited by the administrator.
    "assessments:import_start": Page(ONLY_ADMINISTRATION),
    "assessments:import_codes": Page(POST_ONLY, post={"director": 302, "mo_head": 403}),
    "assessments:import_review": Page(ONLY_ADMINISTRATION, kwargs=upload_pk),
    "assessments:import_details": Page(POST_ONLY, kwargs=upload_pk, post={"deputy": 302, "teacher": 403}),
    "assessments:import_columns": Page(ONLY_ADMINISTRATION, kwargs=upload_pk),
    "assessments:import_confirm": Page(POST_ONLY, kwargs=upload_pk, post={"director": 302, "observer": 403}),
    "assessments:import_run": Page(POST_ONLY, kwargs=upload_pk, post={"admin": 302, "class_teacher": 403}),
    "assessments:scale_list": Page(EVERYONE),
    "assessments:scale_edit": Page(expect("200 403 403 403 403 403 403 302"), kwargs=lambda f: {"pk": f.scale.pk}),
    # Results of a period: every role of the school (the observer aggregates only); a class outside the
    # user's classes 404 — the teacher (физика, marked only in 10А) does not teach 5А.
    "progress:index": Page(EVERYONE),
    # «Перечень предметов промежуточной аттестации»: every role reads it (subjects and classes, no pupil); the
    # administration enters it by POST to the same address (tests/progress/test_attestation.py).
    "progress:attestation": Page(EVERYONE),
    "progress:class": Page(expect("200 200 200 200 200 404 200 302"), kwargs=lambda f: {"pk": f.world.classes["5А"].pk}),
    # «Посещаемость»: every role of the school reads it within its classes (the observer aggregates only); the
    # administration uploads it and downloads the template (it lists the pupils of every class).
    "attendance:index": Page(EVERYONE),
    "attendance:template": Page(ONLY_ADMINISTRATION),
    "attendance:upload": Page(POST_ONLY, post={"director": 302, "class_teacher": 403, "observer": 403}),
    # Листы результатов: all subjects of each pupil by name — the administration and the class's own class teacher.
    "progress:pupil_sheets": Page(expect("200 200 200 404 200 404 404 302"),
                                  kwargs=lambda f: {"pk": f.world.classes["5А"].pk}),
    # Справка для родительского собрания: no names, but the class's own meeting — its class teacher and the
    # administration; the subject teacher and the МО head of a subject taught in 5А are refused.
    "progress:parents": Page(expect("200 200 200 404 200 404 404 302"),
                             kwargs=lambda f: {"pk": f.world.classes["5А"].pk}),
    # Analysis of assessment results: aggregates, every role of the school (the observer with small groups
    # hidden); a teacher's page only for the administration, the МО of the subject and the teacher.
    "analysis:index": Page(EVERYONE),
    "analysis:assessment": Page(EVERYONE, kwargs=lambda f: {"pk": f.world.assessment.pk}),
    "analysis:benchmarks": Page(ONLY_ADMINISTRATION, kwargs=lambda f: {"pk": f.world.assessment.pk}),
    "analysis:grade": Page(EVERYONE, kwargs=lambda f: {"grade": 5}),
    "analysis:class": Page(EVERYONE, kwargs=lambda f: {"pk": f.world.classes["5А"].pk}),
    "analysis:subject": Page(EVERYONE, kwargs=lambda f: {"pk": f.world.subjects["math"].pk}),
    "analysis:teacher": Page(expect("200 200 200 200 403 403 403 302"),
                             kwargs=lambda f: {"pk": f.world.staff["smirnova"].pk}),
    "analysis:dynamics": Page(EVERYONE, query=lambda f: {"kind": "vpr", "subject": f.world.subjects["math"].pk,
                                                         "grade": 5}),
    "analysis:context": Page(expect("200 200 200 403 403 403 200 302")),
    # The shell.
    "web:login": Page(expect("302 302 302 302 302 302 302 200")),
    "web:favicon": Page(expect("301 301 301 301 301 301 301 301")),  # to the static icon, for anybody
    "web:logout": Page(POST_ONLY, post={"teacher": 302, "anonymous": 302}),
    "web:set_year": Page(POST_ONLY, post={"observer": 302, "anonymous": 302}, data=lambda f: {"year": 2023}),
    "web:overview": Page(EVERYONE),
    # People: the observer never (403); scoped roles only their classes (404 outside).
    "web:class_list": Page(expect("200 200 200 200 200 200 403 302")),
    "web:class_detail": Page(expect("200 200 200 200 200 404 403 302"),
                             kwargs=lambda f: {"pk": f.world.classes["5А"].pk}),
    "web:student_list": Page(expect("200 200 200 200 200 200 403 302")),
    "web:student_detail": Page(expect("200 200 200 200 200 404 403 302"),
                               kwargs=lambda f: {"pk": f.world.students["ivanov"].pk}),
    "web:staff_list": Page(expect("200 200 200 200 403 403 403 302")),
    "web:staff_detail": Page(expect("200 200 200 200 403 403 403 302"),
                             kwargs=lambda f: {"pk": f.world.staff["smirnova"].pk}),
    # The perspective plan of attestation and courses: as the staff list (the МО head sees its subject's teachers).
    "web:staff_development": Page(expect("200 200 200 200 403 403 403 302")),
    "web:staff_development_download": Page(expect("200 200 200 200 403 403 403 302"),
                                           kwargs=lambda f: {"fmt": "xlsx"}),
    # One's own password: everyone signed in.
    "web:password_change": Page(EVERYONE),
    # Users and roles: the administrator and the director (404 for a user or role outside their schools).
    "web:school_details": Page(ONLY_ADMINISTRATION),
    "web:user_list": Page(AUDITORS),
    "web:user_grant": Page(AUDITORS),
    "web:membership_revoke": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.users["teacher"].memberships.get().pk},
                                  post={"deputy": 404, "observer": 404, "director": 302, "anonymous": 302}),
    "web:user_password": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.users["teacher"].pk},
                              post={"class_teacher": 404, "director": 200, "anonymous": 302}),
    "web:user_active": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.users["teacher"].pk},
                            post={"mo_head": 404, "admin": 302, "anonymous": 302}, data=lambda f: {"action": "enable"}),
    # Reports: the school-wide roles (the analytic report shows small groups).
    "reports:index": Page(ONLY_ADMINISTRATION),
    "reports:download": Page(ONLY_ADMINISTRATION, kwargs=lambda f: {"kind": "public", "fmt": "html"}),
    "reports:self_exam_texts": Page(ONLY_ADMINISTRATION),
    "reports:public_texts": Page(ONLY_ADMINISTRATION),
    # «Черновик формы ОО-1»: the administration; the municipal observer for any school of its municipality.
    "reports:oo1": Page(expect("200 200 200 403 403 403 200 302")),
    "reports:oo1_xlsx": Page(expect("200 200 200 403 403 403 200 302")),
    # A procedure's справка: whoever sees the procedure page (names only for who may see them); its texts: the
    # administration.
    "reports:procedure_docx": Page(EVERYONE, kwargs=lambda f: {"pk": f.world.assessment.pk}),
    "reports:procedure_conclusions": Page(ONLY_ADMINISTRATION, kwargs=lambda f: {"pk": f.world.assessment.pk}),
    # «Анализ работы МО»: the МО head his own МО, the administration any (as on «Отчёты»); a teacher and the observer not.
    "reports:mo_year": Page(expect("200 200 200 200 403 403 403 302"), query=lambda f: {"year": 2024}),
    # Surveys: run by the school-wide roles; answered by anyone with a link, without login.
    "surveys:index": Page(ONLY_ADMINISTRATION),
    "surveys:new": Page(ONLY_ADMINISTRATION),
    "surveys:summary": Page(ONLY_ADMINISTRATION, kwargs=lambda f: {"questionnaire": "parents"}),
    "surveys:summary_xlsx": Page(ONLY_ADMINISTRATION, kwargs=lambda f: {"questionnaire": "parents"}),
    "surveys:recompute_progress": Page(ONLY_ADMINISTRATION, kwargs=lambda f: {"year": 2024}),
    "surveys:detail": Page(ONLY_ADMINISTRATION, kwargs=lambda f: {"pk": f.world.survey.pk}),
    "surveys:flyer": Page(ONLY_ADMINISTRATION, kwargs=lambda f: {"pk": f.world.survey.pk,
                                                                  "link": f.world.survey.links.get().pk}),
    "surveys:flyers": Page(ONLY_ADMINISTRATION, kwargs=lambda f: {"pk": f.world.survey.pk}),
    # Without a date the form is refused (400, the survey's page with the error): the deputy may post, others not.
    "surveys:dates": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.survey.pk},
                          post={"deputy": 400, "class_teacher": 403, "observer": 403, "anonymous": 302}),
    "surveys:class_links": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.survey.pk},
                                post={"deputy": 302, "teacher": 403, "observer": 403, "anonymous": 302}),
    "surveys:close": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.survey.pk},
                          post={"director": 302, "class_teacher": 403, "anonymous": 302}),
    "survey_form:respond": Page(ANYBODY, kwargs=lambda f: {"token": f.world.survey.links.get().token}),
    "survey_form:thanks": Page(ANYBODY, kwargs=lambda f: {"token": f.world.survey.links.get().token}),
    # The monitoring plan: read by every role of the school, kept by the administration (404 for an item
    # outside the schools one keeps the plan of).
    "plan:index": Page(EVERYONE),
    "plan:new": Page(ONLY_ADMINISTRATION),
    "plan:edit": Page(expect("200 200 200 404 404 404 404 302"), kwargs=lambda f: {"pk": f.world.plan_item.pk}),
    "plan:draft": Page(POST_ONLY, post={"director": 302, "mo_head": 403, "observer": 403, "anonymous": 302}),
    "plan:carry_over": Page(POST_ONLY, post={"director": 302, "mo_head": 403, "observer": 403, "anonymous": 302}),
    # Approving the plan: the director (the administrator enters the order too); lifting it: the director only.
    # A refused form is shown again with what was typed (200): the administrator's second order, a lift without
    # a reason.
    "plan:approve": Page(POST_ONLY, post={"director": 302, "admin": 200, "deputy": 403, "teacher": 403,
                                          "observer": 403, "anonymous": 302},
                         data=lambda f: {"year": 2024, "order_date": "2024-09-01", "order_number": "123-о"}),
    "plan:lift": Page(POST_ONLY, post={"director": 200, "admin": 403, "deputy": 403, "anonymous": 302},
                      data=lambda f: {"year": 2024}),
    # The pedagogical council's protocol of the plan: entered by whoever keeps the plan.
    "plan:review": Page(POST_ONLY, post={"deputy": 302, "director": 302, "mo_head": 403, "teacher": 403,
                                         "observer": 403, "anonymous": 302},
                        data=lambda f: {"review-year": 2024, "review-protocol_date": "2024-08-29",
                                        "review-protocol_number": "1"}),
    "plan:done": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.plan_item.pk},
                      post={"deputy": 302, "teacher": 404, "anonymous": 302}),
    "plan:delete": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.plan_item.pk},
                        post={"class_teacher": 404, "observer": 404, "admin": 302}),
    # Management decisions: kept by the administration, read by it and the heads of МО (they name the staff
    # responsible); teachers and the observer 403; a decision outside one's schools 404.
    "decisions:index": Page(expect("200 200 200 200 403 403 403 302")),
    "decisions:new": Page(ONLY_ADMINISTRATION),
    "decisions:detail": Page(expect("200 200 200 200 403 403 403 302"), kwargs=lambda f: {"pk": f.world.decision.pk}),
    "decisions:edit": Page(ONLY_ADMINISTRATION, kwargs=lambda f: {"pk": f.world.decision.pk}),
    # «Проект приказа» (Word) of a decision: for whoever reads the decision's page.
    "decisions:order": Page(expect("200 200 200 200 403 403 403 302"), kwargs=lambda f: {"pk": f.world.decision.pk}),
    "decisions:delete": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.decision.pk},
                             post={"mo_head": 403, "observer": 403, "deputy": 302, "anonymous": 302}),
    # The lesson-visit journal: every role of the school reads the visits of its scope (the observer counts
    # only: no visit, no export); kept by the administration, and the head of an МО records their own visits
    # to its teachers. The visit is to Смирнова (mathematics) by the administration: the МО head of
    # mathematics reads it (403 to change it: not theirs), the class teacher and the physics teacher 404.
    "observations:index": Page(EVERYONE),
    "observations:summary": Page(EVERYONE),
    "observations:export": Page(expect("200 200 200 200 200 200 403 302")),
    "observations:new": Page(expect("200 200 200 200 403 403 403 302")),
    "observations:detail": Page(expect("200 200 200 200 404 404 403 302"),
                                kwargs=lambda f: {"pk": f.world.lesson_visit.pk}),
    "observations:edit": Page(expect("200 200 200 403 404 404 403 302"),
                              kwargs=lambda f: {"pk": f.world.lesson_visit.pk}),
    "observations:delete": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.lesson_visit.pk},
                                post={"mo_head": 403, "teacher": 404, "observer": 403, "director": 302,
                                      "anonymous": 302}),
    # Pupils' diagnostics (the diagnostic is of 5А): every role of the school reads the counts of the classes
    # it sees (the observer with small groups hidden; the physics teacher does not see 5А: 404); the pupils'
    # levels, the template and entry for the administration and the class teacher of 5А.
    "diagnostics:index": Page(EVERYONE),
    "diagnostics:new": Page(expect("200 200 200 403 200 403 403 302")),
    "diagnostics:procedure": Page(EVERYONE, kwargs=lambda f: {"code": "adaptation_5"}),
    "diagnostics:detail": Page(expect("200 200 200 200 200 404 200 302"), kwargs=lambda f: {"pk": f.world.diagnostic.pk}),
    "diagnostics:template": Page(expect("200 200 200 403 200 404 403 302"),
                                 kwargs=lambda f: {"pk": f.world.diagnostic.pk}),
    "diagnostics:upload": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.diagnostic.pk},
                               post={"class_teacher": 200, "mo_head": 403, "teacher": 404, "observer": 403,
                                     "anonymous": 302}),
    "diagnostics:edit": Page(expect("200 200 200 403 200 404 403 302"), kwargs=lambda f: {"pk": f.world.diagnostic.pk}),
    "diagnostics:delete": Page(expect("200 200 200 403 200 404 403 302"), kwargs=lambda f: {"pk": f.world.diagnostic.pk}),
    # Monitoring of preschool education (the group is of school 1): every role reads the year's page, the observer
    # its aggregate levels only (403 on a group's page with the grounds and on the справка); the groups, levels and
    # conclusion are kept by the administration.
    "preschool:index": Page(EVERYONE),
    "preschool:report": Page(expect("200 200 200 200 200 200 403 302")),
    "preschool:export": Page(EVERYONE),  # the overview's Excel: as the overview, levels and means without texts
    # The municipality's organisations side by side: roles above a school only, as «Сравнение школ».
    "preschool:municipality": Page(expect("403 403 403 403 403 403 200 302")),
    "preschool:municipality_export": Page(expect("403 403 403 403 403 403 200 302")),
    "preschool:conclusion": Page(ONLY_ADMINISTRATION),
    "preschool:group_new": Page(ONLY_ADMINISTRATION),
    "preschool:group": Page(expect("200 200 200 200 200 200 403 302"), kwargs=lambda f: {"pk": f.world.preschool_group.pk}),
    "preschool:group_edit": Page(ONLY_ADMINISTRATION, kwargs=lambda f: {"pk": f.world.preschool_group.pk}),
    "preschool:group_delete": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.preschool_group.pk},
                                   post={"mo_head": 403, "observer": 403, "director": 302, "anonymous": 302}),
    "preschool:group_copy": Page(POST_ONLY, post={"teacher": 403, "observer": 403, "deputy": 302, "anonymous": 302}),
    # «Работа с неуспевающими» (the case is Иванов's of 5А in mathematics): the list for every role (counts for
    # the observer); a case for those who see the pupil and its subject (not the physics teacher: 404, the observer:
    # 403); opening and keeping cases for the administration and the class teacher of 5А; a measure marked done
    # also by the teacher responsible for it.
    "support:index": Page(EVERYONE),
    "support:open": Page(expect("200 200 200 403 200 404 403 302"),
                         query=lambda f: {"student": f.world.students["ivanov"].pk, "year": 2024, "period": "q1"}),
    "support:case": Page(expect("200 200 200 200 200 404 403 302"), kwargs=lambda f: {"pk": f.world.support_case.pk}),
    "support:edit": Page(expect("200 200 200 403 200 404 403 302"), kwargs=lambda f: {"pk": f.world.support_case.pk}),
    "support:delete": Page(expect("200 200 200 403 200 404 403 302"), kwargs=lambda f: {"pk": f.world.support_case.pk}),
    "support:measure_new": Page(expect("200 200 200 403 200 404 403 302"),
                                kwargs=lambda f: {"case_pk": f.world.support_case.pk}),
    "support:measure_edit": Page(expect("200 200 200 403 200 404 403 302"),
                                 kwargs=lambda f: {"pk": f.world.support_measure.pk}),
    "support:measure_done": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.support_measure.pk},
                                 post={"mo_head": 403, "teacher": 404, "observer": 403, "class_teacher": 302,
                                       "anonymous": 302}),
    "support:measure_delete": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.support_measure.pk},
                                   post={"mo_head": 403, "teacher": 404, "observer": 403, "deputy": 302,
                                         "anonymous": 302}),
    # The schedule of assessment procedures: read by every role held in the school, kept by the administration
    # (404 for a work outside the schools one keeps it of); the observer reads the counts of problems per school
    # and gets no file.
    "schedule:index": Page(EVERYONE),
    "schedule:new": Page(ONLY_ADMINISTRATION),
    "schedule:grade": Page(ONLY_ADMINISTRATION),
    "schedule:hours": Page(ONLY_ADMINISTRATION),
    "schedule:export": Page(expect("200 200 200 200 200 200 403 302"), kwargs=lambda f: {"fmt": "xlsx"},
                            query=lambda f: {"year": 2024, "half": 1}),
    "schedule:edit": Page(expect("200 200 200 404 404 404 404 302"), kwargs=lambda f: {"pk": f.world.scheduled.pk}),
    "schedule:delete": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.scheduled.pk},
                            post={"mo_head": 404, "observer": 404, "director": 302, "anonymous": 302}),
    "schedule:holidays": Page(ONLY_ADMINISTRATION),
    "schedule:holidays_typical": Page(POST_ONLY, post={"mo_head": 403, "observer": 403, "director": 302,
                                                       "anonymous": 302}),
    "schedule:holiday_edit": Page(expect("200 200 200 404 404 404 404 302"), kwargs=lambda f: {"pk": f.world.holiday.pk}),
    "schedule:holiday_delete": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.holiday.pk},
                                    post={"mo_head": 404, "observer": 404, "director": 302, "anonymous": 302}),
    # «Внешняя оценка»: licence, inspections and НОКО read by every role of the school and the observer (without
    # the responsible staff's names), kept by the administration (403 for the others: the object is of their
    # school); the public observers' register (personal data) for the administration only.
    "oversight:index": Page(EVERYONE),
    "oversight:inspections": Page(EVERYONE),
    "oversight:noko": Page(EVERYONE),
    "oversight:credential_new": Page(ONLY_ADMINISTRATION),
    "oversight:credential_edit": Page(ONLY_ADMINISTRATION, kwargs=lambda f: {"pk": f.world.credential.pk}),
    "oversight:credential_delete": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.credential.pk},
                                        post={"teacher": 403, "observer": 403, "director": 302, "anonymous": 302}),
    "oversight:inspection_new": Page(ONLY_ADMINISTRATION),
    "oversight:inspection_edit": Page(ONLY_ADMINISTRATION, kwargs=lambda f: {"pk": f.world.inspection.pk}),
    "oversight:inspection_delete": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.inspection.pk},
                                        post={"mo_head": 403, "observer": 403, "deputy": 302, "anonymous": 302}),
    "oversight:finding_new": Page(ONLY_ADMINISTRATION, kwargs=lambda f: {"inspection_pk": f.world.inspection.pk}),
    "oversight:finding_edit": Page(ONLY_ADMINISTRATION, kwargs=lambda f: {"pk": f.world.finding.pk}),
    "oversight:finding_delete": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.finding.pk},
                                     post={"class_teacher": 403, "observer": 403, "admin": 302, "anonymous": 302}),
    "oversight:noko_new": Page(ONLY_ADMINISTRATION),
    "oversight:noko_edit": Page(ONLY_ADMINISTRATION, kwargs=lambda f: {"pk": f.world.noko.pk}),
    "oversight:noko_delete": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.noko.pk},
                                  post={"teacher": 403, "observer": 403, "deputy": 302, "anonymous": 302}),
    "oversight:measure_new": Page(ONLY_ADMINISTRATION, kwargs=lambda f: {"result_pk": f.world.noko.pk}),
    "oversight:measure_edit": Page(ONLY_ADMINISTRATION, kwargs=lambda f: {"pk": f.world.noko_measure.pk}),
    "oversight:measure_delete": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.noko_measure.pk},
                                     post={"mo_head": 403, "observer": 403, "director": 302, "anonymous": 302}),
    "oversight:experts": Page(ONLY_ADMINISTRATION),
    "oversight:expert_new": Page(ONLY_ADMINISTRATION),
    "oversight:expert_edit": Page(ONLY_ADMINISTRATION, kwargs=lambda f: {"pk": f.world.public_expert.pk}),
    "oversight:expert_delete": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.public_expert.pk},
                                    post={"mo_head": 403, "observer": 403, "deputy": 302, "anonymous": 302}),
    "oversight:participation_new": Page(ONLY_ADMINISTRATION, kwargs=lambda f: {"expert_pk": f.world.public_expert.pk}),
    "oversight:participation_edit": Page(ONLY_ADMINISTRATION, kwargs=lambda f: {"pk": f.world.participation.pk}),
    "oversight:participation_delete": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.participation.pk},
                                           post={"teacher": 403, "observer": 403, "admin": 302, "anonymous": 302}),
    # «Аудит сайта»: the administration and the municipal observer read the audits (the observer also the table
    # of schools); the administration records them; the МО head and teachers 403.
    "siteaudit:index": Page(expect("200 200 200 403 403 403 200 302")),
    "siteaudit:municipality": Page(expect("403 403 403 403 403 403 200 302")),
    "siteaudit:new": Page(ONLY_ADMINISTRATION),
    "siteaudit:detail": Page(expect("200 200 200 403 403 403 200 302"), kwargs=lambda f: {"pk": f.world.site_audit.pk}),
    "siteaudit:edit": Page(ONLY_ADMINISTRATION, kwargs=lambda f: {"pk": f.world.site_audit.pk}),
    "siteaudit:delete": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.site_audit.pk},
                             post={"mo_head": 403, "observer": 403, "director": 302, "anonymous": 302}),
    "siteaudit:act": Page(expect("200 200 200 403 403 403 200 302"),
                          kwargs=lambda f: {"pk": f.world.site_audit.pk, "fmt": "docx"}),
    "siteaudit:check": Page(ONLY_ADMINISTRATION, kwargs=lambda f: {"token": f.world.site_check.token}),
    "siteaudit:check_progress": Page(ONLY_ADMINISTRATION, kwargs=lambda f: {"token": f.world.site_check.token}),
    # Comparing schools: for users of several schools (here the observer of the municipality's two).
    # «Запросы» (vsoko.inquiries): the municipality's request to its schools — the school's administration answers
    # it, the observer (the municipal specialist) sends it, reads the answers and returns one «на доработку».
    "inquiries:index": Page(expect("200 200 200 403 403 403 200 302")),
    "inquiries:new": Page(expect("403 403 403 403 403 403 200 302")),
    "inquiries:detail": Page(expect("403 403 403 403 403 403 200 302"), kwargs=lambda f: {"pk": f.world.inquiry.pk}),
    "inquiries:withdraw": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.inquiry.pk},
                               post={"director": 403, "teacher": 403, "observer": 302, "anonymous": 302}),
    "inquiries:remind": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.inquiry.pk},
                             post={"director": 403, "teacher": 403, "observer": 302, "anonymous": 302}),
    "inquiries:answer": Page(expect("200 200 200 403 403 403 200 302"),
                             kwargs=lambda f: {"pk": f.world.inquiry_answer.pk}),
    "inquiries:return": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.inquiry_answer.pk},
                             data=lambda f: {"comment": "Уточните"},
                             post={"observer": 302, "director": 403, "teacher": 403, "anonymous": 302}),
    "comparison:index": Page(expect("403 403 403 403 403 403 200 302")),
    "comparison:objectivity": Page(expect("403 403 403 403 403 403 200 302")),
    "comparison:collection": Page(expect("403 403 403 403 403 403 200 302")),
    "comparison:municipal_report": Page(expect("403 403 403 403 403 403 200 302"), kwargs=lambda f: {"fmt": "docx"},
                                        query=lambda f: {"year": 2024}),
    # «Рейтинг педагогов» (the sheet is Смирнова's, mathematics): every role of the school opens the section and
    # its own sheet (the personas are not linked to staff: an empty «Мой оценочный лист»); the list of sheets for
    # the administration and the МО head (its subject's teachers, read-only); the sheet of another teacher 404;
    # the rating, its files and the period's settings for the administration; the observer 403 (staff data).
    "rating:index": Page(expect("200 200 200 200 200 200 403 302")),
    "rating:my": Page(expect("200 200 200 200 200 200 403 302")),
    "rating:period": Page(expect("200 200 200 200 403 403 403 302"), kwargs=lambda f: {"pk": f.world.rating_period.pk}),
    "rating:period_change": Page(POST_ONLY, kwargs=lambda f: {"pk": f.world.rating_period.pk},
                                 post={"mo_head": 403, "teacher": 403, "observer": 403, "deputy": 302,
                                       "anonymous": 302}, data=lambda f: {"action": "recompute"}),
    "rating:rating": Page(ONLY_ADMINISTRATION, kwargs=lambda f: {"pk": f.world.rating_period.pk}),
    "rating:export": Page(ONLY_ADMINISTRATION, kwargs=lambda f: {"pk": f.world.rating_period.pk, "fmt": "xlsx"}),
    "rating:sheet": Page(expect("200 200 200 200 404 404 403 302"), kwargs=lambda f: {"pk": f.world.rating_sheet.pk}),
    "rating:sheet_docx": Page(expect("200 200 200 200 404 404 403 302"),
                              kwargs=lambda f: {"pk": f.world.rating_sheet.pk}),
    # Placeholders of sections not built yet; the ones an app has taken over are shadowed.
    "web:section_indicators": Page(EVERYONE, shadowed_by="indicators:catalog"),
    "web:section_data": Page(ONLY_ADMINISTRATION, shadowed_by="imports:index"),
    "web:section_assessments": Page(EVERYONE, shadowed_by="analysis:index"),
    "web:section_surveys": Page(ONLY_ADMINISTRATION, shadowed_by="surveys:index"),
    "web:section_plan": Page(EVERYONE, shadowed_by="plan:index"),
    "web:section_decisions": Page(expect("200 200 200 200 403 403 403 302"), shadowed_by="decisions:index"),
    "web:section_progress": Page(EVERYONE, shadowed_by="progress:index"),
    "web:section_attendance": Page(EVERYONE, shadowed_by="attendance:index"),
    "web:section_support": Page(EVERYONE, shadowed_by="support:index"),
    "web:section_observations": Page(EVERYONE, shadowed_by="observations:index"),
    "web:section_diagnostics": Page(EVERYONE, shadowed_by="diagnostics:index"),
    "web:section_preschool": Page(EVERYONE, shadowed_by="preschool:index"),
    "web:section_schedule": Page(EVERYONE, shadowed_by="schedule:index"),
    "web:section_oversight": Page(EVERYONE, shadowed_by="oversight:index"),
    "web:section_siteaudit": Page(expect("200 200 200 403 403 403 200 302"), shadowed_by="siteaudit:index"),
    "web:section_rating": Page(expect("200 200 200 200 200 200 403 302"), shadowed_by="rating:index"),
    "web:section_compare": Page(expect("403 403 403 403 403 403 200 302"), shadowed_by="comparison:index"),
    "web:section_collection": Page(expect("403 403 403 403 403 403 200 302"), shadowed_by="comparison:collection"),
    "web:section_reports": Page(ONLY_ADMINISTRATION, shadowed_by="reports:index"),
    "web:section_inquiries": Page(expect("200 200 200 403 403 403 200 302"), shadowed_by="inquiries:index"),
}


def url_patterns(patterns=None, namespace: str = "", prefix: str = "") -> list[tuple[str, str, URLPattern]]:
    """(name with namespace, route, pattern) of every pattern, included URLconfs too."""
    found = []
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            inner = f"{namespace}:{p.namespace}" if namespace and p.namespace else (p.namespace or namespace)
            found += url_patterns(p.url_patterns, inner, prefix + str(p.pattern))
        else:
            name = f"{namespace}:{p.name}" if namespace and p.name else (p.name or "")
            found.append((name, prefix + str(p.pattern), p))
    return found


def test_every_url_pattern_has_a_row():
    patterns = url_patterns()
    unnamed = [route for name, route, _ in patterns if not name]
    missing = [f"{name} (/{route})" for name, route, _ in patterns if name and name not in MATRIX]
    stale = sorted(set(MATRIX) - {name for name, _, _ in patterns})

    assert unnamed == [], f"URL patterns without a name cannot be checked: {unnamed}. Give them a name."
    assert missing == [], (
        f"URL patterns missing from MATRIX in tests/test_access_matrix.py: {missing}. Add a row saying what "
        f"each persona {PERSONAS} gets (and `post` for a POST-only endpoint)."
    )
    assert stale == [], f"MATRIX rows for URL names that no longer exist: {stale}. Remove them."


def test_pages_answered_without_login_are_the_public_ones():
    open_views = {name for name, _, p in url_patterns() if getattr(p.callback, "login_required", True) is False}

    assert open_views == PUBLIC, "A page opened without login must be listed in PUBLIC (and mean to be public)."


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def build_fixture() -> Fixture:
    """The world of the personas and the objects the URLs point at (the protocol's file under UPLOAD_DIR)."""
    world = build_world()
    world.users["admin"] = make_user("admin", role=Role.ADMIN, org_unit=world.school)
    errors: list[str] = []
    store_catalog(read_catalog(CATALOG_DIR / "core.yaml", errors))
    assert errors == []
    save_own_indicator(world.school, {"code": "meetings", "name": "Родительские собрания", "unit": "count",
                                      "method": "entered"})
    done = dict(status=ImportStatus.DONE, finished=datetime.datetime(2025, 1, 20, tzinfo=datetime.UTC))
    run = ImportRun.objects.create(school=world.school, user=world.users["director"], file_name="пакет.xlsx",
                                   errors=[{"table": "", "row": None, "column": "", "value": "", "message": "—",
                                            "source": ""}], **done)
    other_run = ImportRun.objects.create(school=world.other_school, user=world.users["other_director"],
                                         file_name="другой.xlsx", **done)
    protocol = "student_id;last_name;first_name\nS-001;Иванов;Алексей\n".encode()
    upload = uploads.store_upload(school=world.school, user=world.users["deputy"], name="students.csv",
                                  chunks=[protocol])
    scale = ScaleDefinition.objects.first() or ScaleDefinition.objects.create(kind="vpr", subject="математика",
                                                                             grade=5, year=2024)
    world.assessment = Assessment.objects.get(school=world.school, assessment_id="VPR-5-M")
    world.evidence = Evidence.objects.create(school=world.school, year_id=2024, indicator=OWN_INDICATOR,
                                             name="протокол.pdf", content=b"%PDF-1.4", size=8)
    today = timezone.localdate()
    world.survey = create_survey(school=world.school, year=school_year_of(today), questionnaire="parents", title="Родители",
                                 opens_on=today, closes_on=today)
    world.plan_item = PlanItem.objects.create(school=world.school, year_id=2024, object="Качество знаний",
                                              months=[4])
    world.decision = Decision.objects.create(school=world.school, year_id=2024, date=datetime.date(2025, 3, 1),
                                             title="ВШК по математике", text="Провести", indicators=[INDICATOR])
    smirnova = world.staff["smirnova"]
    world.lesson_visit = LessonVisit.objects.create(
        school=world.school, year_id=2024, date=datetime.date(2024, 11, 12), teacher=smirnova,
        observer=world.staff["volkov"], school_class=world.classes["5А"], subject=world.subjects["math"])
    world.diagnostic = Diagnostic.objects.create(school=world.school, year_id=2024, procedure="adaptation_5",
                                                 date=datetime.date(2024, 10, 15), school_class=world.classes["5А"])
    world.scheduled = ScheduledAssessment.objects.create(
        school=world.school, year_id=2024, date=datetime.date(2024, 10, 14), school_class=world.classes["5А"],
        subject=world.subjects["math"], kind=ProcedureKind.TEST)
    world.holiday = Holiday.objects.create(school=world.school, year_id=2024, name="осенние каникулы",
                                           start=datetime.date(2024, 10, 26), end=datetime.date(2024, 11, 3))
    world.support_case = SupportCase.objects.create(school=world.school, year_id=2024, student=world.students["ivanov"],
                                                    subject=world.subjects["math"], opened_period="q1",
                                                    status="succeeded")  # closed: a new case may be opened
    world.preschool_group = PreschoolGroup.objects.create(school=world.school, year_id=2024, name="Старшая группа",
                                                          age_band="5–7 лет", children=12, children_ovz=1)
    world.support_measure = SupportMeasure.objects.create(case=world.support_case, kind="consultations",
                                                          responsible=smirnova)
    world.credential = Credential.objects.create(school=world.school, kind="licence", number="Л035-1",
                                                 issued_on=datetime.date(2016, 5, 12), issuer="Министерство",
                                                 scope="НОО, ООО, СОО")
    world.inspection = Inspection.objects.create(
        school=world.school, body=Body.CONSUMER, kind=InspectionKind.PLANNED, started_on=datetime.date(2024, 10, 1),
        subject="санитарные требования", result=InspectionResult.VIOLATIONS)
    world.finding = Finding.objects.create(inspection=world.inspection, text="освещённость в кабинете 12",
                                           deadline=datetime.date(2024, 12, 1), responsible=smirnova)
    world.noko = NokoResult.objects.create(school=world.school, year=2024, openness=90, comfort=80)
    world.noko_measure = NokoMeasure.objects.create(result=world.noko, text="пандус",
                                                    deadline=datetime.date(2025, 6, 1))
    world.public_expert = PublicExpert.objects.create(school=world.school, last_name="Орлова", first_name="Ирина",
                                                      represents=Represents.PARENTS)
    world.participation = Participation.objects.create(expert=world.public_expert, assessment=world.assessment,
                                                       date=datetime.date(2025, 4, 15))
    world.site_audit = SiteAudit.objects.create(school=world.school, date=datetime.date(2025, 3, 3),
                                                auditor="Петрова А. А., заместитель директора",
                                                site_url="https://school1.example.ru")
    world.site_check = SiteCheck.objects.create(school=world.school, site_url="https://school1.example.ru")  # queued
    # The rating (vsoko.rating): the year's sheets, Смирнова's among them.
    world.rating_period = open_period(world.school, 2024)
    world.rating_sheet = world.rating_period.sheets.get(staff=smirnova)
    world.inquiry = send_inquiry(sender=world.municipality, form="context", year=2024, title="Контекст", text="",
                                 deadline=today)
    world.inquiry_answer = world.inquiry.answers.get(recipient=world.school)
    for school in (world.school, world.other_school):
        recompute(school, [2023, 2024])  # the data values behind the indicator and analysis pages
    return Fixture(world, run, other_run, upload, scale)


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker, tmp_path_factory):
    """The fixture built once for the module's tests (on each xdist worker that runs some), as Django's
    TestCase.setUpTestData: in a transaction held open until the module's last test and rolled back then. Each
    test's `db` runs in a savepoint inside it, rolled back at the test's end, so what a test POSTs never reaches
    the next one. Yields the fixture, the uploads folder and a copy of that folder as built."""
    uploads = tmp_path_factory.mktemp("matrix") / "uploads"
    as_built = uploads.with_name("uploads-as-built")
    with override_settings(UPLOAD_DIR=uploads):
        with django_db_blocker.unblock():
            outer = transaction.atomic()
            outer._from_testcase = True  # as TestCase's class-level atomic: a durable atomic may run in a test
            outer.__enter__()
            try:
                made = build_fixture()
            except BaseException:
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)
                raise
        shutil.copytree(uploads, as_built)
        try:
            yield made, uploads, as_built
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)


@pytest.fixture
def fixture(db, built) -> Fixture:
    """The module's fixture as built, for each test: its rows (the test runs in a savepoint), the uploaded files
    (a test may have moved or deleted them) and a deep copy of its Python objects (as TestCase gives each test its
    class-level test data), so that nothing one test changes reaches another."""
    assert len(connection.atomic_blocks) > 1, "the shared world needs the test in a savepoint: no transaction=True"
    made, uploads, as_built = built
    shutil.rmtree(uploads, ignore_errors=True)
    shutil.copytree(as_built, uploads)
    return copy.deepcopy(made)


def login(client, f: Fixture, persona: str):
    client.logout()
    if persona != "anonymous":
        client.force_login(f.world.users[persona])
    return client


def check(response, expected: int, persona: str) -> str:
    """'' when the response is as expected, else what went wrong."""
    if response.status_code != expected:
        return f"{persona}: {response.status_code}, expected {expected}"
    if persona == "anonymous" and expected == 302 and not response["Location"].startswith("/login/"):
        return f"anonymous: sent to {response['Location']}, expected /login/"
    return ""


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_persona_gets_what_the_matrix_says(client, fixture, name):
    page = MATRIX[name]
    url = reverse(name, kwargs=page.kwargs(fixture))
    if page.shadowed_by:
        assert resolve(url).view_name == page.shadowed_by, f"{url} should be answered by {page.shadowed_by}"
    assert set(page.get) == set(PERSONAS)

    query = page.query(fixture)
    wrong = [check(login(client, fixture, persona).get(url, query), status, persona)
             for persona, status in page.get.items()]

    assert [w for w in wrong if w] == [], f"GET {url}"


POST_ENDPOINTS = sorted(name for name, page in MATRIX.items() if page.post is not None)


@pytest.mark.parametrize("name", POST_ENDPOINTS)
def test_post_only_endpoints_are_checked_with_a_permitted_and_a_forbidden_persona(client, fixture, name):
    page = MATRIX[name]
    url = reverse(name, kwargs=page.kwargs(fixture))
    permitted = [p for p, s in page.post.items() if s < 403 and p != "anonymous"]
    forbidden = [p for p, s in page.post.items() if s >= 403 or p == "anonymous"]
    assert permitted and forbidden, f"{name}: `post` needs a permitted and a forbidden persona"
    assert all(page.get[p] == 405 for p in PERSONAS if p != "anonymous"), f"{name}: GET must answer 405"

    # Forbidden ones first: a permitted POST may change what follows (a logout, a submitted year).
    wrong = []
    for persona in forbidden + permitted:
        wrong.append(check(login(client, fixture, persona).post(url, page.data(fixture)), page.post[persona], persona))

    assert [w for w in wrong if w] == [], f"POST {url}"


def test_every_get_page_is_a_page_and_every_post_endpoint_refuses_get(fixture):
    """A row's `post` is given exactly for the endpoints whose GET answers 405."""
    for name, page in MATRIX.items():
        post_only = all(page.get[p] == 405 for p in PERSONAS if p != "anonymous")
        assert post_only == (page.post is not None), name


# «Скачать в Excel» is the page's own address with ?format=xlsx (vsoko.web.downloads): it must answer every persona
# as the page does — a file only for whoever sees the page.
EXCEL_PAGES = ["web:class_list", "web:class_detail", "web:staff_list", "web:student_list", "observations:summary", "analysis:benchmarks", "progress:index", "progress:class", "progress:attestation", "indicators:catalog",
               "indicators:detail", "indicators:targets", "decisions:index"]


@pytest.mark.parametrize("name", EXCEL_PAGES)
def test_each_excel_download_answers_as_its_page(client, fixture, name):
    page = MATRIX[name]
    url = reverse(name, kwargs=page.kwargs(fixture))
    query = {**page.query(fixture), "format": "xlsx"}
    wrong = [check(login(client, fixture, persona).get(url, query), status, persona)
             for persona, status in page.get.items()]

    assert [w for w in wrong if w] == [], f"GET {url}?format=xlsx"
    assert login(client, fixture, "director").get(url, query)["Content-Type"].endswith("spreadsheetml.sheet")


# --- leaks: records outside a persona's scope ----------------------------------------------------


def status(client, f: Fixture, persona: str, name: str, **kwargs) -> int:
    return login(client, f, persona).get(reverse(name, kwargs=kwargs)).status_code


def test_a_class_teacher_cannot_open_a_pupil_or_the_class_of_the_parallel_class(client, fixture):
    w = fixture.world

    assert status(client, fixture, "class_teacher", "web:student_detail", pk=w.students["petrov"].pk) == 404
    assert status(client, fixture, "class_teacher", "web:class_detail", pk=w.classes["5Б"].pk) == 404
    assert status(client, fixture, "class_teacher", "progress:parents", pk=w.classes["5Б"].pk) == 404
    listing = login(client, fixture, "class_teacher").get(reverse("web:student_list")).content.decode()
    assert "Иванов" in listing
    assert "Петров" not in listing


def test_nobody_opens_records_of_the_other_school(client, fixture):
    w = fixture.world
    other = {
        "web:student_detail": {"pk": w.students["kuznetsov"].pk},
        "web:class_detail": {"pk": w.classes["other-5А"].pk},
        "web:staff_detail": {"pk": w.staff["other"].pk},
        "imports:run": {"token": fixture.other_run.token},
        "imports:errors": {"token": fixture.other_run.token},
    }
    for persona in ("admin", "director", "deputy"):
        for name, kwargs in other.items():
            assert status(client, fixture, persona, name, **kwargs) == 404, (persona, name)

    # And the other school's director sees nothing of school 1.
    assert status(client, fixture, "other_director", "web:student_detail", pk=w.students["ivanov"].pk) == 404
    assert status(client, fixture, "other_director", "imports:run", token=fixture.run.token) == 404
    assert status(client, fixture, "other_director", "assessments:import_review", pk=fixture.upload.pk) == 404
    posted = login(client, fixture, "other_director").post(
        reverse("records:approval_change"), {"school": w.school.pk, "year": 2024, "action": "approve"})
    assert posted.status_code == 404


def test_subject_teachers_see_only_the_classes_where_their_subject_is_marked(client, fixture):
    w = fixture.world

    assert status(client, fixture, "teacher", "web:student_detail", pk=w.students["sidorova"].pk) == 200
    assert status(client, fixture, "teacher", "web:student_detail", pk=w.students["ivanov"].pk) == 404
    assert status(client, fixture, "mo_head", "web:staff_detail", pk=w.staff["volkov"].pk) == 404


def test_the_observer_gets_403_on_every_personal_page_whatever_the_record(client, fixture):
    w = fixture.world
    personal = [
        ("web:class_list", {}), ("web:student_list", {}), ("web:staff_list", {}),
        *[("web:class_detail", {"pk": c.pk}) for c in w.classes.values()],
        *[("web:student_detail", {"pk": s.pk}) for s in w.students.values()],
        *[("web:staff_detail", {"pk": s.pk}) for s in w.staff.values()],
    ]

    answers = {(name, tuple(kw.values())): status(client, fixture, "observer", name, **kw) for name, kw in personal}

    assert set(answers.values()) == {403}, answers


# The search forms of the lists and of the audit log are POSTed (a typed name never reaches an address:
# vsoko.web.search). The POST answers as
# the page's GET does: a redirect to the list for whoever sees it, 403 for the others, the login page if anonymous.
@pytest.mark.parametrize("name, field", [("web:student_list", "q"), ("web:staff_list", "q"), ("audit:log", "user")])
def test_a_posted_search_answers_as_its_page(client, fixture, name, field):
    url = reverse(name)
    expected = {persona: 302 if code == 200 else code for persona, code in MATRIX[name].get.items()}

    answers = {persona: login(client, fixture, persona).post(url, {field: "Иванов"}) for persona in PERSONAS}

    wrong = [check(answers[persona], code, persona) for persona, code in expected.items()]
    assert [w for w in wrong if w] == [], f"POST {url}"
    assert answers["director"]["Location"].startswith(f"{url}?search=")


def test_a_class_teachers_search_finds_no_pupil_of_another_class(client, fixture):
    teacher = login(client, fixture, "class_teacher")

    found = teacher.get(teacher.post(reverse("web:student_list"), {"q": "Петров"})["Location"]).content.decode()

    assert "Найдено по запросу «Петров»: 0" in found
    assert "Петров Борис" not in found


def test_sensitive_categories_reach_the_html_only_with_the_permission(client, fixture):
    w = fixture.world
    url = reverse("web:student_detail", kwargs={"pk": w.students["ivanov"].pk})

    with_permission = login(client, fixture, "deputy").get(url).content.decode()
    without = login(client, fixture, "director").get(url).content.decode()

    assert "ПДН" in with_permission
    assert "ПДН" not in without


def test_only_a_role_in_the_municipality_opens_its_social_context(client, fixture):
    """/assessments/context/?municipality=: the school's roles keep to their school's page (403 here)."""
    query = {"municipality": fixture.world.municipality.code}

    answers = {p: login(client, fixture, p).get(reverse("analysis:context"), query) for p in PERSONAS}

    wrong = [check(answers[p], s, p) for p, s in expect("403 403 403 403 403 403 200 302").items()]
    assert [w for w in wrong if w] == []
    assert "Школа №2" in answers["observer"].content.decode()


def test_the_errors_of_an_import_are_read_by_its_uploader_the_administrator_and_the_deputy(client, fixture):
    """The errors quote the uploaded rows (pupils' names): the director who did not upload the file gets 403."""
    w = fixture.world
    by_deputy = ImportRun.objects.create(school=w.school, user=w.users["deputy"], file_name="пакет.xlsx",
                                         status=ImportStatus.INVALID, error_count=1, errors=fixture.run.errors)

    answers = {p: status(client, fixture, p, "imports:errors", token=by_deputy.token)
               for p in ("admin", "director", "deputy", "teacher")}

    assert answers == {"admin": 200, "director": 403, "deputy": 200, "teacher": 403}


# The СПТ (procedures.yaml `levels_published: false`, sensitive) held in 5А: its risk levels — a pupil's, and with
# them the template, entry, changes — are the school-wide roles' with the permission for sensitive categories only.
# 5А's class teacher, even with that permission, reads how many took part (200 on the page, without levels) and
# nothing more; before, they entered and read the levels of their class.
SPT_PAGES = {
    "diagnostics:detail": expect("200 200 200 200 200 404 200 302"),
    "diagnostics:template": expect("403 403 200 403 403 404 403 302"),
    "diagnostics:edit": expect("403 403 200 403 403 404 403 302"),
    "diagnostics:delete": expect("403 403 200 403 403 404 403 302"),
}


@pytest.mark.parametrize("name", sorted(SPT_PAGES))
def test_the_spt_levels_are_the_administrations_only(client, fixture, name):
    from vsoko.accounts.models import Membership

    Membership.objects.filter(user=fixture.world.users["class_teacher"]).update(sees_sensitive=True)
    spt = Diagnostic.objects.create(school=fixture.world.school, year_id=2024, procedure="spt",
                                    date=datetime.date(2024, 10, 15), school_class=fixture.world.classes["5А"])
    url = reverse(name, kwargs={"pk": spt.pk})

    wrong = [check(login(client, fixture, persona).get(url), status, persona)
             for persona, status in SPT_PAGES[name].items()]

    assert [w for w in wrong if w] == [], f"GET {url}"
    upload = reverse("diagnostics:upload", kwargs={"pk": spt.pk})
    assert login(client, fixture, "class_teacher").post(upload).status_code == 403
