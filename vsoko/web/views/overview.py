from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from vsoko.accounts import permissions
from vsoko.accounts.enums import Role
from vsoko.analysis.summary import risk_summary
from vsoko.decisions.agenda import decisions_due
from vsoko.inquiries.agenda import overview_notices
from vsoko.oversight.agenda import findings_due
from vsoko.plan.schedule import attention
from vsoko.records.schools import name_order
from vsoko.surveys.campaigns import open_surveys
from vsoko.web.first_steps import first_steps
from vsoko.web.key_figures import key_figures
from vsoko.web.overview import last_import, school_summaries, summaries_total
from vsoko.web.school_year import selected_year


def overview(request):
    user = request.user
    year = selected_year(request)
    schools = sorted(permissions.schools_for(user).select_related("parent"), key=name_order)
    summaries = school_summaries(schools, year) if year is not None else []
    own_classes = []
    if year is not None and any(m.role == Role.CLASS_TEACHER for m in permissions.memberships_of(user)):
        own_classes = list(
            permissions.classes_visible_to(user, year)
            .filter(name__in=[m.class_name for m in permissions.memberships_of(user) if m.role == Role.CLASS_TEACHER])
            .order_by("grade", "letter")
        )
    return render(request, "web/overview.html", {
        "year": year,
        "schools": schools,
        "summaries": summaries,
        "total": summaries_total(summaries),
        "last_import": last_import(schools) if schools else None,
        "own_classes": own_classes,
        "own_work": _own_work(user, schools, own_classes, year),
        "risk_flags": risk_summary(user, schools, year),
        # One school: its key indicators (a municipality compares its schools on «Сравнение школ»).
        "key_figures": key_figures(schools[0], year) if year is not None and len(schools) == 1 else [],
        "first_steps": _first_steps(user, schools, year),
        **_agenda(user, year),
        **overview_notices(user),  # requests of the education authorities still to answer
    })


def _own_work(user, schools, own_classes, year: int | None) -> list[tuple[str, str]]:
    """A teacher's, МО head's and class teacher's pages of the term, first among the quick links: the school-wide
    overview above them is not where their work starts. (text, address); one query more for a subject teacher
    (their staff record, for their page of «Оценочные процедуры»), none for the other roles."""
    links = [(f"Справка для родительского собрания {c.name}", reverse("progress:parents", args=[c.pk]))
             for c in own_classes]
    roles = {m.role for m in permissions.memberships_of(user)}
    if not roles & set(Role.subject_scoped()):
        return links
    links += [("Итоги периода по вашим предметам", reverse("progress:index")),
              ("Группа риска ваших классов", reverse("support:index"))]
    if Role.MO_HEAD in roles:
        links.append(("По учителям МО", reverse("progress:index") + "#mo-teachers"))
    if len(schools) == 1 and (me := permissions.staff_records_of(user, schools[0]).first()) is not None:
        links.append(("Ваши классы в оценочных процедурах", reverse("analysis:teacher", args=[me.pk])))
    if Role.MO_HEAD in roles and year is not None:  # the analysis is of a year: none before the first data
        links.append(("Анализ работы МО за учебный год (Word)", reverse("reports:mo_year")))
    return links


def _first_steps(user, schools, year: int | None):
    """«Начало работы» for whoever loads the data of the one school they see; None once every line is done."""
    if len(schools) != 1 or not permissions.can_manage_data(user, schools[0]):
        return None
    steps = first_steps(schools[0], year)
    return None if steps.complete else steps


def _agenda(user, year: int | None) -> dict:
    """For the school's administration: the plan's items due or overdue, the surveys open now, the decisions
    and the inspections' orders due within two weeks or overdue."""
    if year is None or not permissions.can_edit_plan(user):
        return {}
    schools = permissions.schools_administered_by(user)  # a subquery of the three queries below
    today = timezone.localdate()
    plan = attention(schools, year, today)
    return {"agenda": True, "plan_attention": plan.items, "plan_missing": not plan.planned,
            "open_surveys": open_surveys(schools, today), "decisions_due": decisions_due(schools, today),
            "findings_due": findings_due(schools, today), "today": today}
