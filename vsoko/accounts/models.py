"""Who may see what: a user's role and its scope (org unit, class, subject)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from vsoko.accounts.enums import Role
from vsoko.records.models import OrgUnit, StaffMember, Subject


class Membership(models.Model):
    """A user's role in an org unit, optionally narrowed to a class name or a subject.

    A class teacher's scope is a class name (`5А`), which follows the class from
    year to year as the school's own journal does.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="пользователь", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("роль", max_length=20, choices=Role.choices)
    org_unit = models.ForeignKey(OrgUnit, verbose_name="организация", on_delete=models.CASCADE)
    class_name = models.CharField("класс", max_length=20, blank=True)
    subject = models.ForeignKey(Subject, verbose_name="предмет", null=True, blank=True, on_delete=models.SET_NULL)
    sees_sensitive = models.BooleanField("доступ к чувствительным категориям", default=False)

    class Meta:
        verbose_name = "роль пользователя"
        verbose_name_plural = "роли пользователей"

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.org_unit})"


class StaffAccount(models.Model):
    """The user who is this member of the school's staff: «my lessons», «my measures», «my plan».

    Set when a role is given (`vsoko user add --staff`, «Выдать роль»). Without it a user is taken for
    the staff member of the same first and last name, where the school has exactly one
    (`permissions.staff_records_of`).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="пользователь", on_delete=models.CASCADE,
                             related_name="staff_accounts")
    staff = models.OneToOneField(StaffMember, verbose_name="работник", on_delete=models.CASCADE, related_name="account")

    class Meta:
        verbose_name = "работник — пользователь"
        verbose_name_plural = "работники — пользователи"

    def __str__(self) -> str:
        return f"{self.user} — {self.staff}"
