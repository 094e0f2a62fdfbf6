"""The synthetic school: a year-by-year simulation that fills every table of the data package.

Each year: the classes of 1 September, pupils arriving and leaving during the
year, the staff, quarter and year marks, ВПР, ГИА, year outcomes, certificates
and destinations of graduates, social status, olympiads, programs, surveys and
manual values; then the summer: graduates leave, everyone moves up a grade,
a new first grade comes. Everything is drawn from one `random.Random` seeded by
the school's seed, so the same seed gives the same package.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from vsoko.demo.activities import add_events, add_programs
from vsoko.demo.assessments import GiaOutcome, YearAssessments
from vsoko.demo.manual_values import YearFacts, add_values
from vsoko.demo.marks import NA, YearMarks, year_marks
from vsoko.demo.model import (
    LAST_YEAR,
    PERIODS,
    YEAR_PERIOD,
    Calendar,
    Pupil,
    SchoolProfile,
)
from vsoko.demo.package import Package
from vsoko.demo.population import LARGE_FAMILY, Contingent, set_pe_group
from vsoko.demo.social import add_social
from vsoko.demo.staff import StaffRoom
from vsoko.demo.surveys import add_surveys
from vsoko.records.years import year_label

FAILING = {"2", "1", NA, "незачет"}
PROMOTED = "переведен"
CONDITIONAL = "условно переведен"
REPEATING = "оставлен на повторное обучение"
GRADUATED = "окончил"
LEFT = "выбыл"


def generate_school(profile: SchoolProfile, years: int = 3, *, last_year: int = LAST_YEAR,
                    progress: Callable[[str], None] | None = None) -> Package:
    """The whole data package of one demo school for `years` school years ending with `last_year`."""
    return SchoolSimulation(profile, last_year - years + 1, last_year, progress).run()


class SchoolSimulation:
    def __init__(self, profile: SchoolProfile, first_year: int, last_year: int,
                 progress: Callable[[str], None] | None = None) -> None:
        self.profile = profile
        self.first_year, self.last_year = first_year, last_year
        self.rng = random.Random(profile.seed)
        self.package = Package()
        self.contingent = Contingent(self.rng, profile)
        self.staff = StaffRoom(self.rng, self.package, first_year)
        self.progress = progress or (lambda message: None)
        self.known: set[str] = set()  # pupils already enrolled in an earlier demo year

    def run(self) -> Package:
        self.contingent.populate(self.first_year)
        self.known = {p.sid for p in self.contingent.pupils}
        for year in range(self.first_year, self.last_year + 1):
            self.progress(f"{self.profile.code}: {year_label(year)}")
            self.simulate_year(Calendar(year))
        for pupil in self.contingent.everyone:
            self.package.add("students", student_id=pupil.sid, last_name=pupil.last_name, first_name=pupil.first_name,
                             middle_name=pupil.middle_name, birth_date=pupil.birth_date, sex=pupil.sex)
        # The sheet «Предметы»: the subjects the school's marks and assessments name, as a school lists them.
        used = {r["subject"] for key in ("marks", "assessments") for r in self.package.tables[key] if r.get("subject")}
        for name in sorted(used):
            self.package.add("subjects", subject=name)
        return self.package

    def simulate_year(self, cal: Calendar) -> None:
        rng = self.rng
        contingent = self.contingent
        contingent.mid_year_moves(cal)
        newcomers = {p.sid for p in contingent.pupils if p.sid not in self.known}
        self.known |= newcomers
        classes = contingent.classes()
        pupils = [p for members in classes.values() for p in members]
        self.staff.staff_year(cal.year, {name: (members[0].grade, len(members)) for name, members in classes.items()})

        marks: dict[str, YearMarks] = {}
        for pupil in pupils:
            marks[pupil.sid] = year_marks(rng, pupil, cal)
            self._add_marks(cal, pupil, marks[pupil.sid])

        exams = YearAssessments(rng, self.package, self.profile, cal, marks)
        exams.vpr(classes)
        exams.regional_fl(classes)
        at_end = [p for p in pupils if p.left_on is None]
        ninth = [p for p in at_end if p.grade == 9]
        interview = exams.interview(ninth)
        admitted = {p.sid for p in at_end if p.grade in (9, 11) and not self._failing(marks[p.sid])}
        admitted -= {p.sid for p in ninth if p.sid not in interview}
        gia = exams.oge([p for p in ninth if p.sid in admitted])
        gia |= exams.ege([p for p in at_end if p.grade == 11 and p.sid in admitted])

        outcomes = {p.sid: self._outcome(p, marks[p.sid], admitted, gia) for p in pupils}
        continuing = self._choose_tenth_grade(ninth, outcomes)
        for pupil in pupils:
            self._add_enrollment(cal, pupil, marks[pupil.sid], outcomes[pupil.sid], admitted, gia, continuing)

        add_social(rng, self.package, cal, pupils, newcomers)
        add_events(rng, self.package, cal, pupils)
        in_additional = add_programs(rng, self.package, cal, pupils)
        add_surveys(rng, self.package, cal, self.profile, at_end, in_additional, teachers=len(self.staff.pedagogical()))
        add_values(rng, self.package, cal, self._facts(cal, at_end, classes))
        self.staff.events(cal)
        if cal.year < self.last_year:
            self._summer(cal, outcomes, continuing)

    def _facts(self, cal: Calendar, pupils: list[Pupil], classes: dict[str, list[Pupil]]) -> YearFacts:
        teachers = self.staff.pedagogical()
        count = lambda test: sum(1 for p in pupils if test(p))  # noqa: E731
        return YearFacts(
            students=len(pupils), seniors=count(lambda p: p.grade >= 10), tenth=count(lambda p: p.grade == 10),
            eleventh=count(lambda p: p.grade == 11), older=count(lambda p: p.grade >= 7), ovz=count(lambda p: p.ovz),
            non_native=count(lambda p: p.non_native), risk=count(lambda p: bool(p.family - {LARGE_FAMILY} or p.conditions)),
            teachers=len(teachers), young=sum(1 for t in teachers if t.experience_on(cal.start) < 3),
            classes=len(classes),
        )

    def _add_marks(self, cal: Calendar, pupil: Pupil, marks: YearMarks) -> None:
        year = year_label(cal.year)
        for subject, quarters in marks.quarters.items():
            for period, mark in zip(PERIODS, quarters, strict=True):
                if mark:
                    self.package.add("marks", year=year, period=period, student_id=pupil.sid, subject=subject, mark=mark)
            if subject in marks.year:
                self.package.add("marks", year=year, period=YEAR_PERIOD, student_id=pupil.sid, subject=subject,
                                 mark=marks.year[subject])

    @staticmethod
    def _failing(marks: YearMarks) -> int:
        return sum(1 for mark in marks.year.values() if mark in FAILING)

    def _outcome(self, pupil: Pupil, marks: YearMarks, admitted: set[str], gia: dict[str, GiaOutcome]) -> str:
        if pupil.left_on:
            return LEFT
        if pupil.grade in (9, 11):
            outcome = gia.get(pupil.sid)
            return GRADUATED if pupil.sid in admitted and outcome and outcome.passed else REPEATING
        failing = self._failing(marks)
        return PROMOTED if failing == 0 else CONDITIONAL if failing <= 2 else REPEATING

    def _choose_tenth_grade(self, ninth: list[Pupil], outcomes: dict[str, str]) -> set[str]:
        """Who of the 9th-grade graduates stays for the 10th grade: rather the stronger ones."""
        rng = self.rng
        graduates = [p for p in ninth if outcomes[p.sid] == GRADUATED]
        ranked = sorted(graduates, key=lambda p: p.ability + rng.gauss(0, 0.7), reverse=True)
        return {p.sid for p in ranked[: max(0, self.contingent.senior_sample() - 3)]}

    def _add_enrollment(self, cal: Calendar, pupil: Pupil, marks: YearMarks, outcome: str, admitted: set[str],
                        gia: dict[str, GiaOutcome], continuing: set[str]) -> None:
        row = dict(
            year=year_label(cal.year), student_id=pupil.sid, **{"class": pupil.class_name},
            enrolled_on=pupil.enrolled_on, left_on=pupil.left_on, ovz=pupil.ovz, disability=pupil.disability,
            non_native_russian=pupil.non_native, health_group=pupil.health_group, pe_group=pupil.pe_group,
            outcome=outcome,
        )
        if pupil.grade in (9, 11) and outcome != LEFT:
            row["gia_admitted"] = pupil.sid in admitted
            if outcome == GRADUATED:
                excellent = set(marks.numeric_year()) == {5} and gia[pupil.sid].honors_scores
                row["certificate"] = "с отличием" if excellent else "обычный"
                row.update(self._destination(pupil, pupil.sid in continuing))
            else:
                row["certificate"] = "нет"
        self.package.add("enrollments", **row)

    def _destination(self, pupil: Pupil, continuing: bool) -> dict:
        rng = self.rng
        if pupil.grade == 9:
            place = "10 класс" if continuing else rng.choices(("СПО", "10 класс", "другое"), (80, 17, 3))[0]
            return {"destination": place, "destination_matches_profile": self._diagnosed(pupil, place)}
        place = rng.choices(("вуз", "СПО", "работает", "армия", "не учится и не работает", "другое"),
                            (70 + 10 * pupil.ability, 18, 4, 4 if pupil.sex == "М" else 0, 1, 3))[0]
        row = {"destination": place}
        if place in ("вуз", "СПО"):
            row["destination_matches_profile"] = rng.random() < 0.72
        return row

    def _diagnosed(self, pupil: Pupil, place: str) -> bool | None:
        """Профдиагностика of a 9th-grade graduate: two in three take it; whether the next step matches the
        preferences found (None: not diagnosed). A generator of its own, so the rest of the demo is unchanged."""
        rng = random.Random(f"{self.profile.seed}-prof-{pupil.sid}")
        if rng.random() >= 2 / 3:
            return None
        return rng.random() < (0.8 if place in ("СПО", "10 класс") else 0.3)

    def _summer(self, cal: Calendar, outcomes: dict[str, str], continuing: set[str]) -> None:
        """From the end of `cal.year` to 1 September of the next: graduates leave, the rest move up."""
        rng = self.rng
        contingent = self.contingent
        next_year = cal.year + 1
        staying = []
        for pupil in contingent.pupils:
            outcome = outcomes[pupil.sid]
            if outcome == LEFT:
                continue
            if outcome == GRADUATED and pupil.sid not in continuing:
                continue
            if outcome in (PROMOTED, CONDITIONAL) and rng.random() < 0.02:
                continue  # moved away over the summer
            if outcome != REPEATING:
                pupil.grade += 1
                if pupil.grade == 10:
                    pupil.letter = "А"
            pupil.enrolled_on = pupil.left_on = None
            pupil.ability += rng.gauss(0, 0.12)
            if rng.random() < 0.08:
                pupil.health_group = min(5, max(1, pupil.health_group + rng.choice((-1, 1))))
                set_pe_group(rng, pupil)
            staying.append(pupil)
        contingent.pupils = staying
        contingent.form_cohort(1, next_year, contingent.cohort_sample())
        for _ in range(rng.randint(2, 4)):
            contingent.new_pupil(10, next_year, "А")
        contingent.summer_newcomers(next_year)
