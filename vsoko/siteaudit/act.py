"""«Акт аудита официального сайта»: the audit as a vsoko.reports Document, written to Word and Excel by the
reports' writers — the head (school, address, date, who checked), the share in place, the checklist item by
item and the «перечень замечаний» with the deadline to put them right."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from vsoko.reports.document import Document, Number, Paragraph, Table
from vsoko.siteaudit.checklist import item_name, sections
from vsoko.siteaudit.models import SiteAudit
from vsoko.siteaudit.results import result_of, share_percent

TITLE = "Акт аудита официального сайта"


def filename(audit: SiteAudit) -> str:
    return f"{TITLE} от {audit.date:%d.%m.%Y}"


def act_document(audit: SiteAudit) -> Document:
    result = result_of(audit)
    deadline = f"{audit.fix_deadline:%d.%m.%Y}" if audit.fix_deadline else "не установлен"
    doc = Document(TITLE, lines=[
        audit.school.name, f"Адрес сайта: {audit.site_url}", f"Дата проверки: {audit.date:%d.%m.%Y}",
        f"Проверку провёл: {audit.auditor}"])
    head = doc.section("Основание и результат")
    head.blocks.append(Paragraph(
        "Аудит (экспертиза) документов, размещённых на официальном сайте (положение о ВСОКО, раздел 7, п. 6), — "
        "по структуре специального раздела «Сведения об образовательной организации» (приказ Рособрнадзора от "
        "04.08.2023 № 1493) и правилам размещения информации (постановление Правительства РФ от 20.10.2021 "
        "№ 1802)."))
    head.blocks.append(Paragraph(
        f"Размещено {result.placed} из {result.required} обязательных пунктов перечня "
        f"({share_percent(result.share)}); замечаний: {len(result.defects)}."))
    if audit.note:
        head.blocks.append(Paragraph(audit.note))

    found = {item.code: item for item in audit.items.all()}
    # The link under the item's name, by its path on the audited site: a full address the check fills in (40
    # characters and more, unbreakable) in a column of its own turned the act's pages landscape.
    checklist = Table(["№", "Подраздел, сведения (документ), ссылка на сайте", "Статус", "Комментарий"])
    n = 0
    for section in sections():
        checklist.add("", section.title, "", "", heading=True)
        for item in section.items:
            got = found.pop(item.code, None)
            n += 1
            checklist.add(Number(n), _linked(item.name, got.link if got else "", audit.site_url),
                          got.get_status_display() if got else "не проверено", got.comment if got else "")
    for code, got in found.items():  # items of an older checklist
        n += 1
        checklist.add(Number(n), _linked(item_name(code), got.link, audit.site_url), got.get_status_display(),
                      got.comment)
    doc.section("Результаты проверки по перечню").blocks.append(checklist)

    remarks = doc.section("Перечень замечаний")
    if not result.defects:
        remarks.blocks.append(Paragraph("Замечаний нет: все обязательные сведения и документы размещены."))
    else:
        # No column of the deadline, the same on every row (it turned the act's last page landscape): the line
        # under the table gives it.
        table = Table(["№", "Подраздел", "Замечание", "Комментарий"])
        for n, defect in enumerate(result.defects, 1):
            table.add(Number(n), defect.section, f"{defect.name}: {defect.status.label}", defect.comment)
        remarks.blocks.append(table)
        when = (f"Замечания устранить до {deadline}" if audit.fix_deadline
                else "Срок устранения замечаний не установлен")  # not «устранить до не установлен»
        # Whoever audited — the deputy or the director himself (the act names him, as the form has it: name, post).
        remarks.blocks.append(Paragraph(f"{when}; об устранении сообщить проводившему аудит ({audit.auditor})."))
    doc.signature = [f"Проверку провёл: ____________ / {audit.auditor} /", f"Дата: {audit.date:%d.%m.%Y}"]
    return doc



def _linked(name: str, link: str, site_url: str) -> str:
    """The item's name and, on a line under it, its link — by the path of a link on the audited site
    («/sveden/document/Устав.pdf», as it reads, not «%D0%A3…»: the act's head gives the address), a link elsewhere
    in full."""
    return f"{name}\n{_on_site(link, site_url)}" if link else name


def _on_site(link: str, site_url: str) -> str:
    parts, site = urlsplit(link), urlsplit(site_url)
    if not parts.path or (parts.scheme, parts.netloc.lower()) != (site.scheme, site.netloc.lower()):
        return link
    return unquote(parts.path) + (f"?{parts.query}" if parts.query else "")
