"""Searching people by name or id, the same way on SQLite and PostgreSQL."""

from __future__ import annotations

from django.db.models import F, Q, Value
from django.db.models.functions import Replace
from django.db.models.lookups import IContains

NAME_FIELDS = ("last_name", "first_name", "middle_name")


def person_query(text: str, *, id_field: str, prefix: str = "") -> Q:
    """Every word must match a part of a name or of the id.

    «ё» and «е» are the same letter here, as Russian typing treats them: «Алешин» finds
    «Алёшин» and back (both sides are compared with «ё» read as «е»). SQLite folds case of
    ASCII letters only, so each word is also tried in lower case, capitalised and upper
    case: «иванов» finds «Иванов» there as it does on PostgreSQL.
    """
    condition = Q()
    for word in text.split()[:5]:
        word = without_yo(word)
        variants = {word, word.lower(), word.capitalize(), word.upper()}
        word_condition = Q()
        for variant in sorted(variants):
            for name in NAME_FIELDS:
                word_condition |= Q(IContains(_yo_as_ye(f"{prefix}{name}"), variant))
            word_condition |= Q(**{f"{prefix}{id_field}__icontains": variant})
        condition &= word_condition
    return condition


def without_yo(text: str) -> str:
    return text.replace("ё", "е").replace("Ё", "Е")


def _yo_as_ye(field: str) -> Replace:
    return Replace(Replace(F(field), Value("ё"), Value("е")), Value("Ё"), Value("Е"))
