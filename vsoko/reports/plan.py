"""План-график мониторинга качества образования на учебный год (vsoko.plan): the appendix to the
director's order that approves it (regulation 000, п. 4.9), one table per direction of the plan. An approved
plan names its order («УТВЕРЖДЁН приказом директора от … № …») and ends with the amendments made since;
a plan not approved yet is a draft («ПРОЕКТ») with a blank for the order. The pedagogical council's review, once
entered, follows («РАССМОТРЕН на педагогическом совете, протокол от … № …»)."""

from __future__ import annotations

from django.utils import timezone

from vsoko.indicators.models import Indicator
from vsoko.plan.approval import approval_in_force
from vsoko.plan.enums import MONTH_NAMES
from vsoko.plan.models import PlanAmendment, PlanItem, PlanReview
from vsoko.records.models import OrgUnit
from vsoko.reports.cells import year_label
from vsoko.reports.document import Document, Heading, Paragraph, Table

HEADER = ["№", "Объект мониторинга", "Показатели", "Методы и источники данных", "Периодичность", "Сроки",
          "Ответственный", "Форма представления результатов", "Отметка о выполнении"]
AMENDMENTS_HEADING = "Изменения плана после утверждения"
AMENDMENTS_HEADER = ["№", "Внесено", "Пункт плана", "Изменение", "Основание", "Кто внёс"]
BLANK_ORDER = "Приложение к приказу директора от «___» ____________ 20___ г. № _____"


class PlanMissing(Exception):
    """The school has no plan for the year; the message says where to make one."""


def build(school: OrgUnit, year: int) -> Document:
    items = list(PlanItem.objects.filter(school=school, year_id=year))
    if not items:
        raise PlanMissing(f"Плана мониторинга на {year_label(year)} учебный год нет: составьте его в разделе "
                          "«План мониторинга».")
    names = dict(Indicator.objects.filter(code__in={c for i in items for c in i.indicators})
                 .values_list("code", "name"))
    approval = approval_in_force(school, year)
    amendments = list(approval.amendments.select_related("made_by")) if approval else []
    review = PlanReview.objects.filter(school=school, year_id=year).first()
    reviewed = [f"РАССМОТРЕН на педагогическом совете, протокол {review.protocol}"] if review else []
    if approval is None:
        lines = [school.name, "ПРОЕКТ", *reviewed, BLANK_ORDER]
    else:
        lines = [school.name, f"УТВЕРЖДЁН приказом директора {approval.order}", *reviewed]
        if amendments:
            lines.append(f"С изменениями после утверждения: {len(amendments)} (таблица в конце документа).")
    document = Document(f"План-график мониторинга качества образования на {year_label(year)} учебный год", lines)
    section = document.section("План-график")
    group = table = None
    for number, item in enumerate(items, start=1):
        if table is None or item.group != group:
            group = item.group
            table = Table(HEADER)
            section.blocks += [Heading(group or "Без направления"), table]
        # The draft's reasons (last year's problems) under the object: why the item is in this year's plan.
        monitored = "\n".join([item.object, *(f"Проблема: {line}" for line in item.problem_lines)])
        table.add(str(number), monitored, "; ".join(names.get(code, code) for code in item.indicators) or "—",
                  item.method or "—", item.periodicity or "—",
                  ", ".join(MONTH_NAMES[m] for m in item.school_months) or "—", item.responsible or "—",
                  item.result_form or "—", f"выполнено {item.done_on:%d.%m.%Y}" if item.done_on else "")
    section.blocks.append(Paragraph(
        "Результаты мониторинга рассматриваются на педагогическом совете и используются для принятия "
        "управленческих решений; по итогам готовятся аналитические справки, отчёт о самообследовании и "
        "публичный доклад."))
    if amendments:
        table = Table(AMENDMENTS_HEADER)
        for number, amendment in enumerate(amendments, start=1):
            table.add(str(number), f"{timezone.localtime(amendment.made_at):%d.%m.%Y}", amendment.item_name,
                      _change_text(amendment), amendment.reason, _person(amendment.made_by))
        document.section(AMENDMENTS_HEADING).blocks.append(table)
    return document


def _change_text(amendment: PlanAmendment) -> str:
    """«изменён пункт — сроки: апрель, май → май; ответственный: … → …»"""
    return " — ".join(filter(None, [amendment.get_kind_display(), "; ".join(amendment.lines)]))


def _person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else "—"
