"""«Проверить сайт автоматически» as a queued task: start it (the form being filled waits in the session), run it
(vsoko.siteaudit.tasks: the subsections checked are counted on the check's row as each ends), say where it stands
(for imports/progress.js, in the shape of an import's progress) and pre-fill the form from its outcome."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.utils import timezone

from vsoko.siteaudit.checklist import items_by_code, sections
from vsoko.siteaudit.enums import CheckStatus, ItemStatus
from vsoko.siteaudit.forms import comment_field, link_field, status_field
from vsoko.siteaudit.models import SiteAudit, SiteCheck
from vsoko.siteaudit.probe import Probe, SiteAddressError, probe_site

logger = logging.getLogger(__name__)
KEPT = datetime.timedelta(days=1)
NO_ADDRESS = "Укажите адрес официального сайта, чтобы проверить его автоматически."
CRASHED = ("Проверка сайта прервалась из-за внутренней ошибки программы. Статусы не изменены — попробуйте ещё раз "
           "или отметьте подразделы вручную.")


def start_check(*, school, user, site_url: str, audit: SiteAudit | None = None) -> SiteCheck:
    """Queue a check of the address (one a click); checks older than a day are deleted."""
    from vsoko.siteaudit.tasks import run_site_check

    SiteCheck.objects.filter(created__lt=timezone.now() - KEPT).delete()
    check = SiteCheck.objects.create(school=school, user=user, audit=audit, site_url=site_url.strip(),
                                     total=len(sections()))
    run_site_check.enqueue(check.pk)
    return check


def run_check(check: SiteCheck) -> str:
    """Check the site; the row tells the progress and the outcome. Never raises: a failure is the row's error."""
    SiteCheck.objects.filter(pk=check.pk).update(status=CheckStatus.RUNNING, done=0)

    def progress(done: int, total: int) -> None:
        SiteCheck.objects.filter(pk=check.pk).update(done=done, total=total)

    try:
        probes = probe_site(check.site_url, allow_internal=settings.VSOKO_SITEAUDIT_ALLOW_INTERNAL,
                            today=timezone.localdate(), on_done=progress)
    except SiteAddressError as error:
        return _finish(check, CheckStatus.FAILED, error=str(error))
    except Exception:  # the worker must not leave the page waiting for ever
        logger.exception("SiteCheck %s failed", check.pk)
        return _finish(check, CheckStatus.FAILED, error=CRASHED)
    if all(p.status is None for p in probes):
        failures = {p.message.split(": ", 1)[-1].rstrip(".") for p in probes}
        return _finish(check, CheckStatus.FAILED, probes,
                       f"Сайт {check.site_url} не удалось проверить: {'; '.join(sorted(failures))}. Статусы не "
                       "изменены — проверьте адрес и доступность сайта или отметьте подразделы вручную.")
    return _finish(check, CheckStatus.DONE, probes)


def _finish(check: SiteCheck, status: CheckStatus, probes: list[Probe] = (), error: str = "") -> str:
    SiteCheck.objects.filter(pk=check.pk).update(status=status, probes=[p.as_dict() for p in probes],
                                                 error=error[:1000], finished=timezone.now())
    return status


def progress_of(check: SiteCheck) -> dict:
    """Where the check stands, in the shape imports/progress.js reads: «проверено 7 из 14 подразделов»."""
    total = check.total or len(sections())
    if check.status == CheckStatus.QUEUED:
        stage = "в очереди"
    elif check.status == CheckStatus.FAILED:
        stage = "проверка не удалась"
    else:
        stage = f"проверено {check.done} из {total} подразделов"
    return {"status": check.status, "status_label": check.get_status_display(), "finished": check.is_finished,
            "done": check.done, "total": total, "percent": round(100 * check.done / total) if total else 0,
            "stage": stage}


def probes_of(check: SiteCheck) -> list[Probe]:
    return [Probe.of(data) for data in check.probes]


UNSIGNED = "нет отметки об электронной подписи"


def prefill(check: SiteCheck, typed: dict[str, str]) -> dict[str, str]:
    """The form as typed, with what the check suggests: the subsections' statuses; for a key document found out of
    date, «устарело» with the reason as the comment; for one whose text bears no mark of an electronic signature,
    the comment says so (its status stays the user's: a copy of a paper document needs no signature); a comment
    typed is kept; a key document's link where none is typed."""
    data = dict(typed)
    known = items_by_code()
    for probe in probes_of(check):
        if probe.status:
            data[status_field(probe.section)] = probe.status
        for document in probe.documents:
            if document.item not in known:
                continue
            if document.outdated:
                data[status_field(document.item)] = ItemStatus.OUTDATED
            remarks = [f"возможно, устарел: {document.outdated}" if document.outdated else "",
                       UNSIGNED if document.unsigned else ""]
            if any(remarks) and not data.get(comment_field(document.item)):
                comment = "; ".join(filter(None, remarks))
                data[comment_field(document.item)] = (comment[:1].upper() + comment[1:])[:500]
            if document.answered and not data.get(link_field(document.item)):
                data[link_field(document.item)] = document.url[:500]
    return data


NOT_OPENING = "документ не открывается — "  # documents._check's message: «…: документ не открывается — ответ 404.»


def unopened_key_documents(check: SiteCheck) -> list[tuple[str, str, str]]:
    """(item name, address, why) of every key document whose link on the site does not open: the status stays the
    user's to set (the document may be placed under another link), the form names them above the checklist."""
    known = items_by_code()
    return [(known[d.item].name, d.url, d.message.rpartition(NOT_OPENING)[2].rstrip("."))
            for p in probes_of(check) for d in p.documents if not d.answered and d.item in known]


def suggested_outdated(check: SiteCheck) -> list[tuple[str, str]]:
    """(item name, why) of every key document the check found out of date."""
    known = items_by_code()
    return [(known[d.item].name, d.outdated) for p in probes_of(check) for d in p.documents
            if d.outdated and d.item in known]


def suggested_unsigned(check: SiteCheck) -> tuple[list[str], int]:
    """The names of the key documents whose text was read and bears no mark of an electronic signature, and how
    many other documents are so."""
    known = items_by_code()
    unsigned = [d for p in probes_of(check) for d in p.documents if d.unsigned]
    names = list(dict.fromkeys(known[d.item].name for d in unsigned if d.item in known))
    return names, sum(1 for d in unsigned if d.item not in known)


def overran_documents(check: SiteCheck) -> list[tuple[str, str]]:
    """(name, why) of every document whose reading was stopped at a limit of time or memory: the user reads it."""
    return [(d.text or d.url.rsplit("/", 1)[-1], d.unread) for p in probes_of(check) for d in p.documents if d.overran]
