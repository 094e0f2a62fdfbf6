"""The school's own text of the self-examination report's sections: reading, checking and saving it.

- `texts_of(school, year)` — the saved texts by section;
- `clean_text(text)` — a text as it is kept: Windows line ends and the breaks Word pastes made plain,
  control characters (which a .docx cannot hold) dropped, trailing spaces removed;
- `pupil_names(school, year)`, `students_named(text, names)` — pupils of the school named in the text: the
  report is published on the school's website, so a pupil's name must not be in it (152-ФЗ);
- `save_texts(...)` — saves the changed sections at once, or nothing when a colleague saved one of them since
  the page was opened (TextConflict), so nobody's text is overwritten unseen. Each saved section is an entry
  of the audit log (lengths, not the text).

The year's approval does not lock the texts: approval keeps the figures of an approved year from changing
(records and entered values, vsoko.records.approval), and the texts change none; the report is written
months after the data are approved, and every change is in the audit log (docs/reports.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.records.models import OrgUnit, SchoolYear, Student
from vsoko.reports.cells import year_label
from vsoko.reports.enums import SelfExamSection
from vsoko.reports.models import SelfExamText

MAX_LENGTH = 20_000  # characters per section: a spreadsheet cell holds 32 767, a section is a few pages
BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")  # Word's line and page breaks, old Mac ends
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def texts_of(school: OrgUnit, year: int) -> dict[SelfExamSection, SelfExamText]:
    """The saved texts by section, in the sections' order."""
    saved = {SelfExamSection(t.section): t for t in
             SelfExamText.objects.filter(school=school, year_id=year).select_related("updated_by")}
    return {section: saved[section] for section in SelfExamSection if section in saved}


def clean_text(text: str) -> str:
    lines = CONTROL.sub("", BREAKS.sub("\n", text)).replace("\t", " ").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n ")


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs: its non-empty lines."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def _folded(word: str) -> str:
    return word.lower().replace("ё", "е")


def pupil_names(school: OrgUnit, year: int) -> dict[tuple[str, str], str]:
    """The school's pupils of the year: (surname, first name) as compared — lower case, «ё» as «е» — to
    «Фамилия Имя» as written. One query."""
    rows = (Student.objects.filter(school=school, enrollments__year_id=year).exclude(last_name="")
            .exclude(first_name="").values_list("last_name", "first_name").distinct())
    return {(_folded(last), _folded(first)): f"{last} {first}" for last, first in rows}


def students_named(text: str, names: dict[tuple[str, str], str]) -> list[str]:
    """«Фамилия Имя» of the pupils (`pupil_names`) whose surname and first name stand side by side in the text,
    in either order, whatever the letter case and «ё» (nominative case only: «Иванову Петру» is not caught)."""
    words = list(WORD.finditer(text))
    pairs = {(_folded(a.group()), _folded(b.group())) for a, b in zip(words, words[1:], strict=False)
             if text[a.end():b.start()].isspace()}  # side by side: only spaces between, no full stop or comma
    return sorted({names[key] for pair in pairs for key in (pair, pair[::-1]) if key in names})


class TextConflict(Exception):
    """Sections saved by someone else since the page showed them; nothing was saved."""

    def __init__(self, newer: dict[SelfExamSection, SelfExamText]):
        super().__init__(", ".join(section.label for section in newer))
        self.newer = newer


@dataclass(frozen=True)
class Edit:
    text: str
    revision: int  # the revision the page showed (0: the section had no text)


def save_texts(*, school: OrgUnit, year: int, edits: dict[SelfExamSection, Edit], user, request=None
               ) -> list[SelfExamSection]:
    """Save the sections whose text differs from the saved one; returns them. A section changed since the
    revision the page showed raises TextConflict and nothing is saved."""
    SchoolYear.objects.get_or_create(start=year)
    with transaction.atomic():
        # The school's row serialises saves of its texts: two first saves of a section cannot both insert it.
        OrgUnit.objects.select_for_update().filter(pk=school.pk).first()
        saved = {SelfExamSection(t.section): t for t in
                 SelfExamText.objects.select_for_update().filter(school=school, year_id=year)}
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
            record(user=user, action=AuditAction.CHANGE, object_type="self_exam_text",
                   object_id=f"{year}/{section.value}", school=school, request=request, details={
                       "действие": "изменён текст раздела отчёта о самообследовании", "раздел": section.label,
                       "учебный год": year_label(year), "символов": [before, len(edit.text)]})
    return list(changed)
