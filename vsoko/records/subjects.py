"""The one spelling of a subject name that the records keep.

Files write «Русский язык», «русский  язык» or «русский язык»; indicators select
subjects by name (`subject=математика (база)` in spec/core-indicators.md), so every
import stores the same form: single spaces and a lower-case first letter, as the
specs and official tables write subjects. Abbreviations (ОБЗР, ИЗО, МХК, the «IT» of
«IT-технологии», the «ИЗО» of «ИЗО-студия») and Latin names («MS Office», «Python»)
keep their case: lower-cased they would be misprints, not the same name.
"""

from __future__ import annotations

import re

# The first word's leading part: up to a hyphen («IT» of «IT-технологии»).
_LEADING_PART = re.compile(r"[^\s-]+")


def canonical_subject_name(name: str) -> str:
    text = " ".join(str(name).replace("\u00a0", " ").split())
    if not text:
        return text
    first = _LEADING_PART.match(text)
    letters = [c for c in (first.group() if first else "") if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return text
    if not _is_cyrillic(text[0]):
        return text
    return text[0].lower() + text[1:]


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"
