"""At most VSOKO_SURVEY_ANSWERS_PER_HOUR stored answers per clock hour from one client address through one link.

An open survey's link is public: the cookie stops a browser from answering twice, not a script sending the form
in a loop. The count lives in the «survey_limits» cache — a database table, so every web server process sees the
same count — under a hash of the address, the link and a random salt of the day. The address itself is stored
nowhere, and yesterday's salt is deleted when today's is drawn: a day-old hash can no longer be matched to an
address by trying them all. Only completed sends count, so a form sent back for a correction costs nothing.
A class answering in the school's computer room comes from one address: the limit is per link (a class link is
a link of its own) and its default, 60, is two classes within one hour.
Counting is a read and a write, not one atomic step: two sends at the same instant may count once. A limit
against mass sending does not need to be exact.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from vsoko.surveys.models import SurveyLink

CACHE = "survey_limits"
HOUR = 60 * 60


def client_address(request) -> str:
    """The sender's address. Behind a trusted reverse proxy (VSOKO_TRUSTED_PROXIES) every request comes from the
    proxy, which appends the real sender last to X-Forwarded-For; anything before that the sender may have forged."""
    address = request.META.get("REMOTE_ADDR", "")
    if address in settings.VSOKO_TRUSTED_PROXIES:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        return forwarded or address
    return address


def _daily_salt(day: datetime.date) -> str:
    cache = caches[CACHE]
    drawn = secrets.token_hex(16)
    salt = cache.get_or_set(f"salt:{day.isoformat()}", drawn, timeout=2 * 24 * HOUR)
    if salt == drawn:  # the day's first count: the day before's hashes become unmatchable
        cache.delete(f"salt:{(day - datetime.timedelta(days=1)).isoformat()}")
    return salt


def _counter_key(request, link: SurveyLink, now: datetime.datetime) -> str:
    salt = _daily_salt(timezone.localtime(now).date())
    digest = hashlib.sha256(f"{salt}|{client_address(request)}|{link.token}".encode()).hexdigest()
    return f"answers:{digest}:{int(now.timestamp()) // HOUR}"


def reached(request, link: SurveyLink, *, now: datetime.datetime | None = None) -> bool:
    """Whether this address has sent the hour's allowed answers through this link (never with a limit of 0)."""
    limit = settings.VSOKO_SURVEY_ANSWERS_PER_HOUR
    if limit <= 0:
        return False
    return caches[CACHE].get(_counter_key(request, link, now or timezone.now()), 0) >= limit


def count_answer(request, link: SurveyLink, *, now: datetime.datetime | None = None) -> None:
    """One more stored answer from this address through this link in the current hour."""
    cache = caches[CACHE]
    key = _counter_key(request, link, now or timezone.now())
    cache.add(key, 0, timeout=2 * HOUR)
    try:
        cache.incr(key)
    except ValueError:  # culled between add and incr
        cache.set(key, 1, timeout=2 * HOUR)
