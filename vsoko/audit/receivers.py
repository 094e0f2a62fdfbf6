from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record


def log_login(sender, request, user, **kwargs):
    record(user=user, action=AuditAction.LOGIN, request=request)


def log_login_failed(sender, credentials, request=None, **kwargs):
    # Only the login name is kept; Django already strips the password from credentials.
    record(user=None, action=AuditAction.LOGIN_FAILED, details={"username": credentials.get("username", "")}, request=request)
