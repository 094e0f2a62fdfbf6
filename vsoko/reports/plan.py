"""План-график мониторинга качества образования на учебный год (vsoko.plan): the appendix to the
director's order that approves it (regulation 000, п. 4.9), one table per direction of the plan."""

from __future__ import annotations

from vsoko.indicators.models import Indicator
from vsoko.plan.enums import MONTH_NAMES
from vsoko.plan.models import PlanItem
from vsoko.records.models import OrgUnit
from vsoko.reports.cells import year_label
from vsoko.reports.document import Document, Heading, Paragraph, Table

HEADER = ["№", "Объект мониторинга", "Показатели", "Методы и источники данных", "Периодичность", "Сроки",
          "Ответственный", "Форма представления результатов", "Отметка о выполнении"]


class PlanMissing(Exception):
    """The school has no plan for the year; the message says where to make one."""


def build(school: OrgUnit, year: int) -> Document:
    items = list(PlanItem.objects.filter(school=school, year_id=year))
    if not items:
        raise PlanMissing(f"Плана мониторинга на {year_label(year)} учебный год нет: составьте его в разделе "
                          "«План мониторинга».")
    names = dict(Indicator.objects.filter(code__in={c for i in items for c in i.indicators})
                 .values_list("code", "name"))
    document = Document(
        f"План-график мониторинга качества образования на {year_label(year)} учебный год",
        [school.name, "Приложение к приказу директора от «___» ____________ 20___ г. № _____"],
    )
    section = document.section("План-график")
    group = table = None
    for number, item in enumerate(items, start=1):
        if table is None or item.group != group:
            group = item.group
            table = Table(HEADER)
            section.blocks += [Heading(group or "Без направления"), table]
        table.add(str(number), item.object, "; ".join(names.get(code, code) for code in item.indicators) or "—",
                  item.method or "—", item.periodicity or "—",
                  ", ".join(MONTH_NAMES[m] for m in item.school_months) or "—", item.responsible or "—",
                  item.result_form or "—", f"выполнено {item.done_on:%d.%m.%Y}" if item.done_on else "")
    section.blocks.append(Paragraph(
        "Результаты мониторинга рассматриваются на педагогическом совете и используются для принятия "
        "управленческих решений; по итогам готовятся аналитические справки, отчёт о самообследовании и "
        "публичный доклад."))
    return document
