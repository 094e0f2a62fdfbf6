"""How the schedule's messages name works: «контрольная работа по математике», «две работы»."""

from __future__ import annotations

from vsoko.schedule.enums import ProcedureKind

COUNTS = {2: "две", 3: "три", 4: "четыре"}
# Endings of adjectives and nouns in the nominative and their dative after «по» (по русскому языку, по физической
# культуре, по истории, по литературному чтению); the longest ending that fits is taken.
DATIVE_ENDINGS = (
    ("жий", "жему"), ("ший", "шему"), ("щий", "щему"), ("чий", "чему"),
    ("ий", "ому"), ("ый", "ому"), ("ой", "ому"),
    ("ое", "ому"), ("ее", "ему"), ("ая", "ой"), ("яя", "ей"),
    ("ие", "ию"), ("ия", "ии"), ("ость", "ости"), ("а", "е"), ("я", "е"), ("о", "у"),
)
CONSONANTS = set("бвгдзклмнпрстфхцжшщч")


def dative(name: str) -> str:
    """A subject's name after «по»: «Русский язык» → «русскому языку», «ОБЗР» stays «ОБЗР»."""
    return " ".join(_dative_word(word) for word in name.split())


def _dative_word(word: str) -> str:
    if word.isupper() or word == "и":
        return word
    opening, core, closing = "(" if word.startswith("(") else "", word.strip("()"), ")" if word.endswith(")") else ""
    lowered = core.lower()
    for ending, replacement in DATIVE_ENDINGS:
        if lowered.endswith(ending):
            return opening + lowered[: -len(ending)] + replacement + closing
    if lowered and lowered[-1] in CONSONANTS:
        return opening + lowered + "у" + closing
    return opening + lowered + closing


def work(kind: str, subject: str) -> str:
    """«контрольная работа по математике», «ВПР по истории»."""
    return f"{ProcedureKind(kind).work} по {dative(subject)}"


GENITIVE = {"vpr": "ВПР", "niko": "НИКО", "regional": "региональной диагностики", "test": "контрольной работы",
            "final_test": "итоговой контрольной работы", "diagnostic": "диагностической работы",
            "administrative": "административной работы", "check": "проверочной работы", "other": "работы"}


def day_of(kind: str, subject: str) -> str:
    """«в день ВПР по истории», «в день региональной диагностики по математике»."""
    return f"в день {GENITIVE[kind]} по {dative(subject)}"


def works(count: int) -> str:
    """«две работы», «5 работ»."""
    if count in COUNTS:
        return f"{COUNTS[count]} работы"
    if count % 10 == 1 and count % 100 != 11:
        return f"{count} работа"
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return f"{count} работы"
    return f"{count} работ"


# Short names of subjects for the month grid, as the published schedules write them.
ABBREVIATIONS = {
    "Русский язык": "рус", "Литературное чтение": "лит.чт", "Литература": "лит", "Английский язык": "англ",
    "Немецкий язык": "нем", "Французский язык": "франц", "Математика": "мат", "Алгебра": "алг",
    "Геометрия": "геом", "Вероятность и статистика": "вер", "Информатика": "инф", "Окружающий мир": "окр",
    "История": "ист", "Обществознание": "общ", "География": "геог", "Биология": "биол", "Физика": "физ",
    "Химия": "хим", "Физическая культура": "физк", "Музыка": "муз", "Изобразительное искусство": "изо",
    "Труд (технология)": "труд", "Технология": "техн",
}

_ABBREVIATED = {name.lower(): short for name, short in ABBREVIATIONS.items()}


def abbreviation(name: str) -> str:
    """«мат» for «Математика»; an abbreviation stays; anything else its first four letters."""
    if (short := _ABBREVIATED.get(name.lower())) is not None:
        return short
    first = name.split()[0] if name.split() else name
    return first if first.isupper() else first[:4].lower()
