"""Turning records into data values: extraction, mirroring manual values, recomputation.

`recompute(school, years)` is the one entry point the rest of the project calls
(after an import, after manual entry, from `vsoko compute`); it replaces the
school's computed and entered values of those years in one transaction.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from decimal import Decimal

from django.db import connection, transaction

from vsoko.datavalues import generation, staging
from vsoko.datavalues.enums import Source
from vsoko.datavalues.models import DataValue, RecomputeRequest
from vsoko.datavalues.registry import (
    breakdown_key,
    clean_breakdown,
    load_extractors,
    models_read,
    parse_key,
)
from vsoko.datavalues.staging import Grouped
from vsoko.records.enums import OrgUnitKind, ValueScope
from vsoko.records.models import (
    Assessment,
    Enrollment,
    Event,
    ManualValue,
    OrgUnit,
    PeriodMark,
    SchoolYear,
    StaffYear,
    SurveyAnswer,
)

RECOMPUTED_SOURCES = [Source.COMPUTED, Source.ENTERED, Source.BENCHMARK]
BATCH = 2000


def _decimal(value) -> Decimal:
    return value if value.__class__ is Decimal else Decimal(str(value))


def extract(school_ids: list[int], years: list[int]) -> list[DataValue]:
    """Computed data values of these schools and years (not saved): every registered extractor, summed by key."""
    try:
        staging.sum_staged(_stage(school_ids, years))
        rows = staging.fresh_rows()
    finally:
        staging.drop()
    return [
        DataValue(org_unit_id=s, year_id=y, period=p, code=c, key=k, breakdown=parse_key(k), value=_decimal(v),
                  source=source)
        for s, y, p, c, k, v, source in rows
    ]


def _stage(school_ids: list[int], years: list[int], *, manual: bool = False) -> set[str]:
    """Every extractor's values of these schools and years into the staging table (staging.py).
    Returns the codes whose keys may be staged more than once (`staging.sum_staged`).

    `Grouped` queries run inside the database; each output stages every key once. `Row`s
    computed in Python are summed by their raw breakdown first (a tuple of the dict's items,
    hashed in C), cleaned once per distinct raw breakdown (rows repeat the same few
    breakdowns across schools and years), then summed by key. A dimension's values come
    from one column, so True and 1 never meet in the same dimension of a code.
    """
    staging.create()
    outputs: Counter[str] = Counter()  # code -> the outputs and row sets giving it
    raw_totals: dict[tuple, object] = {}
    get = raw_totals.get
    for ext in load_extractors().values():
        for item in ext.fn(school_ids, years):
            if item.__class__ is Grouped:
                staging.insert_grouped(item)
                outputs.update(out.code for out in item.outputs)
                continue
            school_id, year, code, value, breakdown, period = item
            ident = (school_id, year, period, code, tuple(breakdown.items()) if breakdown else ())
            if value.__class__ is not int:
                value = _decimal(value or 0)
            raw_totals[ident] = get(ident, 0) + value

    keys: dict[tuple, str] = {}  # raw items -> canonical key
    totals: dict[tuple, object] = {}
    for (school_id, year, period, code, raw), value in raw_totals.items():
        key = keys.get(raw)
        if key is None:
            key = keys[raw] = breakdown_key(clean_breakdown(dict(raw)))
        ident = (school_id, year, period, code, key)
        totals[ident] = totals.get(ident, 0) + value
    outputs.update({code for _, _, _, code, _ in totals})
    staging.insert_rows([(*ident, _decimal(value), Source.COMPUTED) for ident, value in totals.items()])
    # A zero only where a code has no row at all: never a second value of a key.
    staging.insert_rows(_present_zeros(school_ids, years))
    if manual:
        entered = [(v.org_unit_id, v.year_id, v.period, v.code, v.key, v.value, v.source)
                   for v in manual_data_values(school_ids, years)]
        staging.insert_rows(entered)
        outputs.update({row[3] for row in entered})
        # An indicator «x.numerator» would give the same code as the numerator of «x».
        given = Counter((*row[:5], row[6]) for row in entered)
        outputs.update(ident[3] for ident, n in given.items() if n > 1)
    return {code for code, given in outputs.items() if given > 1}


def _present_zeros(school_ids: list[int], years: list[int]) -> list[tuple]:
    """Where an extractor's source data exist, a code of it without rows is a true zero, not "no data"."""
    seen = staging.codes_present()
    zeros = []
    for ext in load_extractors().values():
        if ext.present is None:
            continue
        for school_id, year in ext.present(school_ids, years):
            for code in ext.codes:
                if (school_id, year, code.code) not in seen:
                    zeros.append((school_id, year, None, code.code, "", Decimal(0), Source.COMPUTED))
    return zeros


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
    """Replace the school's computed and entered data values of these years. Returns the number of values
    the school now has in those years (not the number written, which is only the difference)."""
    years = sorted(set(years))
    if not years:
        return 0
    # Every caller (an import, manual entry, `vsoko compute`) may follow a bulk write; without fresh
    # statistics PostgreSQL plans the task-score joins as nested loops over "empty" tables (minutes).
    refresh_statistics()
    with requests_answered(RecomputeRequest.objects.filter(school=school, year_id__in=years)):
        return _replace([school.pk], years)


@contextmanager
def requests_answered(requests):
    """A recomputation answers the background requests (vsoko.datavalues.refresh) waiting when it starts:
    after it, they are removed, unless another request came for the same year meanwhile."""
    waiting = list(requests.values_list("pk", "version"))
    yield
    for pk, version in waiting:
        RecomputeRequest.objects.filter(pk=pk, version=version).delete()


# PostgreSQL settings for the recomputation's transaction: the grouped passes over marks
# and task scores and the summing of a chunk's staged values fit in memory instead of
# spilling to disk, and no time goes to compiling (JIT) plans that run once.
POSTGRESQL_SETTINGS = {"work_mem": "256MB", "jit": "off"}


def _replace(school_ids: list[int], years: list[int]) -> int:
    """Stage the values of these schools and years, then merge them into the store in one transaction.

    The stored values are exactly the fresh ones afterwards, and only the difference is
    written (`staging.merge`): after a re-import or `vsoko compute` nothing is. The same
    transaction gives the schools a new generation (vsoko.datavalues.generation), whether or not
    a value changed: the records behind them (procedures, classes) may have.
    """
    try:
        if connection.vendor == "postgresql":
            with transaction.atomic():
                with connection.cursor() as cursor:
                    for name, value in POSTGRESQL_SETTINGS.items():
                        cursor.execute("SELECT set_config(%s, %s, true)", [name, value])
                written = staging.sum_staged(_stage(school_ids, years, manual=True))
                staging.merge(school_ids, years, RECOMPUTED_SOURCES)
                generation.advance(school_ids)
            return written
        # SQLite: the staging tables are the connection's own (temp), so extraction runs before
        # the transaction takes the database's write lock.
        written = staging.sum_staged(_stage(school_ids, years, manual=True))
        with transaction.atomic():
            staging.merge(school_ids, years, RECOMPUTED_SOURCES)
            generation.advance(school_ids)
        return written
    finally:
        staging.drop()


def refresh_manual_values(school: OrgUnit, years: Iterable[int]) -> int:
    """Re-mirror only the school's manual values (after the entry form): no extraction needed."""
    years = sorted(set(years))
    rows = manual_data_values([school.pk], years)
    with transaction.atomic():
        DataValue.objects.filter(
            org_unit=school, year_id__in=years, source__in=[Source.ENTERED, Source.BENCHMARK]
        ).delete()
        DataValue.objects.bulk_create(rows, batch_size=BATCH)
        generation.advance([school.pk])
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


# The tables the core itself reads on every recomputation: the school years and org units (a table of a few
# rows is never analyzed by autovacuum, and without statistics the planner reads every enrollment to find which
# years have data, web.school_year), the data values and manual values, the tables of years_with_records().
CORE_STATISTICS_TABLES = (SchoolYear, OrgUnit, DataValue, ManualValue, Enrollment, StaffYear, PeriodMark, Event,
                          SurveyAnswer, Assessment)


def statistics_tables() -> list[str]:
    """The tables refresh_statistics() keeps analyzed: the core's and every table a registered extractor reads
    (`@extractor(reads=...)`): without statistics the attendance records («0 rows») were joined by nested loops."""
    models = {*CORE_STATISTICS_TABLES, *models_read()}
    return sorted(model._meta.db_table for model in models)


def refresh_statistics() -> None:
    """On PostgreSQL, ANALYZE the record tables whose statistics are stale: never analyzed, grown
    by more than a tenth and a page since, or with more rows changed since than autovacuum
    would allow (50 and a tenth; a re-import replaces rows without growing the table). Right after
    a large import the planner's row estimates are stale, and extraction plans built on them are
    many times slower; analyzing every table on every recomputation took a seventh of a school's
    time. A small table counts too: the classes of ten schools (7 pages), analyzed at the first
    school's 80, made the planner believe class ids end at 80 and join the CE students' events,
    programs and statuses by nested loops, twice the time of hash joins."""
    if connection.vendor != "postgresql":
        return
    tables = statistics_tables()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid "
            "WHERE c.oid IN (SELECT to_regclass(t) FROM unnest(%s::text[]) t) AND (c.reltuples < 0 "
            "OR pg_relation_size(c.oid) > (c.relpages * 1.1 + 1) * current_setting('block_size')::int "
            "OR s.n_mod_since_analyze > 50 + 0.1 * c.reltuples)",
            [tables],
        )
        for (table,) in cursor.fetchall():
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def recompute_all(years: Iterable[int] | None = None, *, chunk: int = 25, workers: int | None = None) -> int:
    """Recompute every school, in chunks of `chunk` schools (each chunk one transaction).

    On PostgreSQL the chunks run on `workers` connections at once (default: one per CPU,
    at most RECOMPUTE_WORKERS): the work is inside the database, where each connection has
    a process of its own. Inside an outer transaction (tests) and on SQLite, which has one
    writer, the chunks run one after the other.
    """
    refresh_statistics()
    school_ids = list(OrgUnit.objects.filter(kind=OrgUnitKind.SCHOOL).order_by("pk").values_list("pk", flat=True))
    years = sorted(set(years)) if years is not None else years_with_records()
    years = list(SchoolYear.objects.filter(start__in=years).values_list("start", flat=True))
    if not years:
        return 0
    chunks = [school_ids[i:i + chunk] for i in range(0, len(school_ids), chunk)]
    if workers is None:
        workers = min(os.cpu_count() or 1, RECOMPUTE_WORKERS)
    with requests_answered(RecomputeRequest.objects.filter(year_id__in=years)):
        if connection.vendor != "postgresql" or connection.in_atomic_block or workers < 2 or len(chunks) < 2:
            return sum(_replace(ids, years) for ids in chunks)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return sum(pool.map(lambda ids: _replace_on_own_connection(ids, years), chunks))


RECOMPUTE_WORKERS = 4


def _replace_on_own_connection(school_ids: list[int], years: list[int]) -> int:
    """`_replace` in a worker thread: Django gives the thread a connection of its own; close it after."""
    try:
        return _replace(school_ids, years)
    finally:
        connection.close()


def on_package_imported(sender, *, school, years, tables=None, **kwargs) -> None:
    """Receiver of vsoko.imports.signals.package_imported: values are current as soon as data change."""
    recompute(school, years)

