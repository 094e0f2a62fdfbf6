"""The public report's PDF on a demo school: where its time goes, and what the writer's reuse saves.

    VSOKO_DATA_DIR=/tmp/x .venv/bin/vsoko init --school "Тест" && VSOKO_DATA_DIR=/tmp/x .venv/bin/vsoko demo --seed 1
    VSOKO_DATA_DIR=/tmp/x .venv/bin/python benchmarks/public_pdf.py [--repeat 5] [--profile]

Each round times the document's build (the queries and figures); `to_pdf` with the cache emptied (the HTML and
WeasyPrint's layout: a report made for the first time, or changed), `to_pdf` of the same report again (kept by its
HTML's digest); and — interleaved, under the same load — the same HTML through WeasyPrint with its per-document
defaults (a fresh font configuration, its own URL fetcher: what vsoko.reports.writers.to_pdf did before session 18).
Wall and CPU time, medians; the first round apart. `--profile` prints cProfile's 30 costliest calls of one more
round (cache emptied).
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import os
import pstats
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vsoko.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    import weasyprint
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from vsoko.records.enums import OrgUnitKind
    from vsoko.records.models import OrgUnit, SchoolYear
    from vsoko.reports import public
    from vsoko.reports.writers import to_html, to_pdf

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    school = OrgUnit.objects.filter(kind=OrgUnitKind.SCHOOL).order_by("pk").first()
    year = SchoolYear.objects.order_by("-start").first().start

    def timed(step):
        wall, cpu = time.perf_counter(), time.process_time()
        out = step()
        return out, time.perf_counter() - wall, time.process_time() - cpu

    rounds: dict[str, list[tuple[float, float]]] = {"build": [], "pdf": [], "again": [], "defaults": []}
    for i in range(args.repeat + 1):
        cache.clear()
        document, *build = timed(lambda: public.build(school, year))
        data, *pdf = timed(lambda document=document: to_pdf(document))
        _, *again = timed(lambda: to_pdf(public.build(school, year)))
        html = to_html(document).decode()
        _, *defaults = timed(lambda html=html: weasyprint.HTML(string=html).write_pdf())
        if i:  # the first round apart: imports, caches
            for key, value in (("build", build), ("pdf", pdf), ("again", again), ("defaults", defaults)):
                rounds[key].append(value)
    with CaptureQueriesContext(connection) as queries:
        public.build(school, year)

    def ms(key: str, which: int) -> str:
        return f"{statistics.median(r[which] for r in rounds[key]) * 1000:.0f}"

    print(f"{school.name}, {year}: {len(data)} B, {len(queries.captured_queries)} queries, median of {args.repeat}")
    print("| step | wall, ms | CPU, ms |\n|---|---|---|")
    for key, words in (("build", "public.build"),
                       ("pdf", "to_pdf, first time (HTML + WeasyPrint, fonts reused, no fetcher)"),
                       ("again", "public.build + to_pdf of the same report again (kept)"),
                       ("defaults", "the same HTML, WeasyPrint's per-document defaults (before)")):
        print(f"| {words} | {ms(key, 0)} | {ms(key, 1)} |")
    if args.profile:
        cache.clear()
        profile = cProfile.Profile()
        profile.enable()
        to_pdf(public.build(school, year))
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
