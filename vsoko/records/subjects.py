"""The one spelling of a subject name that the records keep.

Files write «Русский язык», «русский  язык» or «русский язык»; indicators select
subjects by name (`subject=математика (база)` in spec/core-indicators.md), so every
import stores the same form: single spaces and a lower-case first letter, as the
specs and official tables write subjects. Abbreviations (ОБЗР, ИЗО, МХК) keep their case.
"""

from __future__ import annotations


def canonical_subject_name(name: str) -> str:
    text = " ".join(str(name).replace("\u00a0", " ").split())
    if not text:
        return text
    first_word = text.split(" ", 1)[0]
    letters = [c for c in first_word if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return text
    return text[0].lower() + text[1:]
