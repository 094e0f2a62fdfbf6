"""The documents a subsection's page links to (PDF, DOC, DOCX on the same site): does each answer, of which date
is it, what its text says of itself (vsoko.siteaudit.contents: the year it covers, its approval, a mark of an
electronic signature), and — for a key document of the checklist (its link's text names it: checklist.yaml
`keywords`) with a time limit set by a regulation (`fresh`) — is it out of date. Suggestions: the user confirms
them.

A PDF or DOCX is downloaded to be read — at most MAX_BYTES, READ_SECONDS for one, READ_BUDGET for a page's in all
(then the rest are only asked whether they answer), its text read in a child process under limits of CPU time and
memory (vsoko.siteaudit.parsing: a pathological PDF keeps the parser busy for minutes); a DOC is not read (its
binary format): a HEAD request (a ranged GET of its first byte where HEAD is refused), its body never read. A redirect only within the same host; a link to
another site is not followed. The date: «от дд.мм.гггг» in the link's text or just after it (the date the page
gives), otherwise the approval date in the document's text, otherwise the Last-Modified header (when the file was
last changed on the site)."""

from __future__ import annotations

import datetime
import email.utils
import re
import time
import urllib.error
import urllib.parse
from dataclasses import asdict, dataclass
from html.parser import HTMLParser

from vsoko.siteaudit import fetch
from vsoko.siteaudit.checklist import ChecklistSection, Freshness, Item, normal
from vsoko.siteaudit.contents import Contents, Unreadable
from vsoko.siteaudit.parsing import Overran, limits, read_limited

SUFFIXES = (".pdf", ".doc", ".docx")
SIGNATURE_SUFFIXES = (".sig", ".sgn", ".p7s")  # a detached signature linked beside its document: «Устав.pdf.sig»
READ_SUFFIXES = (".pdf", ".docx")
MAX_DOCUMENTS = 20  # checked of one page; the rest are named as not checked
BUDGET = 60.0  # seconds for one page's documents in all
READ_BUDGET = 40.0  # of them, seconds for downloading; after it the rest are only asked whether they answer
READ_SECONDS = 10.0  # for downloading one document
MAX_BYTES = 8_000_000  # a bigger document is not downloaded (a scanned report may be 50 MB)
AFTER = 80  # characters of text after a link searched for its date
_DATE = re.compile(r"\bот\s+(\d{1,2})\.(\d{1,2})\.(\d{4})")
DATE_IN_TEXT = "дата в тексте ссылки"
APPROVED = "дата утверждения в тексте документа"
LAST_MODIFIED = "Last-Modified"


@dataclass(frozen=True)
class Link:
    url: str  # absolute
    text: str  # the link's text
    after: str  # the text after it, up to the next link


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[list[str]] = []  # [href, text, after]
        self.inside = False
        self.skip = 0  # inside <script> or <style>

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append([href.strip(), "", ""])
                self.inside = True

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(self.skip - 1, 0)
        elif tag == "a":
            self.inside = False

    def handle_data(self, data):
        if self.skip or not self.links:
            return
        last = self.links[-1]
        if self.inside:
            last[1] += data
        elif len(last[2]) < AFTER:
            last[2] = (last[2] + data)[:AFTER]


def links(html: str, page_url: str) -> list[Link]:
    parser = _Links()
    parser.feed(html)
    parser.close()
    return [Link(urllib.parse.urljoin(page_url, href), " ".join(text.split()), " ".join(after.split()))
            for href, text, after in parser.links]


def is_document(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme in ("http", "https") and parts.path.lower().endswith(SUFFIXES)


def detached_signatures(every: list[Link]) -> dict[str, str]:
    """The page's links to signature files, by the address of the document each signs: «ustav.pdf.sig» and
    «ustav.sig» sign «ustav.pdf»; the key is the document's address, or its address without the extension."""
    found = {}
    for link in every:
        parts = urllib.parse.urlsplit(link.url)
        path = parts.path.lower()
        if parts.scheme in ("http", "https") and path.endswith(SIGNATURE_SUFFIXES):
            found[urllib.parse.urlunsplit(parts._replace(path=parts.path.rsplit(".", 1)[0], query="", fragment=""))] \
                = link.url
    return found


def signature_file(url: str, signatures: dict[str, str]) -> str:
    """The address of the signature file linked beside the document, or «»."""
    parts = urllib.parse.urlsplit(url)
    bare = urllib.parse.urlunsplit(parts._replace(query="", fragment=""))
    return signatures.get(bare) or signatures.get(bare.rsplit(".", 1)[0], "")


def date_in_text(link: Link) -> datetime.date | None:
    """«Устав от 12.03.2024», «Устав (от 12.03.2024 г.)»: in the link's text first, then just after it."""
    for text in (link.text, link.after):
        for day, month, year in _DATE.findall(text):
            try:
                return datetime.date(int(year), int(month), int(day))
            except ValueError:
                continue
    return None


def last_modified(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return moment.date() if moment else None


def key_item(link: Link, section: ChecklistSection) -> Item | None:
    """The subsection's key document the link names, by its keywords (the longest keyword that matches wins)."""
    text = normal(link.text)
    found = [(len(k), item) for item in section.items for k in item.keywords if k in text]
    return max(found, key=lambda pair: pair[0])[1] if found else None


def outdated(fresh: Freshness, day: datetime.date | None, today: datetime.date, found: Contents | None = None) -> str:
    """Why a document of `day` (and of the `found` contents, if read) is out of date on `today` by the rule, or
    «». The year a text names is surer than a date: a report «за 2025 год» approved in 2025 is late only by it."""
    if fresh.school_year:
        current = today.year if today.month >= 9 else today.year - 1
        if found and found.school_year and found.school_year < current:
            return (f"документ на {found.school_year}/{found.school_year + 1} учебный год, а идёт {current}/"
                    f"{current + 1} учебный год")
        return ""
    if fresh.due is not None:
        month, dd = fresh.due
        year = today.year if (today.month, today.day) > (month, dd) else today.year - 1
        if found and found.calendar_year:
            if found.calendar_year < year - 1:
                return (f"отчёт за {found.calendar_year} год, а после {dd:02d}.{month:02d}.{year} нужен отчёт за "
                        f"{year - 1} год")
            return ""
    if day is None:
        return ""
    if fresh.years is not None:
        try:
            limit = day.replace(year=day.year + fresh.years)
        except ValueError:  # 29 February
            limit = day.replace(year=day.year + fresh.years, day=28)
        if limit <= today:
            years = "года" if fresh.years % 10 == 1 and fresh.years % 100 != 11 else "лет"
            return f"документу от {day:%d.%m.%Y} больше {fresh.years} {years}"
    if fresh.due is not None and day < datetime.date(year, 1, 1):
        return (f"документ от {day:%d.%m.%Y}, а после {dd:02d}.{month:02d}.{year} нужен документ {year} года "
                f"(за {year - 1} год)")
    return ""


@dataclass(frozen=True)
class DocumentCheck:
    url: str
    text: str
    item: str  # the key item's code, or «»
    answered: bool
    date: str  # ISO, or «»
    date_source: str  # DATE_IN_TEXT, APPROVED, LAST_MODIFIED or «»
    outdated: str  # why; «» if not (or unknown)
    basis: str  # the rule's basis when outdated
    message: str
    # What its text says (contents were read) — «» (False) for a check recorded before documents were read:
    covered: str = ""  # «за 2025 год», «на 2025/2026 учебный год»
    approved: str = ""  # ISO
    signature: str = ""  # the mark of an electronic signature found, in words
    unsigned: bool = False  # its text was read and bears no such mark: a suggestion, «нет отметки…»
    unread: str = ""  # why its text was not read
    overran: bool = False  # its reading was stopped at a limit of time or memory (vsoko.siteaudit.parsing)

    def as_dict(self) -> dict:
        return asdict(self)


def _answer(url: str, timeout: float) -> tuple[bool, str, str | None]:
    """(answered, why not, Last-Modified) — HEAD, or a GET of the first byte if HEAD is refused; no body read."""
    for method, headers in (("HEAD", {}), ("GET", {"Range": "bytes=0-0"})):
        try:
            with fetch.OPENER.open(fetch.request(url, method=method, headers=headers), timeout=timeout) as response:
                return True, "", response.headers.get("Last-Modified")
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue
            return False, f"ответ {error.code}", None
        except urllib.error.URLError as error:
            return False, fetch.reason(error.reason), None
        except TimeoutError:
            return False, f"сайт не ответил за {timeout:g} с", None
        except (OSError, ValueError) as error:
            return False, fetch.reason(error), None
    return False, "не открывается", None


def _download(url: str, timeout: float, deadline: float,
              late: str) -> tuple[bool, str, str | None, bytes | None, str]:
    """(answered, why not, Last-Modified, the body or None, why it was not read — `late` once the deadline has
    passed): a GET of at most MAX_BYTES."""
    try:
        with fetch.OPENER.open(fetch.request(url), timeout=timeout) as response:
            modified = response.headers.get("Last-Modified")
            size = response.headers.get("Content-Length")
            too_big = f"файл больше {MAX_BYTES / 1_000_000:g} МБ"
            if size and size.isdigit() and int(size) > MAX_BYTES:
                return True, "", modified, None, too_big
            chunks, got = [], 0
            while got <= MAX_BYTES:
                if time.monotonic() > deadline:
                    return True, "", modified, None, late
                chunk = response.read1(65536)  # read() would wait for all 64 KB: a site trickling bytes holds it
                if not chunk:
                    return True, "", modified, b"".join(chunks), ""
                chunks.append(chunk)
                got += len(chunk)
            return True, "", modified, None, too_big
    except urllib.error.HTTPError as error:
        return False, f"ответ {error.code}", None, None, ""
    except urllib.error.URLError as error:
        return False, fetch.reason(error.reason), None, None, ""
    except TimeoutError:
        return False, f"сайт не ответил за {timeout:g} с", None, None, ""
    except (OSError, ValueError) as error:
        return False, fetch.reason(error), None, None, ""


def check_documents(html: str, page_url: str, section: ChecklistSection, today: datetime.date, *,
                    timeout: float = fetch.TIMEOUT, budget: float = BUDGET,
                    read_budget: float = READ_BUDGET) -> tuple[list[DocumentCheck], str]:
    """The page's documents on the same site, checked, and a note on those not checked (other sites, too many,
    out of time) or «»."""
    every = links(html, page_url)
    found = [link for link in every if is_document(link.url)]
    signatures = detached_signatures(every)
    seen: set[str] = set()
    own, foreign = [], 0
    for link in found:
        if link.url in seen:
            continue
        seen.add(link.url)
        if fetch.same_host(link.url, page_url):
            own.append(link)
        else:
            foreign += 1
    checks: list[DocumentCheck] = []
    start = time.monotonic()
    deadline, read_until = start + budget, start + min(read_budget, budget)
    left = 0
    for n, link in enumerate(own):
        if n >= MAX_DOCUMENTS or time.monotonic() > deadline:
            left = len(own) - n
            break
        checks.append(_check(link, section, today, timeout, read_until, signature_file(link.url, signatures)))
    notes = []
    if foreign:
        notes.append(f"ссылок на документы на других сайтах: {foreign} — не проверялись")
    if left:
        notes.append(f"не проверено документов: {left} (проверяются первые {MAX_DOCUMENTS}, не дольше {budget:g} с)")
    return checks, "; ".join(notes)


def _check(link: Link, section: ChecklistSection, today: datetime.date, timeout: float, read_until: float,
           detached: str = "") -> DocumentCheck:
    item = key_item(link, section)
    name = link.text or link.url.rsplit("/", 1)[-1]
    suffix = "." + urllib.parse.urlsplit(link.url).path.lower().rsplit(".", 1)[-1]
    body, unread = None, ""
    if suffix not in READ_SUFFIXES:
        answered, why, modified = _answer(link.url, timeout)
        unread = "формат DOC не читается (читаются PDF и DOCX)"
    elif (now := time.monotonic()) < read_until:
        late = (f"файл не загрузился за {READ_SECONDS:g} с" if now + READ_SECONDS < read_until else
                "не хватило времени на чтение документов страницы")
        answered, why, modified, body, unread = _download(link.url, timeout, min(read_until, now + READ_SECONDS), late)
    else:
        answered, why, modified = _answer(link.url, timeout)
        unread = "не хватило времени на чтение документов страницы"
    if not answered:
        return DocumentCheck(link.url, link.text, item.code if item else "", False, "", "", "", "",
                             f"«{name}» ({link.url}): документ не открывается — {why}.")
    found, overran = None, False
    if body is not None:
        try:
            found = read_limited(body, suffix, limits(), wait=max(read_until - time.monotonic(), 0.0))
        except Unreadable as error:
            unread, overran = str(error), isinstance(error, Overran)
    day, source = date_in_text(link), DATE_IN_TEXT
    if day is None and found and found.approved:
        day, source = found.approved, APPROVED
    if day is None:
        day, source = last_modified(modified), LAST_MODIFIED
    if day is None:
        source = ""
    stale = outdated(item.fresh, day, today, found) if item and item.fresh else ""
    basis = item.fresh.basis if stale else ""
    dated = f", от {day:%d.%m.%Y} ({source})" if day else ", дата не указана"
    signature = "; ".join(filter(None, [found.signature if found else "",
                                        f"файл подписи рядом со ссылкой ({urllib.parse.unquote(detached.rsplit('/', 1)[-1])})" if detached
                                        else ""]))
    said = []
    if found:
        text = ", ".join(filter(None, [found.covered,
                                       f"дата утверждения {found.approved:%d.%m.%Y}" if found.approved else ""]))
        said = [f"в тексте: {text}" if text else "", signature or "нет отметки об электронной подписи"]
    else:
        said = [f"текст не прочитан: {unread}" if unread else "", signature]
    message = "; ".join(filter(None, [f"«{name}» ({link.url}): открывается{dated}", *said]))
    message = f"{message} — возможно, устарел: {stale} ({basis})." if stale else f"{message}."
    return DocumentCheck(link.url, link.text, item.code if item else "", True, day.isoformat() if day else "",
                         source, stale, basis, message, covered=found.covered if found else "",
                         approved=found.approved.isoformat() if found and found.approved else "",
                         signature=signature, unsigned=bool(found and not signature),
                         unread=unread, overran=overran)
