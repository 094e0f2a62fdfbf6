"""The demo school's teachers' rating of the last year: most sheets confirmed by the commission, some submitted
and waiting, and the sheet of the demo teacher (login `teacher`) a draft, so that «Мой оценочный лист» can be
filled in the demo. The sheets are confirmed by the demo deputy (login `deputy`), a sheet of the deputy's own
(none in the generated school: its deputies are not pedagogical) by the director: nobody confirms their own. Deterministic with its own random.Random; a second run leaves the period
as it is."""

from __future__ import annotations

import random
from decimal import Decimal

from django.contrib.auth import get_user_model

from vsoko.accounts import permissions
from vsoko.accounts.models import StaffAccount
from vsoko.rating import workflow
from vsoko.rating.criteria import CRITERIA_BY_CODE
from vsoko.rating.models import RatingPeriod
from vsoko.records.models import OrgUnit

FUND = Decimal("450000.00")  # the stimulating part of the payroll fund for the year
DRAFT_LOGIN = "teacher"
COMMISSION_LOGINS = ("deputy", "director")  # who confirms: the first who is not the sheet's teacher
EVIDENCE = {
    "2.3": ("Кружок «{subject}», 14 обучающихся; проект «Школьная метеостанция» — призёр городского конкурса",
            "Руководство проектами обучающихся: 3 проекта на школьной конференции"),
    "3.6": ("Открытый урок для МО, 14.11; статья в сборнике «Педагогический поиск», 2025, с. 12–15",
            "Мастер-класс на муниципальном семинаре; методическая разработка на сайте школы"),
    "4.1": ("Классные часы по плану, 6 родительских собраний, правонарушений нет",
            "Экскурсии с классом, работа с родителями, участие класса в школьных делах"),
}
COMMISSION = "Подтверждено не полностью: нет ссылки на документ по одному из направлений"


def rate_demo_year(school: OrgUnit, year: int, seed: int) -> RatingPeriod | None:
    if RatingPeriod.objects.filter(school=school, year_id=year).exists():
        return None
    rng = random.Random(f"{seed}-rating")
    period = workflow.open_period(school, year, FUND)
    period.protocol_number = "4"
    period.save(update_fields=["protocol_number"])
    draft = set(StaffAccount.objects.filter(user__username=DRAFT_LOGIN, staff__school=school)
                .values_list("staff_id", flat=True))
    commission = [(user, set(permissions.staff_records_of(user, school).values_list("pk", flat=True)))
                  for login in COMMISSION_LOGINS if (user := get_user_model().objects.filter(username=login).first())]
    sheets = list(period.sheets.select_related("staff").prefetch_related("lines").order_by("staff__last_name",
                                                                                           "staff__first_name"))
    for sheet in sheets:
        if sheet.staff_id in draft:
            workflow.save_self(sheet, {"2.3": (1, EVIDENCE["2.3"][0].format(subject="Юный математик"))})
            continue
        entered = {}
        for line in sheet.lines.all():
            criterion = CRITERIA_BY_CODE[line.code]
            if not criterion.computed:
                points = rng.choice(range(criterion.max_points + 1))
                entered[line.code] = (points, rng.choice(EVIDENCE[line.code]).format(subject="Эрудит") if points else "")
        workflow.save_self(sheet, entered)
        workflow.submit(sheet)
        if rng.random() < 0.15:
            continue  # waiting for the commission
        reviewed = {line.code: (line.confirmed_points, "") for line in sheet.lines.all()}
        generous = [code for code, (points, _) in reviewed.items()
                    if not CRITERIA_BY_CODE[code].computed and points]
        if generous and rng.random() < 0.35:
            code = rng.choice(generous)
            reviewed[code] = (reviewed[code][0] - 1, COMMISSION)
        workflow.review(sheet, reviewed)
        workflow.confirm(sheet, next((user for user, own in commission if sheet.staff_id not in own), None))
    return period
