"""«Проверить сайт автоматически»: fetch each subsection's page (https://school.ru/sveden/common …) and say
what it suggests for the subsection's item, then check the documents the page links to (vsoko.siteaudit.documents)
— the user confirms it and saves.

A real HTTP client (vsoko.siteaudit.fetch, the standard library's urllib): a GET per page, `TIMEOUT` seconds for
each network operation and `TOTAL` for the page in all, the pages fetched side by side (a thread per
subsection); at most `SIZE_CAP` bytes read of a page; a redirect is followed only within the same host (a
subsection moved to another site is not the school's site). It runs in the task worker (vsoko.siteaudit.tasks),
which reports the subsections checked as each one ends (`on_done`).
200 with some text → «размещено»; 404 or 410, or a page without text → «не размещено»; anything else (a server
error, a refused redirect, a network failure) suggests nothing and says in Russian which address failed and why.
"""

from __future__ import annotations

import datetime
import ipaddress
import re
import socket
import time
import urllib.error
import urllib.parse
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from html import unescape

from vsoko.siteaudit import fetch
from vsoko.siteaudit.checklist import ChecklistSection, sections
from vsoko.siteaudit.documents import DocumentCheck, check_documents
from vsoko.siteaudit.enums import ItemStatus
from vsoko.siteaudit.fetch import TIMEOUT

TOTAL = 6.0  # seconds a page may take in all (a site trickling its page byte by byte is cut off)
SIZE_CAP = 1_000_000  # bytes read of one page


class SiteAddressError(ValueError):
    """The address given is not a site's address."""


@dataclass(frozen=True)
class Probe:
    section: str  # the section's code
    url: str
    status: ItemStatus | None  # None: nothing suggested
    message: str
    documents: tuple[DocumentCheck, ...] = ()  # the page's documents on the same site, checked
    note: str = ""  # documents not checked (on other sites, too many, out of time)

    def as_dict(self) -> dict:
        return {"section": self.section, "url": self.url, "status": self.status or "", "message": self.message,
                "documents": [d.as_dict() for d in self.documents], "note": self.note}

    @classmethod
    def of(cls, data: dict) -> Probe:
        return cls(data["section"], data["url"], ItemStatus(data["status"]) if data["status"] else None,
                   data["message"], tuple(DocumentCheck(**d) for d in data.get("documents", ())), data.get("note", ""))


_TAGS = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.IGNORECASE | re.DOTALL)


def base_address(site_url: str) -> str:
    """«school.ru», «https://school.ru/», «https://school.ru/sveden/» → «https://school.ru/» (where sveden/… is;
    a site on a shared host keeps its path: «https://edu.ru/s12» → «https://edu.ru/s12/»); SiteAddressError
    otherwise."""
    raw = site_url.strip()
    if raw and "://" not in raw:
        raw = f"https://{raw}"
    parts = urllib.parse.urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SiteAddressError(f"«{site_url}» — не адрес сайта: нужен адрес вида https://school.ru.")
    try:  # «школа.рф» → «xn--80adrw.xn--p1ai»: urllib sends ASCII only
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise SiteAddressError(f"«{site_url}» — не адрес сайта: имя сайта не распознано.") from error
    if ":" in host:  # IPv6
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    path = urllib.parse.quote(re.sub(r"/?sveden(/.*)?$", "", parts.path).rstrip("/"))
    return f"{parts.scheme}://{netloc}{path}/"


def has_text(body: bytes) -> bool:
    text = unescape(_TAGS.sub(" ", body.decode("utf-8", errors="replace")))
    return bool(text.strip())


def _read(response, deadline: float) -> bytes | None:
    """At most SIZE_CAP bytes, in chunks; None once the deadline has passed."""
    chunks, size = [], 0
    while size < SIZE_CAP:
        if time.monotonic() > deadline:
            return None
        chunk = response.read1(min(65536, SIZE_CAP - size))  # read() would wait for all 64 KB: a trickle holds it
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def probe_page(section: ChecklistSection, base: str, *, timeout: float = TIMEOUT, total: float = TOTAL,
               today: datetime.date | None = None) -> Probe:
    url = urllib.parse.urljoin(base, section.path)
    deadline = time.monotonic() + total
    try:
        with fetch.OPENER.open(fetch.request(url), timeout=timeout) as response:
            body = _read(response, deadline)
            final = response.geturl()  # after a redirect within the site: the documents' links are relative to it
    except urllib.error.HTTPError as error:
        if error.code in (404, 410):
            return Probe(section.code, url, ItemStatus.MISSING, f"{url}: страницы нет (ответ {error.code}).")
        return Probe(section.code, url, None, f"{url}: сайт ответил ошибкой {error.code} — проверьте вручную.")
    except urllib.error.URLError as error:
        return Probe(section.code, url, None, f"Не удалось открыть {url}: {fetch.reason(error.reason)}.")
    except TimeoutError:
        return Probe(section.code, url, None, f"Не удалось открыть {url}: сайт не ответил за {timeout:g} с.")
    except (OSError, ValueError) as error:
        return Probe(section.code, url, None, f"Не удалось открыть {url}: {fetch.reason(error)}.")
    if body is None:
        return Probe(section.code, url, None, f"Не удалось открыть {url}: страница не загрузилась за {total:g} с.")
    if not has_text(body):
        return Probe(section.code, url, ItemStatus.MISSING, f"{url}: страница пустая.")
    documents, note = check_documents(body.decode("utf-8", errors="replace"), final, section,
                                      today or datetime.date.today(), timeout=timeout)
    return Probe(section.code, url, ItemStatus.PLACED, f"{url}: страница есть.", tuple(documents), note)


def refuse_internal(base: str) -> None:
    """A school's site is on the internet: an address of the server's own network (127.0.0.1, 10.…, 192.168.…,
    169.254.…) is refused, so that the check cannot be used to look into it."""
    host = urllib.parse.urlsplit(base).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError):
        return  # not found: every page will say so
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global:
            raise SiteAddressError(f"«{host}» — адрес во внутренней сети ({address}): автоматически проверяются "
                                   "только сайты в интернете.")


def probe_site(site_url: str, *, timeout: float = TIMEOUT, total: float = TOTAL, allow_internal: bool = False,
               today: datetime.date | None = None,
               on_done: Callable[[int, int], None] | None = None) -> list[Probe]:
    """Every subsection of the checklist, in its order. SiteAddressError for an address that is not a site's or
    (unless `allow_internal`: the tests' local site) is in the server's own network. `on_done(done, total)` is
    called in the caller's thread as each subsection ends."""
    base = base_address(site_url)
    if not allow_internal:
        refuse_internal(base)
    every = sections()
    probes: dict[str, Probe] = {}
    with ThreadPoolExecutor(max_workers=len(every)) as pool:
        futures = [pool.submit(probe_page, s, base, timeout=timeout, total=total, today=today) for s in every]
        for future in as_completed(futures):
            probe = future.result()
            probes[probe.section] = probe
            if on_done:
                on_done(len(probes), len(every))
    return [probes[s.code] for s in every]
