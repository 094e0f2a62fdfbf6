"""«Внешняя оценка»: the licence and accreditation, the inspections register, НОКО and the public observers'
register. Every role of the school reads the first three (the municipal observer without the names of the staff
responsible for findings); the administration keeps them; the observers' register is the administration's only
and every opening of it is audited."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Model
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from vsoko.accounts import permissions
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.oversight.enums import CredentialKind, Progress
from vsoko.oversight.forms import (
    CredentialForm,
    FindingForm,
    InspectionForm,
    NokoMeasureForm,
    NokoResultForm,
    ParticipationForm,
    PublicExpertForm,
)
from vsoko.oversight.models import (
    CRITERIA,
    Credential,
    Finding,
    Inspection,
    NokoMeasure,
    NokoResult,
    Participation,
    PublicExpert,
)
from vsoko.oversight.summary import (
    credentials_of,
    findings_in_order,
    fix_tallies,
    noko_dynamics,
    noko_sentence,
    public_presence,
    score,
)
from vsoko.records.models import OrgUnit
from vsoko.web.school_year import chosen_school, page_year, year_label

READERS_ONLY = "Сведения о внешней оценке школы видят работники школы и наблюдатель муниципалитета."
KEEPERS_ONLY = "Сведения о внешней оценке записывает и меняет администрация школы."
EXPERTS_ONLY = ("Реестр общественных наблюдателей и экспертов (персональные данные) видит только администрация "
                "школы.")


# --- access ---------------------------------------------------------------------------------------------


def _read_school(request) -> tuple[OrgUnit, list[OrgUnit]]:
    return chosen_school(permissions.schools_with_oversight_for(request.user), request.GET.get("school"),
                         READERS_ONLY)


def _keep_school(request) -> OrgUnit:
    if not permissions.can_edit_oversight(request.user):
        raise PermissionDenied(KEEPERS_ONLY)
    school, _ = chosen_school(permissions.schools_administered_by(request.user), request.GET.get("school"),
                              KEEPERS_ONLY)
    return school


def _kept(request, model: type[Model], pk: int, school_path: str) -> Model:
    """An object of a school the user reads (404 outside), which the user keeps (403 otherwise)."""
    if not permissions.can_view_oversight(request.user):
        raise PermissionDenied(READERS_ONLY)
    found = get_object_or_404(model, pk=pk, **{f"{school_path}__in": permissions.schools_with_oversight_for(
        request.user)})
    school = _school_of(found, school_path)
    if not permissions.can_edit_oversight(request.user, school):
        raise PermissionDenied(KEEPERS_ONLY)
    return found


def _expert_object(request, model: type[Model], pk: int, school_path: str) -> Model:
    if not permissions.can_view_public_experts(request.user):
        raise PermissionDenied(EXPERTS_ONLY)
    return get_object_or_404(model, pk=pk, **{f"{school_path}__in": permissions.schools_with_public_experts_for(
        request.user)})


def _school_of(found: Model, school_path: str) -> OrgUnit:
    for step in school_path.split("__"):
        found = getattr(found, step)
    return found


def _audit(request, school: OrgUnit, object_type: str, pk, what: str) -> None:
    record(user=request.user, action=AuditAction.CHANGE, object_type=object_type, object_id=str(pk), school=school,
           details={"действие": what}, request=request)


def _form_page(request, form, *, school: OrgUnit, title: str, back: str, object_type: str, saved: str,
               delete_url: str = "", intro: str = ""):
    """Show the form; on a valid POST save it in one transaction, audit the change and go back."""
    if request.method == "POST" and form.is_valid():
        new = form.instance.pk is None
        with transaction.atomic():
            obj = form.save()
            _audit(request, school, object_type, obj.pk, f"{'записано' if new else 'изменено'}: {saved}")
        messages.success(request, f"Сохранено: {saved}.")
        return redirect(back)
    return render(request, "oversight/edit.html", {"form": form, "title": title, "back": back, "school": school,
                                                   "delete_url": delete_url, "intro": intro})


def _delete(request, obj: Model, *, school: OrgUnit, object_type: str, what: str, back: str):
    with transaction.atomic():
        _audit(request, school, object_type, obj.pk, f"удалено: {what}")
        obj.delete()
    messages.success(request, f"Удалено: {what}.")
    return redirect(back)


def _page(name: str, school: OrgUnit) -> str:
    return f"{reverse(name)}?school={school.code}"


# --- reading pages ---------------------------------------------------------------------------------------


def index(request):
    school, schools = _read_school(request)
    today = timezone.localdate()
    year = page_year(request)
    credentials = credentials_of(school)
    experts = permissions.can_view_public_experts(request.user, school)
    return render(request, "oversight/index.html", {
        "school": school, "schools": schools, "today": today,
        "licences": credentials[CredentialKind.LICENCE], "accreditations": credentials[CredentialKind.ACCREDITATION],
        "tallies": fix_tallies(school, today)[:3],
        "inspections": Inspection.objects.filter(school=school).count(),
        "noko": noko_sentence(noko_dynamics(school)),
        "experts": experts, "presence": public_presence(school, year) if experts and year else None,
        "year_label": year_label(year),
        "can_edit": permissions.can_edit_oversight(request.user, school),
    })


def inspections(request):
    school, schools = _read_school(request)
    today = timezone.localdate()
    findings = findings_in_order(school, today)
    by_inspection: dict[int, list] = {}
    for finding, status in findings:
        by_inspection.setdefault(finding.inspection_id, []).append((finding, status))
    shown = list(Inspection.objects.filter(school=school))
    return render(request, "oversight/inspections.html", {
        "school": school, "schools": schools,
        "rows": [(inspection, by_inspection.get(inspection.pk, [])) for inspection in shown],
        "attention": [(f, s) for f, s in findings if s != Progress.DONE],
        "tallies": fix_tallies(school, today),
        "names": permissions.can_see_oversight_names(request.user, school),
        "show_experts": permissions.can_view_public_experts(request.user, school),
        "can_edit": permissions.can_edit_oversight(request.user, school),
    })


def noko(request):
    school, schools = _read_school(request)
    today = timezone.localdate()
    rows = noko_dynamics(school)
    return render(request, "oversight/noko.html", {
        "school": school, "schools": schools, "rows": rows,
        "table": [(name, [(score(value), change) for _, value, change in (row.criteria[i] for row in rows)])
                  for i, (_, name) in enumerate(CRITERIA)],
        "integrals": [(score(row.integral), row.change) for row in rows], "sentence": noko_sentence(rows),
        "plans": [(row, [(m, m.status(today)) for m in row.result.measures.all()]) for row in reversed(rows)],
        "show_experts": permissions.can_view_public_experts(request.user, school),
        "can_edit": permissions.can_edit_oversight(request.user, school),
    })


def experts(request):
    if not permissions.can_view_public_experts(request.user):
        raise PermissionDenied(EXPERTS_ONLY)
    school, schools = chosen_school(permissions.schools_with_public_experts_for(request.user),
                                    request.GET.get("school"), EXPERTS_ONLY)
    year = page_year(request)
    people = list(PublicExpert.objects.filter(school=school).annotate(times=Count("participations")))
    participations = list(Participation.objects.filter(expert__school=school, assessment__year_id=year)
                          .select_related("expert", "assessment__subject").order_by("date", "pk"))
    record(user=request.user, action=AuditAction.VIEW_LIST, object_type="public_experts", school=school,
           details={"учебный год": year_label(year), "записей": len(people)}, request=request)
    return render(request, "oversight/experts.html", {
        "school": school, "schools": schools, "year": year, "year_label": year_label(year), "people": people,
        "participations": participations, "presence": public_presence(school, year) if year else None,
    })


# --- licence and accreditation ---------------------------------------------------------------------------


def credential_edit(request, pk: int | None = None):
    if pk is None:
        school = _keep_school(request)
        kind = request.GET.get("kind", "")
        credential = Credential(school=school, kind=kind if kind in CredentialKind.values else CredentialKind.LICENCE)
    else:
        credential = _kept(request, Credential, pk, "school")
        school = credential.school
    return _form_page(request, CredentialForm(request.POST or None, instance=credential), school=school,
                      title="Лицензия или аккредитация", back=_page("oversight:index", school),
                      object_type="credential", saved="лицензия или аккредитация",
                      delete_url=reverse("oversight:credential_delete", args=[pk]) if pk else "",
                      intro="Новая запись становится текущей, если её дата позже прежней; прежние остаются в "
                            "истории.")


@require_POST
def credential_delete(request, pk: int):
    credential = _kept(request, Credential, pk, "school")
    return _delete(request, credential, school=credential.school, object_type="credential",
                   what=f"{credential.get_kind_display()} {credential}", back=_page("oversight:index", credential.school))


# --- inspections and findings ----------------------------------------------------------------------------


def inspection_edit(request, pk: int | None = None):
    if pk is None:
        inspection = Inspection(school=_keep_school(request))
    else:
        inspection = _kept(request, Inspection, pk, "school")
    school = inspection.school
    return _form_page(request, InspectionForm(request.POST or None, instance=inspection), school=school,
                      title="Проверка", back=_page("oversight:inspections", school), object_type="inspection",
                      saved="проверка", delete_url=reverse("oversight:inspection_delete", args=[pk]) if pk else "",
                      intro="Нарушения (предписания) записываются после сохранения проверки с результатом "
                            "«выявлены нарушения».")


@require_POST
def inspection_delete(request, pk: int):
    inspection = _kept(request, Inspection, pk, "school")
    return _delete(request, inspection, school=inspection.school, object_type="inspection",
                   what=f"проверка {inspection} с нарушениями", back=_page("oversight:inspections", inspection.school))


def finding_edit(request, pk: int | None = None, inspection_pk: int | None = None):
    if pk is None:
        finding = Finding(inspection=_kept(request, Inspection, inspection_pk, "school"))
    else:
        finding = _kept(request, Finding, pk, "inspection__school")
    school = finding.inspection.school
    return _form_page(request, FindingForm(request.POST or None, instance=finding), school=school,
                      title=f"Нарушение — {finding.inspection}", back=_page("oversight:inspections", school),
                      object_type="inspection_finding", saved="нарушение",
                      delete_url=reverse("oversight:finding_delete", args=[pk]) if pk else "",
                      intro="«Просрочено» ставится само, когда срок устранения прошёл, а дата устранения не указана.")


@require_POST
def finding_delete(request, pk: int):
    finding = _kept(request, Finding, pk, "inspection__school")
    school = finding.inspection.school
    return _delete(request, finding, school=school, object_type="inspection_finding", what="нарушение",
                   back=_page("oversight:inspections", school))


# --- НОКО ------------------------------------------------------------------------------------------------


def noko_edit(request, pk: int | None = None):
    if pk is None:
        result = NokoResult(school=_keep_school(request), year=page_year(request))
    else:
        result = _kept(request, NokoResult, pk, "school")
    school = result.school
    return _form_page(request, NokoResultForm(request.POST or None, instance=result), school=school,
                      title="Результаты НОКО", back=_page("oversight:noko", school), object_type="noko_result",
                      saved="результаты НОКО", delete_url=reverse("oversight:noko_delete", args=[pk]) if pk else "",
                      intro="Баллы по пяти общим критериям — из результатов независимой оценки (bus.gov.ru). "
                            "Интегральный балл вычисляется сам как среднее пяти баллов.")


@require_POST
def noko_delete(request, pk: int):
    result = _kept(request, NokoResult, pk, "school")
    return _delete(request, result, school=result.school, object_type="noko_result", what=str(result),
                   back=_page("oversight:noko", result.school))


def measure_edit(request, pk: int | None = None, result_pk: int | None = None):
    if pk is None:
        measure = NokoMeasure(result=_kept(request, NokoResult, result_pk, "school"))
    else:
        measure = _kept(request, NokoMeasure, pk, "result__school")
    school = measure.result.school
    return _form_page(request, NokoMeasureForm(request.POST or None, instance=measure), school=school,
                      title=f"План по улучшению — {measure.result}", back=_page("oversight:noko", school),
                      object_type="noko_measure", saved="мероприятие плана по улучшению",
                      delete_url=reverse("oversight:measure_delete", args=[pk]) if pk else "")


@require_POST
def measure_delete(request, pk: int):
    measure = _kept(request, NokoMeasure, pk, "result__school")
    school = measure.result.school
    return _delete(request, measure, school=school, object_type="noko_measure", what="мероприятие плана",
                   back=_page("oversight:noko", school))


# --- public observers and experts -------------------------------------------------------------------------


def _audit_opening(request, expert: PublicExpert) -> None:
    """One adult's personal data on the screen, audited as a staff member's page is (a POST is audited as the
    change it makes)."""
    if request.method == "GET":
        record(user=request.user, action=AuditAction.VIEW_PERSON, object_type="public_expert",
               object_id=str(expert.pk), school=expert.school, request=request)


def expert_edit(request, pk: int | None = None):
    if pk is None:
        if not permissions.can_view_public_experts(request.user):
            raise PermissionDenied(EXPERTS_ONLY)
        school, _ = chosen_school(permissions.schools_with_public_experts_for(request.user),
                                  request.GET.get("school"), EXPERTS_ONLY)
        expert = PublicExpert(school=school)
    else:
        expert = _expert_object(request, PublicExpert, pk, "school")
        _audit_opening(request, expert)
    school = expert.school
    return _form_page(request, PublicExpertForm(request.POST or None, instance=expert), school=school,
                      title="Общественный наблюдатель (эксперт)", back=_page("oversight:experts", school),
                      object_type="public_expert", saved="общественный наблюдатель",
                      delete_url=reverse("oversight:expert_delete", args=[pk]) if pk else "",
                      intro="Персональные данные: их видит только администрация школы; в публикуемые отчёты "
                            "попадает только число процедур с наблюдателями.")


@require_POST
def expert_delete(request, pk: int):
    expert = _expert_object(request, PublicExpert, pk, "school")
    return _delete(request, expert, school=expert.school, object_type="public_expert",
                   what="общественный наблюдатель и его участие в процедурах",
                   back=_page("oversight:experts", expert.school))


def participation_edit(request, pk: int | None = None, expert_pk: int | None = None):
    if pk is None:
        participation = Participation(expert=_expert_object(request, PublicExpert, expert_pk, "school"))
    else:
        participation = _expert_object(request, Participation, pk, "expert__school")
    _audit_opening(request, participation.expert)  # the page is titled with the observer's name
    school = participation.expert.school
    return _form_page(request, ParticipationForm(request.POST or None, instance=participation), school=school,
                      title=f"Участие в процедуре — {participation.expert.full_name}",
                      back=_page("oversight:experts", school), object_type="public_participation",
                      saved="участие в процедуре",
                      delete_url=reverse("oversight:participation_delete", args=[pk]) if pk else "")


@require_POST
def participation_delete(request, pk: int):
    participation = _expert_object(request, Participation, pk, "expert__school")
    school = participation.expert.school
    return _delete(request, participation, school=school, object_type="public_participation",
                   what="участие в процедуре", back=_page("oversight:experts", school))
