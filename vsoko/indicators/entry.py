"""Manual entry of indicator values and benchmarks (records.ManualValue, mirrored into data values).

The same table is filled by the `values` sheet of a data package; the form here
edits it per catalog section and year.
"""

from __future__ import annotations

import functools
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.datavalues.compute import refresh_manual_values
from vsoko.indicators.enums import Method, Unit
from vsoko.indicators.models import Evidence, Indicator
from vsoko.records.approval import ensure_open
from vsoko.records.enums import ValueScope
from vsoko.records.models import ManualValue, OrgUnit, SchoolYear
from vsoko.records.years import year_label

# The kinds of evidence files accepted on the entry form, with the type each is served as.
EVIDENCE_TYPES = {
    "pdf": "application/pdf", "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text", "rtf": "application/rtf",
    "xls": "application/vnd.ms-excel", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet", "jpg": "image/jpeg", "jpeg": "image/jpeg",
    "png": "image/png", "txt": "text/plain",
}


def out_of_range(value: Decimal | None, unit: str) -> str | None:
    """Why a value (entered, a target, a benchmark, a package's `values` row) cannot be one of the unit:
    a share over 100 %, a negative count."""
    if value is None or unit == Unit.BOOL:
        return None
    if value < 0 and unit != Unit.NUMBER:
        return f"Значение не может быть отрицательным (введено {typed(value)})."
    if unit == Unit.PERCENT and value > 100:
        return f"Доля в процентах — от 0 до 100 (введено {typed(value)})."
    return None


def typed(value: Decimal) -> str:
    """A number as the user typed it, for an error message: «−3», «52,3», «150»."""
    text = format(value.normalize() if value != value.to_integral_value() else value.quantize(Decimal(1)), "f")
    return text.replace("-", "\u2212").replace(".", ",")


BENCHMARK_FIELDS = {
    ValueScope.MUNICIPALITY: "bench_municipality",
    ValueScope.REGION: "bench_region",
    ValueScope.COUNTRY: "bench_country",
}


def current_values(school: OrgUnit, year: int, indicators: list[Indicator]) -> dict[int, dict]:
    """Initial form data per indicator id from the stored manual values (one query)."""
    by_code = {i.code: i for i in indicators}
    out: dict[int, dict] = {i.pk: {} for i in indicators}
    for mv in ManualValue.objects.filter(school=school, year_id=year, indicator__in=list(by_code)):
        indicator = by_code[mv.indicator]
        data = out[indicator.pk]
        if mv.scope == ValueScope.SCHOOL:
            data.update(value=plain(mv.value), numerator=plain(mv.numerator), denominator=plain(mv.denominator),
                        text=mv.text, comment=mv.comment, source=mv.source)
        else:
            data[BENCHMARK_FIELDS[mv.scope]] = plain(benchmark_value(mv, indicator.unit))
    return out


def plain(value: Decimal | None) -> Decimal | None:
    """A stored decimal as a form shows it: 48.5 and 100, not 48.5000 and 100.0000."""
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def benchmark_value(mv: ManualValue, unit: str) -> Decimal | None:
    """A benchmark's value in the indicator's unit: the value, or its numerator and denominator
    (a package may give «1 of 4»; the form has one field per level, which shows 25 for a share)."""
    if mv.value is not None or mv.numerator is None or not mv.denominator:
        return mv.value
    factor = 100 if unit == Unit.PERCENT else 1
    return (mv.numerator * factor / mv.denominator).quantize(Decimal("0.0001"))


def _store(school, year, indicator: Indicator, scope, values: dict) -> bool:
    """Create, update or delete one ManualValue; True if something changed."""
    empty = all(v in (None, "") for v in values.values())
    existing = ManualValue.objects.filter(school=school, year_id=year, indicator=indicator.code, scope=scope).first()
    if empty:
        if existing:
            existing.delete()
            return True
        return False
    if existing and scope != ValueScope.SCHOOL and values == {"value": benchmark_value(existing, indicator.unit)}:
        return False  # a benchmark given as numerator and denominator, shown and sent back as its value
    if existing and all(getattr(existing, k) == v for k, v in values.items()):
        return False
    ManualValue.objects.update_or_create(school=school, year_id=year, indicator=indicator.code, scope=scope,
                                         defaults=values)
    return True


def _store_evidence(school, year, code, data: dict, user) -> bool:
    """Attach, replace or remove the indicator's evidence file; True if something changed."""
    upload = data.get("evidence")
    if upload is not None:
        content = upload.read()
        Evidence.objects.update_or_create(school=school, year_id=year, indicator=code, defaults={
            "name": upload.name[:255], "content": content, "size": len(content),
            "uploaded_by": user if getattr(user, "is_authenticated", False) else None,
        })
        return True
    if data.get("remove_evidence"):
        return Evidence.objects.filter(school=school, year_id=year, indicator=code).delete()[0] > 0
    return False


def entered_value(school: OrgUnit, year: int, code: str) -> ManualValue | None:
    """The school's own entered value of the indicator for the year (its source and comment), if any."""
    return ManualValue.objects.filter(school=school, year_id=year, indicator=code, scope=ValueScope.SCHOOL).first()


def entered_texts(school: OrgUnit, year: int, codes: list[str]) -> dict[str, str]:
    """The school's texts of text indicators for the year («Реквизиты лицензии» → the licence's number)."""
    rows = ManualValue.objects.filter(school=school, year_id=year, indicator__in=codes, scope=ValueScope.SCHOOL)
    return dict(rows.exclude(text="").values_list("indicator", "text"))


def evidence_suffix(name: str) -> str:
    """The accepted extension of an uploaded file's name, lower case («PDF» → «pdf»), or «»."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return suffix if suffix in EVIDENCE_TYPES else ""


def evidence_download(evidence: Evidence) -> tuple[str, str]:
    """The name and the content type an evidence file is downloaded under.

    The name given on upload may name a person («Справка Иванов Пётр.pdf»), and a download's name stays in the
    browser's downloads, the «Загрузки» folder and a proxy's log: the file goes out as «Подтверждение <показатель>
    <год> № <номер>» with the extension it came with; its own name is shown only on the pages of those who may
    open it."""
    suffix = evidence_suffix(evidence.name)
    year = year_label(evidence.year_id).replace("/", "-")
    name = f"Подтверждение {evidence.indicator} {year} № {evidence.pk}" + (f".{suffix}" if suffix else "")
    return name, EVIDENCE_TYPES.get(suffix, "application/octet-stream")


def evidence_of(school: OrgUnit, year: int, codes: list[str]) -> dict[str, Evidence]:
    """The evidence files of these indicators for the year (content not read)."""
    rows = Evidence.objects.filter(school=school, year_id=year, indicator__in=codes).defer("content")
    return {e.indicator: e for e in rows}


def save_entries(*, school: OrgUnit, year: int, entries: list[tuple[Indicator, dict]], user=None,
                 request=None) -> int:
    """Store the cleaned form data of each indicator; mirror into data values. Returns the changes.

    Raises records.approval.DataLocked when the year's data are approved.
    """
    ensure_open(school, [year])
    SchoolYear.objects.get_or_create(start=year)
    changed = 0
    with transaction.atomic():
        for indicator, data in entries:
            if indicator.method == Method.ENTERED:
                changed += _store(school, year, indicator, ValueScope.SCHOOL, {
                    "value": data.get("value"), "numerator": data.get("numerator"),
                    "denominator": data.get("denominator"), "text": data.get("text", ""),
                    "comment": data.get("comment", ""),
                    "source": data.get("source", ""),
                })
                changed += _store_evidence(school, year, indicator.code, data, user)
            for scope, name in BENCHMARK_FIELDS.items():
                changed += _store(school, year, indicator, scope, {"value": data.get(name)})
        if changed:
            refresh_manual_values(school, [year])
            record(user=user, action=AuditAction.CHANGE, object_type="manual_values", object_id=str(year),
                   school=school, details={"changes": changed}, request=request)
    return changed



@functools.cache
def _form_field(unit: str, name: str):
    """The entry form's field for a value of the unit (a form per package cell would cost a millisecond each)."""
    # Imported here: the form imports this module for its checks.
    from vsoko.indicators.forms import ManualValueForm

    return ManualValueForm(indicator=Indicator(code="", unit=unit, method=Method.ENTERED)).fields[name]


class PasteError(Exception):
    """A pasted column that cannot fill the section; the message says why, and no field is filled."""


YES_NO = {"да": "1", "нет": "0"}  # a yes/no field is a choice of «1»/«0»; Excel's column says «да»/«нет»


class EnteredValueError(ValueError):
    """A typed value the entry form would refuse; the message is the form's own, in Russian."""


def read_typed(text: str, unit: str, scope: str = ValueScope.SCHOOL) -> Decimal | str:
    """A value typed for an indicator (a cell of a package's `values` sheet) read as the entry form reads it.

    The form's own field for the unit and level does the reading, so the package and the form accept the same:
    «1 234», «4,5», «−3», «85 %» in a share; «да»/«нет» (or «1»/«0») for a yes/no; the words of a text
    indicator. Returns a Decimal (a yes/no as 1 or 0) or, for a text indicator, the text; raises
    EnteredValueError with the form's message, also for a value out of the unit's range.
    """
    name = "text" if unit == Unit.TEXT else "value"
    if scope != ValueScope.SCHOOL:
        if unit == Unit.TEXT:
            raise EnteredValueError(f"У текстового показателя нет значений для сравнения: уровень "
                                    f"«{ValueScope(scope).label}» не заполняется, текст вводится для уровня «школа».")
        name = BENCHMARK_FIELDS[ValueScope(scope)]
    field = _form_field(unit, name)
    if unit == Unit.BOOL and name == "value":
        text = YES_NO.get(text.strip().lower(), text)
    with translation.override("ru"):  # «4,5» is four and a half in the Russian locale the form works in
        try:
            value = field.clean(text)
        except ValidationError as exc:
            raise EnteredValueError(" ".join(exc.messages)) from None
    if isinstance(value, str):
        return value
    value = Decimal(value)
    if problem := out_of_range(value, unit):
        raise EnteredValueError(problem)
    return value


def pasted_column(text: str, fields: list[tuple[str, str]]) -> dict[str, str]:
    """A column copied from Excel, one cell a line, as form data of the section's value fields in order.

    `fields` are (form field name, unit). The cells stay as typed, so the form checks them as if she had typed
    each. Fewer lines than fields fill the first ones; more lines or several cells in a line fill none."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():  # Excel ends a copied column with a line break
        lines.pop()
    for number, line in enumerate(lines, 1):
        if "\t" in line:
            cells = ", ".join(f"«{cell.strip()}»" for cell in line.split("\t"))
            raise PasteError(f"Строка {number}: несколько ячеек ({cells}) — скопируйте один столбец значений. "
                             "Поля не заполнены.")
    if not lines:
        raise PasteError("Поле «Столбец значений» пусто: вставьте столбец из Excel.")
    if len(lines) > len(fields):
        raise PasteError(f"Вставлено строк: {len(lines)}, а полей для значений в разделе: {len(fields)}. "
                         "Поля не заполнены.")
    out = {}
    for (name, unit), line in zip(fields, lines, strict=False):
        cell = line.strip()
        out[name] = YES_NO.get(cell.lower(), cell) if unit == Unit.BOOL else cell
    return out
