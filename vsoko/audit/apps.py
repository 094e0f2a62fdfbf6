from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "vsoko.audit"
    verbose_name = "Журнал доступа"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from vsoko.audit import receivers

        user_logged_in.connect(receivers.log_login, dispatch_uid="vsoko.audit.login")
        user_login_failed.connect(receivers.log_login_failed, dispatch_uid="vsoko.audit.login_failed")
