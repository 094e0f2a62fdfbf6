from django.db import models


class AuditAction(models.TextChoices):
    VIEW_PERSON = "view_person", "просмотр персональных данных"
    VIEW_LIST = "view_list", "просмотр списка с персональными данными"
    CHANGE = "change", "изменение"
    IMPORT = "import", "загрузка данных"
    EXPORT = "export", "выгрузка"
    APPROVE = "approve", "утверждение"
    REOPEN = "reopen", "снятие утверждения"
    LOGIN = "login", "вход"
    LOGIN_FAILED = "login_failed", "неудачный вход"
