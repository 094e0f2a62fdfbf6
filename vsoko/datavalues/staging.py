"""Data values made inside the database: grouped queries written into a staging table, then merged.

An extractor yields `Row`s, computed in Python, or `Grouped` queries: a grouped queryset
and the codes (`Output`s) its rows give. A `Grouped` never comes to Python: its rows go
into the connection's staging table by one `WITH g AS (…) INSERT … SELECT`, with the
canonical key built in SQL exactly as `registry.breakdown_key` and `clean_breakdown`
build it. The breakdown's JSON is not staged: it is the key's items (`parse_key`), made
only for the values actually inserted. Each output sums the query's rows by its key, so
an output may leave dimensions out: `results.task_points` is the per-class task sums of
the same query with `class`, `task` and `assessment` summed away. A code given by more
than one output (or by `Row`s as well) is summed across them in `sum_staged`.

`merge()` then makes the stored values of the schools and years exactly the staged
ones, writing only the difference (two anti-joins; on PostgreSQL only over the codes
whose checksums differ). For 50 schools this keeps 1.5 of 1.7 million values out of
Python and the comparison inside the database (docs/data-values.md, «Производительность»).
The staging tables are temporary: each connection has its own.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import QuerySet

from vsoko.datavalues.enums import Source
from vsoko.datavalues.models import DataValue
from vsoko.datavalues.registry import parse_key

STAGED = "vsoko_staged_values"
FRESH = "vsoko_fresh_values"
CHANGED = "vsoko_changed_codes"
SUMMED = "vsoko_summed_values"
COLUMNS = ("org_unit_id", "year_id", "period", "code", "key", "value", "source")

TEXT_TYPES = {"CharField", "TextField", "SlugField"}
INTEGER_TYPES = {"IntegerField", "SmallIntegerField", "BigIntegerField", "PositiveIntegerField",
                 "PositiveSmallIntegerField", "PositiveBigIntegerField", "AutoField", "BigAutoField"}
NUMBER_TYPES = {"DecimalField", "FloatField"}


@dataclass(frozen=True)
class Output:
    """Data values of one code from the rows of a `Grouped` query.

    `dims` maps a dimension to a column of the query, `fixed` a dimension to a constant;
    `value` is the column summed; `period` a column holding the period (None: the whole
    year); `where` a boolean column a row must have true; `nonzero` leaves out rows whose
    value is 0 or NULL (else NULL counts as 0, as `Row` values do).
    """

    code: str
    dims: Mapping[str, str] = field(default_factory=dict)
    value: str = "n"
    fixed: Mapping[str, str] = field(default_factory=dict)
    period: str | None = None
    where: str | None = None
    nonzero: bool = False


@dataclass(frozen=True)
class SqlRows:
    """Grouped rows the ORM cannot express, as SQL: `columns` names each selected column and gives its
    field type (`get_internal_type()`), which decides how the key spells its values.

    For a GROUP BY over an already grouped subquery: the task scores are grouped by integer
    ids first and the names (procedure, subject, class) joined to the few grouped rows.
    """

    sql: str
    params: tuple
    columns: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Grouped:
    """Grouped rows (`values(…).annotate(…)` or `SqlRows`) whose rows become data values of `outputs`."""

    rows: QuerySet | SqlRows
    outputs: tuple[Output, ...]
    school: str = "school_id"
    year: str = "year_id"


def grouped(rows: QuerySet | SqlRows, code: str, dims: Mapping[str, str], *, value: str = "n", school: str = "school_id",
            year: str = "year_id", period: str | None = None, **options) -> Grouped:
    """One code from a grouped queryset: the counterpart of `grouped_rows` computed in the database."""
    return Grouped(rows, (Output(code, dims, value, period=period, **options),), school=school, year=year)


def regroup(rows: QuerySet, keys: list[str], counts: Mapping[str, str], *, where: str = "") -> SqlRows:
    """The rows of a grouped queryset grouped once more, inside the database: per-result or
    per-student rows counted per breakdown (two levels of aggregation, which the ORM does not
    express). `keys` name columns of `rows.values()`; `counts` maps a new column to an integer
    SQL aggregate over those columns (quoted names); `where` filters the inner rows.

    `core.regrouped` is the same grouping read into Python, for rows Python must still change.
    """
    inner, columns, params = _columns(rows)
    kind = dict(columns)
    quote = connection.ops.quote_name
    names = ", ".join(quote(name) for name, _ in columns)
    grouped_by = ", ".join(quote(key) for key in keys)
    aggregates = ", ".join(f"{sql} AS {quote(name)}" for name, sql in counts.items())
    sql = (f"WITH r({names}) AS ({inner}) SELECT {grouped_by}, {aggregates} FROM r"
           + (f" WHERE {where}" if where else "") + f" GROUP BY {grouped_by}")
    return SqlRows(sql, tuple(params), (*((key, kind[key]) for key in keys),
                                        *((name, "IntegerField") for name in counts)))


# ---- SQL -------------------------------------------------------------------------------------

def _canonical(column: str, internal_type: str) -> str:
    """SQL of `registry.dim_value` and the «|» replacement of `clean_breakdown`: text or NULL (no dimension)."""
    if internal_type in TEXT_TYPES:
        return f"NULLIF(REPLACE({column}, '|', '/'), '')"
    if internal_type in INTEGER_TYPES:
        return f"CAST({column} AS TEXT)"
    if internal_type == "BooleanField":
        return f"CASE WHEN {column} THEN 'yes' WHEN NOT {column} THEN 'no' END"
    if internal_type in NUMBER_TYPES:
        if connection.vendor == "postgresql":
            return f"CAST(trim_scale(CAST({column} AS NUMERIC)) AS TEXT)"
        # SQLite keeps 17.0 of a decimal column as the integer 17; a computed 17.0 is written as 17 too.
        return (f"CASE WHEN {column} = CAST({column} AS INTEGER) THEN CAST(CAST({column} AS INTEGER) AS TEXT) "
                f"ELSE CAST({column} AS TEXT) END")
    raise TypeError(f"a dimension cannot come from a column of type {internal_type}")


def _key(parts: list[tuple[str, str]]) -> str:
    """SQL of the canonical key from (dimension, SQL text or NULL) pairs."""
    if not parts:
        return "''"
    return "SUBSTR(" + " || ".join(f"COALESCE('|{dim}=' || {expr}, '')" for dim, expr in sorted(parts)) + ", 2)"


def _columns(rows: QuerySet | SqlRows) -> tuple[str, list[tuple[str, str]], list]:
    """The rows' SQL, their columns as (values() name, internal type), and the parameters."""
    if isinstance(rows, SqlRows):
        return rows.sql, list(rows.columns), list(rows.params)
    compiler = rows.query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    query = rows.query
    if query.selected is not None:
        names = list(query.selected)
    else:
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
    if len(names) != len(compiler.select):
        raise ValueError(f"cannot name the columns of a grouped query: {names}")
    types = [expr.output_field.get_internal_type() for expr, _, _ in compiler.select]
    return sql, list(zip(names, types, strict=True)), list(params)


def insert_sql(grouped_query: Grouped) -> tuple[str, list]:
    """`WITH g AS (query) INSERT INTO staged SELECT …` for every output of a grouped query.

    Each output sums the query's rows by its own key, so it stages every key once: an output
    may leave dimensions of the query out (`results.task_points` is a few hundred values out
    of hundreds of thousands of per-class rows), and two rows whose values spell the same
    key («17.0» and «17», «физика|химия» and «физика/химия») become one value. A dimension
    column is spelled once per row (`g`, columns `d…`), the key once per group; outputs with
    the same dimensions, period and conditions (points and maximum points of the same tasks)
    are summed in one grouping.
    """
    inner, columns, params = _columns(grouped_query.rows)
    column = {name: f"c{i}" for i, (name, _) in enumerate(columns)}
    kind = dict(columns)
    spelled: dict[str, str] = {}  # query column -> its canonical text column in g
    for out in grouped_query.outputs:
        for name in out.dims.values():
            spelled.setdefault(name, f"d{len(spelled)}")
    school, year = column[grouped_query.school], column[grouped_query.year]
    groupings: dict[tuple, list[tuple[str, str]]] = {}  # (dims, fixed, period, conditions) -> [(code, value)]
    for out in grouped_query.outputs:
        dims = tuple(sorted((dim, spelled[name]) for dim, name in out.dims.items()))
        fixed = tuple(sorted(out.fixed.items()))
        value = column[out.value]
        conditions = []
        if out.where:
            conditions.append(column[out.where])
        if out.nonzero:
            conditions.append(f"{value} <> 0")
        period = column[out.period] if out.period else "NULL"
        groupings.setdefault((dims, fixed, period, tuple(conditions)), []).append((out.code, value))

    names = ", ".join(column[name] for name, _ in columns)
    canonical = "".join(f", {_canonical(column[name], kind[name])} AS {d}" for name, d in spelled.items())
    ctes = [f"q({names}) AS ({inner})",
            f"g AS {'MATERIALIZED ' if len(grouped_query.outputs) > 1 else ''}(SELECT {names}{canonical} FROM q)"]
    selects = []
    computed = Source.COMPUTED.value
    for (dims, fixed, period, conditions), codes in groupings.items():
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        group_by = ", ".join([school, year, *([period] if period != "NULL" else []), *(d for _, d in dims)])
        parts = [*dims, *((dim, _quoted(str(constant).replace("|", "/"))) for dim, constant in fixed)]
        if len(codes) == 1:
            (code, value), = codes
            selects.append(f"SELECT {school}, {year}, {period}, {_quoted(code)}, {_key(parts)}, "
                           f"COALESCE(SUM({value}), 0), '{computed}' FROM g{where} GROUP BY {group_by}")
            continue
        name = f"o{len(ctes)}"
        sums = ", ".join(f"SUM({value}) AS s{i}" for i, (_, value) in enumerate(codes))
        ctes.append(f"{name} AS MATERIALIZED (SELECT {school} AS school, {year} AS year, {period} AS period, "
                    f"{_key(parts)} AS key, {sums} FROM g{where} GROUP BY {group_by})")
        selects += [f"SELECT school, year, period, {_quoted(code)}, key, COALESCE(s{i}, 0), '{computed}' FROM {name}"
                    for i, (code, _) in enumerate(codes)]
    sql = f"WITH {', '.join(ctes)} INSERT INTO {STAGED} ({', '.join(COLUMNS)}) " + " UNION ALL ".join(selects)
    return sql, params


def _quoted(text: str) -> str:
    """A constant in the SQL (a code, a fixed dimension's value), with «%» escaped for the parameters."""
    return "'" + str(text).replace("'", "''").replace("%", "%%") + "'"


# ---- the staging table -----------------------------------------------------------------------

def create() -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        connection.connection.create_function("vsoko_breakdown", 1, breakdown_json, deterministic=True)
    drop()
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {STAGED} (org_unit_id INTEGER, year_id INTEGER, period VARCHAR(10), "
            "code VARCHAR(120), key VARCHAR(400), value NUMERIC, source VARCHAR(20))"
        )


def drop() -> None:
    with connection.cursor() as cursor:
        for table in (STAGED, SUMMED, FRESH, CHANGED):
            cursor.execute(f"DROP TABLE IF EXISTS {table}")


def insert_grouped(grouped_query: Grouped) -> None:
    sql, params = insert_sql(grouped_query)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def insert_rows(rows: list[tuple]) -> None:
    """Rows of COLUMNS computed in Python."""
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {STAGED} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(f"INSERT INTO {STAGED} ({', '.join(COLUMNS)}) VALUES ({', '.join(['%s'] * 7)})",
                               [(*row[:5], str(row[5]), row[6]) for row in rows])


def codes_present() -> set[tuple[int, int, str]]:
    """(school, year, code) of the staged rows."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT org_unit_id, year_id, code FROM {STAGED}")
        return set(cursor.fetchall())


def sum_staged(summed: Collection[str] | None = None) -> int:
    """Make the staged rows the fresh values, one per code and key; returns their number.

    Only the codes in `summed` (None: every code) can have a key more than once, because
    more than one output or `Row`s gave them: those are added up. The others are taken as
    they are: summing 1.7 million values that are already one per key took a fifth of the
    recomputation of 50 schools.
    """
    columns = ", ".join(COLUMNS)
    with connection.cursor() as cursor:
        if summed is None:
            cursor.execute(
                f"CREATE TEMPORARY TABLE {FRESH} AS SELECT org_unit_id, year_id, period, code, key, "
                f"SUM(value) AS value, source FROM {STAGED} GROUP BY org_unit_id, year_id, period, code, key, source"
            )
            cursor.execute(f"DROP TABLE {STAGED}")
        else:
            if summed:
                codes = sorted(summed)
                listed = ", ".join(["%s"] * len(codes))
                cursor.execute(
                    f"CREATE TEMPORARY TABLE {SUMMED} AS SELECT org_unit_id, year_id, period, code, key, "
                    f"SUM(value) AS value, source FROM {STAGED} WHERE code IN ({listed}) "
                    "GROUP BY org_unit_id, year_id, period, code, key, source", codes,
                )
                cursor.execute(f"DELETE FROM {STAGED} WHERE code IN ({listed})", codes)
                cursor.execute(f"INSERT INTO {STAGED} ({columns}) SELECT {columns} FROM {SUMMED}")
                cursor.execute(f"DROP TABLE {SUMMED}")
            cursor.execute(f"ALTER TABLE {STAGED} RENAME TO {FRESH}")
        # PostgreSQL: the table is not analyzed (a fifth of a second for ten schools). Without statistics
        # the merge's anti-joins were once planned as nested loops (45 s for ten schools instead of 2);
        # the merge now forbids nested loops, and hashes whatever the estimates.
        if connection.vendor == "sqlite":
            # SQLite answers the merge's correlated NOT EXISTS by this index.
            cursor.execute(f"CREATE INDEX {FRESH}_ident ON {FRESH} (org_unit_id, year_id, code, key)")
        cursor.execute(f"SELECT COUNT(*) FROM {FRESH}")
        return cursor.fetchone()[0]


def fresh_rows() -> list[tuple]:
    """The fresh values as rows of COLUMNS (value as the database returns it)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(COLUMNS)} FROM {FRESH}")
        return cursor.fetchall()


def merge(school_ids: list[int], years: list[int], sources: list[str]) -> None:
    """Make the stored values of these schools, years and sources exactly the fresh ones.

    A stored value whose identity (unit, year, period, code, key, source) is not fresh, or
    whose value changed, is deleted; a fresh value without a stored one is inserted. After
    a re-import or `vsoko compute` nothing is written. Call it inside a transaction.

    On PostgreSQL the codes whose values differ are found first, by a checksum of each
    code's values on both sides (two grouped passes); the anti-joins then compare only
    those codes' values. For 50 unchanged schools that is 3 s instead of 19.
    """
    table = connection.ops.quote_name(DataValue._meta.db_table)
    same = ("{f}.org_unit_id = {d}.org_unit_id AND {f}.year_id = {d}.year_id AND {f}.code = {d}.code "
            "AND {f}.key = {d}.key AND {f}.source = {d}.source")
    def in_scope(alias: str) -> str:
        return (f"{alias}.org_unit_id IN ({', '.join(['%s'] * len(school_ids))}) "
                f"AND {alias}.year_id IN ({', '.join(['%s'] * len(years))}) "
                f"AND {alias}.source IN ({', '.join(['%s'] * len(sources))})")

    scope = in_scope(table)
    params = [*school_ids, *years, *sources]
    changed_stored = changed_fresh = ""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The store's statistics may be stale within the transaction (a whole school's values
            # deleted or inserted a statement earlier), and a nested loop over such "one row"
            # estimates compared 30 thousand values with 6 thousand one by one (16 s). Hash joins
            # never lose much here; the setting ends with the transaction.
            cursor.execute("SELECT set_config('enable_nestloop', 'off', true)")
            _changed_codes(cursor, table, in_scope("d"), params)
            changed_stored = (f" AND ({table}.org_unit_id, {table}.year_id, {table}.code) IN "
                              f"(SELECT org_unit_id, year_id, code FROM {CHANGED})")
            changed_fresh = f" AND (f.org_unit_id, f.year_id, f.code) IN (SELECT org_unit_id, year_id, code FROM {CHANGED})"
        cursor.execute(
            f"DELETE FROM {table} WHERE {scope}{changed_stored} AND NOT EXISTS (SELECT 1 FROM {FRESH} f WHERE "
            f"{same.format(f='f', d=table)} AND COALESCE(f.period, '') = COALESCE({table}.period, '') "
            f"AND f.value = {table}.value)",
            params,
        )
        breakdown = _breakdown_from_key("f.key")
        # Whole-year values and period values apart: each is unique by its own partial index,
        # which SQLite uses only when the condition names the index's `period IS [NOT] NULL`.
        # The stored side names its own `period IS [NOT] NULL` too, so that neither statement
        # compares with the values the other has just inserted.
        for fresh, stored in [("f.period IS NULL", f"{table}.period IS NULL"),
                              ("f.period IS NOT NULL", f"{table}.period IS NOT NULL AND {table}.period = f.period")]:
            cursor.execute(
                f"INSERT INTO {table} (org_unit_id, year_id, period, code, key, breakdown, value, source) "
                f"SELECT f.org_unit_id, f.year_id, f.period, f.code, f.key, {breakdown}, f.value, f.source "
                f"FROM {FRESH} f WHERE {fresh}{changed_fresh} AND NOT EXISTS (SELECT 1 FROM {table} "
                f"WHERE {scope} AND {same.format(f='f', d=table)} AND {stored})",
                params,
            )


def _changed_codes(cursor, table: str, stored_scope: str, params: list) -> None:
    """PostgreSQL: (unit, year, code) whose fresh and stored values differ, into the table CHANGED;
    `stored_scope` selects the stored values (alias `d`).

    A code's checksum is the number of its values and the sum of a 64-bit hash of each
    value's identity and amount (the amount without trailing zeros, as stored and as summed
    differ in scale); a change leaves both equal only if two hashes collide.
    """
    def checksum(source: str, alias: str) -> str:
        value = (f"hashtextextended({alias}.source || '|' || COALESCE({alias}.period, '') || '|' || {alias}.key "
                 f"|| '=' || CAST(trim_scale({alias}.value) AS TEXT), 0)")
        return (f"SELECT {alias}.org_unit_id, {alias}.year_id, {alias}.code, COUNT(*) AS n, SUM({value}) AS h "
                f"FROM {source} GROUP BY 1, 2, 3")

    cursor.execute(
        f"CREATE TEMPORARY TABLE {CHANGED} AS SELECT COALESCE(f.org_unit_id, d.org_unit_id) AS org_unit_id, "
        "COALESCE(f.year_id, d.year_id) AS year_id, COALESCE(f.code, d.code) AS code "
        f"FROM ({checksum(f'{FRESH} f', 'f')}) f "
        f"FULL JOIN ({checksum(f'{table} d WHERE {stored_scope}', 'd')}) d "
        "ON f.org_unit_id = d.org_unit_id AND f.year_id = d.year_id AND f.code = d.code "
        "WHERE f.n IS DISTINCT FROM d.n OR f.h IS DISTINCT FROM d.h",
        params,
    )
    cursor.execute(f"ANALYZE {CHANGED}")


def _breakdown_from_key(key: str) -> str:
    """SQL of the breakdown a key stands for (`registry.parse_key`): each «dim=value» split at its first «=».

    Set-based, one expression per row: a key with one «=» per part (every value of the demo
    school's 41 509) turns every «=» into the separator and is read whole (`jsonb_object` of
    alternating names and values; SQLite: the key quoted as a JSON string by `json_quote`, «=» and
    «|» replaced by the JSON punctuation, as `breakdown_json` spells it). Only a value holding an
    «=» takes the slow way: a regular expression (PostgreSQL) or the Python function of the
    connection (SQLite, `create`). For the demo school's 41 509 keys the subquery aggregating each
    key's parts took 0.45–0.95 s on PostgreSQL, this 0.2 s; the Python function 0.5–1.2 s on SQLite,
    this 0.15 s (docs/data-values.md, «Производительность»).
    """
    size = "octet_length" if connection.vendor == "postgresql" else "length"  # SQLite before 3.43: no octet_length
    one_per_part = (f"{size}({key}) - {size}(replace({key}, '=', '')) "
                    f"= {size}({key}) - {size}(replace({key}, '|', '')) + 1")
    if connection.vendor == "postgresql":
        # The first «=» of each part (names have none, values no «|») becomes «|».
        first = f"regexp_replace({key}, '(^|\\|)([^=|]*)=', '\\1\\2|', 'g')"
        return (f"jsonb_object(string_to_array(CASE WHEN {key} = '' OR {one_per_part} THEN replace({key}, '=', '|') "
                f"ELSE {first} END, '|'))")
    return (f"CASE WHEN {key} = '' THEN '{{}}' WHEN {one_per_part} THEN "
            f"'{{' || replace(replace(json_quote({key}), '=', '\":\"'), '|', '\",\"') || '}}' "
            f"ELSE vsoko_breakdown({key}) END")


def breakdown_json(key: str) -> str:
    """The JSON text of a key's breakdown, dimensions in name order (as in the key), compact, UTF-8."""
    return json.dumps(parse_key(key), ensure_ascii=False, separators=(",", ":"))
