"""Audits of the official sites (vsoko.siteaudit) for the demo's last year: the demo school's deputy checks its
site in May (after 20 April, when the self-examination report of the calendar year before is due) and finds four
defects — the inspection's prescription and the report on it not posted, the self-examination report and the menu
out of date, the vacant places of 1 September; in a municipality about half of the schools have an audit, the
others show «не проводился» in the summary. A random generator of its own, seeded from the demo's seed; the
items in bulk. Running the demo again keeps the audits as they are."""

from __future__ import annotations

import datetime
import random

from django.db import transaction

from vsoko.accounts.models import StaffAccount
from vsoko.demo.names import random_staff_name
from vsoko.records.models import OrgUnit, StaffYear
from vsoko.siteaudit.checklist import items_by_code, sections
from vsoko.siteaudit.enums import ItemStatus
from vsoko.siteaudit.models import AuditItem, SiteAudit

SITE = "https://school-demo.example"  # a reserved domain: the demo's «Проверить сайт автоматически» finds nothing
DEPUTY = "заместитель директора по УВР"
NO_PAID_SERVICES = "платные образовательные услуги школа не оказывает"


def demo_defects(year: int) -> dict[str, tuple[ItemStatus, str]]:
    """The demo school's defects, by item code: (status, comment). `year` is the school year (2025 = 2025/2026)."""
    spring = year + 1
    return {
        "document.prescriptions": (ItemStatus.MISSING, f"Предписание Рособрнадзора от 14.11.{year} и отчёт об его "
                                                       "исполнении на сайте не размещены"),
        "document.self_exam": (ItemStatus.OUTDATED, f"Размещён отчёт за {spring - 2} год; отчёт за {spring - 1} год "
                                                    f"(срок — 20 апреля {spring} г.) не размещён"),
        "vacant.places": (ItemStatus.OUTDATED, f"Сведения о вакантных местах на 01.09.{year - 1}, не обновлены"),
        "catering.menu": (ItemStatus.OUTDATED, "Последнее меню — за прошлую неделю: ежедневное меню не обновляется"),
    }


# Defects of the other schools' sites, drawn a few each: (item, status, comment).
OTHER_DEFECTS = (
    ("document.prescriptions", ItemStatus.MISSING, "Отчёт об исполнении предписания не размещён"),
    ("document.self_exam", ItemStatus.OUTDATED, "Размещён отчёт о самообследовании за позапрошлый год"),
    ("catering.menu", ItemStatus.OUTDATED, "Ежедневное меню не обновляется"),
    ("vacant.places", ItemStatus.OUTDATED, "Сведения о вакантных местах на 1 сентября прошлого года"),
    ("document.collective_agreement", ItemStatus.OUTDATED, "Размещён коллективный договор, срок действия которого "
                                                           "истёк"),
    ("employees.list", ItemStatus.OUTDATED, "Нет сведений о повышении квалификации части педагогов"),
    ("objects.accessible", ItemStatus.MISSING, "Сведения о доступной среде для инвалидов и лиц с ОВЗ не размещены"),
    ("inter.agreements", ItemStatus.MISSING, "Нет сведений о договорах с иностранными организациями (или об их "
                                             "отсутствии)"),
    ("budget.report", ItemStatus.OUTDATED, "Размещён отчёт о расходовании средств за позапрошлый год"),
    ("document.vsoko", ItemStatus.MISSING, "Положение о ВСОКО не размещено"),
)


def audit_demo_sites(schools: list[OrgUnit], year: int, seed: int) -> list[SiteAudit]:
    """An audit of the first school's site with its four defects, and of about half of the others (a school of
    `vsoko demo --schools 8`: four audits, four «не проводился»)."""
    if SiteAudit.objects.filter(school__in=schools).exists():
        return []
    rng = random.Random(f"{seed}-siteaudit")
    first, others = schools[0], list(schools[1:])
    audited = [first, *sorted(rng.sample(others, max(1, len(schools) // 2) - 1), key=lambda s: s.code)]
    deputies = _deputies(audited, year)
    audits, items = [], []
    for number, school in enumerate(audited):
        if number == 0:
            defects = demo_defects(year)
            site = SITE
        else:
            drawn = rng.sample(OTHER_DEFECTS, rng.randint(0, 5))
            defects = {code: (status, comment) for code, status, comment in drawn}
            site = f"https://{school.code}.example"
        date = _weekday(datetime.date(year + 1, rng.choice((3, 4, 5)) if number else 5, rng.randint(11, 22)))
        name = deputies.get(school.pk) or " ".join(random_staff_name(rng, rng.choice("МЖ")))
        audit = SiteAudit(school=school, date=date, auditor=f"{name}, {DEPUTY}", site_url=site,
                          fix_deadline=date + datetime.timedelta(days=30) if defects else None,
                          note="Плановый аудит раздела «Сведения об образовательной организации» по приказу "
                               "Рособрнадзора № 1493.")
        audits.append(audit)
        items.append((audit, defects))
    with transaction.atomic():
        for audit in audits:
            audit.save()
        AuditItem.objects.bulk_create([item for audit, defects in items for item in _items(audit, defects)])
    return audits


def _items(audit: SiteAudit, defects: dict[str, tuple[ItemStatus, str]]) -> list[AuditItem]:
    pages = {section.code: section.path for section in sections()}
    out = []
    for code in items_by_code():
        status, comment = defects.get(code, (ItemStatus.PLACED, ""))
        link = ""
        if code == "paid_edu.order":
            status, comment = ItemStatus.NOT_REQUIRED, NO_PAID_SERVICES
        elif code in pages and status == ItemStatus.PLACED:
            link = f"{audit.site_url}/{pages[code]}"
        out.append(AuditItem(audit=audit, code=code, status=status, comment=comment, link=link))
    return out


def _deputies(schools: list[OrgUnit], year: int) -> dict[int, str]:
    """The full name of each school's deputy for teaching: the one the demo's `deputy` login is, or the most
    experienced deputy of the year (as vsoko.demo.users picks them)."""
    out = {account.staff.school_id: account.staff.full_name for account in
           StaffAccount.objects.filter(user__username="deputy", staff__school__in=schools).select_related("staff")}
    for row in (StaffYear.objects.filter(school__in=schools, year_id=year, position=DEPUTY)
                .order_by("school_id", "experience_since", "staff__staff_id").select_related("staff")):
        out.setdefault(row.school_id, row.staff.full_name)
    return out


def _weekday(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day
