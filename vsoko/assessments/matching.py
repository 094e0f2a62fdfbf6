"""Who is who: the rows of a protocol matched to the school's students.

A row is found by, in order: the student's code (`student_id`); a ВПР participant
code the school has mapped to a student; a match the user confirmed before; the
name and class against the contingent of the school year. Names are compared
case-insensitively with ё = е, and «Иванов И.И.» matches «Иванов Иван Ильич».

- one student matches → matched;
- several match, or only a similar name, or the same name in another class →
  doubtful: the user picks the student (and the answer is remembered);
- nobody → missing: an error naming the row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.db import transaction

from vsoko.assessments.enums import MatchStatus
from vsoko.assessments.models import ConfirmedMatch, ParticipantCode
from vsoko.imports.cells import LATIN_LOOKALIKES, cyrillic_words
from vsoko.records.models import Enrollment, OrgUnit, SchoolYear, Student

FUZZY_RATIO = 0.8


@dataclass(frozen=True)
class PersonRef:
    """What a file row says about its person."""

    row: int
    source: str
    student_id: str = ""
    code: str = ""
    name: str = ""
    class_name: str = ""
    grade: int | None = None
    assessment_id: str = ""
    column: str = ""  # the header of the column that names the person, for messages

    @property
    def label(self) -> str:
        parts = [self.name or (f"код участника {self.code}" if self.code else self.student_id)]
        if self.class_name:
            parts.append(self.class_name)
        return ", ".join(p for p in parts if p)

    @property
    def name_key(self) -> str:
        return " ".join(token for token, _ in name_tokens(self.name))

    @property
    def class_key(self) -> str:
        return class_key(self.class_name)


@dataclass(frozen=True)
class Candidate:
    student: Student
    class_name: str

    @property
    def label(self) -> str:
        return f"{self.student.full_name} ({self.class_name or 'нет в контингенте года'})"


@dataclass
class RowMatch:
    person: PersonRef
    status: MatchStatus
    student: Student | None = None
    candidates: list[Candidate] = field(default_factory=list)
    reason: str = ""

    @property
    def message(self) -> str:
        """The Russian explanation shown for a doubtful or missing row."""
        if self.status == MatchStatus.DOUBTFUL:
            options = "; ".join(c.label for c in self.candidates[:5])
            return (f"{_capital(self.reason)}. Возможно: {options}. "
                    "Подтвердите сопоставление на странице «Загрузка протоколов» (/assessments/import/).")
        if self.status == MatchStatus.MISSING:
            return f"{_capital(self.reason)}."
        return ""


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class RosterEntry:
    student: Student
    class_name: str
    grade: int | None
    last: str
    first: str
    middle: str

    @property
    def key(self) -> str:
        return " ".join(p for p in (self.last, self.first, self.middle) if p)


def normalize_name(text: str) -> str:
    """Case, «ё», runs of spaces and Latin look-alikes typed in the English layout («Петровa») do not count."""
    return re.sub(r"\s+", " ", cyrillic_words(str(text)).lower().replace("ё", "е")).strip()


def name_tokens(text: str) -> list[tuple[str, bool]]:
    """«Иванов И.И.» → [("иванов", False), ("и", True), ("и", True)]; the flag marks an initial."""
    text = normalize_name(text).replace(".", ". ")
    tokens = []
    for raw in re.split(r"[\s,]+", text):
        token = raw.strip(".-")
        if token:
            tokens.append((token, raw.endswith(".") and len(token) <= 2 or len(token) == 1))
    return tokens


NO_CLASS_LISTS = ("в этом учебном году в школе нет ни одного обучающегося в классах: сначала загрузите листы "
                  "«Обучающиеся» и «Контингент» за учебный год протокола на странице «Данные», затем протокол")


def class_key(text: str) -> str:
    """«4 «а»», «4-А», «4а», «4A» (a Latin letter) → «4А»."""
    return re.sub(r"[\s\-–«»\"'()]", "", str(text)).upper().translate(LATIN_LOOKALIKES).replace("Ё", "Е")


def load_roster(school: OrgUnit, year: int) -> list[RosterEntry]:
    """Students enrolled in the year, then the school's other students (class unknown)."""
    enrolled = Enrollment.objects.filter(school=school, year_id=year).select_related("student", "school_class")
    entries = [_entry(e.student, e.school_class.name, e.school_class.grade) for e in enrolled]
    seen = {e.student.pk for e in entries}
    others = Student.objects.filter(school=school).exclude(pk__in=seen)
    return entries + [_entry(s, "", None) for s in others]


def _entry(student: Student, class_name: str, grade: int | None) -> RosterEntry:
    return RosterEntry(
        student, class_name, grade, normalize_name(student.last_name), normalize_name(student.first_name),
        normalize_name(student.middle_name),
    )


def match_students(people: list[PersonRef], *, school: OrgUnit, year: int) -> list[RowMatch]:
    """The match table: one RowMatch per file row, in the file's order."""
    roster = load_roster(school, year)
    by_id = {s.student_id: s for s in Student.objects.filter(school=school, student_id__in={p.student_id for p in people if p.student_id})}
    codes = _participant_codes(school, year, {p.code for p in people if p.code})
    confirmed = {
        (c.name_key, c.class_key): c.student
        for c in ConfirmedMatch.objects.filter(school=school, year_id=year).select_related("student")
    }
    return [_match_one(p, roster, by_id, codes, confirmed) for p in people]


def _participant_codes(school: OrgUnit, year: int, codes: set[str]) -> dict[tuple[str, str], Student]:
    rows = ParticipantCode.objects.filter(school=school, year_id=year, code__in=codes).select_related("student")
    return {(r.code, r.assessment_id): r.student for r in rows}


def _match_one(person, roster, by_id, codes, confirmed) -> RowMatch:
    if person.student_id:
        student = by_id.get(person.student_id)
        if student is None:
            return RowMatch(person, MatchStatus.MISSING, reason=f"нет обучающегося с кодом «{person.student_id}»")
        return RowMatch(person, MatchStatus.MATCHED, student, reason="по коду обучающегося")
    if person.code:
        student = codes.get((person.code, person.assessment_id)) or codes.get((person.code, ""))
        if student is not None:
            return RowMatch(person, MatchStatus.MATCHED, student, reason="по коду участника")
    if person.name_key and (person.name_key, person.class_key) in confirmed:
        return RowMatch(person, MatchStatus.MATCHED, confirmed[(person.name_key, person.class_key)], reason="подтверждено ранее")
    if not person.name_key:
        if person.code:
            return RowMatch(person, MatchStatus.MISSING, reason=(
                f"код участника {person.code} не сопоставлен с обучающимся: загрузите список кодов участников "
                "(код участника — ФИО — класс) или добавьте в файл столбец ФИО"))
        return RowMatch(person, MatchStatus.MISSING, reason="в строке нет ни кода, ни ФИО обучающегося")
    return _match_by_name(person, roster)


def _match_by_name(person: PersonRef, roster: list[RosterEntry]) -> RowMatch:
    tokens = name_tokens(person.name)
    if person.class_key:
        pool = [e for e in roster if class_key(e.class_name) == person.class_key]
    elif person.grade:
        pool = [e for e in roster if e.grade == person.grade]
    else:
        pool = [e for e in roster if e.class_name]
    exact = [e for e in pool if _compatible(tokens, e) == "exact"]
    loose = [e for e in pool if _compatible(tokens, e) == "initials"]
    if len(exact) == 1 and len(tokens) >= 2:
        return RowMatch(person, MatchStatus.MATCHED, exact[0].student, reason="по ФИО и классу")
    if not exact and len(loose) == 1 and len(tokens) >= 2:
        return RowMatch(person, MatchStatus.MATCHED, loose[0].student, reason="по фамилии, инициалам и классу")
    if exact or loose:
        reason = "в классе несколько обучающихся с таким ФИО" if len(exact + loose) > 1 else "в файле только фамилия"
        return RowMatch(person, MatchStatus.DOUBTFUL, candidates=_candidates(exact + loose), reason=reason)
    elsewhere = [e for e in roster if e not in pool and _compatible(tokens, e)]
    if elsewhere:
        where = f"в классе {person.class_name} такого обучающегося нет" if person.class_name else "класс не указан"
        return RowMatch(person, MatchStatus.DOUBTFUL, candidates=_candidates(elsewhere), reason=f"{where}, есть в другом классе")
    similar = _similar(tokens, pool) or _similar(tokens, roster)
    if similar:
        return RowMatch(person, MatchStatus.DOUBTFUL, candidates=_candidates(similar, ranked=True),
                        reason="точного совпадения ФИО нет, есть похожие")
    if not any(e.class_name for e in roster):  # nobody enrolled in the year: the class lists come first
        return RowMatch(person, MatchStatus.MISSING, reason=NO_CLASS_LISTS)
    where = f" в классе {person.class_name}" if person.class_name else ""
    return RowMatch(person, MatchStatus.MISSING, reason=f"обучающийся не найден{where} среди обучающихся школы")


def _compatible(tokens: list[tuple[str, bool]], entry: RosterEntry) -> str | None:
    """"exact" when every given part equals the student's, "initials" when initials agree, else None."""
    if not tokens or tokens[0][0] != entry.last:
        return None
    used_initials = False
    for (token, initial), part in zip(tokens[1:], (entry.first, entry.middle), strict=False):
        if not part:
            return None
        if initial:
            if not part.startswith(token):
                return None
            used_initials = True
        elif token != part:
            return None
    if len(tokens) > 3:
        return None
    return "initials" if used_initials or len(tokens) < 2 else "exact"


def _similar(tokens: list[tuple[str, bool]], entries: list[RosterEntry]) -> list[RosterEntry]:
    wanted = " ".join(t for t, _ in tokens[:2])
    scored = []
    for entry in entries:
        ratio = SequenceMatcher(None, wanted, f"{entry.last} {entry.first}".strip()).ratio()
        if ratio >= FUZZY_RATIO:
            scored.append((ratio, entry))
    return [e for _, e in sorted(scored, key=lambda x: (-x[0], x[1].key, x[1].student.student_id))[:5]]


def _candidates(entries: list[RosterEntry], *, ranked: bool = False) -> list[Candidate]:
    """One candidate per student; alphabetical unless already ranked by similarity."""
    unique = {}
    for entry in entries if ranked else sorted(entries, key=lambda e: (e.key, e.student.student_id)):
        unique.setdefault(entry.student.pk, Candidate(entry.student, entry.class_name))
    return list(unique.values())


@transaction.atomic
def confirm_match(*, school: OrgUnit, year: int, person: PersonRef, student: Student, user=None) -> None:
    """Remember the user's choice, so the next import of this file (or the next ВПР) finds the row."""
    if student.school_id != school.pk:
        raise ValueError("student of another school")
    school_year = SchoolYear.objects.get(start=year)
    if person.name_key:
        ConfirmedMatch.objects.update_or_create(
            school=school, year=school_year, name_key=person.name_key, class_key=person.class_key,
            defaults={"student": student, "confirmed_by": user if getattr(user, "is_authenticated", False) else None},
        )
    if person.code:
        remember_codes(school=school, year=year, pairs=[(person.code, student)])


def remember_codes(*, school: OrgUnit, year: int, pairs: list[tuple[str, Student]], assessment_id: str = "") -> int:
    """Store code ↔ student pairs (the school-wide code of the year unless an assessment is given)."""
    school_year = SchoolYear.objects.get(start=year)
    for code, student in pairs:
        ParticipantCode.objects.update_or_create(
            school=school, year=school_year, code=code, assessment_id=assessment_id, defaults={"student": student},
        )
    return len(pairs)
