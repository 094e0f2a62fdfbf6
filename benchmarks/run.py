"""Reproducible benchmarks of vsoko: import, recomputation, indicator pages, document downloads.

    .venv/bin/python benchmarks/run.py                 # everything on SQLite (and PostgreSQL if reachable)
    .venv/bin/python benchmarks/run.py import          # only the import benchmark
    .venv/bin/python benchmarks/run.py compute --schools 50 --postgres
    .venv/bin/python benchmarks/run.py exports --schools 10 --repeat 5   # document downloads

Each measurement runs in a fresh child process with its own data folder and
database, so peak memory (ru_maxrss of the child) belongs to that step alone.
Results are printed as a Markdown table and appended to benchmarks/results.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.getenv("VSOKO_BENCH_PG", "postgres://postgres@127.0.0.1:5432/{name}")


# ---- child steps: each runs inside a child process with Django set up -------------------------

def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vsoko.settings")
    import django

    django.setup()


def child_generate(folder: str, students: int, years: int, seed: int) -> dict:
    """Write the demo package of one school (about `students` pupils) as CSV files."""
    from vsoko.demo.generator import generate_school
    from vsoko.demo.model import SchoolProfile

    package = generate_school(SchoolProfile(code="school-1", name="Бенчмарк", seed=f"{seed}-1", students=students), years)
    package.write_csv(Path(folder))
    counts = package.counts()
    return {"rows": sum(counts.values()), "marks": counts["marks"], "students": counts["students"]}


def child_import(folder: str) -> dict:
    _setup_django()
    from django.core.management import call_command

    call_command("init", school="Бенчмарк", verbosity=0)
    from vsoko.imports.service import import_package
    from vsoko.records.schools import resolve_school

    school = resolve_school(None)
    started = time.perf_counter()
    report = import_package(Path(folder), school=school)
    seconds = time.perf_counter() - started
    if not report.ok:
        raise SystemExit(f"import failed: {report.errors[:5]}")
    started = time.perf_counter()
    again = import_package(Path(folder), school=school)
    reimport_seconds = time.perf_counter() - started
    changed = sum(c.added + c.changed for c in again.counts.values())
    return {"seconds": seconds, "reimport_seconds": reimport_seconds, "reimport_changes": changed,
            **_import_to_indicators(school)}


def _import_to_indicators(school) -> dict:
    """From the end of an import to updated indicators: the recomputation the import runs before it
    returns (all three years, every value rewritten) and the evaluation of the core catalog for the
    latest year, as the first page read after the import does it."""
    from vsoko.datavalues.compute import recompute, years_with_records
    from vsoko.datavalues.models import DataValue
    from vsoko.indicators.evaluate import indicator_values
    from vsoko.indicators.values import definitions

    years = years_with_records([school.pk])
    DataValue.objects.filter(org_unit=school).delete()  # nothing to keep: every value is written anew
    started = time.perf_counter()
    recompute(school, years)
    recompute_seconds = time.perf_counter() - started
    catalog = definitions()
    started = time.perf_counter()
    values = indicator_values(school, years[-1], catalog, sorted(c for c in catalog if c.startswith("core.")))
    evaluate_seconds = time.perf_counter() - started
    return {"recompute_seconds": recompute_seconds, "evaluate_seconds": evaluate_seconds,
            "indicator_values": len(values)}


def child_demo(schools: int, seed: int) -> dict:
    _setup_django()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("demo", schools=schools, seed=seed, verbosity=0, force=True)
    return {"seconds": time.perf_counter() - started}


def child_compute() -> dict:
    _setup_django()
    from django.db import connection

    from vsoko.datavalues.compute import recompute_all

    started = time.perf_counter()
    recompute_all()
    compute_seconds = time.perf_counter() - started
    # One plain scan of the marks and results tables: the floor any recomputation must read.
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT school_id, year_id, count(*), max(mark) FROM records_periodmark GROUP BY school_id, year_id")
        cursor.fetchall()
        cursor.execute("SELECT school_id, count(*), max(primary_score) FROM records_result GROUP BY school_id")
        cursor.fetchall()
        cursor.execute("SELECT count(*), sum(points) FROM records_taskscore")
        cursor.fetchall()
    scan_seconds = time.perf_counter() - started
    from vsoko.datavalues.models import DataValue
    from vsoko.records.models import PeriodMark, Result, TaskScore

    passes_seconds = _largest_passes()
    writing_seconds = _writing_floor()
    return {
        "compute_seconds": compute_seconds,
        "scan_seconds": scan_seconds,
        "ratio": compute_seconds / scan_seconds if scan_seconds else None,
        "passes_seconds": passes_seconds,
        "writing_seconds": writing_seconds,
        "values": DataValue.objects.count(),
        "marks": PeriodMark.objects.count(),
        "results": Result.objects.count(),
        "task_scores": TaskScore.objects.count(),
    }


def _largest_passes() -> float:
    """The two grouped queries every recomputation must run, alone and counted inside the database:
    marks per grade, subject, mark and period with the CE join, and task points per task, class
    and mark. No recomputation of these values can take less; compared with the plain scan, they
    show how far the «3 × scan» target is from this data model."""
    from django.db import connection, transaction

    from vsoko.datavalues.compute import POSTGRESQL_SETTINGS, years_with_records
    from vsoko.datavalues.extractors.assessments import task_sums
    from vsoko.datavalues.extractors.core import marks
    from vsoko.records.enums import OrgUnitKind
    from vsoko.records.models import OrgUnit

    school_ids = list(OrgUnit.objects.filter(kind=OrgUnitKind.SCHOOL).values_list("pk", flat=True))
    years = years_with_records()
    mark_rows = next(marks(school_ids, years)).rows
    task_rows = task_sums(school_ids, years)
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # the recomputation's own settings (work_mem, jit)
            for name, value in POSTGRESQL_SETTINGS.items():
                cursor.execute("SELECT set_config(%s, %s, true)", [name, value])
        for sql, params in [(mark_rows.sql, mark_rows.params), (task_rows.sql, task_rows.params)]:
            cursor.execute(f"SELECT COUNT(*) FROM ({sql}) passes", params)
            cursor.fetchall()
    return time.perf_counter() - started


def _writing_floor() -> float | None:
    """PostgreSQL: writing as many rows as the store holds, shaped as the staged values (a code,
    a key of four dimensions, a number), into a temporary table, made inside the database from
    nothing: no record read, nothing grouped, nothing merged. Any recomputation that rewrites the
    store's values spends at least this; compared with the plain scan, it shows the part of the
    «3 × scan» target that writing the values alone takes."""
    from django.db import connection, transaction

    from vsoko.datavalues.compute import POSTGRESQL_SETTINGS
    from vsoko.datavalues.models import DataValue

    if connection.vendor != "postgresql":
        return None
    count = DataValue.objects.count()
    with transaction.atomic(), connection.cursor() as cursor:
        for name, value in POSTGRESQL_SETTINGS.items():
            cursor.execute("SELECT set_config(%s, %s, true)", [name, value])
        cursor.execute("CREATE TEMPORARY TABLE vsoko_writing_floor (org_unit_id INTEGER, year_id INTEGER, "
                       "period VARCHAR(10), code VARCHAR(120), key VARCHAR(400), value NUMERIC, source VARCHAR(20)) "
                       "ON COMMIT DROP")
        started = time.perf_counter()
        cursor.execute("INSERT INTO vsoko_writing_floor SELECT i %% 50, 2024, NULL, 'results.task_points', "
                       "'assessment=ВПР|class=5А|subject=математика|task=' || i, i, 'computed' "
                       "FROM generate_series(1, %s) i", [count])
        return time.perf_counter() - started


def child_pages(repeat: int) -> dict:
    """Median and worst time of the main pages, as the deputy, a teacher and a class teacher see them."""
    _setup_django()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    from django.test import Client

    from vsoko.indicators.models import Catalog, Indicator

    codes = ["core.quality", "core.vpr_base", "core.oge_mean_mark", "core.staff_courses_3y"]
    # The catalog tree of each shipped catalog (the demo school's default is core).
    catalogs = [c for c in ("core", "reg000", "reg004", "order1324") if Catalog.objects.filter(code=c).exists()]
    pages = {
        "deputy": ["/", "/students/", "/students/?q=ива", "/classes/", "/staff/", "/assessments/"]
        + [f"/indicators/?catalog={c}" for c in catalogs]
        + [f"/indicators/{code}/" for code in codes if Indicator.objects.filter(code=code).exists()]
        + analysis_pages() + survey_and_plan_pages() + progress_decision_and_staff_pages() + session7_pages()
        + session8_pages() + session11_pages() + session12_pages(),
        "teacher": ["/", "/students/", "/classes/", "/plan/", "/progress/", "/support/", "/observations/",
                    "/schedule/", "/rating/"],
        "class-teacher": ["/", "/students/", "/progress/", "/support/", "/diagnostics/", "/schedule/"],
        "observer": observer_pages(),
    }
    timings = {}
    for login, urls in pages.items():
        client = Client()
        client.login(username=login, password=login)
        for url in urls:
            timing = _timed_gets(client, login, url, repeat)
            timings[f"{url} ({login})"] = {"median_ms": timing["median_ms"], "max_ms": timing["max_ms"]}
    timings.update(new_generation_overview(repeat))
    return timings


def _timed_gets(client, login: str, url: str, repeat: int) -> dict:
    """The first request to `url` (which must answer 200), then `repeat` more: the first's time, the median and
    the worst of the others in milliseconds, and the response's size."""
    started = time.perf_counter()
    response = client.get(url)
    first = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"{login} {url}: HTTP {response.status_code}")
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        samples.append(time.perf_counter() - started)
    samples.sort()
    return {"first_ms": 1000 * first, "median_ms": 1000 * samples[len(samples) // 2], "max_ms": 1000 * samples[-1],
            "bytes": len(response.content)}


def new_generation_overview(repeat: int) -> dict:
    """The deputy's overview as the first request after a recomputation: the school's data generation
    advanced before each request, so the risk flags are computed, not read (vsoko.datavalues.generation)."""
    try:
        from vsoko.datavalues import generation
    except ImportError:  # before session 9 the flags were computed on every request
        return {}
    from django.test import Client

    from vsoko.records.enums import OrgUnitKind
    from vsoko.records.models import OrgUnit

    schools = list(OrgUnit.objects.filter(kind=OrgUnitKind.SCHOOL).values_list("pk", flat=True))
    client = Client()
    client.login(username="deputy", password="deputy")
    client.get("/")
    samples = []
    for _ in range(repeat):
        generation.advance(schools)
        started = time.perf_counter()
        client.get("/")
        samples.append(time.perf_counter() - started)
    samples.sort()
    return {"/ (deputy), first request after a recomputation": {"median_ms": 1000 * samples[len(samples) // 2],
                                                                "max_ms": 1000 * samples[-1]}}


def child_compare(repeat: int) -> dict:
    """Median and worst time of the observer's «Сравнение школ» (every school of the municipality)."""
    _setup_django()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    from django.test import Client

    client = Client()
    client.login(username="observer", password="observer")
    if client.get("/compare/").status_code != 200:
        raise SystemExit("observer /compare/: not 200")
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get("/compare/")
        samples.append(time.perf_counter() - started)
    samples.sort()
    return {"median_ms": 1000 * samples[len(samples) // 2], "max_ms": 1000 * samples[-1]}


def child_exports(repeat: int) -> dict:
    """The documents users wait for, downloaded as the pages download them (Django's test client, so the view,
    the audit record and the file): the pupil sheets of 5А and the period results in Word (deputy), the analytic
    and self-examination reports in Word, the public report in PDF (its first download in the process apart:
    it loads WeasyPrint and its fonts), the municipal report in Word and Excel (observer, every school)."""
    _setup_django()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    from django.test import Client

    from vsoko.records.enums import OrgUnitKind
    from vsoko.records.models import OrgUnit, SchoolClass

    school = OrgUnit.objects.filter(kind=OrgUnitKind.SCHOOL).order_by("pk").first()
    year = SchoolClass.objects.filter(school=school).order_by("-year_id").values_list("year_id", flat=True).first()
    school_class = SchoolClass.objects.get(school=school, year_id=year, name="5А")
    query = f"?school={school.code}&year={year}"
    downloads = {
        "deputy": [f"/progress/classes/{school_class.pk}/sheets.docx", f"/reports/period-results.docx{query}",
                   f"/reports/analytic.docx{query}", f"/reports/self-exam.docx{query}", f"/reports/public.pdf{query}"],
        "observer": ["/compare/municipal.docx", "/compare/municipal.xlsx"],
    }
    timings = {}
    for login, urls in downloads.items():
        client = Client()
        client.login(username=login, password=login)
        for url in urls:
            timings[f"{url} ({login})"] = _timed_gets(client, login, url, repeat)
    timings["schools"] = OrgUnit.objects.filter(kind=OrgUnitKind.SCHOOL).count()
    return timings


def analysis_pages() -> list[str]:
    """The analysis pages of the latest year: a ВПР and an ОГЭ, a grade, a class, a subject, a teacher, dynamics."""
    from vsoko.records.models import Assessment, SchoolClass, StaffMember

    year = Assessment.objects.order_by("-year_id").values_list("year_id", flat=True).first()
    vpr = Assessment.objects.filter(year_id=year, kind="vpr", grade=5).order_by("pk").first()
    oge = Assessment.objects.filter(year_id=year, kind="oge").order_by("pk").first()
    school_class = SchoolClass.objects.filter(year_id=year, name="5А").first()
    if not (vpr and oge and school_class):
        return []
    teacher = StaffMember.objects.filter(years__year_id=year, years__subjects=vpr.subject).first()
    urls = [
        f"/assessments/{vpr.pk}/", f"/assessments/{oge.pk}/", "/assessments/grades/5/",
        f"/assessments/classes/{school_class.pk}/", f"/assessments/subjects/{vpr.subject_id}/",
        f"/assessments/dynamics/?kind=vpr&subject={vpr.subject_id}&grade=5",
    ]
    if teacher:
        urls.append(f"/assessments/teachers/{teacher.pk}/")
    return urls


def survey_and_plan_pages() -> list[str]:
    """The demo's open survey (a link per class, its summary), the list of surveys, a printable QR sheet,
    the monitoring plan."""
    from vsoko.surveys.models import Survey

    survey = Survey.objects.order_by("pk").first()
    if survey is None:
        return ["/plan/"]
    link = survey.links.order_by("pk").first()
    return ["/surveys/", f"/surveys/{survey.pk}/", f"/surveys/{survey.pk}/links/{link.pk}/print/",
            "/surveys/answers/parents/", "/plan/", "/plan/?month=3"]


def session7_pages() -> list[str]:
    """Session 7: the support of pupils at risk (list and a case), the diagnostics (year and a procedure and a
    class), the assessment schedule (first half and the subjects' hours), the lesson-visit journal and its
    summary, the targets page with last year's and this year's values."""
    from vsoko.diagnostics.models import Diagnostic
    from vsoko.support.models import SupportCase

    urls = ["/support/", "/diagnostics/", "/schedule/", "/schedule/?half=2", "/schedule/hours/", "/observations/",
            "/observations/summary/", "/indicators/settings/targets/", "/indicators/settings/targets/?catalog=reg004"]
    if case := SupportCase.objects.order_by("pk").first():
        urls.append(f"/support/{case.pk}/")
    if diagnostic := Diagnostic.objects.order_by("-year_id", "pk").first():
        urls += [f"/diagnostics/procedure/{diagnostic.procedure}/", f"/diagnostics/{diagnostic.pk}/"]
    return urls


def session8_pages() -> list[str]:
    """Session 8: the monitoring plan (approved, with its amendments) and an item's form, the schedule's
    holidays, the self-examination texts, the reports page, the confirmations of deleting a case and a
    diagnostic, a diagnostic's correction form."""
    from vsoko.diagnostics.models import Diagnostic
    from vsoko.plan.models import PlanItem
    from vsoko.support.models import SupportCase

    urls = ["/plan/", "/schedule/holidays/", "/reports/", "/reports/self-exam/texts/"]
    if item := PlanItem.objects.order_by("-year_id", "pk").first():
        urls.append(f"/plan/{item.pk}/")
    if case := SupportCase.objects.order_by("pk").first():
        urls.append(f"/support/{case.pk}/delete/")
    if diagnostic := Diagnostic.objects.order_by("-year_id", "pk").first():
        urls += [f"/diagnostics/{diagnostic.pk}/edit/", f"/diagnostics/{diagnostic.pk}/delete/"]
    return urls


def session11_pages() -> list[str]:
    """Session 11: results in their social context, the public report's texts, the teachers' rating (the year's
    sheets, the rating, a sheet), the preschool monitoring (the year and a group), the external assessment
    (licence, inspections, НОКО, public observers)."""
    from vsoko.preschool.models import PreschoolGroup
    from vsoko.rating.models import RatingPeriod, RatingSheet

    urls = ["/assessments/context/", "/reports/public/texts/", "/rating/", "/preschool/", "/oversight/",
            "/oversight/inspections/", "/oversight/noko/", "/oversight/experts/"]
    if period := RatingPeriod.objects.order_by("-year_id").first():
        urls += [f"/rating/{period.pk}/", f"/rating/{period.pk}/rating/"]
        if sheet := RatingSheet.objects.filter(period=period).order_by("pk").first():
            urls.append(f"/rating/sheet/{sheet.pk}/")
    if group := PreschoolGroup.objects.order_by("-year_id", "pk").first():
        urls.append(f"/preschool/groups/{group.pk}/")
    return urls


def session12_pages() -> list[str]:
    """Session 12: the distribution of teaching load (the first grade's table), the teacher's analysis page with
    the load entered."""
    from vsoko.teaching.models import TeachingAssignment

    urls = ["/data/load/"]
    if assignment := TeachingAssignment.objects.order_by("-year_id", "pk").first():
        urls.append(f"/assessments/teachers/{assignment.staff_id}/?year={assignment.year_id}")
    return urls


def observer_pages() -> list[str]:
    """The municipality's pages of the observer: comparison of schools, preschool by organisation (session 12),
    results in their social context for the municipality (session 12), indicator pages (session 15)."""
    from vsoko.records.enums import OrgUnitKind
    from vsoko.records.models import OrgUnit

    urls = ["/progress/", "/compare/", "/preschool/municipality/",
            # the municipality's indicator pages: breakdowns checked school by school (session 15)
            "/indicators/core.quality/", "/indicators/core.vpr_base/"]
    if municipality := OrgUnit.objects.filter(kind=OrgUnitKind.MUNICIPALITY).order_by("pk").first():
        urls.append(f"/assessments/context/?municipality={municipality.code}")
    return urls


def progress_decision_and_staff_pages() -> list[str]:
    """Session 6: the period results (school and a class), decisions (list and one), the staff's perspective
    plan, the approval page with its periods table, the password form."""
    from vsoko.decisions.models import Decision
    from vsoko.records.models import SchoolClass

    school_class = SchoolClass.objects.filter(grade__gte=5).order_by("-year_id", "grade", "letter").first()
    decision = Decision.objects.order_by("pk").first()
    urls = ["/progress/", "/decisions/", "/staff/development/", "/data/approval/", "/password/"]
    if school_class:
        urls.append(f"/progress/classes/{school_class.pk}/")
    if decision:
        urls.append(f"/decisions/{decision.pk}/")
    return urls


CHILD_STEPS = {
    "generate": child_generate,
    "import": child_import,
    "demo": child_demo,
    "compute": child_compute,
    "pages": child_pages,
    "compare": child_compare,
    "exports": child_exports,
}


# ---- the parent: sets up databases and collects figures -------------------------------------

def run_child(step: str, env: dict[str, str], *args) -> dict:
    out = tempfile.NamedTemporaryFile(suffix=".json", delete=False)
    out.close()
    command = [sys.executable, __file__, "--child", step, out.name, *map(str, args)]
    started = time.perf_counter()
    completed = subprocess.run(command, env=env, cwd=ROOT)
    wall = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"benchmark step {step} failed")
    result = json.loads(Path(out.name).read_text())
    os.unlink(out.name)
    result["wall_seconds"] = wall
    return result


def database_env(kind: str, workdir: Path, name: str) -> dict[str, str]:
    env = dict(os.environ, VSOKO_DATA_DIR=str(workdir), DEBUG="True", LOG_LEVEL="ERROR")
    env.pop("DATABASE_URL", None)
    if kind == "postgres":
        db = f"vsoko_bench_{name}"
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"DROP DATABASE IF EXISTS {db}"], check=True)
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"CREATE DATABASE {db}"], check=True)
        env["DATABASE_URL"] = PG_URL.format(name=db)
    return env


def postgres_available() -> bool:
    return subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"]).returncode == 0


def bench_import(rows: list[str], students: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        package = Path(tmp) / "package"
        sizes = run_child("generate", dict(os.environ), package, students, 3, 7)
        for kind in kinds():
            workdir = Path(tmp) / kind
            workdir.mkdir()
            result = run_child("import", database_env(kind, workdir, "import"), package)
            rate = sizes["rows"] / result["seconds"]
            rows.append(
                f"| import, {sizes['students']} students × 3 years ({sizes['rows']:,} rows, {sizes['marks']:,} marks) | {kind} "
                f"| {result['seconds']:.1f} s ({rate:,.0f} rows/s); re-import {result['reimport_seconds']:.1f} s, "
                f"{result['reimport_changes']} changes | {result['peak_mb']:.0f} MB |".replace(",", " ")
            )
            rows.append(
                f"| end of import → updated indicators: recomputation {result['recompute_seconds']:.2f} s + "
                f"core catalog evaluated ({result['indicator_values']} values) {result['evaluate_seconds']:.2f} s "
                f"| {kind} | {result['recompute_seconds'] + result['evaluate_seconds']:.2f} s | |"
            )


def demo_databases(step: str, schools: int):
    """For each database kind, a fresh demo of one school and — on PostgreSQL, the issue's target for a
    municipality; SQLite is one school's database — of `schools` schools: (kind, count, env, the demo's timing)."""
    with tempfile.TemporaryDirectory() as tmp:
        for kind in kinds():
            for count in sorted({1, schools} if kind == "postgres" else {1}):
                workdir = Path(tmp) / f"{kind}-{count}"
                workdir.mkdir()
                env = database_env(kind, workdir, f"{step}{count}")
                yield kind, count, env, run_child("demo", env, count, 1)


def bench_compute(rows: list[str], schools: int, repeat: int) -> None:
    for kind, count, env, demo in demo_databases("compute", schools):
        result = run_child("compute", env)
        rows.append(
            f"| `vsoko demo --schools {count}` (generate + import + recompute) | {kind} | {demo['seconds']:.0f} s | {demo['peak_mb']:.0f} MB |"
        )
        rows.append(
            f"| full recomputation, {count} school(s), {result['marks']:,} marks, {result['task_scores']:,} task scores | {kind} "
            f"| {result['compute_seconds']:.2f} s; plain scan {result['scan_seconds']:.3f} s; ratio {result['ratio']:.1f} | {result['peak_mb']:.0f} MB |".replace(",", " ")
        )
        rows.append(
            f"| the marks and task-score passes alone, on one connection (floor of any recomputation), {count} school(s) | {kind} "
            f"| {result['passes_seconds']:.2f} s; {result['passes_seconds'] / result['scan_seconds']:.1f} × the plain scan | |"
        )
        if result["writing_seconds"] is not None:
            rows.append(
                f"| writing as many rows as the store holds ({result['values']:,}) into a temporary table, "
                f"nothing read (floor of any recomputation that rewrites them), {count} school(s) | {kind} "
                f"| {result['writing_seconds']:.2f} s; {result['writing_seconds'] / result['scan_seconds']:.1f} × the plain scan | |".replace(",", " ")
            )
        if count > 1:
            page = run_child("compare", env, repeat)
            rows.append(f"| page `/compare/` (observer, {count} schools; median of {repeat}) | {kind} "
                        f"| {page['median_ms']:.0f} ms (max {page['max_ms']:.0f} ms) | |")
        if count == 1:
            pages = run_child("pages", env, repeat)
            for url, timing in pages.items():
                if url == "wall_seconds" or url == "peak_mb":
                    continue
                rows.append(f"| page `{url}` (median of {repeat}) | {kind} | {timing['median_ms']:.0f} ms (max {timing['max_ms']:.0f} ms) | |")


def bench_exports(rows: list[str], schools: int, repeat: int) -> None:
    """The slow downloads: on the demo school (SQLite and PostgreSQL) and, on PostgreSQL, on a municipality of
    `schools` schools (its report reads every school; the school's documents do not change with it)."""
    for kind, count, env, _ in demo_databases("exports", schools):
        result = run_child("exports", env, repeat)
        for url, timing in result.items():
            if not isinstance(timing, dict):
                continue
            rows.append(f"| download `{url}`, {count} school(s) (first; median of {repeat}) | {kind} "
                        f"| {timing['first_ms']:.0f} ms; {timing['median_ms']:.0f} ms (max {timing['max_ms']:.0f} ms), "
                        f"{timing['bytes'] / 1024:.0f} KB | {result['peak_mb']:.0f} MB |")


_KINDS: list[str] = []


def kinds() -> list[str]:
    return _KINDS


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        step, out, *args = sys.argv[2:]
        function = CHILD_STEPS[step]
        converted = [int(a) if a.isdigit() else a for a in args]
        result = function(*converted)
        result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        Path(out).write_text(json.dumps(result))
        return

    parser = argparse.ArgumentParser(description="vsoko benchmarks")
    parser.add_argument("parts", nargs="*", default=["import", "compute"],
                        help="import, compute and/or exports (the last only when named)")
    parser.add_argument("--students", type=int, default=1000, help="pupils of the import benchmark's school")
    parser.add_argument("--schools", type=int, default=50, help="schools of the municipality benchmark")
    parser.add_argument("--repeat", type=int, default=20, help="requests per page for page timings")
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL only")
    parser.add_argument("--sqlite", action="store_true", help="SQLite only")
    options = parser.parse_args()
    if not options.postgres:
        _KINDS.append("sqlite")
    if not options.sqlite and postgres_available():
        _KINDS.append("postgres")

    rows: list[str] = []
    if "import" in options.parts:
        bench_import(rows, options.students)
    if "compute" in options.parts:
        bench_compute(rows, options.schools, options.repeat)
    if "exports" in options.parts:
        bench_exports(rows, options.schools, options.repeat)

    header = [
        f"### {datetime.date.today().isoformat()} — {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        f"Command: `.venv/bin/python benchmarks/run.py {' '.join(sys.argv[1:])}`".rstrip(),
        "",
        "| measurement | database | time | peak memory |",
        "|---|---|---|---|",
    ]
    table = "\n".join(header + rows) + "\n"
    print(table)
    with (ROOT / "benchmarks" / "results.md").open("a", encoding="utf-8") as f:
        f.write("\n" + table)


if __name__ == "__main__":
    main()
