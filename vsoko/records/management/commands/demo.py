import argparse
import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from vsoko.demo.model import LAST_YEAR
from vsoko.demo.service import DEMO_SCHOOL_NAME, DemoImportFailed, run_demo
from vsoko.records.years import year_label


def site_address() -> str:
    """Where `vsoko serve` will answer: `make demo PORT=…` passes the port on (VSOKO_PORT)."""
    return f"http://127.0.0.1:{os.getenv('VSOKO_PORT', '8000')}/"


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"нужно целое число не меньше 1 (указано «{text}»)")
    return value


class Command(BaseCommand):
    help = (
        "Заполняет базу синтетической школой (или несколькими школами муниципалитета) с историей за несколько "
        "учебных лет и создаёт демонстрационных пользователей (пароль совпадает с логином). Только для "
        "демонстрации: при DEBUG=False нужен --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schools", type=positive, default=1, help="число школ муниципалитета (по умолчанию 1)")
        parser.add_argument("--years", type=positive, default=3,
                            help=f"число учебных лет, последний — {year_label(LAST_YEAR)} (по умолчанию 3)")
        parser.add_argument("--seed", type=int, default=1, help="зерно случайных чисел: одно зерно — одни данные")
        parser.add_argument("--students", type=positive, default=600,
                            help="примерное число обучающихся первой школы (по умолчанию 600)")
        parser.add_argument("--force", action="store_true", help="выполнить и при DEBUG=False (пароли демо-пользователей известны всем)")

    def handle(self, *args, schools, years, seed, students, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "vsoko demo создаёт пользователей с паролями, равными логинам, и не выполняется при DEBUG=False. "
                "Если это действительно демонстрационная установка, добавьте --force."
            )
        call_command("init", school=DEMO_SCHOOL_NAME, verbosity=0)
        try:
            report = run_demo(schools=schools, years=years, seed=seed, students=students, say=self.stdout.write)
        except DemoImportFailed as exc:
            raise CommandError(str(exc)) from exc
        for load in report.schools:
            self.stdout.write(
                f"{load.school.name} ({load.school.code}): обучающихся — {load.counts['students']}, "
                f"строк — {sum(load.counts.values())}: добавлено {load.added}, изменено {load.changed}, "
                f"без изменений {load.unchanged}; {load.seconds:.0f} с"
            )
        self.stdout.write("")
        self.stdout.write(f"Готово. Откройте {site_address()} и войдите под одним из пользователей (пароль = логин):")
        width = max(len(u.login) for u in report.users)
        self.stdout.write(f"  {'логин':<{width}}  {'пароль':<{width}}  роль")
        for user in report.users:
            self.stdout.write(f"  {user.login:<{width}}  {user.login:<{width}}  {user.title}")
        self.stdout.write(f"Анкета для родителей и обучающихся (без входа): {site_address()}s/{report.survey_token}/")
