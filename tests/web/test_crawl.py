"""Crawl the demo school as every demo persona and collect the links that do not work.

Starting at "/", the crawler follows every same-site `<a href>` breadth-first
(up to PAGE_BUDGET pages per persona, at most VARIANTS query strings per path
and OBJECTS paths per URL pattern).
A link the product shows must work for the user who sees it: a 500, a 404 or a
403 behind a shown link is a defect. Files (xlsx, docx, pdf, csv) are fetched but
not parsed: 200, a non-empty body and the content type of the extension. No URL
the crawler visits may carry a pupil's full name or personal code.
"""

from __future__ import annotations

import re
import time
from collections import deque
from html.parser import HTMLParser
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import Resolver404, resolve

from tests.accounts.personas import build_world, make_user
from vsoko.accounts.enums import Role
from vsoko.accounts.models import Membership
from vsoko.indicators.catalogs import load_shipped_catalogs
from vsoko.records.enums import OrgUnitKind
from vsoko.records.models import OrgUnit, Student

PERSONAS = ("admin", "director", "deputy", "mo-head", "class-teacher", "teacher", "observer")
# The same roles without access to sensitive categories (the demo gives it to them): a link to a
# sensitive page must not be shown to them.
PLAIN = {"director-plain": "director", "class-teacher-plain": "class-teacher"}
PAGE_BUDGET = 800
VARIANTS = 3  # query strings crawled per path
OBJECTS = 8  # paths crawled per URL pattern (one page of different objects)
SKIP_PATHS = ("/logout/",)  # leaving the session ends the crawl of a persona
FILE_TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".csv": "text/csv",
}
# Links known to fail, with the reason; each entry is a reported defect, not a pass.
# (persona, path) -> reason
KNOWN: dict[tuple[str, str], str] = {}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links(html: str, base: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        if href.startswith(("mailto:", "tel:", "javascript:", "#")):
            continue
        url, _ = urldefrag(urljoin("http://testserver" + base, href))
        parts = urlsplit(url)
        if parts.netloc != "testserver":
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def page_kind(path: str) -> str:
    """The URL pattern a path belongs to: pages of one pattern differ only by objects or queries."""
    try:
        return resolve(path).view_name
    except Resolver404:
        return path


def file_type(path: str) -> str | None:
    for ext, content_type in FILE_TYPES.items():
        if path.lower().endswith(ext):
            return content_type
    return None


def crawl(client, persona: str, private: re.Pattern, start: str = "/") -> tuple[list[str], int]:
    """Every defect seen by `persona` as a line, and the number of pages fetched."""
    defects: list[str] = []
    seen: set[str] = {start}
    objects: dict[str, int] = {}  # URL pattern -> distinct paths queued
    seen_paths: dict[str, int] = {urlsplit(start).path: 0}  # path -> query strings queued
    queue: deque[tuple[str, str]] = deque([(start, "(start)")])
    fetched = 0
    client.raise_request_exception = False  # a 500 is collected with the others
    statuses: dict[int, int] = {}
    while queue and fetched < PAGE_BUDGET:
        url, source = queue.popleft()
        fetched += 1
        if private.search(unquote(url)):
            defects.append(f"{persona}: {source} -> {url}: personal data in the URL")
        response = client.get(url)
        status = response.status_code
        statuses[status] = statuses.get(status, 0) + 1
        path = urlsplit(url).path
        if status in (301, 302, 303, 307, 308):
            target = urlsplit(urljoin("http://testserver" + url, response["Location"]))
            if target.path == "/login/":
                defects.append(f"{persona}: {source} -> {url}: redirected to log in")
                continue
            next_url = target.path + (f"?{target.query}" if target.query else "")
            if next_url not in seen:
                seen.add(next_url)
                queue.append((next_url, url))
            continue
        if status != 200:
            if (persona, path) not in KNOWN:
                defects.append(f"{persona}: {source} -> {url}: {status}")
            continue
        content_type = response.get("Content-Type", "")
        expected = file_type(path)
        disposition = response.get("Content-Disposition", "")
        if expected or "attachment" in disposition or not content_type.startswith("text/html"):
            body = b"".join(response.streaming_content) if response.streaming else response.content
            if not body:
                defects.append(f"{persona}: {source} -> {url}: empty file")
            if expected and not content_type.startswith(expected):
                defects.append(f"{persona}: {source} -> {url}: content type {content_type}")
            continue
        for link in links(response.content.decode(response.charset or "utf-8"), url):
            link_path = urlsplit(link).path
            if link in seen or link_path in SKIP_PATHS:
                continue
            kind = page_kind(link_path)
            if link_path != link and seen_paths.get(link_path, 0) >= VARIANTS:
                continue  # enough query strings of this page
            if link_path not in seen_paths and objects.get(kind, 0) >= OBJECTS:
                continue  # enough objects of this URL pattern
            if link_path not in seen_paths:
                objects[kind] = objects.get(kind, 0) + 1
            seen_paths[link_path] = seen_paths.get(link_path, 0) + (link_path != link)
            seen.add(link)
            queue.append((link, url))
    return defects, fetched


@pytest.fixture
def demo_school(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("demo", students=60, years=2, seed=3, force=True, stdout=_Null())
    User = get_user_model()
    for login, model in PLAIN.items():
        user = User.objects.create_user(login, password=login)
        for membership in Membership.objects.filter(user__username=model):
            membership.pk = None
            membership.user = user
            membership.sees_sensitive = False
            membership.save()


class _Null:
    def write(self, text):
        pass

    def flush(self):
        pass


def private_pattern() -> re.Pattern:
    """Full names (either order) and personal codes of the demo pupils."""
    words = set()
    for last, first, code in Student.objects.values_list("last_name", "first_name", "student_id"):
        if last and first:
            words.add(f"{last} {first}")
            words.add(f"{first} {last}")
            words.add(f"{last}+{first}")
            words.add(f"{first}+{last}")
        if code:
            words.add(code)
    if not words:
        return re.compile(r"(?!)")  # no pupils: matches nothing
    return re.compile("|".join(rf"(?<![\w-]){re.escape(w)}(?![\w-])" for w in sorted(words, key=len, reverse=True)),
                      re.IGNORECASE)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_every_link_shown_to_a_persona_works(demo_school, client):
    private = private_pattern()
    User = get_user_model()
    defects: list[str] = []
    pages = {}
    started = time.monotonic()
    for persona in (*PERSONAS, *PLAIN):
        client.logout()
        client.force_login(User.objects.get(username=persona))
        found, pages[persona] = crawl(client, persona, private)
        print(persona, pages[persona], len(found))
        defects += found
    elapsed = time.monotonic() - started
    print(f"crawled {pages} in {elapsed:.0f} s")
    assert not defects, "\n".join(defects)
    assert all(count > 20 for count in pages.values()), pages


# The crawler itself must be able to fail: a forbidden page and a name in a URL are reported.


@pytest.mark.django_db
def test_the_crawler_reports_a_forbidden_page_and_a_name_in_a_url(client):
    world = build_world()
    school = world.school
    client.force_login(make_user("crawl-teacher", role=Role.TEACHER, org_unit=school))
    pupil = Student.objects.filter(school=school).exclude(last_name="").first()
    private = private_pattern()

    forbidden, _ = crawl(client, "crawl-teacher", private, start="/audit/")
    named, _ = crawl(client, "crawl-teacher", private,
                     start=f"/?q={pupil.last_name}+{pupil.first_name}")

    assert forbidden[0] == "crawl-teacher: (start) -> /audit/: 403"
    assert named[0].endswith("personal data in the URL")


# A school that has loaded nothing yet: every link of every page opens too.


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_every_link_works_in_a_school_without_data(client, role):
    load_shipped_catalogs()
    municipality = OrgUnit.objects.create(code="mun", name="Городской округ", kind=OrgUnitKind.MUNICIPALITY)
    school = OrgUnit.objects.create(code="new", name="МБОУ «Новая школа»", kind=OrgUnitKind.SCHOOL,
                                    parent=municipality)
    extra = {"class_name": "5А"} if role == Role.CLASS_TEACHER else {}
    user = make_user("newcomer", role=role, org_unit=municipality if role == Role.OBSERVER else school, **extra)
    client.force_login(user)

    defects, pages = crawl(client, role.value, private_pattern())

    assert not defects, "\n".join(defects)
    assert pages > 5


# The personas' world (tests/accounts/personas.py): two schools, an assessment whose figures are not
# computed yet — the state right after an upload, before the data values are recomputed.


@pytest.mark.slow
@pytest.mark.django_db
def test_every_link_works_in_the_personas_world(client):
    load_shipped_catalogs()
    world = build_world()
    world.users["admin"] = make_user("admin", role=Role.ADMIN, org_unit=world.school)
    private = private_pattern()
    defects = []

    for persona, user in world.users.items():
        client.force_login(user)
        defects += crawl(client, persona, private)[0]

    assert not defects, "\n".join(defects)


def test_an_analysis_subject_without_results_opens_with_a_word_instead_of_404(client, db):
    load_shipped_catalogs()
    world = build_world()
    client.force_login(make_user("admin", role=Role.ADMIN, org_unit=world.school))

    page = client.get(f"/assessments/subjects/{world.subjects['math'].pk}/")
    excel = client.get(f"/assessments/subjects/{world.subjects['math'].pk}/?format=xlsx")

    assert page.status_code == 200
    assert "пока нет результатов процедур" in page.content.decode()
    assert excel.status_code == 404
