"""Writing the audit log. Every view of personal data, change, import and export calls `record`.

Sensitive values (health, social status, профилактический учёт, ОВЗ) never reach the
log in clear: `mask_changes` replaces them, so the log itself can be shown to administrators.
"""

from __future__ import annotations

from typing import Any

from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry

SENSITIVE_FIELDS = frozenset(
    {"health_group", "pe_group", "ovz", "disability", "category", "since", "until", "non_native_russian"}
)
MASK = "•••"


def mask_changes(changes: dict[str, tuple[Any, Any]]) -> dict[str, list[Any]]:
    """{field: (old, new)} → JSON-safe {field: [old, new]} with sensitive values masked."""
    masked = {}
    for field, (old, new) in changes.items():
        if field in SENSITIVE_FIELDS:
            masked[field] = [MASK if old not in (None, "") else old, MASK if new not in (None, "") else new]
        else:
            masked[field] = [_jsonable(old), _jsonable(new)]
    return masked


def record(
    *,
    user,
    action: AuditAction,
    object_type: str = "",
    object_id: str = "",
    school=None,
    details: dict | None = None,
    request=None,
) -> AuditEntry:
    authenticated = user is not None and getattr(user, "is_authenticated", False)
    return AuditEntry.objects.create(
        user=user if authenticated else None,
        username=user.get_username() if authenticated else "",
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        school=school,
        details=details or {},
        ip=_client_ip(request),
    )


def _client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)
