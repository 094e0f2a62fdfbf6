"""The generation of a school's data: a token that changes whenever the school's data values are rewritten.

Every rewrite of a school's values goes through `compute._replace` (after an import, the entry form's
recomputation, a survey answer's background request, `vsoko compute`, the demo) or
`compute.refresh_manual_values`, and each ends with `advance(schools)`: a new random token, written in
the same transaction as the values, so no reader ever sees new values with the old token. A school
whose values were never written has no token.

What a page derives from a school's values, and from the records a recomputation follows (its
procedures, classes, subjects: every import recomputes the years it touched), may therefore be kept
under the token: `cached(...)`. It is kept in Django's cache (settings.CACHES; without a setting,
each process's own memory, LocMemCache). That is correct with several `vsoko serve` workers because
the key holds the token and a token is never used twice:

- a worker that kept a value under an old token never reads it again: after the change every
  request reads the new token (one indexed query) and misses, so nothing stale is ever served,
  however many processes keep their own copies;
- the token is read before the value is computed, so a value is never older than its token (a
  rewrite committed meanwhile gives a newer token, under which nothing is kept yet);
- tokens are random, not a counter: after `vsoko restore` or a rolled-back transaction an old number
  could come back with other data, a random token cannot.

`cached_together(...)` keeps one value derived from several schools' values together (a municipality's own
data values, summed over its schools) under all their tokens at once: an import in any one school gives a new
key. A school without a token has no values at all (every write advances the token, and the migration that
brought tokens gave one to every school with values), so it takes part in the key as «none»; when its first
values are written it gets a token, and the key changes.

Old entries are never read again; the cache's own culling (MAX_ENTRIES) and `TIMEOUT` drop them.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache

from vsoko.datavalues.models import DataGeneration

KEPT_SECONDS = 24 * 3600  # an entry nobody reads for a day is dropped; a valid one is simply computed again


def advance(school_ids: Iterable[int]) -> None:
    """New tokens for these schools (one statement). Call it in the transaction that rewrites their values."""
    rows = [DataGeneration(school_id=pk, token=uuid.uuid4().hex) for pk in sorted(set(school_ids))]
    if rows:
        DataGeneration.objects.bulk_create(rows, update_conflicts=True, unique_fields=["school"],
                                           update_fields=["token"])


def tokens(school_ids: Iterable[int]) -> dict[int, str]:
    """{school id: its current token}; schools without values are absent (one query)."""
    return dict(DataGeneration.objects.filter(school_id__in=list(school_ids)).values_list("school_id", "token"))


def cached[T](name: str, school_ids: list[int], compute: Callable[[list[int]], dict[int, T]],
              *params) -> dict[int, T]:
    """{school id: value} for these schools, as `compute(ids)` gives it ({id: value} for every id asked).

    Values kept for the schools' current tokens are taken as they are; the rest are computed in one
    call and kept. `name` and `params` (plain values with a stable repr: a year, a flag, a frozen
    dataclass of thresholds) complete the key. A school without a token is computed every time.
    """
    current = tokens(school_ids)
    digest = hashlib.blake2b(repr(params).encode(), digest_size=8).hexdigest()
    keys = {pk: f"vsoko:{name}:{pk}:{current[pk]}:{digest}" for pk in school_ids if pk in current}
    found = cache.get_many(list(keys.values())) if keys else {}
    values = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [pk for pk in school_ids if pk not in values]
    if missing:
        fresh = compute(missing)
        cache.set_many({keys[pk]: fresh[pk] for pk in missing if pk in keys}, timeout=KEPT_SECONDS)
        values.update((pk, fresh[pk]) for pk in missing)
    return {pk: values[pk] for pk in school_ids}


_MISSING = object()


def cached_together[T](name: str, school_ids: list[int], compute: Callable[[], T], *params: Any) -> T:
    """`compute()` — one value derived from these schools' values together (their sum: a municipality's own
    values) — kept under the current tokens of all of them (one query), the school ids, `name` and `params`
    (plain values with a stable repr). A rewrite of any one school's values gives another key."""
    current = tokens(school_ids)
    together = tuple((pk, current.get(pk, "")) for pk in sorted(set(school_ids)))
    digest = hashlib.blake2b(repr((together, params)).encode(), digest_size=16).hexdigest()
    key = f"vsoko:{name}:together:{digest}"
    found = cache.get(key, _MISSING)
    if found is not _MISSING:
        return found
    value = compute()
    cache.set(key, value, timeout=KEPT_SECONDS)
    return value
