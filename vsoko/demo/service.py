"""`vsoko demo`: generate the demo schools and load them through the import, as a user's package would be.

    run_demo(schools=1, years=3, seed=1)  →  DemoReport

Each school's package is written as CSV files to a temporary folder and loaded
with `vsoko.imports.service.import_package`, so the demo exercises the same
reading, checking and writing as real data. Same arguments, same database:
the packages are deterministic and the import matches rows by natural keys.
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from vsoko.demo.attendance import attend_demo_years
from vsoko.demo.decisions import decide_demo_years
from vsoko.demo.diagnostics import hold_demo_diagnostics
from vsoko.demo.generator import generate_school
from vsoko.demo.inquiries import inquire_demo_year
from vsoko.demo.model import LAST_YEAR, SchoolProfile
from vsoko.demo.observations import visit_demo_years
from vsoko.demo.oversight import oversee_demo_years
from vsoko.demo.package import Package
from vsoko.demo.plan import plan_demo_years
from vsoko.demo.preschool import preschool_demo_municipality, preschool_demo_years
from vsoko.demo.rating import rate_demo_year
from vsoko.demo.schedule import holidays_demo_years, schedule_demo_year
from vsoko.demo.self_exam import write_demo_self_exam
from vsoko.demo.siteaudit import audit_demo_sites
from vsoko.demo.support import support_demo_year
from vsoko.demo.surveys import open_demo_survey
from vsoko.demo.teaching import teach_demo_years
from vsoko.demo.users import DemoUser, ensure_demo_users, staff_names
from vsoko.records.models import OrgUnit
from vsoko.records.schools import (
    DEFAULT_SCHOOL_CODE,
    DEFAULT_SCHOOL_NAME,
    ensure_school,
)

DEMO_SCHOOL_NAME = "МБОУ «Демонстрационная СОШ»"
MUNICIPALITY_NAME = "Демонстрационный муниципальный район"

Say = Callable[[str], None]


class DemoImportFailed(Exception):
    """The import rejected a generated package: a bug of the generator (or of the importer)."""


@dataclass
class SchoolLoad:
    school: OrgUnit
    counts: dict[str, int]  # rows per table of the generated package
    added: int  # rows the import added, changed, found unchanged
    changed: int
    unchanged: int
    seconds: float


@dataclass
class DemoReport:
    schools: list[SchoolLoad] = field(default_factory=list)
    users: list[DemoUser] = field(default_factory=list)
    survey_token: str = ""  # the general link of the survey open for answers


def school_profiles(count: int, seed: int, students: int) -> list[SchoolProfile]:
    """The demo schools: school-1 is the typical one, the others differ in size, strength and objectivity."""
    rng = random.Random(f"{seed}-schools")
    profiles = [SchoolProfile(code=DEFAULT_SCHOOL_CODE, name=DEMO_SCHOOL_NAME, seed=f"{seed}-1", students=students)]
    for number in range(2, count + 1):
        kind = rng.choices(("СОШ", "Гимназия", "Лицей"), (80, 12, 8))[0]
        small = kind == "СОШ" and rng.random() < 0.15  # a small village school, usually weaker
        strength = rng.gauss(0, 0.25) + {"Гимназия": 0.45, "Лицей": 0.5}.get(kind, 0) - (0.3 if small else 0)
        size = rng.uniform(0.2, 0.4) if small else rng.uniform(0.5, 1.5)
        profiles.append(SchoolProfile(
            code=f"school-{number}", name=f"МБОУ «{kind} № {number}»", seed=f"{seed}-{number}",
            students=max(40, round(students * size)), strength=strength,
            # About one school in five marks more generously than its ВПР results show.
            lenience=rng.choice((0.0, 0.0, 0.0, 0.0, 0.45)),
            satisfaction=rng.gauss(0, 0.3),
        ))
    return profiles


PACKAGE_NAME = "Демонстрационный пакет"


def name_placeholder(school: OrgUnit, name: str) -> OrgUnit:
    """The school named as the demo says it is, where it still has the name a bare `vsoko init` gave it («Школа»):
    else one of the municipality's schools is «Школа» on every page. A name somebody chose is kept."""
    if school.name == DEFAULT_SCHOOL_NAME:
        school.name = name
        school.save(update_fields=["name"])
    return school


def run_demo(*, schools: int = 1, years: int = 3, seed: int = 1, students: int = 600, say: Say | None = None) -> DemoReport:
    from vsoko.imports.service import import_package

    say = say or (lambda message: None)
    report = DemoReport()
    first_package: Package | None = None
    for profile in school_profiles(schools, seed, students):
        started = time.monotonic()
        # The school as stored: a name given by `vsoko init --school` is kept, and the messages say that name.
        school = name_placeholder(
            ensure_school(name=profile.name, code=profile.code, municipality_name=MUNICIPALITY_NAME), profile.name)
        say(f"{school.name} ({profile.code}): создание данных за {years} г.")
        package = generate_school(profile, years)
        first_package = first_package or package
        with tempfile.TemporaryDirectory(prefix="vsoko-demo-") as temporary:
            # The folder's name is what the history of uploads and the overview show for the upload.
            folder = Path(temporary) / PACKAGE_NAME
            folder.mkdir()
            package.write_csv(folder)
            say(f"{school.name}: загрузка {sum(package.counts().values()):,} строк".replace(",", " "))
            with transaction.atomic():
                result = import_package(folder, school=school, progress=_progress(say))
                if result.ok:
                    # Within the import's transaction: its recomputation, on commit, counts the attendance too.
                    attend_demo_years(school, LAST_YEAR, years, seed, values=False)
        if not result.ok:
            shown = "\n".join(f"  {issue}" for issue in result.errors[:20])
            raise DemoImportFailed(f"Загрузка демонстрационных данных школы {profile.code} не прошла "
                                   f"({len(result.errors)} ошибок):\n{shown}")
        tallies = result.counts.values()
        report.schools.append(SchoolLoad(
            school, package.counts(), added=sum(c.added for c in tallies), changed=sum(c.changed for c in tallies),
            unchanged=sum(c.unchanged for c in tallies), seconds=time.monotonic() - started,
        ))
    first_school = report.schools[0].school
    report.users = ensure_demo_users(first_school, staff_names(first_package))
    report.survey_token = open_demo_survey(first_school, seed).token
    plan_demo_years(first_school, LAST_YEAR, years)
    decide_demo_years(first_school, LAST_YEAR)
    hold_demo_diagnostics(first_school, LAST_YEAR, years, seed)
    visit_demo_years(first_school, LAST_YEAR, seed=seed, years=years)
    teach_demo_years(first_school, LAST_YEAR, years)  # before the rating: its measures read the load
    rate_demo_year(first_school, LAST_YEAR, seed)  # after the visits: the rating reads them
    holidays_demo_years(first_school, LAST_YEAR, years)
    schedule_demo_year(first_school, LAST_YEAR, seed)
    support_demo_year(first_school, LAST_YEAR, seed)
    preschool_demo_years(first_school, LAST_YEAR, years, seed)
    preschool_demo_municipality([load.school for load in report.schools], LAST_YEAR, years, seed)
    write_demo_self_exam(first_school, LAST_YEAR, seed)
    oversee_demo_years(first_school, LAST_YEAR, seed=seed, years=years)
    all_schools = [load.school for load in report.schools]
    audit_demo_sites(all_schools, LAST_YEAR, seed)
    inquire_demo_year(all_schools, LAST_YEAR, seed)
    return report


def _progress(say: Say):
    """Report the import's progress through `say` every tenth of the way, not on every tick."""
    shown = {"bucket": -1}

    def progress(done: int, total: int, stage: str) -> None:
        percent = 100 * done // max(total, 1)
        if percent // 10 > shown["bucket"]:
            shown["bucket"] = percent // 10
            say(f"  {percent:3d} %  {stage}")

    return progress
