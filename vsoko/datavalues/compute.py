"""Turning records into data values: extraction, mirroring manual values, recomputation.

`recompute(school, years)` is the one entry point the rest of the project calls
(after an import, after manual entry, from `vsoko compute`); it replaces the
school's computed and entered values of those years in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import Value

from vsoko.datavalues.enums import Source
from vsoko.datavalues.models import DataValue
from vsoko.datavalues.registry import breakdown_key, clean_breakdown, load_extractors
from vsoko.records.enums import OrgUnitKind, ValueScope
from vsoko.records.models import (
    Assessment,
    AssessmentTask,
    Enrollment,
    Event,
    ManualValue,
    OrgUnit,
    PeriodMark,
    Program,
    Result,
    SchoolClass,
    SchoolYear,
    SocialStatus,
    StaffEvent,
    StaffYear,
    Student,
    Subject,
    SurveyAnswer,
    TaskScore,
)

RECOMPUTED_SOURCES = [Source.COMPUTED, Source.ENTERED, Source.BENCHMARK]
BATCH = 2000


def _decimal(value) -> Decimal:
    return value if value.__class__ is Decimal else Decimal(str(value))


def extract(school_ids: list[int], years: list[int]) -> list[DataValue]:
    """Computed data values of these schools and years (not saved): every registered extractor, summed by key."""
    return [
        DataValue(org_unit_id=s, year_id=y, period=p, code=c, key=k, breakdown=json.loads(b), value=v,
                  source=Source.COMPUTED)
        for s, y, p, c, k, b, v, _ in _extracted(school_ids, years)
    ]


def _extracted(school_ids: list[int], years: list[int]) -> list[tuple]:
    """Computed data values as rows of COLUMNS, the breakdown as its JSON text.

    The extractors' rows are summed by their raw breakdown first (a tuple of the dict's
    items, hashed in C) and cleaned once per distinct raw breakdown at the end: rows repeat
    the same few thousand breakdowns across schools and years, and per-row Python was most
    of a recomputation's time. A dimension's values come from one column, so True and 1
    never meet in the same dimension of a code.
    """
    raw_totals: dict[tuple, object] = {}
    get = raw_totals.get
    for ext in load_extractors().values():
        for school_id, year, code, value, breakdown, period in ext.fn(school_ids, years):
            ident = (school_id, year, period, code, tuple(breakdown.items()) if breakdown else ())
            if value.__class__ is not int:
                value = _decimal(value or 0)
            raw_totals[ident] = get(ident, 0) + value
    _add_present_zeros(raw_totals, school_ids, years)

    keys: dict[tuple, str] = {}  # raw items -> canonical key
    texts: dict[str, str] = {}  # canonical key -> JSON text
    totals: dict[tuple, object] = {}
    for (school_id, year, period, code, raw), value in raw_totals.items():
        key = keys.get(raw)
        if key is None:
            breakdown = clean_breakdown(dict(raw))
            key = keys[raw] = breakdown_key(breakdown)
            texts.setdefault(key, _json(breakdown))
        ident = (school_id, year, period, code, key)
        totals[ident] = totals.get(ident, 0) + value
    return [(s, y, p, c, k, texts[k], _decimal(v), Source.COMPUTED) for (s, y, p, c, k), v in totals.items()]


def _add_present_zeros(raw_totals: dict[tuple, object], school_ids: list[int], years: list[int]) -> None:
    """Where an extractor's source data exist, a code of it without rows is a true zero, not "no data"."""
    seen = {(s, y, c) for s, y, _, c, _ in raw_totals}
    for ext in load_extractors().values():
        if ext.present is None:
            continue
        for school_id, year in ext.present(school_ids, years):
            for code in ext.codes:
                if (school_id, year, code.code) not in seen:
                    raw_totals[(school_id, year, None, code.code, ())] = 0


def _json(breakdown: dict[str, str]) -> str:
    """A breakdown as stored: JSON with the dimensions in name order (as in the key), so equal breakdowns
    are the same text on SQLite too."""
    return json.dumps(dict(sorted(breakdown.items())))


def manual_data_values(school_ids: list[int], years: list[int]) -> list[DataValue]:
    """records.ManualValue mirrored as data values: the indicator's code, `.numerator`, `.denominator`."""
    out = []
    for mv in ManualValue.objects.filter(school_id__in=school_ids, year_id__in=years):
        if mv.scope == ValueScope.SCHOOL:
            source, breakdown = Source.ENTERED, {}
        else:
            source, breakdown = Source.BENCHMARK, {"scope": mv.scope}
        for code, value in [(mv.indicator, mv.value), (f"{mv.indicator}.numerator", mv.numerator),
                            (f"{mv.indicator}.denominator", mv.denominator)]:
            if value is not None:
                out.append(DataValue(org_unit_id=mv.school_id, year_id=mv.year_id, code=code,
                                     key=breakdown_key(breakdown), breakdown=breakdown, value=value, source=source))
    return out


def recompute(school: OrgUnit, years: Iterable[int]) -> int:
    """Replace the school's computed and entered data values of these years. Returns the rows written."""
    years = sorted(set(years))
    if not years:
        return 0
    # Every caller (an import, manual entry, `vsoko compute`) may follow a bulk write; without fresh
    # statistics PostgreSQL plans the task-score joins as nested loops over "empty" tables (minutes).
    refresh_statistics()
    return _replace([school.pk], years)


# PostgreSQL settings for the recomputation's transaction: the grouped passes over marks
# and task scores of many schools fit in memory instead of spilling to disk, and no time
# goes to compiling (JIT) plans that run once. 50 schools: extraction 17 -> 13.5 s.
POSTGRESQL_SETTINGS = {"work_mem": "64MB", "jit": "off"}


def _replace(school_ids: list[int], years: list[int]) -> int:
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                for name, value in POSTGRESQL_SETTINGS.items():
                    cursor.execute("SELECT set_config(%s, %s, true)", [name, value])
            return _write(school_ids, years, _rows(school_ids, years))
    # SQLite: read before the transaction takes the database's write lock.
    rows = _rows(school_ids, years)
    with transaction.atomic():
        return _write(school_ids, years, rows)


def _rows(school_ids: list[int], years: list[int]) -> list[tuple]:
    rows = _extracted(school_ids, years)
    rows += [(v.org_unit_id, v.year_id, v.period, v.code, v.key, _json(v.breakdown), v.value, v.source)
             for v in manual_data_values(school_ids, years)]
    return rows


def _write(school_ids: list[int], years: list[int], rows: list[tuple]) -> int:
    """Make the stored values of these schools and years exactly `rows`, writing only the difference.

    A stored row that is gone or whose value or breakdown changed is deleted, a new or
    changed row inserted; after a re-import or `vsoko compute` most values are unchanged
    and nothing is written. Call it inside the transaction.
    """
    # (org unit, year, period, code, key, source) is what the unique constraints make unique.
    current = {(o, y, p, c, k, s): (pk, b, v) for pk, o, y, p, c, k, b, v, s in _stored(school_ids, years)}
    pop = current.pop
    compare_text = connection.vendor != "postgresql"
    stale, fresh = [], []
    for row in rows:
        o, y, p, c, k, b, v, s = row
        pk, text, value = pop((o, y, p, c, k, s), (None, None, None))
        if pk is not None:
            if value.__class__ is float:
                # SQLite returns a REAL for a decimal with a fraction (its shortest repr is the decimal written).
                value = Decimal(repr(value))
            # The same key means the same breakdown items; on PostgreSQL jsonb keeps no order, so the
            # text need not be read. SQLite keeps the JSON text as written: it must be the very text.
            if value == v and (not compare_text or text == b):
                continue
            stale.append(pk)
        fresh.append(row)
    stale += [pk for pk, _, _ in current.values()]
    for start in range(0, len(stale), BATCH):
        DataValue.objects.filter(pk__in=stale[start:start + BATCH]).delete()
    _insert(fresh)
    return len(rows)


def _stored(school_ids: list[int], years: list[int]) -> list[tuple]:
    """Stored rows (pk, *COLUMNS) as the database returns them: no per-row conversion by the ORM.

    PostgreSQL does not need the breakdown (see `_write`): an empty string stands for it.
    """
    columns = [f.attname for f in _fields()]
    if connection.vendor == "postgresql":
        columns[COLUMNS.index("breakdown")] = "unread"
    qs = DataValue.objects.filter(
        org_unit_id__in=school_ids, year_id__in=years, source__in=RECOMPUTED_SOURCES
    ).annotate(unread=Value("")).values_list("pk", *columns)
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


COLUMNS = ("org_unit", "year", "period", "code", "key", "breakdown", "value", "source")


def _fields():
    return [DataValue._meta.get_field(name) for name in COLUMNS]


def _insert(rows: list[tuple]) -> None:
    """Write data values given as rows of COLUMNS (the breakdown as JSON text): COPY on PostgreSQL,
    one INSERT run with executemany on SQLite.

    What is saved is bulk_create's building of an INSERT of 2,000 rows per batch and of a
    model instance per row, which took longer than the extraction itself
    (docs/data-values.md, «Производительность»). The decimal value is adapted by its
    model field exactly as bulk_create adapts it; the other columns are integers and text.
    """
    db = connections[DEFAULT_DB_ALIAS]
    fields = _fields()
    prep_value = DataValue._meta.get_field("value").get_db_prep_save
    table = db.ops.quote_name(DataValue._meta.db_table)
    columns = ", ".join(db.ops.quote_name(f.column) for f in fields)
    with db.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            batch = [(*row[:6], prep_value(row[6], db), row[7]) for row in rows[start:start + BATCH]]
            if db.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in batch:
                        copy.write_row(row)
            else:
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})",
                                   batch)


def refresh_manual_values(school: OrgUnit, years: Iterable[int]) -> int:
    """Re-mirror only the school's manual values (after the entry form): no extraction needed."""
    years = sorted(set(years))
    rows = manual_data_values([school.pk], years)
    with transaction.atomic():
        DataValue.objects.filter(
            org_unit=school, year_id__in=years, source__in=[Source.ENTERED, Source.BENCHMARK]
        ).delete()
        DataValue.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def years_with_records(school_ids: list[int] | None = None) -> list[int]:
    """School years in which any of the schools has records or manual values."""
    def of(model, field="year_id"):
        qs = model.objects.all()
        if school_ids is not None:
            qs = qs.filter(school_id__in=school_ids)
        return qs.values_list(field, flat=True).distinct()

    years: set[int] = set()
    for model in (Enrollment, StaffYear, PeriodMark, Event, SurveyAnswer, ManualValue):
        years.update(of(model))
    years.update(of(Assessment))
    return sorted(years)


STATISTICS_TABLES = (Enrollment, PeriodMark, Result, TaskScore, StaffYear, StaffEvent, Event, Program,
                     SocialStatus, SurveyAnswer, Student, Assessment, AssessmentTask, SchoolClass, Subject)


def refresh_statistics() -> None:
    """On PostgreSQL, ANALYZE the record tables whose statistics are stale: never analyzed, or
    grown by more than a tenth (and eight pages) since. Right after a large import the planner's
    row estimates are stale, and extraction plans built on them are many times slower; analyzing
    every table on every recomputation took a seventh of a school's time."""
    if connection.vendor != "postgresql":
        return
    tables = [model._meta.db_table for model in STATISTICS_TABLES]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE oid IN (SELECT to_regclass(t) FROM unnest(%s::text[]) t) "
            "AND (reltuples < 0 OR pg_relation_size(oid) > (relpages * 1.1 + 8) * current_setting('block_size')::int)",
            [tables],
        )
        for (table,) in cursor.fetchall():
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def recompute_all(years: Iterable[int] | None = None, *, chunk: int = 10) -> int:
    """Recompute every school in chunks of ten: a chunk is a few set-based queries, and 50 schools at once
    held 4 GB of extracted rows in memory (benchmarks/results.md)."""
    refresh_statistics()
    school_ids = list(OrgUnit.objects.filter(kind=OrgUnitKind.SCHOOL).order_by("pk").values_list("pk", flat=True))
    years = sorted(set(years)) if years is not None else years_with_records()
    years = list(SchoolYear.objects.filter(start__in=years).values_list("start", flat=True))
    written = 0
    for i in range(0, len(school_ids), chunk):
        if years:
            written += _replace(school_ids[i:i + chunk], years)
    return written


def on_package_imported(sender, *, school, years, tables=None, **kwargs) -> None:
    """Receiver of vsoko.imports.signals.package_imported: values are current as soon as data change."""
    recompute(school, years)

