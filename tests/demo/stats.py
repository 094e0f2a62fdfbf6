"""Core indicators computed straight from a generated package's rows (core-indicators.md), for sanity tests."""

from __future__ import annotations

import datetime
import math
from collections import defaultdict

from vsoko.demo.package import Package

SATISFIED = {"полностью удовлетворен", "скорее удовлетворен"}


def share(num: int, den: int) -> float | None:
    return 100 * num / den if den else None


def d(text) -> datetime.date | None:
    return text if isinstance(text, datetime.date) or text is None else datetime.date.fromisoformat(text)


def year_stats(package: Package, year: str) -> dict[str, float | None]:
    t = package.tables
    start = int(year[:4])
    cutoff = datetime.date(start + 1, 5, 25)
    enr = [r for r in t["enrollments"] if r["year"] == year]
    ce = [r for r in enr if r.get("outcome") != "выбыл" and not (r.get("left_on") and d(r["left_on"]) < cutoff)]
    ce_ids = {r["student_id"] for r in ce}
    grade = {r["student_id"]: int(r["class"].rstrip("АБВГД")) for r in ce}
    out: dict[str, float | None] = {"students_total": len(ce)}
    year_marks = defaultdict(list)
    for r in t["marks"]:
        if r["year"] == year and r["period"] == "год" and r["student_id"] in ce_ids:
            year_marks[r["student_id"]].append(r["mark"])
    den = [s for s in ce_ids if grade[s] >= 2 and any(m != "осв" for m in year_marks[s])]
    def numeric(s):
        return [int(m) for m in year_marks[s] if m.isdigit()]
    bad = {s for s in den if any(m in ("н/а", "незачет") for m in year_marks[s])}
    out["quality"] = share(sum(1 for s in den if numeric(s) and min(numeric(s)) >= 4 and s not in bad), len(den))
    out["success"] = share(sum(1 for s in den if s not in bad and not any(m in (1, 2) for m in numeric(s))), len(den))
    out["excellent"] = share(sum(1 for s in den if numeric(s) and min(numeric(s)) == 5 and s not in bad), len(den))
    out["repeaters"] = share(sum(1 for r in ce if r.get("outcome") == "оставлен на повторное обучение"), len(ce))
    for g in (9, 11):
        rows = [r for r in ce if grade[r["student_id"]] == g]
        out[f"g{g}_ce"] = len(rows)
        out[f"g{g}_admitted"] = share(sum(1 for r in rows if r.get("gia_admitted")), len(rows))
        out[f"g{g}_certificate"] = share(sum(1 for r in rows if r.get("certificate") in ("обычный", "с отличием")), len(rows))
        out[f"g{g}_honors"] = share(sum(1 for r in rows if r.get("certificate") == "с отличием"), len(rows))

    assessments = {r["assessment_id"]: r for r in t["assessments"] if r["year"] == year}
    tasks = defaultdict(list)
    for r in t["assessment_tasks"]:
        if r["assessment_id"] in assessments:
            tasks[r["assessment_id"]].append(r)
    main = [r for r in t["results"] if r["assessment_id"] in assessments and r.get("attempt", "основная") == "основная" and not r.get("absent")]
    def kind(r):
        return assessments[r["assessment_id"]]["kind"]
    vpr = [r for r in main if kind(r) == "ВПР"]
    marked = [r for r in vpr if r.get("mark")]
    out["vpr_results"] = len(vpr)
    out["vpr_base"] = share(sum(1 for r in marked if r["mark"] >= 3), len(marked))
    out["vpr_high"] = share(sum(1 for r in marked if r["mark"] == 5), len(marked))
    both = [r for r in marked if r.get("journal_mark")]
    out["vpr_lowered"] = share(sum(1 for r in both if r["mark"] < r["journal_mark"]), len(both))
    out["vpr_confirmed"] = share(sum(1 for r in both if r["mark"] == r["journal_mark"]), len(both))
    out["vpr_raised"] = share(sum(1 for r in both if r["mark"] > r["journal_mark"]), len(both))
    pts = defaultdict(float)
    mx = defaultdict(float)
    for r in vpr:
        for task, points in zip(tasks[r["assessment_id"]], r["task_scores"], strict=True):
            level = "basic" if task["difficulty"] == "Б" else "advanced"
            pts[level] += points
            mx[level] += task["max_points"]
    out["vpr_basic_tasks"] = share(pts["basic"], mx["basic"])
    out["vpr_advanced_tasks"] = share(pts["advanced"], mx["advanced"])

    for exam in ("ОГЭ", "ЕГЭ"):
        rows = [r for r in main if kind(r) == exam]
        by_student = defaultdict(list)
        for r in rows:
            by_student[r["student_id"]].append(r)
        def passed(r, exam=exam):
            a = assessments[r["assessment_id"]]
            if a["subject"] == "Математика (база)":
                return r["mark"] >= 3
            score = r["test_score"] if exam == "ЕГЭ" else r["primary_score"]
            return score >= a["min_score"]
        out[f"{exam}_participants"] = len(by_student)
        out[f"{exam}_passed"] = share(sum(1 for rs in by_student.values() if all(passed(r) for r in rs)), len(by_student))
        per_subject = defaultdict(list)
        for r in rows:
            a = assessments[r["assessment_id"]]
            value = r["mark"] if exam == "ОГЭ" or a["subject"] == "Математика (база)" else r["test_score"]
            per_subject[a["subject"]].append(value)
        for subject, values in per_subject.items():
            out[f"{exam} {subject} (n={len(values)})"] = round(sum(values) / len(values), 2)
        if exam == "ЕГЭ":
            out["ege_high"] = share(sum(1 for rs in by_student.values() if any((r.get("test_score") or 0) >= 81 for r in rs)), len(by_student))

    ev = [r for r in t["events"] if r["year"] == year]
    out["events_participation"] = share(len({r["student_id"] for r in ev} & ce_ids), len(ce))
    out["vsosh_municipal"] = share(len({r["student_id"] for r in ev if r["kind"] == "ВСОШ" and r["level"] == "муниципальный"} & ce_ids), len(ce))
    vs = [r for r in ev if r["kind"] == "ВСОШ"]
    out["vsosh_winners"] = share(len({r["student_id"] for r in vs if r["result"] in ("призер", "победитель")}), len({r["student_id"] for r in vs}))
    pr = [r for r in t["programs"] if r["year"] == year and r["kind"] in ("дополнительное образование", "спортивная секция")]
    out["additional_education"] = share(len({r["student_id"] for r in pr} & ce_ids), len(ce))

    staff = [r for r in t["staff"] if r["year"] == year and r["pedagogical"]]
    sept = datetime.date(start, 9, 1)
    def years_between(a, b):
        a = d(a)
        return b.year - a.year - ((b.month, b.day) < (a.month, a.day))
    course_staff = {r["staff_id"] for r in t["staff_events"] if r["kind"] in ("курсы", "переподготовка") and int(r["year"][:4]) in (start, start - 1, start - 2)}
    out["staff_total"] = len(staff)
    out["staff_higher"] = share(sum(1 for r in staff if r["category"] == "высшая"), len(staff))
    out["staff_first"] = share(sum(1 for r in staff if r["category"] == "первая"), len(staff))
    out["staff_courses_3y"] = share(sum(1 for r in staff if r["staff_id"] in course_staff), len(staff))
    out["staff_under_35"] = share(sum(1 for r in staff if years_between(r["birth_date"], sept) < 35), len(staff))
    out["staff_young"] = share(sum(1 for r in staff if years_between(r["experience_since"], sept) < 3), len(staff))
    out["staff_higher_ped"] = share(sum(1 for r in staff if r["education"] == "высшее педагогическое"), len(staff))

    answers = [r for r in t["survey_responses"] if r["year"] == year and r["survey"] == "parents"]
    respondents = {r["respondent"] for r in answers}
    out["parents_satisfied"] = share(sum(1 for r in answers if r["question"] == "overall" and r["answer"] in SATISFIED), len(respondents))
    soc = [r for r in t["social"] if r["year"] == year and r["category"] in ("учет ПДН", "учет КДН", "внутришкольный учет")
           and (not r.get("until") or d(r["until"]) >= cutoff)]
    out["prevention_registered"] = share(len({r["student_id"] for r in soc} & ce_ids), len(ce))
    return {k: (round(v, 1) if isinstance(v, float) and not math.isnan(v) else v) for k, v in out.items()}
