"""«Проверить сайт автоматически» in the task worker: the check's progress and outcome are recorded on its row
(vsoko.siteaudit.models.SiteCheck), as an import's are on its run (vsoko.imports.tasks)."""

from __future__ import annotations

import logging

from django.tasks import task

from vsoko.siteaudit.checks import run_check
from vsoko.siteaudit.models import SiteCheck

logger = logging.getLogger(__name__)


@task
def run_site_check(check_id: int) -> str:
    check = SiteCheck.objects.filter(pk=check_id).first()
    if check is None:
        logger.warning("SiteCheck %s is gone; nothing to check", check_id)
        return "missing"
    return run_check(check)
