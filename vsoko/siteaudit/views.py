"""«Аудит сайта»: the audits of the school's official site. The school's administration and the municipal
observer read them; the administration records them (the checklist is pre-filled by «Проверить сайт
автоматически» — a queued task that fetches the subsections' pages and checks their documents; the page follows
its progress and the form comes back pre-filled — and confirmed by the user); every write and every download is
in the audit journal."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from vsoko.accounts import permissions
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.records.models import OrgUnit
from vsoko.reports.enums import Format
from vsoko.reports.views import CONTENT_TYPES
from vsoko.reports.writers import WRITERS
from vsoko.siteaudit.act import act_document, filename
from vsoko.siteaudit.checklist import sections
from vsoko.siteaudit.checks import (
    NO_ADDRESS,
    overran_documents,
    prefill,
    probes_of,
    progress_of,
    start_check,
    suggested_outdated,
    suggested_unsigned,
    unopened_key_documents,
)
from vsoko.siteaudit.enums import AuditMethod, CheckStatus, ItemStatus
from vsoko.siteaudit.forms import ChecklistForm, SiteAuditForm, initial_of, status_field
from vsoko.siteaudit.models import AuditItem, SiteAudit, SiteCheck
from vsoko.siteaudit.probe import SiteAddressError, base_address
from vsoko.siteaudit.results import last_audits, result_of, share_percent
from vsoko.web.school_year import chosen_school

READERS_ONLY = "Аудиты официального сайта видят администрация школы и наблюдатель муниципалитета."
KEEPERS_ONLY = "Аудит официального сайта записывает и меняет администрация школы."
MUNICIPAL_ONLY = "Сводка аудитов сайтов по школам — для специалиста муниципалитета (наблюдателя)."
OBJECT_TYPE = "site_audit"
FORMATS = {"docx": Format.DOCX, "xlsx": Format.XLSX}


def _page(school: OrgUnit) -> str:
    return f"{reverse('siteaudit:index')}?school={school.code}"


def _read(request, pk: int) -> SiteAudit:
    if not permissions.can_view_site_audits(request.user):
        raise PermissionDenied(READERS_ONLY)
    return get_object_or_404(SiteAudit.objects.select_related("school"), pk=pk,
                             school__in=permissions.schools_with_site_audits_for(request.user))


def _kept(request, pk: int) -> SiteAudit:
    audit = _read(request, pk)
    if not permissions.can_edit_site_audits(request.user, audit.school):
        raise PermissionDenied(KEEPERS_ONLY)
    return audit


def _audit(request, audit: SiteAudit, what: str) -> None:
    record(user=request.user, action=AuditAction.CHANGE, object_type=OBJECT_TYPE, object_id=str(audit.pk),
           school=audit.school, details={"действие": what, "сайт": audit.site_url,
                                         "дата проверки": f"{audit.date:%d.%m.%Y}"}, request=request)


def index(request):
    school, schools = chosen_school(permissions.schools_with_site_audits_for(request.user),
                                    request.GET.get("school"), READERS_ONLY)
    audits = list(SiteAudit.objects.filter(school=school).prefetch_related("items"))
    rows = [(audit, result_of(audit)) for audit in audits]
    return render(request, "siteaudit/index.html", {
        "school": school, "schools": schools,
        "rows": [(audit, result, share_percent(result.share)) for audit, result in rows],
        "can_edit": permissions.can_edit_site_audits(request.user, school),
        "municipal": permissions.works_above_schools(request.user),
    })


def municipality(request):
    if not permissions.works_above_schools(request.user):
        raise PermissionDenied(MUNICIPAL_ONLY)
    schools = permissions.schools_with_site_audits_for(request.user)
    if not schools.exists():
        raise PermissionDenied(READERS_ONLY)
    rows = last_audits(schools)
    return render(request, "siteaudit/municipality.html", {
        "rows": [(row, share_percent(row.share)) for row in rows],
        "audited": sum(1 for row in rows if row.audit), "today": timezone.localdate(),
    })


def detail(request, pk: int):
    audit = _read(request, pk)
    result = result_of(audit)
    found = {item.code: item for item in audit.items.all()}
    checklist = [(section, [(item, found.get(item.code)) for item in section.items]) for section in sections()]
    return render(request, "siteaudit/detail.html", {
        "audit": audit, "school": audit.school, "result": result, "share": share_percent(result.share),
        "checklist": checklist, "today": timezone.localdate(),
        "can_edit": permissions.can_edit_site_audits(request.user, audit.school),
    })


def edit(request, pk: int | None = None):
    if pk is None:
        if not permissions.can_edit_site_audits(request.user):
            raise PermissionDenied(KEEPERS_ONLY)
        school, _ = chosen_school(permissions.schools_administered_by(request.user), request.GET.get("school"),
                                  KEEPERS_ONLY)
        previous = SiteAudit.objects.filter(school=school).first()
        audit = SiteAudit(school=school, date=timezone.localdate(),
                          site_url=previous.site_url if previous else "",
                          # the first audit: the one who opens the form checks, as a rule (the position is added)
                          auditor=previous.auditor if previous else request.user.get_full_name())
        initial = {}
    else:
        audit = _kept(request, pk)
        school = audit.school
        initial = initial_of(audit)
    probes = []
    if request.method == "POST":
        head = SiteAuditForm(request.POST, instance=audit)
        if request.POST.get("action") == "fill":
            # Whoever walks the site marks what is missing: every item still without a status becomes «размещено»
            # — but not under a subsection whose page is not on the site (or not required): those are left to him.
            data = request.POST.copy()
            absent = [section for section in sections()
                      if data.get(status_field(section.code)) in (ItemStatus.MISSING, ItemStatus.NOT_REQUIRED)]
            empty = [item.code for section in sections() if section not in absent for item in section.items
                     if not data.get(status_field(item.code))]
            for code in empty:
                data[status_field(code)] = ItemStatus.PLACED
            left = [section.title for section in absent
                    if any(not data.get(status_field(item.code)) for item in section.items)]
            messages.info(request, " ".join(filter(None, [
                f"Отмечено «размещено»: {len(empty)}." if empty else "Все пункты уже отмечены." if not left else "",
                "Не отмечены пункты подразделов, которых нет на сайте: "
                f"{', '.join(f'«{title}»' for title in left)} — отметьте их сами." if left else "",
                "Отметьте то, чего на сайте нет или что устарело, и сохраните." if empty else ""])))
            typed = data.dict()
            # the check's «Ответы сайта» stay: they tell what to mark
            check = _checks(request).filter(token=_uuid(request.POST.get("check", "")), school=school).first()
            return _render_edit(request, audit, school, SiteAuditForm(initial=typed, instance=audit),
                                ChecklistForm(initial=typed), probes_of(check) if check else probes, pk)
        if request.POST.get("action") == "check":
            return _start_check(request, audit, school, head, pk)
        checklist = ChecklistForm(request.POST)
        if head.is_valid() and checklist.is_valid():
            new = audit.pk is None
            token = request.POST.get("check", "")
            if _checks(request).filter(school=school, status=CheckStatus.DONE, token=_uuid(token)).exists():
                head.instance.method = AuditMethod.AUTOMATIC  # the statuses were pre-filled by the check
            with transaction.atomic():
                saved = head.save()
                saved.items.all().delete()
                AuditItem.objects.bulk_create([AuditItem(audit=saved, code=code, status=status, comment=comment,
                                                         link=link) for code, status, comment, link in
                                               checklist.items()])
                result = result_of(saved)
                _audit(request, saved, f"{'записан' if new else 'изменён'} аудит сайта: размещено "
                                       f"{result.placed} из {result.required}, замечаний {len(result.defects)}")
            request.session.pop(_typed_key(token), None)
            messages.success(request, f"Сохранено: {saved}.")
            return redirect("siteaudit:detail", pk=saved.pk)
    elif request.GET.get("check"):
        return _checked(request, audit, school, initial, pk)
    else:
        head = SiteAuditForm(instance=audit)
        checklist = ChecklistForm(initial=initial)
    return _render_edit(request, audit, school, head, checklist, probes, pk)


def _typed_key(token) -> str:
    return f"siteaudit-check-{token}"


def _uuid(token: str):
    try:
        return uuid.UUID(str(token))
    except ValueError:
        return None


def _checks(request):
    """The checks the user may follow: of the schools he administers."""
    return SiteCheck.objects.filter(school__in=permissions.schools_administered_by(request.user))


def _form_url(audit: SiteAudit, school: OrgUnit) -> str:
    if audit.pk:
        return reverse("siteaudit:edit", args=[audit.pk])
    return f"{reverse('siteaudit:new')}?school={school.code}"


def _start_check(request, audit, school, head, pk):
    """Queue «Проверить сайт автоматически» and follow it; the form as typed waits in the session."""
    typed = {k: v for k, v in request.POST.items() if k not in ("csrfmiddlewaretoken", "action", "check")}
    raw = typed.get("site_url", "").strip()
    try:
        if not raw:
            raise SiteAddressError(NO_ADDRESS)
        base_address(raw)
    except SiteAddressError as error:
        messages.error(request, str(error))
        return _render_edit(request, audit, school, SiteAuditForm(initial=typed, instance=audit),
                            ChecklistForm(initial=typed), [], pk)
    check = start_check(school=school, user=request.user, site_url=raw, audit=audit if audit.pk else None)
    request.session[_typed_key(check.token)] = typed
    return redirect("siteaudit:check", token=check.token)


def _checked(request, audit, school, initial, pk):
    """The form once the check has ended: as typed, pre-filled with what the site answered."""
    check = _checks(request).filter(token=_uuid(request.GET["check"]), school=school).first()
    if check is None or check.audit_id != audit.pk:
        raise Http404("Такой проверки сайта нет.")
    if not check.is_finished:
        return redirect("siteaudit:check", token=check.token)
    typed = request.session.get(_typed_key(check.token)) or {**initial, "site_url": check.site_url}
    data = prefill(check, typed)
    if check.status == CheckStatus.FAILED:
        messages.error(request, check.error)
    else:
        messages.info(request, "Статусы подразделов заполнены по ответам сайта: проверьте их, отметьте документы и "
                               "сохраните.")
        stale = suggested_outdated(check)
        if stale:
            messages.warning(request, "Возможно, устарели (отмечено «устарело» — проверьте): " + "; ".join(
                f"«{name}» — {why}" for name, why in stale) + ".")
        names, others = suggested_unsigned(check)
        if names or others:
            listed = [f"«{name}»" for name in names] + ([f"ещё документов: {others} (см. «Ответы сайта»)"] if others
                                                        else [])
            messages.warning(request, "Нет отметки об электронной подписи (ни «Документ подписан электронной "
                             "подписью» с сертификатом и владельцем в тексте, ни подписи в файле, ни файла подписи "
                             "рядом со ссылкой) — если это электронный документ, а не копия бумажного, проверьте: " +
                             "; ".join(listed) + ".")
        for name, why in overran_documents(check):
            messages.warning(request, f"Документ «{name}» не прочитан: {why}.")
        if broken := unopened_key_documents(check):
            messages.warning(request, "Не открываются ссылки на документы перечня — проверьте, размещены ли они: " +
                             # no address: an unbroken word wider than a phone; «Ответы сайта» give it
                             "; ".join(f"«{name}» — {why}" for name, _, why in broken) + ".")
    head = SiteAuditForm(initial=data, instance=audit)
    return _render_edit(request, audit, school, head, ChecklistForm(initial=data), probes_of(check), pk,
                        check=check)


def check(request, token):
    """The queued check: its progress (imports/progress.js polls `check_progress` and reloads); once it has ended,
    the form, pre-filled."""
    if not permissions.can_edit_site_audits(request.user):
        raise PermissionDenied(KEEPERS_ONLY)
    found = get_object_or_404(_checks(request).select_related("school", "audit"), token=token)
    form_url = _form_url(found.audit or SiteAudit(), found.school)
    if found.is_finished:
        return redirect(f"{form_url}{'&' if '?' in form_url else '?'}check={found.token}")
    return render(request, "siteaudit/check.html", {"check": found, "school": found.school,
                                                    "progress": progress_of(found), "back": form_url})


def check_progress(request, token):
    if not permissions.can_edit_site_audits(request.user):
        raise PermissionDenied(KEEPERS_ONLY)
    return JsonResponse(progress_of(get_object_or_404(_checks(request), token=token)))


def _render_edit(request, audit, school, head, checklist, probes, pk, check: SiteCheck | None = None):
    return render(request, "siteaudit/edit.html", {
        "audit": audit, "school": school, "form": head, "checklist": checklist, "probes": probes,
        "check": check or _uuid(request.POST.get("check", "")),
        "back": reverse("siteaudit:detail", args=[pk]) if pk else _page(school),
        "delete_url": reverse("siteaudit:delete", args=[pk]) if pk else "",
    })


@require_POST
def delete(request, pk: int):
    audit = _kept(request, pk)
    school = audit.school
    with transaction.atomic():
        _audit(request, audit, "удалён аудит сайта")
        audit.delete()
    messages.success(request, "Аудит сайта удалён.")
    return redirect(_page(school))


def act(request, pk: int, fmt: str):
    """«Акт аудита официального сайта» in Word or Excel, for whoever reads the audit; recorded as an export."""
    if fmt not in FORMATS:
        raise Http404("Нет такого формата.")
    audit = _read(request, pk)
    fmt_ = FORMATS[fmt]
    data = WRITERS[fmt_](act_document(audit))
    record(user=request.user, action=AuditAction.EXPORT, object_type=OBJECT_TYPE, object_id=str(audit.pk),
           school=audit.school, details={"формат": fmt_.value, "документ": "акт аудита сайта"}, request=request)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt_])
    response["Content-Disposition"] = content_disposition_header(True, f"{filename(audit)}.{fmt_.value}")
    return response
