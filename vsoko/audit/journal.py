"""Reading the audit log: whose entries a user may see, filtering, and the CSV/XLSX export.

An administrator or director sees the entries of the schools where they hold that role:
entries about one of those schools, and entries without a school (logins, list views,
exports) made by the people who have a role in one of them — including failed logins
under their login names. A Django superuser sees every entry. A person with roles in
two schools appears in the log of both.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from vsoko.accounts import permissions
from vsoko.accounts.models import Membership
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.publication.spreadsheet import safe_row, workbook
from vsoko.records.enums import ApprovalStatus
from vsoko.reports.writers import xlsx_print_setup

# Above this many rows an export is refused: the user narrows the filter instead.
EXPORT_LIMIT = 100_000


@dataclass(frozen=True)
class ObjectType:
    label: str
    url_name: str = ""  # the page of one object, given its id
    model: str = ""  # "app_label.Model" whose row that page shows: no link once the row is gone
    key: str = "pk"  # the field the id is


# One registry of the object types written by record(object_type=…); unknown ones are shown as stored.
OBJECT_TYPES: dict[str, ObjectType] = {
    "student": ObjectType("обучающийся", "web:student_detail", "records.Student"),
    "staff": ObjectType("работник", "web:staff_detail", "records.StaffMember"),
    "class": ObjectType("класс", "web:class_detail", "records.SchoolClass"),
    "school": ObjectType("сведения о школе"),
    "student_list": ObjectType("список обучающихся"),
    "staff_list": ObjectType("список работников"),
    "import": ObjectType("загрузка пакета", "imports:run", "imports.ImportRun", "token"),
    "import_errors": ObjectType("ошибки загрузки (строки файла)", "imports:run", "imports.ImportRun", "token"),
    "import_corrections": ObjectType("прочитанное иначе, чем написано в файле (загрузка)", "imports:run", "imports.ImportRun", "token"),
    "year_approval": ObjectType("утверждение данных"),
    "manual_values": ObjectType("значения, введённые вручную"),
    "retention": ObjectType("обезличивание"),
    "protocol_matches": ObjectType("сопоставление протокола"),
    "confirmed_match": ObjectType("подтверждённое сопоставление"),
    "participant_codes": ObjectType("коды участников"),
    "scale": ObjectType("шкала перевода"),
    "subject_merge": ObjectType("объединение предметов (id правильного предмета)"),
    "audit_log": ObjectType("журнал доступа"),
    "survey": ObjectType("опрос", "surveys:detail", "surveys.Survey"),
    "plan": ObjectType("план мониторинга (учебный год)"),
    "decision": ObjectType("управленческое решение", "decisions:detail", "decisions.Decision"),
    "self_exam_text": ObjectType("текст отчёта о самообследовании"),
    "public_report_text": ObjectType("текст публичного доклада"),
    "user": ObjectType("пользователь"),
    "support": ObjectType("работа с неуспевающими (список, отчёт)"),
    "support_case": ObjectType("сопровождение обучающегося", "support:case", "support.SupportCase"),
    "teacher_results": ObjectType("результаты классов учителя", "analysis:teacher", "records.StaffMember"),
    "teaching_load": ObjectType("распределение нагрузки (учебный год)"),
    "attendance": ObjectType("посещаемость (учебный год)"),
    "lesson_visit": ObjectType("посещение урока", "observations:detail", "observations.LessonVisit"),
    "lesson_visits": ObjectType("журнал посещения уроков"),
    "report": ObjectType("отчёт (раздел «Отчёты», vsoko report)"),
    "indicator": ObjectType("показатель (описание, значение, выгрузка)"),
    "indicators": ObjectType("показатели каталога (выгрузка)"),
    "indicator_people": ObjectType("обучающиеся или работники в числителе и знаменателе показателя"),
    "evidence": ObjectType("подтверждающий файл значения"),
    "target": ObjectType("целевое значение показателя"),
    "targets": ObjectType("целевые значения каталога (выгрузка)"),
    "school_catalogs": ObjectType("каталоги показателей школы"),
    "class_list": ObjectType("список классов"),
    "staff_development": ObjectType("повышение квалификации работников"),
    "period_results": ObjectType("итоги периода"),
    "period_results_class": ObjectType("итоги периода класса"),
    "pupil_sheets": ObjectType("ведомости обучающихся класса"),
    "parents_meeting": ObjectType("справка для родительского собрания класса"),
    "attestation_list": ObjectType("перечень предметов промежуточной аттестации"),
    "assessment_journal": ObjectType("результаты участников процедуры"),
    "analysis_benchmarks": ObjectType("сравнительные значения процедуры (выгрузка)"),
    "procedure_benchmarks": ObjectType("сравнительные значения процедуры"),
    "procedure_conclusion": ObjectType("выводы по процедуре"),
    "analysis_index": ObjectType("оценочные процедуры года (выгрузка)"),
    "analysis_assessment": ObjectType("оценочная процедура (выгрузка)"),
    "analysis_grade": ObjectType("результаты параллели (выгрузка)"),
    "analysis_class": ObjectType("результаты класса (выгрузка)"),
    "analysis_subject": ObjectType("результаты по предмету (выгрузка)"),
    "analysis_teacher": ObjectType("результаты классов учителя (выгрузка)"),
    "analysis_dynamics": ObjectType("динамика результатов (выгрузка)"),
    "analysis_context": ObjectType("социальный контекст (выгрузка)"),
    "diagnostic": ObjectType("диагностика"),
    "schedule": ObjectType("график оценочных процедур (учебный год)"),
    "decisions": ObjectType("управленческие решения (выгрузка)"),
    "lesson_visits_summary": ObjectType("сводка посещения уроков"),
    "survey_summary": ObjectType("итоги опроса (выгрузка)"),
    "comparison": ObjectType("сравнение школ"),
    "collection": ObjectType("сбор данных по школам"),
    "objectivity": ObjectType("признаки необъективности по школам"),
    "rating": ObjectType("рейтинг педагогов"),
    "rating_period": ObjectType("период рейтинга педагогов"),
    "rating_sheet": ObjectType("лист рейтинга педагога"),
    "rating_sheets": ObjectType("листы рейтинга педагогов"),
    "preschool_group": ObjectType("группа дошкольного образования"),
    "preschool_conclusion": ObjectType("вывод по дошкольному образованию"),
    "preschool_overview": ObjectType("дошкольное образование (выгрузка)"),
    "preschool_report": ObjectType("справка по дошкольному образованию"),
    "preschool_municipality": ObjectType("дошкольное образование муниципалитета (выгрузка)"),
    "credential": ObjectType("лицензия или аккредитация"),
    "inspection": ObjectType("проверка"),
    "inspection_finding": ObjectType("нарушение, выявленное проверкой"),
    "noko_result": ObjectType("результаты НОКО"),
    "inquiry": ObjectType("запрос органа управления образованием", "inquiries:detail", "inquiries.Inquiry"),
    "inquiry_answer": ObjectType("ответ на запрос органа управления образованием", "inquiries:answer", "inquiries.InquiryAnswer"),
    "noko_measure": ObjectType("мероприятие плана по итогам НОКО"),
    "site_audit": ObjectType("аудит официального сайта", "siteaudit:detail", "siteaudit.SiteAudit"),
    "public_expert": ObjectType("общественный наблюдатель"),
    "public_experts": ObjectType("общественные наблюдатели"),
    "public_participation": ObjectType("участие общественного наблюдателя"),
}


def object_type_label(key: str) -> str:
    known = OBJECT_TYPES.get(key)
    return known.label if known else key


def object_urls(entries: Iterable[AuditEntry]) -> dict[int, str]:
    """The page of each entry's object, by entry id — only for objects that still exist: a withdrawn request,
    a deleted survey or an anonymised student leaves its entries, and a link to it would answer 404. One
    query per object type on the page."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        known = OBJECT_TYPES.get(entry.object_type)
        if known and known.url_name and entry.object_id:
            wanted[entry.object_type].add(entry.object_id)
    existing: dict[str, set[str]] = {}
    for object_type, ids in wanted.items():
        known = OBJECT_TYPES[object_type]
        model = apps.get_model(known.model)
        try:
            found = model.objects.filter(**{f"{known.key}__in": ids}).values_list(known.key, flat=True)
            existing[object_type] = {str(value) for value in found}
        except (ValueError, ValidationError):  # an id of the wrong shape, written by an older version
            existing[object_type] = set()
    urls = {}
    for entry in entries:
        if entry.object_id in existing.get(entry.object_type, ()):
            try:
                urls[entry.pk] = reverse(OBJECT_TYPES[entry.object_type].url_name, args=[entry.object_id])
            except NoReverseMatch:
                pass
    return urls


def entries_visible_to(user) -> QuerySet[AuditEntry]:
    if not permissions.can_view_audit_log(user):
        return AuditEntry.objects.none()
    if user.is_superuser:
        return AuditEntry.objects.all()
    schools = permissions.schools_audited_by(user)
    people = Membership.objects.filter(org_unit__in=schools).values("user_id")
    logins = list(get_user_model().objects.filter(pk__in=people).values_list("username", flat=True))
    return AuditEntry.objects.filter(
        Q(school__in=schools)
        | Q(school__isnull=True, user__in=people)
        | Q(school__isnull=True, user__isnull=True, action=AuditAction.LOGIN_FAILED, details__username__in=logins)
    )


@dataclass(frozen=True)
class Filters:
    user: str = ""
    action: str = ""
    object_type: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    school: object = None

    def as_details(self) -> dict:
        """The filter as JSON for the export's own log entry."""
        return {
            key: (value.isoformat() if isinstance(value, datetime.date) else getattr(value, "pk", value))
            for key, value in vars(self).items() if value not in (None, "")
        }


def apply_filters(entries: QuerySet[AuditEntry], filters: Filters) -> QuerySet[AuditEntry]:
    if filters.user:
        entries = entries.filter(username__icontains=filters.user)
    if filters.action:
        entries = entries.filter(action=filters.action)
    if filters.object_type:
        entries = entries.filter(object_type=filters.object_type)
    # Whole days of the server's time zone, as bounds on the indexed timestamp.
    if filters.date_from:
        entries = entries.filter(created__gte=_start_of(filters.date_from))
    if filters.date_to:
        entries = entries.filter(created__lt=_start_of(filters.date_to + datetime.timedelta(days=1)))
    if filters.school is not None:
        entries = entries.filter(school=filters.school)
    return entries.order_by("-created", "-pk")


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def object_types_in(entries: QuerySet[AuditEntry]) -> list[tuple[str, str]]:
    """(key, label) of the object types present in these entries, by label."""
    keys = entries.exclude(object_type="").order_by().values_list("object_type", flat=True).distinct()
    return sorted(((key, object_type_label(key)) for key in keys), key=lambda pair: pair[1])


# Russian names of the keys that record(details=…) writes; other keys are shown as stored.
DETAIL_KEYS = {
    "from": "ошибочный предмет", "to": "правильный предмет", "moved": "перенесено строк",
    "deleted": "удалено совпадающих строк",
    "status": "состояние", "year": "год", "years": "годы", "q": "поиск", "page": "страница",
    "sensitive": "чувствительные сведения показаны", "file": "файл", "upload": "загрузка", "counts": "изменения", "username": "логин",
    "format": "формат", "rows": "строк", "filters": "фильтр", "changes": "изменений", "fields": "поля",
    "scale": "шкала", "codes": "кодов", "grade": "параллель",
    "deleted_entries": "удалено записей", "kept_years": "хранить лет", "kept_from": "хранятся записи с",
}


def details_text(details: dict) -> str:
    """The details in one line: «состояние: открыт для изменений → утверждён; год: 2024»."""
    parts = []
    for key, value in (details or {}).items():
        if key == "status" and isinstance(value, list) and len(value) == 2:
            text = " → ".join(_status_label(v) for v in value)
        elif isinstance(value, list) and len(value) == 2 and key not in ("years", "fields"):
            text = f"{_plain(value[0])} → {_plain(value[1])}"  # a change [old, new], masked by mask_changes
        else:
            text = _plain(value)
        parts.append(f"{DETAIL_KEYS.get(key, key)}: {text}")
    return "; ".join(parts)


def _status_label(value) -> str:
    return ApprovalStatus(value).label if value in ApprovalStatus.values else _plain(value)


def _plain(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# Export

HEADERS = ("Когда", "Логин", "Пользователь", "Действие", "Тип объекта", "Код объекта", "Школа", "IP-адрес",
           "Подробности")
XLSX_WIDTHS = (19, 16, 26, 30, 26, 14, 30, 15, 60)  # characters


def _rows(entries: Iterable[AuditEntry]):
    for e in entries:
        when = timezone.localtime(e.created).replace(tzinfo=None)
        who = e.user.get_full_name() if e.user is not None else ""
        yield (when, e.username, who, e.get_action_display(), object_type_label(e.object_type), e.object_id,
               e.school.name if e.school is not None else "", e.ip or "", details_text(e.details))


def to_csv(entries: Iterable[AuditEntry]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(HEADERS)
    for when, *rest in _rows(entries):
        writer.writerow(safe_row([when.strftime("%d.%m.%Y %H:%M:%S"), *rest]))
    # A BOM, so that Excel in a Russian locale opens the file as UTF-8.
    return ("\ufeff" + out.getvalue()).encode()


def to_xlsx(entries: Iterable[AuditEntry]) -> bytes:
    buffer = io.BytesIO()
    book = workbook(buffer, in_memory=True)
    sheet = book.add_worksheet("Журнал доступа")
    bold = book.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
    stamp = book.add_format({"num_format": "dd.mm.yyyy hh:mm:ss"})
    for col, (title, width) in enumerate(zip(HEADERS, XLSX_WIDTHS, strict=True)):
        sheet.set_column(col, col, width)
        sheet.write_string(0, col, title, bold)
    count = 0
    for count, (when, *rest) in enumerate(_rows(entries), start=1):
        sheet.write_datetime(count, 0, when, stamp)
        sheet.write_row(count, 1, rest)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(count, 1), len(HEADERS) - 1)
    xlsx_print_setup(sheet, XLSX_WIDTHS, header_row=0)
    book.close()
    return buffer.getvalue()


@dataclass(frozen=True)
class ExportFormat:
    content_type: str
    write: Callable[[Iterable[AuditEntry]], bytes]


EXPORT_FORMATS: dict[str, ExportFormat] = {
    "csv": ExportFormat("text/csv; charset=utf-8", to_csv),
    "xlsx": ExportFormat("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", to_xlsx),
}
