"""Subject names that are typos of a known subject: «Матиматика» for «Математика».

The import creates a subject for every new name (a school may teach «Финансовая грамотность»), so a typo
would silently become a subject of its own and its marks would vanish from the real one. A name that is no
known subject (stored, standard, or declared on the package's sheet «Предметы») but a few letters away from
one is refused, naming the subject it resembles. The other spellings ALIASES knows («ИЗО», «Физкультура»,
«История России. Всеобщая история») are names curricula and journals use: known, taken as written.
"""

from __future__ import annotations

from collections.abc import Iterable

from vsoko.assessments.subjects import ALIASES, normalize_text

# The subjects of the federal curricula (ФОП НОО, ООО, СОО) as schools name them, besides ALIASES' keys.
STANDARD_SUBJECTS = (
    "Русский язык", "Литературное чтение", "Литература", "Родной язык", "Родная литература",
    "Литературное чтение на родном языке", "Иностранный язык", "Второй иностранный язык", "Английский язык",
    "Немецкий язык", "Французский язык", "Испанский язык", "Китайский язык", "Математика", "Алгебра",
    "Геометрия", "Вероятность и статистика", "Алгебра и начала математического анализа", "Информатика",
    "Окружающий мир", "История", "Обществознание", "География", "Биология", "Физика", "Химия", "Астрономия",
    "Естествознание", "Экономика", "Право", "Музыка", "Изобразительное искусство", "Технология",
    "Труд (технология)", "Физическая культура", "Адаптивная физическая культура", "ОБЖ", "ОБЗР", "ОРКСЭ",
    "ОДНКНР", "Индивидуальный проект", "Математика (профиль)", "Математика (база)",
)

MIN_LENGTH = 4  # «ОБЖ» and «ОБЗР»: too few letters to tell a typo from another subject


def display(name: str) -> str:
    """A stored «математика» is shown as the file writes it, «Математика»; «ОБЗР» stays."""
    text = " ".join(str(name).split())
    return text[:1].upper() + text[1:]


def known_names(names: Iterable[str]) -> dict[str, str]:
    """Normalized name → shown name of the standard subjects, ALIASES' keys and spellings, and `names`."""
    known = {normalize_text(n): n for n in STANDARD_SUBJECTS}
    for key, spellings in ALIASES.items():
        for spelling in (key, *spellings):
            known.setdefault(spelling, display(spelling))
    for name in names:
        known.setdefault(normalize_text(name), display(name))
    return known


def close_to(name: str, known: Iterable[str] | dict[str, str]) -> str | None:
    """The known subject `name` is a typo of, else None (also when it is known)."""
    names = known if isinstance(known, dict) else {normalize_text(n): n for n in known}
    text = normalize_text(name)
    if text in names:
        return None
    best, best_distance = None, None
    for other, shown in names.items():
        length = max(len(text), len(other))
        if min(len(text), len(other)) < MIN_LENGTH or abs(len(text) - len(other)) > length // 5:
            continue
        distance = edit_distance(text, other)
        if distance <= max(1, length // 5) and (best_distance is None or distance < best_distance):
            best, best_distance = shown, distance
    return best


def edit_distance(a: str, b: str) -> int:
    """Letters inserted, deleted, replaced or two neighbours swapped (Damerau–Levenshtein, optimal string)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]
