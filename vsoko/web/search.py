"""Searching people by name or id, the same way on SQLite and PostgreSQL."""

from __future__ import annotations

from django.db.models import Q

NAME_FIELDS = ("last_name", "first_name", "middle_name")


def person_query(text: str, *, id_field: str, prefix: str = "") -> Q:
    """Every word must match a part of a name or of the id.

    SQLite folds case of ASCII letters only, so each word is also tried in lower case,
    capitalised and upper case: «иванов» finds «Иванов» there as it does on PostgreSQL.
    """
    condition = Q()
    for word in text.split()[:5]:
        variants = {word, word.lower(), word.capitalize(), word.upper()}
        if "ё" in word.lower():
            variants |= {v.replace("ё", "е").replace("Ё", "Е") for v in variants}
        word_condition = Q()
        for variant in sorted(variants):
            for name in (*NAME_FIELDS, id_field):
                word_condition |= Q(**{f"{prefix}{name}__icontains": variant})
        condition &= word_condition
    return condition
