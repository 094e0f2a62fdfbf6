"""Subject names as files spell them → one key per subject.

ФИС ОКО writes «Русский язык», РЦОИ writes «Математика (профильный уровень)» or
«Информатика и ИКТ», a journal «Рус. яз.»; scales and stored subjects are found by
the key (lower case, ё = е, single spaces).
"""

from __future__ import annotations

import re

from vsoko.records.models import Subject

# key → spellings met in files (already normalised by `normalize_text`)
ALIASES: dict[str, tuple[str, ...]] = {
    "русский язык": ("русский", "рус. яз.", "рус.яз.", "рус яз", "русск. язык"),
    "математика": ("матем.", "математика (база и профиль)"),
    "математика (профиль)": (
        "математика профильная", "математика (профильный уровень)", "математика профильного уровня",
        "математика профильный уровень", "профильная математика", "математика профиль", "математика п",
        "математика (п)", "математика (профильная)",
    ),
    "математика (база)": (
        "математика базовая", "математика (базовый уровень)", "математика базового уровня",
        "математика базовый уровень", "базовая математика", "математика база", "математика б",
        "математика (б)", "математика (базовая)",
    ),
    "математика (углубленный уровень)": ("математика (углубленная)", "математика углубленная", "математика (углубленный)"),
    "физика (углубленный уровень)": ("физика (углубленная)", "физика углубленная", "физика (углубленный)"),
    "информатика": ("информатика и икт", "информатика и информационно-коммуникационные технологии (икт)"),
    "окружающий мир": ("окр. мир", "окружающий мир (человек, природа, общество)"),
    "обществознание": ("общество", "обществозн."),
    "английский язык": ("английский", "иностранный язык (английский)", "иностранный язык (английский язык)", "англ. яз."),
    "немецкий язык": ("немецкий", "иностранный язык (немецкий)", "иностранный язык (немецкий язык)"),
    "французский язык": ("французский", "иностранный язык (французский)", "иностранный язык (французский язык)"),
    "испанский язык": ("испанский", "иностранный язык (испанский)"),
    "китайский язык": ("китайский", "иностранный язык (китайский)"),
    "литература": ("литер.",),
    # journals' short forms
    "физическая культура": ("физкультура", "физ-ра", "физ. культура", "физ.культура"),
    "изобразительное искусство": ("изо",),
    "литературное чтение": ("лит. чтение", "лит.чтение", "литер. чтение"),
    "история": ("история россии. всеобщая история",),
}

# ЕГЭ по математике базового уровня: graded by a mark alone, no test score; a «3» passes it.
BASE_MATHEMATICS = "математика (база)"

_LOOKUP = {alias: key for key, aliases in ALIASES.items() for alias in (key, *aliases)}


def normalize_text(text: str) -> str:
    """Lower case, ё = е, one space between words and none inside parentheses."""
    text = str(text).lower().replace("ё", "е").replace("\xa0", " ")
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\(\s*", "(", re.sub(r"\s*\)", ")", text))


def subject_key(name: str) -> str:
    """The key of a subject however a file spells it (unknown names are their own key)."""
    text = normalize_text(name)
    return _LOOKUP.get(text, text)


def is_base_mathematics(name: str) -> bool:
    return subject_key(name) == BASE_MATHEMATICS


def display_name(key: str) -> str:
    """How a subject created from a file is named: «Математика (профиль)»."""
    return key[:1].upper() + key[1:]


def subject_name_for(name: str, stored: dict[str, str] | None = None) -> str:
    """The name to store: the stored subject the name means (`stored_subject_for`), else the display name.

    `stored` (from `stored_subject_names()`) saves a query per call in loops.
    """
    names = stored_subject_names() if stored is None else stored
    return stored_subject_for(name, names) or display_name(subject_key(name))


def stored_subject_names() -> dict[str, str]:
    """Normalized name → name of every stored subject, and key → the stored subject of that key.

    A key's stored subject is the one spelled as the key (stored «информатика» for «информатика и икт»),
    else the first stored spelling of it (stored «Информатика и ИКТ» for «информатика»).
    """
    stored = list(Subject.objects.order_by("pk").values_list("name", flat=True))
    names = {normalize_text(name): name for name in stored}
    by_key: dict[str, str] = {}
    for name in stored:
        by_key.setdefault(subject_key(name), names.get(subject_key(name), name))
    return {**by_key, **names}


def stored_subject_for(name: str, stored: dict[str, str]) -> str | None:
    """The stored subject a file's name means, else None: the one rule of every import.

    A name stored as written is that subject, even where another stored subject shares its key (a school
    keeping «История» and «История России. Всеобщая история» apart keeps them apart). Otherwise a name
    ALIASES gives a key («Информатика и ИКТ» → «информатика») means the key's stored subject, in both
    directions: a file's «Информатика и ИКТ» goes to the stored «информатика», a file's «Информатика» to the
    stored «Информатика и ИКТ». Names of different keys («Математика (база)», «Математика») never meet.
    """
    text = normalize_text(name)
    return stored.get(text) or stored.get(subject_key(text))


def same_subject(name: str, stored: dict[str, str]) -> str:
    """What two file names share when they are one subject: the stored subject they mean
    (`stored_subject_for`), else their key (a new subject: «Физкультура» and «Физическая культура»)."""
    found = stored_subject_for(name, stored)
    return normalize_text(found) if found is not None else subject_key(name)


_BY_LENGTH = sorted(_LOOKUP, key=len, reverse=True)


def find_subject(text: str) -> str | None:
    """The key of a subject named somewhere in a title or file name, else None.

    «Результаты ЕГЭ по математике профильного уровня» → «математика (профиль)».
    """
    value = normalize_text(text).replace("_", " ")
    if "математ" in value:
        if "профил" in value:
            return "математика (профиль)"
        if "базов" in value:
            return "математика (база)"
        if "углубл" in value:
            return "математика (углубленный уровень)"
    for alias in _BY_LENGTH:
        if len(alias) >= 5 and re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", value):
            return _LOOKUP[alias]
    for stem, key in _STEMS:
        if stem in value:
            return key
    return None


# Oblique cases in titles: «по русскому языку», «по математике», «по обществознанию».
_STEMS = [
    ("русск", "русский язык"), ("математ", "математика"), ("окружающ", "окружающий мир"),
    ("обществозн", "обществознание"), ("информатик", "информатика"), ("истори", "история"),
    ("биологи", "биология"), ("географи", "география"), ("физик", "физика"), ("хими", "химия"),
    ("литератур", "литература"), ("английск", "английский язык"), ("немецк", "немецкий язык"),
    ("французск", "французский язык"), ("испанск", "испанский язык"), ("китайск", "китайский язык"),
]
