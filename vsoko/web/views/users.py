"""«Пользователи»: who works in the school with which role, for its administrator and director.

Everything goes through vsoko.accounts.roles, as `vsoko user` does. A new password is shown once,
in the answer to the request that made it (not in a message or the session), and never logged.
One may change only users whose every role is in schools one manages, and never one's own roles.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from vsoko.accounts import permissions
from vsoko.accounts.enums import Role
from vsoko.accounts.models import Membership, StaffAccount
from vsoko.accounts.roles import RoleError, grant_role, new_password
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.records.models import OrgUnit
from vsoko.web.forms import UserRoleForm
from vsoko.web.school_year import chosen_school, selected_year


def _school(request) -> tuple[OrgUnit, list[OrgUnit]]:
    return chosen_school(permissions.schools_users_managed_by(request.user),
                         request.GET.get("school") or request.POST.get("school"),
                         "Пользователей и их роли ведут администратор и директор школы.")


def _to_list(school: OrgUnit):
    return redirect(f"{reverse('web:user_list')}?school={school.code}")


def _audit(request, school: OrgUnit, username: str, what: str, **details) -> None:
    record(user=request.user, action=AuditAction.CHANGE, object_type="user", object_id=username, school=school,
           details={"действие": what, **details}, request=request)


def _managed_user(request, pk: int):
    """A user all of whose roles are in schools the requester manages; never the requester."""
    managed = set(permissions.schools_users_managed_by(request.user).values_list("pk", flat=True))
    user = get_object_or_404(get_user_model(), pk=pk, memberships__org_unit__in=managed)
    if user.pk == request.user.pk:
        raise PermissionDenied("Свои роли и учётную запись меняют не здесь; свой пароль — «Сменить пароль» вверху страницы.")
    if user.is_superuser or Membership.objects.filter(user=user).exclude(org_unit__in=managed).exists():
        raise PermissionDenied("У пользователя есть роли в других организациях: его учётную запись меняет их "
                               "администратор.")
    # A role one may not give (the director: the administrator's) one may not take over either, by a new password.
    if any(not _may_give(request.user, m) for m in Membership.objects.filter(user=user).select_related("org_unit")):
        raise PermissionDenied(ADMINISTRATORS_ONLY)
    return user


ADMINISTRATORS_ONLY = ("Учётную запись и роли администратора меняет только администратор: роль администратора "
                       "выдаёт только он.")


def _may_give(user, membership: Membership) -> bool:
    return membership.role in permissions.roles_grantable_by(user, membership.org_unit)


def user_list(request):
    school, schools = _school(request)
    memberships = Membership.objects.select_related("org_unit", "subject").order_by("role", "class_name")
    users = (
        get_user_model().objects.filter(memberships__org_unit=school).distinct()
        .prefetch_related(Prefetch("memberships", queryset=memberships),
                          Prefetch("staff_accounts", queryset=StaffAccount.objects.filter(staff__school=school)
                                   .select_related("staff")))
        .order_by("last_name", "first_name", "username")
    )
    return render(request, "web/users.html", {"school": school, "schools": schools, "users": users})


@never_cache  # the answer may hold a new password
def user_grant(request):
    school, _ = _school(request)
    form = UserRoleForm(request.POST or None, school=school, year=selected_year(request),
                        roles=permissions.roles_grantable_by(request.user, school))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            granted = grant_role(username=data["username"], role=Role(data["role"]), org_code=school.code,
                                 class_name=data["class_name"], subject_name=data["subject"],
                                 sees_sensitive=data["sensitive"], first_name=data["first_name"],
                                 last_name=data["last_name"], staff_id=data["staff"])
        except RoleError as error:
            form.add_error(None, str(error))
        else:
            _audit(request, school, data["username"], "выдана роль", роль=Role(data["role"]).label,
                   класс=data["class_name"], предмет=data["subject"], чувствительные=data["sensitive"],
                   работник=data["staff"], новый=granted.created_user)
            if granted.password:
                return render(request, "web/user_password.html", {
                    "school": school, "login": data["username"], "password": granted.password, "created": True})
            messages.success(request, f"Пользователю «{data['username']}» выдана роль «{Role(data['role']).label}».")
            return _to_list(school)
    return render(request, "web/user_grant.html", {"school": school, "form": form})


@require_POST
def membership_revoke(request, pk: int):
    managed = permissions.schools_users_managed_by(request.user)
    membership = get_object_or_404(Membership.objects.select_related("user", "org_unit"), pk=pk, org_unit__in=managed)
    if membership.user_id == request.user.pk:
        raise PermissionDenied("Свою роль забрать нельзя: иначе школа может остаться без администратора.")
    if not _may_give(request.user, membership):
        raise PermissionDenied(ADMINISTRATORS_ONLY)
    membership.delete()
    _audit(request, membership.org_unit, membership.user.username, "снята роль", роль=membership.get_role_display(),
           класс=membership.class_name)
    messages.success(request, f"Роль «{membership.get_role_display()}» у «{membership.user.username}» снята.")
    return _to_list(membership.org_unit)


@never_cache
@require_POST
def user_password(request, pk: int):
    user = _managed_user(request, pk)
    school, _ = _school(request)
    password = new_password(user)
    _audit(request, school, user.username, "выдан новый пароль")
    return render(request, "web/user_password.html", {"school": school, "login": user.username, "password": password})


@require_POST
def user_active(request, pk: int):
    user = _managed_user(request, pk)
    school, _ = _school(request)
    user.is_active = request.POST.get("action") == "enable"
    user.save(update_fields=["is_active"])
    _audit(request, school, user.username, "учётная запись включена" if user.is_active else "учётная запись отключена")
    messages.success(request, f"Учётная запись «{user.username}» {'включена' if user.is_active else 'отключена'}.")
    return _to_list(school)


@never_cache
def own_password(request):
    """Any signed-in user changes their own password (the old one asked first); the session stays."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        record(user=user, action=AuditAction.CHANGE, object_type="user", object_id=user.username,
               details={"действие": "пароль изменён самим пользователем"}, request=request)
        messages.success(request, "Пароль изменён.")
        return redirect("web:overview")
    return render(request, "web/password_change.html", {"form": form})
