from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "администратор"
    DIRECTOR = "director", "директор"
    DEPUTY = "deputy", "заместитель директора"
    MO_HEAD = "mo_head", "руководитель МО"
    CLASS_TEACHER = "class_teacher", "классный руководитель"
    TEACHER = "teacher", "учитель"
    OBSERVER = "observer", "наблюдатель муниципалитета"

    @classmethod
    def school_wide(cls) -> list["Role"]:
        """Roles that see every class of their schools."""
        return [cls.ADMIN, cls.DIRECTOR, cls.DEPUTY]
