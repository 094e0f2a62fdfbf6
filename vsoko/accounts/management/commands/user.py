from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from vsoko.accounts.enums import Role
from vsoko.accounts.roles import (
    RoleError,
    describe,
    describe_staff,
    grant_role,
    revoke_role,
    unlink_staff,
)

ROLE_CHOICES = [r.value for r in Role]


class Command(BaseCommand):
    help = "Пользователи и их роли: vsoko user add | revoke | unlink | list."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="создать пользователя (если его нет) и дать ему роль")
        add.add_argument("login", help="логин")
        add.add_argument("--role", required=True, choices=ROLE_CHOICES, help="роль: " + ", ".join(f"{r.value} — {r.label}" for r in Role))
        add.add_argument("--org", required=True, help="код школы (или муниципалитета для наблюдателя)")
        add.add_argument("--class", dest="class_name", default="", help="класс классного руководителя, например 5А")
        add.add_argument("--subject", default="", help="предмет учителя или руководителя МО, например «Математика»")
        add.add_argument("--sensitive", action="store_true", help="доступ к здоровью, ОВЗ, соцстатусу и профучёту")
        add.add_argument("--first-name", default="", help="имя")
        add.add_argument("--last-name", default="", help="фамилия")
        add.add_argument("--staff", default="", help="код работника (staff_id из листа staff): чьи уроки, меры и план — его")
        revoke = sub.add_parser("revoke", help="забрать роль")
        revoke.add_argument("login", help="логин")
        revoke.add_argument("--role", required=True, choices=ROLE_CHOICES, help="роль")
        revoke.add_argument("--org", required=True, help="код организации")
        unlink = sub.add_parser("unlink", help="снять связь пользователя с работником школы")
        unlink.add_argument("login", help="логин")
        unlink.add_argument("--org", required=True, help="код школы")
        sub.add_parser("list", help="пользователи и их роли")

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"handle_{action}")(**options)
        except RoleError as error:
            raise CommandError(str(error)) from None

    def handle_add(self, *, login, role, org, class_name, subject, sensitive, first_name, last_name, staff,
                   **options):
        granted = grant_role(
            username=login, role=Role(role), org_code=org, class_name=class_name, subject_name=subject,
            sees_sensitive=sensitive, first_name=first_name, last_name=last_name, staff_id=staff,
        )
        self.stdout.write(f"{login}: {describe(granted.membership)}")
        for line in describe_staff(granted.membership.user):
            self.stdout.write(f"{login}: работник {line}")
        if granted.password:
            self.stdout.write(
                f"Создан пользователь «{login}», пароль: {granted.password}\n"
                f"Передайте его лично; сменить: vsoko changepassword {login}"
            )

    def handle_revoke(self, *, login, role, org, **options):
        revoke_role(username=login, role=Role(role), org_code=org)
        self.stdout.write(f"{login}: роль «{Role(role).label}» в «{org}» снята.")

    def handle_unlink(self, *, login, org, **options):
        unlink_staff(username=login, org_code=org)
        self.stdout.write(f"{login}: связь с работником «{org}» снята.")

    def handle_list(self, **options):
        users = get_user_model().objects.prefetch_related("memberships__org_unit", "memberships__subject").order_by("username")
        for user in users:
            roles = "; ".join([*(describe(m) for m in user.memberships.all()),
                               *(f"работник {line}" for line in describe_staff(user))])
            if user.is_superuser:
                roles = "; ".join(filter(None, ["суперпользователь (все школы)", roles]))
            state = "" if user.is_active else " [отключён]"
            self.stdout.write(f"{user.username}{state}: {roles or 'ролей нет'}")

