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

    @classmethod
    def subject_scoped(cls) -> list["Role"]:
        """Roles that see the classes where their subject is taught."""
        return [cls.MO_HEAD, cls.TEACHER]

    @classmethod
    def personal_data(cls) -> list["Role"]:
        """Roles that may see personal data at all (within their scope); the observer sees aggregates only."""
        return [role for role in cls if role != cls.OBSERVER]

    @classmethod
    def staff_viewers(cls) -> list["Role"]:
        """Roles that may see staff records: the school-wide ones and the head of a methodical association."""
        return [*cls.school_wide(), cls.MO_HEAD]

    @classmethod
    def data_managers(cls) -> list["Role"]:
        """Roles that load and correct the school's data (imports, manual values)."""
        return cls.school_wide()

    @classmethod
    def auditors(cls) -> list["Role"]:
        """Roles that read the audit log of their schools."""
        return [cls.ADMIN, cls.DIRECTOR]

    @classmethod
    def user_managers(cls) -> list["Role"]:
        """Roles that give and take the roles of their schools' users (the administrator's role: the administrator)."""
        return [cls.ADMIN, cls.DIRECTOR]

    @classmethod
    def school_roles(cls) -> list["Role"]:
        """Roles held in a school (the observer is held in a municipality or region)."""
        return [role for role in cls if role != cls.OBSERVER]

    @classmethod
    def approvers(cls) -> list["Role"]:
        """Roles that approve a year's data and reopen approved data."""
        return [cls.DIRECTOR]
