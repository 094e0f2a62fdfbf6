"""Groups of similar schools (k-means) and ranks: plain functions over a few dozen numbers.

The regulations ask for «кластерный анализ» of the key indicators (000, п. 4.7; 004, п. 8). Each
indicator is standardised (z-score across the schools, the sign turned where lower is better),
a missing value counts as the average (0). k-means starts from schools spread evenly along the
average z-score, so the same data always give the same groups, and the groups are numbered
from the strongest (highest average z-score) to the weakest.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence


def competition_ranks(values: Mapping[Hashable, float], *, higher_is_better: bool) -> dict[Hashable, int]:
    """1 for the best; equal values share a rank and the next rank skips (1, 2, 2, 4)."""
    ordered = sorted(values.values(), reverse=higher_is_better)
    first_place = {}
    for place, value in enumerate(ordered, start=1):
        first_place.setdefault(value, place)
    return {key: first_place[value] for key, value in values.items()}


def standardized(columns: Sequence[Mapping[Hashable, float]], signs: Sequence[int],
                 keys: Sequence[Hashable]) -> dict[Hashable, list[float]]:
    """Each key's z-scores, one per column (column × sign); a key missing from a column gets 0."""
    points: dict[Hashable, list[float]] = {key: [] for key in keys}
    for column, sign in zip(columns, signs, strict=True):
        known = list(column.values())
        mean = sum(known) / len(known) if known else 0.0
        spread = math.sqrt(sum((v - mean) ** 2 for v in known) / len(known)) if known else 0.0
        for key in keys:
            value = column.get(key)
            points[key].append(0.0 if value is None or spread == 0 else sign * (value - mean) / spread)
    return points


def kmeans(points: Mapping[Hashable, Sequence[float]], k: int, *, iterations: int = 100) -> dict[Hashable, int]:
    """Group number (0 = the highest average coordinate) of each point; at most `k` groups, none empty."""
    if not points:
        return {}
    by_score = sorted(points, key=lambda key: (-sum(points[key]) / max(len(points[key]), 1), str(key)))
    k = max(1, min(k, len(by_score)))
    # Start from points spread evenly along the average score: deterministic, and one per group.
    centroids = [list(points[by_score[round(i * (len(by_score) - 1) / max(k - 1, 1))]]) for i in range(k)]
    groups: dict[Hashable, int] = {}
    for _ in range(iterations):
        assigned = {key: min(range(len(centroids)), key=lambda c: (_distance(points[key], centroids[c]), c))
                    for key in by_score}
        if assigned == groups:
            break
        groups = assigned
        for c in range(len(centroids)):
            members = [points[key] for key, g in groups.items() if g == c]
            if members:
                centroids[c] = [sum(axis) / len(members) for axis in zip(*members, strict=True)]
    # Number the groups that have members from the strongest to the weakest.
    used = sorted(set(groups.values()), key=lambda c: -sum(centroids[c]) / max(len(centroids[c]), 1))
    number = {c: i for i, c in enumerate(used)}
    return {key: number[g] for key, g in groups.items()}


def _distance(a: Sequence[float], b: Sequence[float]) -> float:
    return sum((x - y) ** 2 for x, y in zip(a, b, strict=True))
