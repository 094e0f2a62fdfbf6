"""Every GET page as every demo persona: status, median time and the number of SQL queries.

    VSOKO_DATA_DIR=/tmp/demo .venv/bin/python benchmarks/pages.py measure --out big.json      # one demo
    .venv/bin/python benchmarks/pages.py growth small.json big.json                           # what grows

`measure` runs against the demo database of `VSOKO_DATA_DIR` (and `DATABASE_URL` when set): it logs in
as admin, director, deputy, mo-head, class-teacher, teacher and observer with Django's test client and
requests every URL pattern of tests/test_access_matrix.py that is not POST-only, with the ids of real
objects of the demo (a class 5А of the latest year, a pupil of it, a mathematics teacher, a procedure…).
For each page and persona it records the status, the median of `--repeat` timings after a first request
and the number of SQL queries of one request (CaptureQueriesContext). A page the persona may not open
(403/404) is kept with its status, its time not counted in the table.

`growth` compares two runs of the same pages on data of two sizes (`vsoko demo --seed 1 --students 200`
against `vsoko demo --seed 1`, or municipalities of 3 and 8 schools): a page whose query count differs
runs queries per pupil, class, teacher or school — the N+1 the product must not have.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PERSONAS = ("admin", "director", "deputy", "mo-head", "class-teacher", "teacher", "observer")


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vsoko.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # the 403s and 404s are expected


class _Any:
    """`classes["5А"]`, `students["ivanov"]`…: the access matrix's keys answered by a demo object found by `pick`."""

    def __init__(self, pick):
        self.pick = pick

    def __getitem__(self, key):
        found = self.pick(key)
        if found is None:
            raise LookupError(key)
        return found


class DemoWorld:
    """The objects the access matrix's URLs point at, taken from the demo database (the latest school year)."""

    def __init__(self):
        from vsoko.records.models import OrgUnit, SchoolClass

        self.school = OrgUnit.objects.filter(kind="school").order_by("pk").first()
        latest = SchoolClass.objects.filter(school=self.school).order_by("-year_id").values_list("year_id", flat=True)
        self.year = latest.first()
        self.classes = _Any(self._class)
        self.students = _Any(self._student)
        self.staff = _Any(self._staff)
        self.subjects = _Any(self._subject)
        self.users = _Any(self._user)

    def _class(self, name):
        from vsoko.records.models import SchoolClass

        in_year = SchoolClass.objects.filter(school=self.school, year_id=self.year)
        return in_year.filter(name=name).first() or in_year.first()

    def _student(self, _key):
        from vsoko.records.models import Enrollment

        enrolment = Enrollment.objects.filter(school_class=self._class("5А")).order_by("pk").first()
        return enrolment.student if enrolment else None

    def _staff(self, _key):
        from vsoko.records.models import StaffMember
        from vsoko.teaching.models import TeachingAssignment

        # A teacher of mathematics of the year, as Смирнова in the matrix's world.
        taught = TeachingAssignment.objects.filter(school=self.school, year_id=self.year, subject=self._subject("math"))
        teacher_id = taught.order_by("pk").values_list("staff_id", flat=True).first()
        return StaffMember.objects.filter(pk=teacher_id).first() or StaffMember.objects.order_by("pk").first()

    def _subject(self, _key):
        from vsoko.records.models import Subject

        return Subject.objects.filter(name__iexact="математика").first() or Subject.objects.order_by("pk").first()

    def _user(self, key):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(username=key.replace("_", "-")).first()

    def __getattr__(self, name):
        """assessment, survey, plan_item…: the first object of its model in the demo school."""
        if name not in _MODELS:
            raise AttributeError(name)
        found = _first(name, self)
        if found is None:
            raise LookupError(name)
        return found


def _first(name: str, world: DemoWorld):
    from vsoko.decisions.models import Decision
    from vsoko.diagnostics.models import Diagnostic
    from vsoko.indicators.models import Evidence
    from vsoko.inquiries.models import Inquiry, InquiryAnswer
    from vsoko.observations.models import LessonVisit
    from vsoko.oversight.models import (
        Credential,
        Finding,
        Inspection,
        NokoMeasure,
        NokoResult,
        Participation,
        PublicExpert,
    )
    from vsoko.plan.models import PlanItem
    from vsoko.preschool.models import PreschoolGroup
    from vsoko.rating.models import RatingPeriod, RatingSheet
    from vsoko.records.models import Assessment
    from vsoko.schedule.models import Holiday, ScheduledAssessment
    from vsoko.siteaudit.models import SiteAudit
    from vsoko.support.models import SupportCase, SupportMeasure
    from vsoko.surveys.models import Survey

    models = {
        "assessment": Assessment, "evidence": Evidence, "survey": Survey, "plan_item": PlanItem,
        "decision": Decision, "lesson_visit": LessonVisit, "diagnostic": Diagnostic, "scheduled": ScheduledAssessment,
        "holiday": Holiday, "support_case": SupportCase, "support_measure": SupportMeasure,
        "preschool_group": PreschoolGroup, "credential": Credential, "inspection": Inspection, "finding": Finding,
        "noko": NokoResult, "noko_measure": NokoMeasure, "public_expert": PublicExpert,
        "participation": Participation, "rating_period": RatingPeriod, "rating_sheet": RatingSheet,
        "site_audit": SiteAudit, "inquiry": Inquiry, "inquiry_answer": InquiryAnswer,
    }
    model = models[name]
    objects = model.objects.order_by("pk")
    if name == "assessment":  # a procedure with results, of the latest year
        objects = Assessment.objects.filter(school=world.school, results__isnull=False).distinct().order_by("-year_id", "pk")
    elif name == "rating_sheet":
        objects = RatingSheet.objects.order_by("-period__year", "pk")
    return objects.first()


_MODELS = {"assessment", "evidence", "survey", "plan_item", "decision", "lesson_visit", "diagnostic", "scheduled",
           "holiday", "support_case", "support_measure", "preschool_group", "credential", "inspection", "finding",
           "noko", "noko_measure", "public_expert", "participation", "rating_period", "rating_sheet", "site_audit",
           "inquiry", "inquiry_answer"}


class DemoFixture:
    """What the matrix's `kwargs` callables read (`f.world`, `f.run`, `f.upload`, `f.scale`)."""

    def __init__(self):
        from vsoko.assessments.models import ResultsUpload, ScaleDefinition
        from vsoko.imports.models import ImportRun

        self.world = DemoWorld()
        self.run = ImportRun.objects.order_by("-pk").first()
        self.other_run = self.run
        self.upload = ResultsUpload.objects.order_by("-pk").first()
        self.scale = ScaleDefinition.objects.order_by("pk").first()


def page_urls() -> list[tuple[str, str]]:
    """(URL name, path with query) of every GET page of the access matrix the demo has objects for."""
    from django.urls import reverse
    from django.utils.http import urlencode

    from tests.test_access_matrix import MATRIX

    fixture = DemoFixture()
    urls = []
    for name, page in sorted(MATRIX.items()):
        if page.post is not None or page.shadowed_by:
            continue
        try:
            path = reverse(name, kwargs=page.kwargs(fixture))
            query = page.query(fixture)
        except (LookupError, AttributeError) as missing:
            print(f"  skipped {name}: the demo has no {missing}", file=sys.stderr)
            continue
        if query:
            path += "?" + urlencode(query)
        urls.append((name, path))
    return urls


def measure(repeat: int, personas: tuple[str, ...]) -> list[dict]:
    """One row per page and persona: status, first and median time in ms, the queries of the first request and
    of a repeated one."""
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    rows = []
    urls = page_urls()
    for persona in personas:
        client = Client()
        if not client.login(username=persona, password=persona):
            print(f"  no demo user {persona}", file=sys.stderr)
            continue
        for name, url in urls:
            # The connection keeps its last 9 000 queries only; past them CaptureQueriesContext counts none.
            reset_queries()
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as first_queries:
                response = client.get(url)
                size = _body_size(response)  # a streamed download is read inside: its queries count
            first = time.perf_counter() - started
            # Then as a user who comes back: what the page keeps in the cache is not computed again.
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                _body_size(client.get(url))
            samples = []
            if response.status_code == 200:
                for _ in range(repeat):
                    started = time.perf_counter()
                    _body_size(client.get(url))
                    samples.append(time.perf_counter() - started)
            rows.append({"name": name, "url": url, "persona": persona, "status": response.status_code,
                         "first_ms": round(1000 * first, 1),
                         "median_ms": round(1000 * statistics.median(samples), 1) if samples else None,
                         "queries_first": len(first_queries), "queries": len(queries), "bytes": size})
    return rows


def _body_size(response) -> int:
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def table(rows: list[dict]) -> str:
    """Markdown, the pages that answered 200, slowest first (by the first request's time when not repeated)."""
    answered = sorted((r for r in rows if r["status"] == 200), key=lambda r: -(r["median_ms"] or r["first_ms"]))
    lines = ["| page | persona | median | first | queries (first; again) |", "|---|---|---|---|---|"]
    lines += [f"| `{r['url']}` | {r['persona']} | {r['median_ms'] or 0:.0f} ms | {r['first_ms']:.0f} ms | "
              f"{r['queries_first']}; {r['queries']} |" for r in answered]
    return "\n".join(lines)


def growth(small: list[dict], big: list[dict]) -> str:
    """The pages whose query count differs between the smaller and the bigger data (by URL name: ids differ)."""
    before = {(r["name"], r["persona"]): r for r in small}
    grown = []
    for row in big:
        other = before.get((row["name"], row["persona"]))
        if not other or other["status"] != 200 or row["status"] != 200:
            continue
        if other["queries"] != row["queries"] or other["queries_first"] != row["queries_first"]:
            grown.append((max(row["queries"] - other["queries"], row["queries_first"] - other["queries_first"]),
                          row, other))
    grown.sort(key=lambda g: -g[0])
    lines = ["| page | persona | queries, smaller (first; again) | queries, bigger (first; again) |",
             "|---|---|---|---|"]
    lines += [f"| `{row['url']}` | {row['persona']} | {other['queries_first']}; {other['queries']} | "
              f"{row['queries_first']}; {row['queries']} |" for _, row, other in grown]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    steps = parser.add_subparsers(dest="step", required=True)
    run = steps.add_parser("measure", help="every page of the demo of VSOKO_DATA_DIR / DATABASE_URL")
    run.add_argument("--repeat", type=int, default=5, help="timed requests after the first (default 5)")
    run.add_argument("--persona", action="append", choices=PERSONAS, help="only these personas")
    run.add_argument("--out", type=Path, help="the rows as JSON, for `growth`")
    compare = steps.add_parser("growth", help="pages whose query count grows with the data")
    compare.add_argument("smaller", type=Path)
    compare.add_argument("bigger", type=Path)
    args = parser.parse_args()
    if args.step == "measure":
        _setup_django()
        rows = measure(args.repeat, tuple(args.persona or PERSONAS))
        if args.out:
            args.out.write_text(json.dumps(rows, ensure_ascii=False, indent=1))
        print(table(rows))
    else:
        print(growth(json.loads(args.smaller.read_text()), json.loads(args.bigger.read_text())))


if __name__ == "__main__":
    main()
