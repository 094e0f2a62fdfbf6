"""The school's own text of its reports' sections: reading, checking and saving it. The sections of a report
are an enum (SelfExamSection — the self-examination report, PublicReportSection — the public report), and each
function works on the sections of one report.

- `texts_of(school, year, sections)` — the saved texts by section;
- `clean_text(text)` — a text as it is kept: Windows line ends and the breaks Word pastes made plain,
  control characters (which a .docx cannot hold) dropped, trailing spaces removed;
- `pupil_names(school, year)`, `students_named(text, names)` — pupils of the school named in the text, in any
  case form or by the initial: the report is published on the school's website, so a pupil's name must not be
  in it (152-ФЗ);
- `save_texts(...)` — saves the changed sections at once, or nothing when a colleague saved one of them since
  the page was opened (TextConflict), so nobody's text is overwritten unseen. Each saved section is an entry
  of the audit log (lengths, not the text).

The year's approval does not lock the texts: approval keeps the figures of an approved year from changing
(records and entered values, vsoko.records.approval), and the texts change none; the report is written
months after the data are approved, and every change is in the audit log (docs/reports.md).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.records.models import OrgUnit, SchoolYear, StaffMember, Student
from vsoko.reports.cells import year_label
from vsoko.reports.enums import PublicReportSection, SelfExamSection
from vsoko.reports.models import SelfExamText

MAX_LENGTH = 20_000  # characters per section: a spreadsheet cell holds 32 767, a section is a few pages
BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")  # Word's line and page breaks, old Mac ends
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


Sections = type[SelfExamSection] | type[PublicReportSection]

# Each report's texts in the audit log: the object type and the report in the genitive.
AUDITED = {SelfExamSection: ("self_exam_text", "отчёта о самообследовании"),
           PublicReportSection: ("public_report_text", "публичного доклада")}


def texts_of(school: OrgUnit, year: int, sections: Sections = SelfExamSection) -> dict:
    """The saved texts of the report's sections by section, in the sections' order."""
    saved = {sections(t.section): t for t in SelfExamText.objects.filter(
        school=school, year_id=year, section__in=sections.values).select_related("updated_by")}
    return {section: saved[section] for section in sections if section in saved}


def clean_text(text: str) -> str:
    lines = CONTROL.sub("", BREAKS.sub("\n", text)).replace("\t", " ").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n ")


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs: its non-empty lines."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def _folded(word: str) -> str:
    return word.lower().replace("ё", "е")


# The endings a Russian name takes in its case forms, singular (and the plural of a surname: «Ивановых»), after its
# stem (`_stems`): nouns («Петр|а», «Мари|ей», «Ольг|ой») and adjectives («Толст|ого», «Достоевск|ой»).
NOUN_ENDINGS = frozenset({"а", "я", "у", "ю", "е", "и", "ы", "ой", "ей", "ом", "ем", "ою", "ею", "ью",
                          "ия", "ию", "ии", "ием", "ией"})
ENDINGS = NOUN_ENDINGS | {"ий", "ый", "ая", "яя", "ого", "его", "ому", "ему", "ым", "им", "ую", "юю", "ое", "ее",
                          "ые", "ие", "ых", "их", "ыми", "ими"}
SHORT_STEM = 3  # a stem shorter than this takes noun endings only: «Ия» is «и|и», «и|ю», never «и|м», «и|х»
ADJECTIVE_ENDS = ("ий", "ый", "ой", "ая", "яя")
FLEETING_ENDS = ("ел", "ец", "ок", "ек", "ев")  # after a consonant: Павел → Павла, Кравец → Кравца, Лев → Льва
VOWELS = "аеиоуыэюяйь"


def _stems(name: str) -> set[str]:
    """What every case form of a (folded) name starts with: the name, or the name without its final vowel, «й»
    or «ь» (Мария → мари), or without an adjective's ending (Достоевский → достоевск); the fleeting vowel
    dropped (Павел → павл, Лев → льв)."""
    stems = {name[:-1] if name[-1] in VOWELS else name}
    if name.endswith(ADJECTIVE_ENDS) and len(name) - 2 >= SHORT_STEM:
        stems.add(name[:-2])
    if len(name) >= 3 and name.endswith(FLEETING_ENDS) and name[-3] not in VOWELS:
        stems.add(name[:-2] + ("ь" if name[-3] == "л" else "") + name[-1])
    return {stem for stem in stems if stem}


def _name_keys(name: str) -> set[tuple[str, str]]:
    """The keys of a name: («=», the name) and («~», each stem)."""
    return {("=", name)} | {("~", stem) for stem in _stems(name)}


def _word_keys(word: str) -> set[tuple[str, str]]:
    """The keys a (folded) word of a text meets a name by: («=», the word) — the name as it is — and («~», the
    word without an ending of at most three letters), so «петру» meets Пётр and «ивановой» meets Иванова, but
    the bare stem («иванов») does not meet Иванова."""
    keys = {("=", word)}
    for cut in (1, 2, 3):
        stem, ending = word[:-cut], word[-cut:]
        if stem and ending in (ENDINGS if len(stem) >= SHORT_STEM else NOUN_ENDINGS):
            keys.add(("~", stem))
    return keys


class Names:
    """People's «Фамилия Имя» by the keys of their surname and first name (`_name_keys`), and by the keys of the
    surname and the first name's initial. Built once from rows; a text is then checked without a query."""

    def __init__(self, rows):
        self.full: dict[tuple, set[str]] = defaultdict(set)
        self.initials: dict[tuple, set[str]] = defaultdict(set)
        for last, first in rows:
            shown, surname, name = f"{last} {first}", _folded(last), _folded(first)
            for last_key in _name_keys(surname):
                self.initials[last_key, name[0]].add(shown)
                for first_key in _name_keys(name):
                    self.full[last_key, first_key].add(shown)

    def by_name(self, surname: set[tuple], first: set[tuple]) -> set[str]:
        """The people whose surname the first word's keys meet and whose first name the second's meet."""
        return {shown for s in surname for f in first for shown in self.full.get((s, f), ())}

    def by_initial(self, surname: set[tuple], initial: str) -> set[str]:
        return {shown for s in surname for shown in self.initials.get((s, _folded(initial)), ())}


@dataclass(frozen=True)
class KnownNames:
    pupils: Names
    staff: Names  # a teacher named in the text is not a pupil, even when a pupil's name meets the same words


@dataclass(frozen=True)
class Mention:
    words: str  # as written in the text: «Иванову Петру», «П. Иванов»
    pupil: str  # «Фамилия Имя» of the pupil they name

    def __str__(self) -> str:
        # The pupil's name in brackets tells who «Уткиной Марии» is; after the name itself it would only repeat it.
        return f"«{self.words}»" if self.words == self.pupil else f"«{self.words}» ({self.pupil})"


def pupil_names(school: OrgUnit, year: int) -> KnownNames:
    """The names of the school's pupils of the year and the years next to it (the report's calendar year spans
    two school years, and it is written in the next one) and of its staff. Two queries."""
    pupils = (Student.objects.filter(school=school, enrollments__year_id__in=[year - 1, year, year + 1])
              .exclude(last_name="").exclude(first_name="").values_list("last_name", "first_name").distinct())
    staff = (StaffMember.objects.filter(school=school).exclude(last_name="").exclude(first_name="")
             .values_list("last_name", "first_name").distinct())
    return KnownNames(Names(pupils), Names(staff))


def students_named(text: str, names: KnownNames) -> list[Mention]:
    """The places of the text that name a pupil: the surname and the first name side by side (only spaces
    between), in either order, in any case form and letter case, «ё» as «е» («Иванову Петру», «у Ивановой
    Марии», «Петра Иванова»); or the surname with the first name's initial («Иванов П.», «П. Иванов», «П. С.
    Иванову»). Words that name one of the staff the same way are the staff member's. In the text's order."""
    words = list(WORD.finditer(text))
    keys = [_word_keys(_folded(w.group())) for w in words]
    found: dict[Mention, None] = {}  # in the text's order, each once

    def add(start: int, end: int, pupils: set[str], staff: set[str]) -> None:
        if pupils and not staff:
            found.update(dict.fromkeys(Mention(text[start:end], pupil) for pupil in sorted(pupils)))

    for i in range(len(words) - 1):
        a, b = words[i], words[i + 1]
        gap = text[a.end():b.start()]
        if gap.isspace():
            for first, second in ((i, i + 1), (i + 1, i)):
                add(a.start(), b.end(), names.pupils.by_name(keys[first], keys[second]),
                    names.staff.by_name(keys[first], keys[second]))
            if _initial(b) and text[b.end():b.end() + 1] == ".":  # «Иванов П.»
                add(a.start(), b.end() + 1, names.pupils.by_initial(keys[i], b.group()),
                    names.staff.by_initial(keys[i], b.group()))
        elif _initial(a) and gap[0] == "." and (gap[1:].isspace() or not gap[1:]):  # «П. Иванов», «П. С. Иванов»
            start = a
            if i and _initial(words[i - 1]) and text[words[i - 1].end():a.start()].rstrip() == ".":
                start = words[i - 1]  # «П. С.»: the first name's initial is the first
            add(start.start(), b.end(), names.pupils.by_initial(keys[i + 1], start.group()),
                names.staff.by_initial(keys[i + 1], start.group()))
    return list(found)


def _initial(word: re.Match) -> bool:
    return len(word.group()) == 1 and word.group().isupper()


class TextConflict(Exception):
    """Sections saved by someone else since the page showed them; nothing was saved."""

    def __init__(self, newer: dict[SelfExamSection, SelfExamText]):
        super().__init__(", ".join(section.label for section in newer))
        self.newer = newer


@dataclass(frozen=True)
class Edit:
    text: str
    revision: int  # the revision the page showed (0: the section had no text)


def save_texts(*, school: OrgUnit, year: int, edits: dict, user, request=None) -> list:
    """Save the sections (of one report) whose text differs from the saved one; returns them. A section changed
    since the revision the page showed raises TextConflict and nothing is saved."""
    if not edits:
        return []
    sections = type(next(iter(edits)))
    object_type, report = AUDITED[sections]
    SchoolYear.objects.get_or_create(start=year)
    with transaction.atomic():
        # The school's row serialises saves of its texts: two first saves of a section cannot both insert it.
        OrgUnit.objects.select_for_update().filter(pk=school.pk).first()
        saved = {sections(t.section): t for t in SelfExamText.objects.select_for_update().filter(
            school=school, year_id=year, section__in=sections.values)}
        changed = {section: edit for section, edit in edits.items()
                   if edit.text != (saved[section].text if section in saved else "")}
        newer = {section: saved[section] for section, edit in changed.items()
                 if section in saved and saved[section].revision != edit.revision}
        if newer:
            raise TextConflict(newer)
        for section, edit in changed.items():
            row = saved.get(section) or SelfExamText(school=school, year_id=year, section=section)
            before = len(row.text)
            row.text, row.revision = edit.text, row.revision + 1
            row.updated_by = user if getattr(user, "is_authenticated", False) else None
            row.save()
            record(user=user, action=AuditAction.CHANGE, object_type=object_type,
                   object_id=f"{year}/{section.value}", school=school, request=request, details={
                       "действие": f"изменён текст раздела {report}", "раздел": section.label,
                       "учебный год": year_label(year), "символов": [before, len(edit.text)]})
    return list(changed)
