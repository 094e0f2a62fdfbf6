"""The audit log page for administrators and directors: filters, pages, export to CSV or XLSX."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header

from vsoko.accounts import permissions
from vsoko.audit import journal
from vsoko.audit.enums import AuditAction
from vsoko.audit.forms import AuditFilterForm
from vsoko.audit.log import record
from vsoko.web.search import filters_with_search, search_forgotten, searched_text, show_search

PAGE_SIZE = 50
# The login searched is kept out of the address (often a surname: vsoko.web.search); these stay in it.
ADDRESS_FILTERS = ("action", "object_type", "date_from", "date_to", "school")


def _require_auditor(request):
    if not permissions.can_view_audit_log(request.user):
        raise PermissionDenied("Журнал доступа просматривают администратор и директор школы.")


def _form(request, login: str) -> tuple[AuditFilterForm, object]:
    visible = journal.entries_visible_to(request.user)
    form = AuditFilterForm(filters_with_search(request, login, field="user"),
                           schools=permissions.schools_audited_by(request.user).order_by("name"),
                           object_types=journal.object_types_in(visible))
    return form, visible


def log_page(request):
    _require_auditor(request)
    if request.method == "POST":
        return show_search(request, field="user", filters=ADDRESS_FILTERS)
    login = searched_text(request)
    if login is None:
        return search_forgotten(request)
    form, visible = _form(request, login)
    if form.is_bound and not form.is_valid():
        entries = visible.none()
    else:
        entries = journal.apply_filters(visible, form.filters())
    page = Paginator(entries.select_related("user", "school"), PAGE_SIZE).get_page(request.GET.get("page"))
    urls = journal.object_urls(page)
    rows = [(e, journal.object_type_label(e.object_type), urls.get(e.pk, ""), journal.details_text(e.details))
            for e in page]
    return render(request, "audit/log.html", {
        "form": form, "page": page, "rows": rows, "filtered": form.is_bound,
        "export_query": request.GET.urlencode() if not (form.is_bound and form.errors) else "",
        "export_formats": list(journal.EXPORT_FORMATS),
        # The page is reached from «Данные» (its link is there), so that section is marked in the menu.
        "shell_current_section": "data",
    })


def export(request, fmt: str):
    export_format = journal.EXPORT_FORMATS.get(fmt)
    if export_format is None:
        raise Http404
    _require_auditor(request)
    login = searched_text(request)
    if login is None:
        return search_forgotten(request, reverse("audit:log"))
    form, visible = _form(request, login)
    if form.is_bound and not form.is_valid():
        messages.error(request, "Выгрузка не сделана: исправьте фильтр.")
        return redirect(f"{reverse('audit:log')}?{request.GET.urlencode()}")
    filters = form.filters()
    entries = journal.apply_filters(visible, filters)
    count = entries.count()
    if count > journal.EXPORT_LIMIT:
        messages.error(request, f"Записей слишком много для одной выгрузки ({count}; предел — {journal.EXPORT_LIMIT}). "
                                "Сузьте период или выберите пользователя, действие или школу.")
        return redirect(f"{reverse('audit:log')}?{request.GET.urlencode()}")
    # Logged before writing, so the export shows up in the log it exports.
    record(user=request.user, action=AuditAction.EXPORT, object_type="audit_log", school=filters.school,
           details={"format": fmt, "rows": count, "filters": filters.as_details()}, request=request)
    content = export_format.write(entries.select_related("user", "school").iterator(chunk_size=2000))
    response = HttpResponse(content, content_type=export_format.content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"Журнал аудита.{fmt}")
    return response
