"""The monitoring plans of the demo school's years, made as a school makes them: the draft from the catalogs, each
item done at the end of its last month (the years are over), reviewed by the pedagogical council on 29 August
(protocol № 1) and approved by the director's order on 30 August before the year. The last year's plan has one
amendment after its approval: the students' questionnaire handed from the deputy to the school psychologist by an
order of January."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model

from vsoko.plan.amendments import save_item
from vsoko.plan.approval import approval_in_force, approve_plan
from vsoko.plan.drafting import draft_plan
from vsoko.plan.models import PlanAmendment, PlanItem
from vsoko.plan.review import review_of, review_plan
from vsoko.records.models import OrgUnit

# The orders approving the plans, the last year's first; numbered below the demo decisions' orders of September.
ORDER_NUMBERS = ("91-о", "104-о", "97-о", "95-о", "102-о")
AMENDED_ITEM = "Анкета обучающихся"
AMENDED_RESPONSIBLE = "педагог-психолог"


def amendment_reason(last_year: int) -> str:
    return (f"Приказ директора от 12.01.{last_year + 1} № 9-о «О внесении изменений в план-график мониторинга»: "
            "анкетирование обучающихся проводит педагог-психолог.")


def plan_demo_years(school: OrgUnit, last_year: int, years: int) -> None:
    """Plans of the demo's `years` school years ending with `last_year`, reviewed, approved, the last one amended once.
    Running the demo again keeps them as they are."""
    users = get_user_model().objects.in_bulk(["director", "deputy"], field_name="username")
    director, deputy = users["director"], users["deputy"]
    for year in range(last_year - years + 1, last_year + 1):
        if not PlanItem.objects.filter(school=school, year_id=year).exists():
            for item in draft_plan(school=school, year=year, user=deputy):
                item.done_on = item.deadline
                item.save(update_fields=["done_on"])
        if review_of(school, year) is None:  # the August council before the year, its first protocol
            review_plan(school=school, year=year, protocol_date=datetime.date(year, 8, 29), protocol_number="1",
                        user=deputy)
        if approval_in_force(school, year) is None:
            approve_plan(school=school, year=year, order_date=datetime.date(year, 8, 30),
                         order_number=ORDER_NUMBERS[(last_year - year) % len(ORDER_NUMBERS)], user=director)
    if PlanAmendment.objects.filter(approval__school=school, approval__year_id=last_year).exists():
        return
    item = PlanItem.objects.filter(school=school, year_id=last_year, object=AMENDED_ITEM).first()
    if item is not None:
        item.responsible = AMENDED_RESPONSIBLE
        save_item(item, reason=amendment_reason(last_year), user=deputy)
