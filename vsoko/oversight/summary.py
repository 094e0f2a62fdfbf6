"""What the oversight pages, the self-examination report and the public report say: the current licence and
accreditation, the findings in the order they need attention, the «Устранение нарушений» tally per year, the
НОКО integral score with its dynamics and the public observers' presence at the year's procedures. Counts are
GROUP BY queries; nothing here is stored."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, Q

from vsoko.indicators.enums import Unit
from vsoko.indicators.formatting import DECIMALS, fixed, format_value, rounded
from vsoko.oversight.enums import CredentialKind, Progress
from vsoko.oversight.models import CRITERIA, Credential, Finding, NokoResult, Participation
from vsoko.records.models import Assessment, OrgUnit
from vsoko.records.years import year_label

# --- licence and accreditation ----------------------------------------------------------------------------


def credentials_of(school: OrgUnit) -> dict[CredentialKind, list[Credential]]:
    """Each kind's records, the current one (the latest issued) first."""
    found: dict[CredentialKind, list[Credential]] = {kind: [] for kind in CredentialKind}
    for credential in Credential.objects.filter(school=school).order_by("-issued_on", "-pk"):
        found[CredentialKind(credential.kind)].append(credential)
    return found


def credential_sentence(credential: Credential) -> str:
    """«Лицензия на осуществление образовательной деятельности № Л035-… от 12.05.2016, выдана …, бессрочно;
    программы: …» — what the reports print."""
    kind = CredentialKind(credential.kind)
    issued = "выдана" if kind == CredentialKind.LICENCE else "предоставлена"
    text = (f"{kind.label[0].upper()}{kind.label[1:]}: № {credential.number} от {credential.issued_on:%d.%m.%Y}, "
            f"{issued} — {credential.issuer}, {credential.term}")
    return f"{text}; {'программы' if kind == CredentialKind.LICENCE else 'уровни образования'}: {credential.scope}."


# --- inspections and findings -----------------------------------------------------------------------------


def findings_in_order(school: OrgUnit, today: datetime.date) -> list[tuple[Finding, Progress]]:
    """Every finding of the school's inspections with its status: overdue first, then those being put right,
    then those done; within each, by deadline."""
    findings = Finding.objects.filter(inspection__school=school).select_related("inspection", "responsible")
    rank = {Progress.OVERDUE: 0, Progress.OPEN: 1, Progress.DONE: 2}
    rows = [(f, f.status(today)) for f in findings]
    return sorted(rows, key=lambda row: (rank[row[1]], row[0].deadline, row[0].pk))


@dataclass(frozen=True)
class FixTally:
    """«Устранение нарушений» of one school year (of the inspection's start)."""

    year: int
    found: int
    fixed: int
    overdue: int

    @property
    def label(self) -> str:
        return year_label(self.year)

    @property
    def open(self) -> int:
        return self.found - self.fixed - self.overdue


def fix_tallies(school: OrgUnit, today: datetime.date) -> list[FixTally]:
    """Found / fixed / overdue findings per school year, latest first (one GROUP BY)."""
    rows = (Finding.objects.filter(inspection__school=school).values("inspection__year")
            .annotate(found=Count("pk"), fixed=Count("pk", filter=Q(fixed_on__isnull=False)),
                      overdue=Count("pk", filter=Q(fixed_on__isnull=True, deadline__lt=today)))
            .order_by("-inspection__year"))
    return [FixTally(r["inspection__year"], r["found"], r["fixed"], r["overdue"]) for r in rows]


# --- НОКО -----------------------------------------------------------------------------------------------


def missing_criteria(result: NokoResult) -> list[str]:
    return [name for field, name in CRITERIA if getattr(result, field) is None]


def integral(result: NokoResult) -> Decimal | None:
    """The mean of the five criteria's scores; none when a criterion has no score (a mean of four is not the
    integral score НОКО publishes)."""
    scores = [getattr(result, field) for field, _ in CRITERIA]
    if any(score is None for score in scores):
        return None
    return sum(scores, Decimal(0)) / len(scores)


def integral_note(result: NokoResult) -> str:
    missing = missing_criteria(result)
    if not missing:
        return ""
    return ("Интегральный балл не вычислен: нет балла по "
            + ("критерию «" + missing[0] + "»" if len(missing) == 1
               else "критериям " + ", ".join(f"«{m}»" for m in missing)) + ".")


SCORE = Unit.NUMBER  # a НОКО score, 0–100 to hundredths as published, every place kept: «80,10», «90,00»


def score(value: Decimal | Fraction | None) -> str:
    return "—" if value is None else fixed(value, SCORE)


@dataclass(frozen=True)
class Change:
    """A score against the year before: «▲ +2,5» / «▼ −1» / «без изменений», and the same in words. Judged as it is
    shown, to hundredths: an integral (a fifth of a sum of hundredths) can move by 0,002, which is no change to
    a reader of «80,1 → 80,1», not «▲ +0»."""

    delta: Decimal

    @property
    def shown(self) -> Decimal:
        return rounded(self.delta, DECIMALS[SCORE])

    @property
    def mark(self) -> str:
        if self.shown > 0:
            return f"▲ +{score(self.shown)}"
        if self.shown < 0:
            return f"▼ −{score(-self.shown)}"
        return "без изменений"

    @property
    def words(self) -> str:
        if self.shown == 0:
            return "без изменений"
        # Shown with its places, «2,00» is read as a fraction, which takes «балла» («2,00 балла», «5,00 балла»).
        return f"{'выше' if self.shown > 0 else 'ниже'} на {score(abs(self.shown))} балла"


@dataclass(frozen=True)
class NokoRow:
    result: NokoResult
    integral: Decimal | None
    change: Change | None  # against the previous year with a result, when both integrals are known
    criteria: list[tuple[str, Decimal | None, Change | None]]  # (name, score, change)

    @property
    def label(self) -> str:
        return year_label(self.result.year)

    @property
    def note(self) -> str:
        return integral_note(self.result)


def noko_dynamics(school: OrgUnit, until: int | None = None) -> list[NokoRow]:
    """Every year's НОКО result of the school, oldest first, each compared with the result before it; with
    `until`, of that school year and before — a report on a year does not show a result recorded for a later one."""
    rows: list[NokoRow] = []
    previous: NokoResult | None = None
    results = NokoResult.objects.filter(school=school)
    if until is not None:
        results = results.filter(year__lte=until)
    for result in results.order_by("year").prefetch_related("measures"):
        whole = integral(result)
        before = integral(previous) if previous else None
        criteria = []
        for field, name in CRITERIA:
            now, then = getattr(result, field), getattr(previous, field) if previous else None
            criteria.append((name, now, Change(now - then) if now is not None and then is not None else None))
        rows.append(NokoRow(result, whole, Change(whole - before) if whole is not None and before is not None
                            else None, criteria))
        previous = result
    return rows


def noko_sentence(rows: list[NokoRow]) -> str:
    """«Интегральный балл НОКО школы за 2024/2025 учебный год — 87,5 (выше на 2,1 балла, чем в 2023/2024), 3-е
    место в муниципалитете из 12.» — the latest result, for the reports."""
    if not rows:
        return ""
    last = rows[-1]
    if last.integral is None:
        return f"Результаты НОКО за {last.label} учебный год: {last.note[0].lower()}{last.note[1:]}"
    text = f"Интегральный балл НОКО школы за {last.label} учебный год — {score(last.integral)}"
    if last.change is not None:
        text += f" ({last.change.words}, чем в {rows[-2].label})"
    if last.result.place:
        text += f", место в муниципалитете — {last.result.place}"
        text += f" из {last.result.places}" if last.result.places else ""
    return text + "."


# --- public observers -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Presence:
    """How many of the year's assessment procedures had a public observer or expert."""

    attended: int
    total: int

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.attended, self.total) if self.total else None

    @property
    def share_text(self) -> str:
        return "—" if self.share is None else format_value(self.share * 100, Unit.PERCENT)

    @property
    def sentence(self) -> str:
        """No names: the sentence the published reports print."""
        if not self.total:
            return ""
        return (f"Общественные наблюдатели (эксперты) присутствовали на {self.attended} из {self.total} "
                f"оценочных процедур учебного года ({self.share_text}).")


def public_presence(school: OrgUnit, year: int) -> Presence:
    total = Assessment.objects.filter(school=school, year_id=year).count()
    attended = (Participation.objects.filter(assessment__school=school, assessment__year_id=year)
                .values("assessment").distinct().count())
    return Presence(attended, total)
