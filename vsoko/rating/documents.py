"""The rating as a document (vsoko.reports.document): the Excel table and the commission's protocol in Word,
written by the project's writers. Both are internal: they name teachers and their payments."""

from __future__ import annotations

from decimal import Decimal

from vsoko.rating.enums import CriterionGroup, SheetStatus
from vsoko.rating.models import RatingSheet
from vsoko.rating.table import Rating, money
from vsoko.records.years import year_label
from vsoko.reports.document import Cell, Document, Number, Paragraph, Table
from vsoko.reports.writers import to_docx, to_xlsx

SHORT = {CriterionGroup.LEARNING: "Результаты обучения", CriterionGroup.EXTRACURRICULAR: "Внеурочная и олимпиады",
         CriterionGroup.METHODICAL: "Методическая работа", CriterionGroup.CLASS_TEACHER: "Классное руководство"}


class Rubles(Number):
    """A sum of money: a number in Excel, kopecks always written in Word («14 376,80»)."""

    @property
    def text(self) -> str:
        return money(Decimal(str(self.value)))


def _rubles(value: Decimal | None) -> Cell:
    return "—" if value is None else Rubles(float(value), 2)


def rubles_text(value: Decimal | None) -> str:
    return "—" if value is None else money(value) + " руб."


def _title_lines(rating: Rating) -> list[str]:
    period = rating.period
    return [period.school.name, f"{year_label(period.year_id)} учебный год"]


def _money_lines(rating: Rating) -> list[str]:
    fund = rating.period.fund
    if fund is None:
        return ["Фонд стимулирующих выплат не указан: суммы не рассчитаны."]
    return [f"Фонд стимулирующих выплат: {rubles_text(fund)}; сумма подтверждённых баллов: {rating.points}; "
            f"стоимость балла: {rubles_text(rating.point_value)} (округлена вниз до копейки); распределено: "
            f"{rubles_text(rating.paid)}, остаток: {rubles_text(rating.remainder)}"]


def rating_table(rating: Rating) -> Table:
    table = Table(["Место", "Педагог", *(SHORT[g] for g in CriterionGroup), "Самооценка", "Баллы комиссии",
                   "Разница", "Сумма, руб."])
    for row in rating.ranked:
        table.add(Number.of(row.rank, 0), row.staff.full_name, *(Number.of(given, 0) for _, given in row.groups),
                  Number.of(row.self_total, 0), Number.of(row.confirmed_total, 0),
                  Number.of(row.difference, 0, signed=True), _rubles(row.amount))
    table.add("", "Итого", *("" for _ in CriterionGroup), Number.of(sum(r.self_total for r in rating.ranked), 0),
              Number.of(rating.points, 0), "", _rubles(rating.paid), heading=True)
    table.notes.append("По группам — баллы, подтверждённые комиссией; разница — самооценка минус баллы комиссии.")
    return table


def rating_document(rating: Rating) -> Document:
    document = Document("Рейтинг педагогов по результатам оценки эффективности профессиональной деятельности",
                        _title_lines(rating))
    section = document.section("Подтверждённые оценочные листы")
    section.blocks += [Paragraph(line) for line in _money_lines(rating)]
    section.blocks.append(rating_table(rating))
    if rating.pending:
        waiting = document.section("Листы, не подтверждённые комиссией")
        table = Table(["Педагог", "Состояние", "Самооценка"])
        for row in rating.pending:
            table.add(row.staff.full_name, row.sheet.get_status_display(), Number.of(row.self_total, 0))
        waiting.blocks.append(table)
    return document


def protocol_document(rating: Rating) -> Document:
    period = rating.period
    number = f" № {period.protocol_number}" if period.protocol_number else ""
    date = f" от {period.protocol_date:%d.%m.%Y}" if period.protocol_date else ""
    document = Document(f"Протокол{number}{date} заседания комиссии по распределению стимулирующих выплат",
                        _title_lines(rating))
    heard = document.section("Слушали")
    heard.blocks.append(Paragraph(
        f"О результатах проверки оценочных листов эффективности профессиональной деятельности педагогов за "
        f"{year_label(period.year_id)} учебный год (положение о ВСОКО, п. 2.2: «определение рейтинга и "
        f"стимулирующих доплат педагогам»). Подано и проверено листов: {len(rating.ranked)}; не подтверждено: "
        f"{len(rating.pending)}."))
    results = document.section("Результаты рассмотрения оценочных листов")
    results.blocks.append(rating_table(rating))
    decided = document.section("Решили")
    decided.blocks.append(Paragraph(
        f"1. Утвердить баллы педагогов по оценочным листам, подтверждённые комиссией (всего {rating.points})."))
    if period.fund is not None:
        decided.blocks.append(Paragraph(
            f"2. Установить стоимость балла {rubles_text(rating.point_value)} (фонд {rubles_text(period.fund)} / "
            f"{rating.points} баллов) и распределить стимулирующие выплаты согласно таблице: "
            f"{rubles_text(rating.paid)}, остаток {rubles_text(rating.remainder)}"))
    decided.blocks.append(Paragraph("Председатель комиссии ____________________"))
    decided.blocks.append(Paragraph("Члены комиссии ____________________"))
    return document


def rating_xlsx(rating: Rating) -> bytes:
    return to_xlsx(rating_document(rating))


def protocol_docx(rating: Rating) -> bytes:
    return to_docx(protocol_document(rating))


def _points(value: int | None) -> Cell:
    return "—" if value is None else Number.of(value, 0)


def sheet_document(sheet: RatingSheet) -> Document:
    """One teacher's оценочный лист as it is printed for the signatures: the criteria by group with the measure,
    the self-assessment and its evidence, the commission's points and comments, the totals."""
    period = sheet.period
    document = Document("Оценочный лист эффективности профессиональной деятельности педагога", [
        period.school.name, f"{year_label(period.year_id)} учебный год", f"Педагог: {sheet.staff.full_name}",
        f"Состояние: {sheet.get_status_display()}"])
    grouped = sheet.grouped_lines()
    lines = [line for _, mine in grouped for line in mine]
    shown_confirmed = sheet.status != SheetStatus.DRAFT
    for group, mine in grouped:
        table = Table(["Код", "Критерий (макс.)", "Значение по данным", "Самооценка", "Подтверждение педагога",
                       "Баллы комиссии", "Комментарий комиссии"])
        for line in mine:
            c = line.criterion
            table.add(c.code, f"{c.name} ({c.max_points})", line.computed_text if c.computed else "заявляет педагог",
                      _points(line.self_points), line.self_comment or "—",
                      _points(line.confirmed_points if shown_confirmed else None), line.commission_comment or "—")
        document.section(group.label).blocks.append(table)
    totals = document.section("Итого")
    own = sum(line.self_points or 0 for line in lines)
    given = sum(line.confirmed_points or 0 for line in lines) if shown_confirmed else None
    totals.blocks.append(Paragraph(f"Самооценка: {own} из {sum(line.criterion.max_points for line in lines)}; "
                                   f"баллы комиссии: {'—' if given is None else given}."))
    totals.blocks.append(Paragraph("Педагог ____________________ (подпись)"))
    totals.blocks.append(Paragraph("Председатель комиссии ____________________ (подпись)"))
    return document


def sheet_docx(sheet: RatingSheet) -> bytes:
    return to_docx(sheet_document(sheet))
