"""ВПР, итоговое собеседование, ОГЭ, ГВЭ-9 and ЕГЭ of one school year, with results per pupil.

ВПР marks come from the pupil's level in the subject plus the day's noise, a
little stricter than the journal (so that «понизили» outnumber «повысили», as in
real ФИС ОКО statistics); the primary score is drawn inside the mark's range of
the scale and spread over the tasks, basic tasks first. ОГЭ and ЕГЭ primary
scores come from the pupil's level too; the marks and test scores follow the
scales of `exams`; the compulsory exams' scores are spread over their tasks too.
"""

from __future__ import annotations

import datetime
import math
import random
from dataclasses import dataclass

from vsoko.demo import curriculum as cur
from vsoko.demo import exams
from vsoko.demo.exams import ExamSpec
from vsoko.demo.marks import YearMarks
from vsoko.demo.model import Calendar, Pupil, SchoolProfile
from vsoko.demo.package import Package
from vsoko.schedule.holidays import PUBLIC_HOLIDAYS

VPR_CUTS = (-1.55, -0.35, 1.15)  # stricter than the journal's marks.CUTS
VPR_NOISE = 0.45
MAIN = "основная"
RETAKE = "пересдача"

GVE9 = {
    cur.RUSSIAN.name: ExamSpec(kind="ГВЭ-9", subject=cur.RUSSIAN.name, code="rus", grade=9, max_score=20,
                               thresholds=(6, 11, 16), min_score=6, level=0.6),
    cur.MATH.name: ExamSpec(kind="ГВЭ-9", subject=cur.MATH.name, code="mat", grade=9, max_score=20,
                            thresholds=(6, 11, 16), min_score=6, level=0.55),
}


@dataclass
class GiaOutcome:
    passed: bool
    honors_scores: bool  # the exam results an honours certificate needs


# The regional PISA-like assessment: its kind as the package names it, its directions, score and threshold.
FL_KIND = "региональная оценка ФГ"
FL_DIRECTIONS = (("читательская грамотность", "read"), ("математическая грамотность", "math"),
                 ("естественнонаучная грамотность", "science"))
FL_MAX, FL_THRESHOLD = 20, 8


def weekday(day: datetime.date) -> datetime.date:
    """The day itself or the next working day: no work on a weekend or a public holiday (1 and 9 May fall
    in the ВПР weeks), which the schedule's load check would flag."""
    while day.weekday() >= 5 or (day.month, day.day) in PUBLIC_HOLIDAYS:
        day += datetime.timedelta(days=1)
    return day


def vpr_mark(level: float) -> int:
    c3, c4, c5 = VPR_CUTS
    return 5 if level > c5 else 4 if level > c4 else 3 if level > c3 else 2


def score_for_mark(rng: random.Random, spec: ExamSpec, mark: int) -> int:
    """A primary score inside the mark's range: «2» mostly close to the threshold, few full scores."""
    low, high = spec.score_range(mark)
    shape = {2: (3.0, 1.4), 3: (1.6, 1.6), 4: (1.6, 1.6), 5: (1.3, 2.2)}[mark]
    return low + round(rng.betavariate(*shape) * (high - low))


def split_score(rng: random.Random, tasks: tuple[exams.Task, ...], total: int) -> list[int]:
    """Points per task summing to `total`: basic tasks are solved more often than advanced ones."""
    share = total / sum(t.max_points for t in tasks)
    power = {"Б": 0.6, "П": 1.5, "В": 2.3}
    points = [sum(rng.random() < share ** power[t.difficulty] for _ in range(t.max_points)) for t in tasks]
    add_weight = {"Б": 3.0, "П": 1.3, "В": 0.7}
    while (gap := total - sum(points)) != 0:
        if gap > 0:
            options = [i for i, t in enumerate(tasks) if points[i] < t.max_points]
            i = rng.choices(options, [add_weight[tasks[i].difficulty] for i in options])[0]
            points[i] += 1
        else:
            options = [i for i in range(len(tasks)) if points[i] > 0]
            i = rng.choices(options, [1 / add_weight[tasks[i].difficulty] for i in options])[0]
            points[i] -= 1
    return points


def exam_primary(rng: random.Random, spec: ExamSpec, strength: float, spread: float = 0.13) -> int:
    share = min(1.0, max(0.0, spec.level + spread * strength + rng.gauss(0, 0.05)))
    return round(share * spec.max_score)


def choose(rng: random.Random, weights: dict[str, float], k: int) -> list[str]:
    """k distinct keys, each drawn with its weight."""
    pool = dict(weights)
    chosen = []
    for _ in range(min(k, len(pool))):
        key = rng.choices(sorted(pool), [pool[n] for n in sorted(pool)])[0]
        chosen.append(key)
        del pool[key]
    return chosen


class YearAssessments:
    """Adds the assessments of one school year and their results to the package."""

    def __init__(self, rng: random.Random, package: Package, profile: SchoolProfile, cal: Calendar,
                 marks: dict[str, YearMarks]) -> None:
        self.rng = rng
        self.package = package
        self.profile = profile
        self.cal = cal
        self.marks = marks
        self.exam_year = cal.year + 1
        self.added: set[str] = set()

    def strength(self, pupil: Pupil, subject: str) -> float:
        family = cur.by_name(subject).family if subject not in (exams.MATH_PROFILE, exams.MATH_BASE) else cur.Family.MATH
        return pupil.ability + pupil.bias[family] + self.rng.gauss(0, 0.45)

    def add_assessment(self, aid: str, spec: ExamSpec, date: datetime.date) -> None:
        if aid in self.added:
            return
        self.added.add(aid)
        self.package.add(
            "assessments", assessment_id=aid, year=f"{self.cal.year}/{self.cal.year + 1}", kind=spec.kind,
            subject=spec.subject, grade=spec.grade, date=date, max_score=spec.max_score, min_score=spec.min_score,
            mark_scale=spec.mark_scale, test_scale=spec.test_scale_text,
        )
        for task in spec.tasks:
            self.package.add(
                "assessment_tasks", assessment_id=aid, task=task.number, max_points=task.max_points,
                difficulty=task.difficulty, skill=task.skill, metasubject=task.metasubject,
                functional_literacy=task.functional_literacy,
            )

    # --- региональная оценка функциональной грамотности (по модели PISA) ---

    def regional_fl(self, classes: dict[str, list[Pupil]]) -> None:
        """The region's assessment of functional literacy in grade 8, in its three directions, each autumn.
        A generator of its own (seeded by the school and year), so that the rest of the demo draws the same
        numbers as without it."""
        rng = random.Random(f"{self.profile.seed}-fl-{self.exam_year}")
        eighth = [p for pupils in classes.values() for p in pupils if p.grade == 8]
        date = weekday(self.cal.day(11, 19))
        for subject, code in FL_DIRECTIONS:
            spec = ExamSpec(kind=FL_KIND, subject=subject, code=code, grade=8, max_score=FL_MAX, min_score=FL_THRESHOLD)
            aid = f"rfl-{self.exam_year}-8-{code}"
            self.add_assessment(aid, spec, date)
            for pupil in eighth:
                if not pupil.present_on(date):
                    continue
                share = 0.5 + 0.17 * (pupil.ability + self.profile.strength) + rng.gauss(0, 0.15)
                self.package.add("results", assessment_id=aid, student_id=pupil.sid, attempt=MAIN, absent=False,
                                 primary_score=round(FL_MAX * min(1.0, max(0.0, share))))

    # --- ВПР ---

    def vpr(self, classes: dict[str, list[Pupil]]) -> None:
        rng = self.rng
        writers: dict[tuple[int, str], list[Pupil]] = {}
        for pupils in classes.values():
            grade = pupils[0].grade
            if grade not in exams.VPR_GRADES:
                continue
            electives = exams.VPR_ELECTIVES[grade]
            for subject in (cur.RUSSIAN.name, cur.MATH.name, *rng.sample(electives, min(2, len(electives)))):
                writers.setdefault((grade, subject), []).extend(pupils)
        for (grade, subject), pupils in sorted(writers.items()):
            spec = exams.vpr(subject, grade)
            aid = f"vpr-{self.exam_year}-{grade}-{spec.code}"
            date = weekday(self.cal.between(rng, self.cal.day(4, 7), self.cal.day(5, 15)))
            self.add_assessment(aid, spec, date)
            for pupil in pupils:
                if pupil.present_on(date):
                    self._vpr_result(aid, spec, pupil)

    def _vpr_result(self, aid: str, spec: ExamSpec, pupil: Pupil) -> None:
        rng = self.rng
        if rng.random() < 0.05:  # ill on the day; half of the schools list such pupils as absent
            if rng.random() < 0.5:
                self.package.add("results", assessment_id=aid, student_id=pupil.sid, attempt=MAIN, absent=True)
            return
        marks = self.marks[pupil.sid]
        subject = exams.journal_subject(spec.subject, spec.grade)
        level = marks.levels[subject] + rng.gauss(0, VPR_NOISE) - self.profile.lenience
        mark = vpr_mark(level)
        primary = score_for_mark(rng, spec, mark)
        self.package.add(
            "results", assessment_id=aid, student_id=pupil.sid, attempt=MAIN, absent=False, primary_score=primary,
            mark=mark, journal_mark=marks.last_quarter_mark(subject, 3),
            task_scores=split_score(rng, spec.tasks, primary),
        )

    @staticmethod
    def exam_tasks(aid: str, spec: ExamSpec, pupil: Pupil, primary: int) -> dict:
        """Points per task of an ОГЭ or ЕГЭ work whose КИМ has a task layout. A generator of its own
        (seeded by the work), so that the rest of the demo draws the same numbers as without tasks."""
        if not spec.tasks:
            return {}
        return {"task_scores": split_score(random.Random(f"{aid}/{pupil.sid}"), spec.tasks, primary)}

    # --- ГИА-9 ---

    def interview(self, pupils: list[Pupil]) -> set[str]:
        """Итоговое собеседование (February): the sids of those who passed, after a retake in March."""
        rng = self.rng
        spec = exams.INTERVIEW
        main = f"sob-{self.exam_year}"
        self.add_assessment(main, spec, weekday(self.cal.day(2, 11)))
        passed = set()
        for pupil in pupils:
            score = exam_primary(rng, spec, self.strength(pupil, cur.RUSSIAN.name), spread=0.12)
            self.package.add("results", assessment_id=main, student_id=pupil.sid, attempt=MAIN, absent=False,
                             primary_score=score)
            if score < spec.min_score:
                retake = f"sob-{self.exam_year}-r"
                self.add_assessment(retake, spec, weekday(self.cal.day(3, 11)))
                score = rng.randint(spec.min_score - 1, spec.min_score + 4)
                self.package.add("results", assessment_id=retake, student_id=pupil.sid, attempt=RETAKE,
                                 absent=False, primary_score=score)
            if score >= spec.min_score:
                passed.add(pupil.sid)
        return passed

    def oge(self, pupils: list[Pupil]) -> dict[str, GiaOutcome]:
        rng = self.rng
        outcomes = {}
        dates = {}
        for pupil in pupils:
            if pupil.ovz and rng.random() < 0.6:
                outcomes[pupil.sid] = self._gve9(pupil)
                continue
            strengths = {s: math.exp(1.5 * pupil.bias[cur.by_name(s).family]) for s in exams.OGE_ELECTIVES}
            weights = {s: exams.OGE_ELECTIVES[s] * strengths[s] for s in exams.OGE_ELECTIVES}
            subjects = [cur.RUSSIAN.name, cur.MATH.name, *choose(rng, weights, 2)]
            failed, exam_marks = [], {}
            for subject in subjects:
                spec = exams.oge(subject, self.cal.year)
                aid = f"oge-{self.exam_year}-{spec.code}"
                if aid not in dates:
                    dates[aid] = weekday(self.cal.between(rng, self.cal.day(5, 21), self.cal.day(6, 16)))
                self.add_assessment(aid, spec, dates[aid])
                primary = exam_primary(rng, spec, self.strength(pupil, subject))
                mark = spec.mark(primary)
                exam_marks[subject] = mark
                self.package.add("results", assessment_id=aid, student_id=pupil.sid, attempt=MAIN, absent=False,
                                 primary_score=primary, mark=mark, **self.exam_tasks(aid, spec, pupil, primary))
                if mark < 3:
                    failed.append(spec)
            # Up to two failed subjects may be retaken in the reserve days; more wait until September.
            passed = len(failed) <= 2 and all([self._retake_pass(spec, pupil, "oge", chance=0.93) for spec in failed])
            honors = exam_marks[cur.RUSSIAN.name] == 5 and exam_marks[cur.MATH.name] == 5
            outcomes[pupil.sid] = GiaOutcome(passed, honors)
        return outcomes

    def _gve9(self, pupil: Pupil) -> GiaOutcome:
        ok = True
        for subject, spec in GVE9.items():
            aid = f"gve9-{self.exam_year}-{spec.code}"
            self.add_assessment(aid, spec, weekday(self.cal.day(6, 3 if subject == cur.RUSSIAN.name else 10)))
            primary = max(spec.thresholds[0], exam_primary(self.rng, spec, self.strength(pupil, subject)))
            mark = spec.mark(primary)
            self.package.add("results", assessment_id=aid, student_id=pupil.sid, attempt=MAIN, absent=False,
                             primary_score=primary, mark=mark)
            ok = ok and mark >= 3
        return GiaOutcome(ok, False)

    # --- ГИА-11 ---

    def ege(self, pupils: list[Pupil]) -> dict[str, GiaOutcome]:
        rng = self.rng
        outcomes = {}
        dates: dict[str, datetime.date] = {}
        for pupil in pupils:
            math_subject = exams.MATH_PROFILE if pupil.ability + pupil.bias[cur.Family.MATH] + rng.gauss(0, 0.4) > 0.6 else exams.MATH_BASE
            weights = {s: w * math.exp(1.5 * pupil.bias[cur.by_name(s).family]) for s, w in exams.EGE_ELECTIVES.items()}
            if math_subject == exams.MATH_PROFILE:
                weights[cur.PHYSICS.name] *= 2.5
                weights[cur.INFORMATICS.name] *= 2.5
            electives = choose(rng, weights, rng.choices((1, 2, 3), (30, 55, 15))[0])
            passed, scores = True, {}
            for subject in (cur.RUSSIAN.name, math_subject, *electives):
                spec = exams.ege(subject)
                aid = f"ege-{self.exam_year}-{spec.code}"
                if aid not in dates:
                    dates[aid] = weekday(self.cal.between(rng, self.cal.day(5, 23), self.cal.day(6, 18)))
                self.add_assessment(aid, spec, dates[aid])
                if subject in electives and rng.random() < 0.03:
                    self.package.add("results", assessment_id=aid, student_id=pupil.sid, attempt=MAIN, absent=True)
                    continue
                primary = exam_primary(rng, spec, self.strength(pupil, subject))
                test = spec.test_score(primary)
                mark = spec.mark(primary)
                scores[subject] = test if test is not None else mark
                self.package.add("results", assessment_id=aid, student_id=pupil.sid, attempt=MAIN, absent=False,
                                 primary_score=primary, test_score=test, mark=mark,
                                 **self.exam_tasks(aid, spec, pupil, primary))
                if subject == cur.RUSSIAN.name and test < spec.min_score:
                    self._retake_pass(exams.ege(cur.RUSSIAN.name), pupil, "ege")
                elif subject == exams.MATH_PROFILE and test < spec.min_score or subject == exams.MATH_BASE and mark < 3:
                    # A failed profile exam is retaken at the base level, as the rules allow.
                    self._retake_pass(exams.ege(exams.MATH_BASE), pupil, "ege")
            math_score = scores.get(math_subject) or 0
            honors = scores.get(cur.RUSSIAN.name, 0) >= 70 and (
                math_score >= 70 if math_subject == exams.MATH_PROFILE else math_score == 5
            )
            outcomes[pupil.sid] = GiaOutcome(passed, honors)
        return outcomes

    def _retake_pass(self, spec: ExamSpec, pupil: Pupil, prefix: str, chance: float = 1.0) -> bool:
        """A retake in the reserve days of early July; most pass it."""
        rng = self.rng
        aid = f"{prefix}-{self.exam_year}-{spec.code}-r"
        self.add_assessment(aid, spec, weekday(self.cal.day(7, 1 if prefix == "oge" else 3)))
        ok = rng.random() < chance
        if spec.thresholds:
            t3 = spec.thresholds[0]
            primary = rng.randint(t3, t3 + 5) if ok else rng.randint(max(0, t3 - 4), t3 - 1)
        else:
            floor = next(p for p, t in enumerate(spec.test_scale) if t >= spec.min_score)
            primary = rng.randint(floor, floor + 5) if ok else rng.randint(max(0, floor - 4), floor - 1)
        self.package.add("results", assessment_id=aid, student_id=pupil.sid, attempt=RETAKE, absent=False,
                         primary_score=primary, test_score=spec.test_score(primary), mark=spec.mark(primary))
        return ok
