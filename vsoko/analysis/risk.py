"""Risk flags: classes and subjects with weak results (issue 4, item 4), each with its reason in words.

Rules (defaults in vsoko.analysis.thresholds.Thresholds, docs/analysis.md):
- ВПР, share of «2» above 25 % of the results with a mark — per procedure and per class;
- ВПР, basic tasks (Б) not mastered (completion below 60 %) for 30 % of the basic tasks or more;
- share of «4» and «5» falling two years in a row — per procedure (same kind, subject and grade
  in three consecutive years) and per class, following the class (5А → 6А → 7А) in the same subject;
- ОГЭ, results below the minimum threshold above 10 % of the main results.
A flag is «высокий» when its share reaches twice the threshold, else «средний». Classes with
fewer than 5 results are not flagged.

`risk_flags(schools, year)` is the one call the overview and the analysis index make. A school's
flags are computed (`flags_by_school`: the procedures of the three years and one grouped read of
their data values) once per data generation, and kept: vsoko.datavalues.generation says why a
kept value is never stale.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from fractions import Fraction

from vsoko.analysis import figures as fig
from vsoko.analysis.flags import Flag, FlagKind, Level, pct
from vsoko.analysis.thresholds import MASTERY, Thresholds
from vsoko.datavalues import generation
from vsoko.indicators.enums import Unit
from vsoko.indicators.formatting import as_shown
from vsoko.records.enums import AssessmentKind, Difficulty
from vsoko.records.models import Assessment, OrgUnit

# What the rules read: a fraction of what the analysis pages show. Of the tasks only the basic ones of a ВПР
# (`basic_tasks`, the one rule on tasks): half of the task rows, read apart.
RISK_CODES = ("assessment.results", "assessment.passed", "assessment.failed.retake_passed", "assessment.marks")
BASIC_VPR_TASKS = {"kind": AssessmentKind.VPR.value, "difficulty": Difficulty.BASIC.value}


@dataclass(frozen=True)
class Procedure:
    """What a flag needs to know of an assessment."""

    pk: int
    school_id: int
    code: str
    kind: str
    subject: str
    grade: int | None
    label: str


def procedures(school_ids: list[int], years: list[int]) -> dict[tuple[int, int, str], Procedure]:
    """{(school id, year, assessment code): Procedure} (one query)."""
    rows = Assessment.objects.filter(school_id__in=school_ids, year_id__in=years).values_list(
        "pk", "school_id", "year_id", "assessment_id", "kind", "subject__name", "grade")
    return {
        (school, year, code): Procedure(pk, school, code, kind, subject or "", grade,
                                        procedure_label(kind, subject, grade))
        for pk, school, year, code, kind, subject, grade in rows
    }


def procedure_label(kind: str, subject: str | None, grade: int | None) -> str:
    parts = [AssessmentKind(kind).label]
    if subject:
        parts.append(subject.lower() if kind != AssessmentKind.EGE else subject)
    if grade:
        parts.append(f"{grade} класс")
    return ", ".join(parts)


def _level(share: Fraction, threshold: Fraction) -> Level:
    return Level.HIGH if share >= 2 * threshold else Level.MEDIUM


def weak_results(f: fig.Figures, proc: Procedure, t: Thresholds, where: str = "") -> list[Flag]:
    """The ВПР «2», basic-task and ОГЭ rules for one group of results (a procedure or a class)."""
    flags = []
    if proc.kind == AssessmentKind.VPR and f.marked >= t.risk_min_results:
        twos = f.twos
        if twos is not None and twos > t.vpr_twos:
            n = f.marks[2] + f.marks[1]
            flags.append(Flag(FlagKind.VPR_TWOS, _level(twos, t.vpr_twos),
                              f"«2» у {n} из {f.marked} ({pct(twos)}; порог — больше {pct(t.vpr_twos)}).",
                              n, f.marked, where, proc.pk, procedure=proc.label))
    if proc.kind == AssessmentKind.VPR and f.results >= t.risk_min_results:
        flags += basic_tasks(f, proc, t, where)
    if proc.kind == AssessmentKind.OGE and f.results >= t.risk_min_results:
        share = f.failed_share
        if share is not None and share > t.oge_below_min:
            after = f" После пересдач порог преодолели {f.failed_retake_passed} из них." if f.failed_retake_passed else ""
            flags.append(Flag(FlagKind.OGE_BELOW_MIN, _level(share, t.oge_below_min),
                              f"Ниже минимального порога {f.failed} из {f.results} основных результатов "
                              f"({pct(share)}; порог — больше {pct(t.oge_below_min)}).{after}",
                              f.failed, f.results, where, proc.pk, procedure=proc.label))
    return flags


def basic_tasks(f: fig.Figures, proc: Procedure, t: Thresholds, where: str = "") -> list[Flag]:
    basic = sorted(((task, sums) for (task, level), sums in f.tasks.items()
                    if level == Difficulty.BASIC and sums.max), key=lambda item: task_order(item[0]))
    if not basic:
        return []
    failed = [task for task, sums in basic if not_mastered(sums)]
    share = Fraction(len(failed) * 100, len(basic))
    if share < t.basic_not_mastered:
        return []
    return [Flag(FlagKind.BASIC_TASKS, _level(share, t.basic_not_mastered),
                 f"Ниже 60 % выполнены {len(failed)} из {len(basic)} заданий базового уровня ({pct(share)}; "
                 f"порог — от {pct(t.basic_not_mastered)}): {', '.join(failed)}.",
                 f.results, f.results, where, proc.pk, procedure=proc.label)]


def not_mastered(sums: fig.TaskSums) -> bool:
    """A basic task below its threshold (`mastery`: not mastered under 60 % completion), compared in whole
    numbers, points × 100 < threshold × max, rather than by a fraction per task (a thousand on the overview)."""
    threshold = MASTERY[Difficulty.BASIC][0]
    return sums.points * 100 * threshold.denominator < sums.max * threshold.numerator


def task_order(task: str) -> tuple:
    """«2» before «10», «9.1» before «9.2», «2К1» after «2»."""
    parts = []
    for piece in task.replace(",", ".").replace("К", ".").replace("K", ".").split("."):
        parts.append((0, int(piece), "") if piece.isdigit() else (1, 0, piece))
    return tuple(parts)


# --- the year's flags of schools ---------------------------------------------------------------------

def risk_flags(schools: list[OrgUnit], year: int, *, thresholds: Thresholds | None = None,
               classes: bool = True) -> list[Flag]:
    """Risk flags of the schools' classes and subjects in the year, most serious first.

    `classes=False` leaves out class flags (for users who see aggregates of the school only).
    Each school's flags are kept for its data generation (vsoko.datavalues.generation): computed
    once after each recomputation, then read in one query for the token and one from the cache.
    """
    t = thresholds or Thresholds.configured()
    by_school = generation.cached("risk", [s.pk for s in schools],
                                  lambda ids: flags_by_school(ids, year, t, classes=classes), year, classes, t)
    if len(schools) > 1:
        flags = [replace(f, school=s.name) for s in schools for f in by_school[s.pk]]
    else:
        flags = [f for s in schools for f in by_school[s.pk]]
    return sorted(flags, key=lambda f: (f.level != Level.HIGH, f.school, f.kind, f.where))


def flags_by_school(ids: list[int], year: int, t: Thresholds, *, classes: bool) -> dict[int, list[Flag]]:
    """{school id: its flags of the year, in the order found} for every id: three grouped queries (the procedures,
    the marks and counts, the basic tasks of the ВПР)."""
    years = [year - 2, year - 1, year]
    procs = procedures(ids, years)
    # One read: this year's figures per procedure and class, the marks of the two years before.
    loaded = fig.load(ids, [year], by=("school", "assessment", "class"), codes=RISK_CODES,
                      also=[(years[:-1], ["assessment.marks"])])
    tasks = fig.load(ids, [year], by=("school", "assessment", "class"), codes=fig.TASK_CODES, only=BASIC_VPR_TASKS)
    for key, f in tasks.items():
        loaded.setdefault(key, fig.Figures()).add(f)
    current = ({key: f for key, f in loaded.items() if key[0] == year} if classes
               else _without_classes(loaded, year))

    flags: list[Flag] = []
    per_procedure: dict[tuple, fig.Figures] = defaultdict(fig.Figures)
    for (y, school, code, *rest), f in current.items():
        per_procedure[(school, code)].add(f)
        proc = procs.get((school, y, code))
        if classes and proc is not None and rest and rest[0] is not None:
            flags += weak_results(f, proc, t, where=rest[0])
    for (school, code), f in per_procedure.items():
        proc = procs.get((school, year, code))
        if proc is not None:
            flags += weak_results(f, proc, t)

    flags += quality_decline(loaded, procs, years, t, classes=classes)
    school_of = {p.pk: p.school_id for p in procs.values()}
    out: dict[int, list[Flag]] = {pk: [] for pk in ids}
    for f in flags:
        out[school_of[f.assessment]].append(f)
    return out


def fold_classes(flags: list[Flag]) -> list[Flag]:
    """Class flags under their procedure's flag of the same kind: «ВПР, математика, 6 класс — базовые
    задания» once, with 6А and 6Б beneath it, instead of three lines saying the same thing. A class
    holding all of the procedure's results (the parallel is that one class) adds nothing and is left out.
    Class flags of a kind the procedure is not flagged for stay on their own. The order is kept."""
    groups = {(f.assessment, f.kind): (f.count, f.base) for f in flags if not f.where}
    parents = set(groups)
    under: dict[tuple, list[Flag]] = defaultdict(list)
    for f in flags:
        key = (f.assessment, f.kind)
        if f.where and key in parents and (f.count, f.base) != groups[key]:
            under[key].append(f)
    return [replace(f, classes=tuple(under.get((f.assessment, f.kind), ()))) if not f.where else f
            for f in flags if not (f.where and (f.assessment, f.kind) in parents)]


def own_classes_first(flags: list[Flag], own: frozenset[str]) -> list[Flag]:
    """A class teacher's flags: those of their own class first (and their class first among a procedure's folded
    classes), the rest after in the order they came. The school's other classes stay: they are aggregates every
    role of the school sees (vsoko.analysis.access), but a class teacher comes to the page for their class."""
    if not own:
        return flags
    flags = [replace(f, classes=tuple(sorted(f.classes, key=lambda c: c.where not in own))) if f.classes else f
             for f in flags]
    return sorted(flags, key=lambda f: not concerns(f, own))


def concerns(flag: Flag, classes: frozenset[str]) -> bool:
    """The flag is about one of these classes, itself or among the classes folded under it."""
    return flag.where in classes or any(c.where in classes for c in flag.classes)


def _without_classes(loaded: dict[tuple, fig.Figures], year: int) -> dict[tuple, fig.Figures]:
    """This year's figures summed over the classes: {(year, school, code): Figures}."""
    out: dict[tuple, fig.Figures] = defaultdict(fig.Figures)
    for (y, school, code, _), f in loaded.items():
        if y == year:
            out[(y, school, code)].add(f)
    return dict(out)


def quality_decline(history: dict[tuple, fig.Figures], procs: dict, years: list[int], t: Thresholds, *,
                    classes: bool) -> list[Flag]:
    """Share of 4 and 5 falling in each of the last two years: per procedure and per class (its cohort)."""
    subject_series: dict[tuple, dict[int, fig.Figures]] = defaultdict(lambda: defaultdict(fig.Figures))
    class_rows: list[tuple[int, int, str, Procedure, fig.Figures]] = []
    for (y, school, code, class_name), f in history.items():
        proc = procs.get((school, y, code))
        if proc is None or proc.kind not in (AssessmentKind.VPR, AssessmentKind.OGE):
            continue
        subject_series[(school, proc.kind, proc.subject, proc.grade)][y].add(f)
        if class_name is not None:
            class_rows.append((y, school, class_name, proc, f))

    flags = []
    current = {(p.school_id, p.kind, p.subject, p.grade): p for (s, y, c), p in procs.items() if y == years[-1]}
    for key, series in subject_series.items():
        proc = current.get(key)
        if proc is not None and (flag := _decline(series, years, t, proc, "")):
            flags.append(flag)
    if classes:
        flags += _class_decline(class_rows, years, t)
    return flags


def _class_decline(rows, years: list[int], t: Thresholds) -> list[Flag]:
    """A class followed over three years by its cohort: the year it was in grade 0 and its letter."""
    series: dict[tuple, dict[int, fig.Figures]] = defaultdict(lambda: defaultdict(fig.Figures))
    now: dict[tuple, tuple[str, Procedure]] = {}
    for y, school, name, proc, f in rows:
        grade, letter = class_grade_letter(name)
        if grade is None:
            continue
        key = (school, y - grade, letter, proc.kind, proc.subject)
        series[key][y].add(f)
        if y == years[-1]:
            now[key] = (name, proc)
    flags = []
    for key, by_year in series.items():
        if key in now:
            name, proc = now[key]
            if flag := _decline(by_year, years, t, proc, name):
                flags.append(flag)
    return flags


def class_grade_letter(name: str) -> tuple[int | None, str]:
    """«7Г» → (7, "Г"): a class is its grade and letter, as the package writes it (spec/data-format.md)."""
    digits = ""
    for ch in name.strip():
        if not ch.isdigit():
            break
        digits += ch
    if not digits:
        return None, ""
    return int(digits), name.strip()[len(digits):].strip().upper()


def _decline(series: dict[int, fig.Figures], years: list[int], t: Thresholds, proc: Procedure,
             where: str) -> Flag | None:
    shares = []
    for y in years:
        f = series.get(y)
        if f is None or f.marked < t.risk_min_results:
            return None
        shares.append(f.quality)
    if not (shares[0] > shares[1] > shares[2]):
        return None
    # The difference of the shares as the sentence shows them: 66,7 % and 33,3 % fell by 33,4, not by the exact 33,3.
    drop = as_shown(shares[0], Unit.PERCENT) - as_shown(shares[2], Unit.PERCENT)
    text = "; ".join(f"{y}/{y + 1} — {pct(s)}" for y, s in zip(years, shares, strict=True))
    last = series[years[-1]]
    return Flag(FlagKind.QUALITY_DECLINE, Level.HIGH if drop >= 20 else Level.MEDIUM,
                f"Доля «4» и «5» снижается: {text} (за два года −{number_pp(drop)}).",
                last.marks[4] + last.marks[5], last.marked, where, proc.pk, procedure=proc.label)


def number_pp(value: Fraction) -> str:
    return pct(value).replace(" %", " п. п.")
