"""Login rate limiting, counted from the audit log's failed-login entries.

The audit log already records every failed login with the login name and IP, so the
limit needs no extra store and holds across several web server processes.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry


def is_throttled(*, username: str, ip: str | None) -> bool:
    since = timezone.now() - datetime.timedelta(minutes=settings.VSOKO_LOGIN_WINDOW_MINUTES)
    same_source = Q(details__username=username)
    if ip:
        same_source |= Q(ip=ip)
    failures = AuditEntry.objects.filter(same_source, action=AuditAction.LOGIN_FAILED, created__gte=since).count()
    return failures >= settings.VSOKO_LOGIN_MAX_FAILURES


class ThrottledModelBackend(ModelBackend):
    """Refuses to check a password after too many recent failures for the login or the IP."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        ip = request.META.get("REMOTE_ADDR") if request is not None else None
        if username and is_throttled(username=username, ip=ip):
            # PermissionDenied stops Django trying other backends and still fires user_login_failed.
            raise PermissionDenied("Слишком много неудачных попыток входа. Подождите 15 минут.")
        return super().authenticate(request, username=username, password=password, **kwargs)
