"""Management decisions of the demo school's last two years, linked to core indicators: those of the year before
the last have a year to show their effect (the quality of knowledge and the teachers' courses improve in the
demo's data, the ВПР objectivity does not), those of the last year are still being carried out."""

from __future__ import annotations

import datetime

from django.utils import timezone

from vsoko.decisions.enums import Basis, Body, DecisionStatus
from vsoko.decisions.models import Decision
from vsoko.plan.models import PlanItem
from vsoko.records.models import OrgUnit, SchoolYear

PARENTS = "core.parents_satisfied"


def decide_demo_years(school: OrgUnit, year: int) -> None:
    """Six decisions of `year - 1` and `year`; running the demo again keeps them as they are."""
    if Decision.objects.filter(school=school, year_id__in=[year - 1, year]).exists():
        return
    before, last = year - 1, year
    parents_item = next((item for item in PlanItem.objects.filter(school=school, year_id=last)
                         if PARENTS in item.indicators), None)
    soon = timezone.localdate() + datetime.timedelta(days=10)  # an open decision the overview's agenda shows
    rows = [
        Decision(year_id=before, date=datetime.date(before + 1, 8, 29), body=Body.TEACHERS_COUNCIL,
                 document_number="1", basis=Basis.INDICATOR, indicators=["core.quality", "core.success"],
                 title="Индивидуальная работа с обучающимися, имеющими одну «3» по итогам года",
                 text="Составить списки обучающихся 5–9 классов с одной тройкой за год; закрепить за ними "
                      "учителей-предметников; консультации раз в две недели; итоги — на совещании при директоре "
                      "по четвертям.",
                 responsible="заместитель директора по УВР", deadline=datetime.date(before + 2, 5, 31),
                 status=DecisionStatus.DONE, result_note="Консультации проведены во всех четвертях; итоги "
                                                         "рассмотрены на совещаниях при директоре."),
        Decision(year_id=before, date=datetime.date(before, 11, 15), body=Body.DIRECTORS_MEETING,
                 document_number="5", basis=Basis.RISK_FLAG, indicators=["core.vpr_confirmed", "core.vpr_lowered"],
                 title="Семинар по объективности оценивания: сопоставление отметок ВПР и журнала",
                 text="Провести методический семинар для учителей 4–8 классов по критериям оценивания ВПР; "
                      "руководителям МО проверить выборку работ.",
                 responsible="руководители МО", deadline=datetime.date(before + 1, 3, 31),
                 status=DecisionStatus.DONE, result_note="Семинар проведён 20.02; проверена выборка работ."),
        Decision(year_id=before, date=datetime.date(before, 9, 20), body=Body.ORDER, document_number="112-о",
                 basis=Basis.INDICATOR, indicators=["core.staff_courses_3y"],
                 title="Курсы повышения квалификации для педагогов без курсов за три года",
                 text="Направить на курсы повышения квалификации педагогов, не проходивших их три года и более.",
                 responsible="заместитель директора по УВР", deadline=datetime.date(before + 1, 6, 30),
                 status=DecisionStatus.DONE, result_note="Курсы прошли 5 педагогов."),
        Decision(year_id=last, date=datetime.date(last, 10, 10), body=Body.METHODICAL_COUNCIL,
                 document_number="2", basis=Basis.REPORT, indicators=["core.oge_passed"],
                 title="Индивидуальные планы подготовки к ОГЭ по математике",
                 text="По аналитической справке за прошлый год: учителям математики 9-х классов составить "
                      "индивидуальные планы подготовки для обучающихся группы риска.",
                 responsible="руководитель МО математики", deadline=datetime.date(last + 1, 5, 20),
                 status=DecisionStatus.IN_PROGRESS),
        Decision(year_id=last, date=datetime.date(last + 1, 3, 30), body=Body.DIRECTORS_MEETING,
                 document_number="9", basis=Basis.PLAN_ITEM if parents_item else Basis.INDICATOR,
                 plan_item=parents_item, indicators=[PARENTS],
                 title="Обсудить итоги анкетирования родителей на родительских собраниях",
                 text="Классным руководителям довести итоги анкетирования до родителей; собрать предложения "
                      "об улучшении материально-технических условий.",
                 responsible="заместитель директора по ВР", deadline=soon, status=DecisionStatus.PLANNED),
        Decision(year_id=last, date=datetime.date(last, 9, 5), body=Body.ORDER, document_number="98-о",
                 basis=Basis.OTHER, indicators=[],
                 title="Перенос школьного этапа олимпиад на платформу «Сириус»",
                 text="Провести школьный этап ВсОШ по шести предметам на платформе «Сириус.Курсы».",
                 responsible="педагог-организатор", deadline=datetime.date(last, 10, 31),
                 status=DecisionStatus.CANCELLED, result_note="Отменено: региональный график изменён."),
    ]
    # `vsoko demo --years 1` has no year before the last: its decisions are left out.
    known = set(SchoolYear.objects.filter(pk__in=[before, last]).values_list("pk", flat=True))
    rows = [decision for decision in rows if decision.year_id in known]
    for decision in rows:
        decision.school = school
    Decision.objects.bulk_create(rows)
