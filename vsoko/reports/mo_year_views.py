"""«Анализ работы МО за учебный год» in Word for the head of a methodical association: his own МО (the subjects of
his «руководитель МО» roles in the school), linked from «По учителям МО» and the overview. The school-wide roles
(director, deputy, administrator) get any МО of the school here (?mo=, an Association.key), as on «Отчёты», where
the same report is theirs; everyone else 403. Each download is
audit-logged as the registry's other exports are (`record_export`).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.http import content_disposition_header

from vsoko.accounts import permissions
from vsoko.accounts.enums import Role
from vsoko.records.models import OrgUnit
from vsoko.records.years import year_label
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.mo_year import (
    Association,
    AssociationMissing,
    analysis,
    association_of,
    document,
)
from vsoko.reports.mo_year import subjects_association as own_association
from vsoko.reports.registry import record_export
from vsoko.reports.views import CONTENT_TYPES
from vsoko.reports.writers import WRITERS
from vsoko.web.school_year import available_years, chosen_school, selected_year

ANY_ASSOCIATION = tuple(
    Role.school_wide()
)  # as on «Отчёты», where the same report is made for any МО
REFUSAL = (
    "Анализ работы МО составляют руководитель МО (по своему МО) и администрация школы — директор, заместитель "
    "директора, администратор (по любому МО школы)."
)


def mo_year_docx(request):
    memberships = permissions.memberships_of(request.user)
    superuser = request.user.is_superuser
    units = {m.org_unit_id for m in memberships if m.role in (*ANY_ASSOCIATION, Role.MO_HEAD)}
    school, _ = chosen_school(
        OrgUnit.objects.all() if superuser else OrgUnit.objects.filter(pk__in=units),
        request.GET.get("school"),
        REFUSAL,
    )
    years = [y.start for y in available_years(request)]
    asked = request.GET.get("year", "")
    year = int(asked) if asked.isdigit() and int(asked) in years else selected_year(request)
    if year is None:
        raise PermissionDenied(f"В школе «{school.name}» нет данных ни за один учебный год.")
    mo = chosen_association(request, memberships, school, year, superuser)
    data = WRITERS[Format.DOCX](document(analysis(school, year, mo)))
    record_export(
        ReportKind.MO_YEAR, school, year, Format.DOCX, user=request.user, request=request, mo=mo.key
    )
    response = HttpResponse(data, content_type=CONTENT_TYPES[Format.DOCX])
    response["Content-Disposition"] = content_disposition_header(
        True, f"Анализ работы МО ({mo.names}) {year_label(year).replace('/', '-')}.docx"
    )
    return response


def chosen_association(
    request, memberships, school: OrgUnit, year: int, superuser: bool
) -> Association:
    """The administration's МО asked for (else the school's first); the МО head's own, whatever is asked."""
    if superuser or any(
        m.role in ANY_ASSOCIATION and m.org_unit_id == school.pk for m in memberships
    ):
        try:
            return association_of(school, year, request.GET.get("mo"))
        except AssociationMissing as exc:
            raise PermissionDenied(str(exc)) from None
    own = {
        m.subject_id
        for m in memberships
        if m.role == Role.MO_HEAD and m.org_unit_id == school.pk and m.subject_id is not None
    }
    if not own:
        raise PermissionDenied(REFUSAL)
    user = request.user
    mo = own_association(own, " ".join(p for p in (user.last_name, user.first_name) if p))
    if request.GET.get("mo") not in (None, "", mo.key):
        raise PermissionDenied("Руководитель МО получает анализ работы своего МО, не другого.")
    return mo
