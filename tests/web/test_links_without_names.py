"""No link (nor page title) the deputy is shown carries a pupil's surname, a pupil's code or a text typed into a search: every page of the
access matrix (tests/test_access_matrix.py) the deputy opens, after searches in the lists of pupils and staff and
in the audit log, is read for its links (`<a href>`, `<link href>`, `<form action>`). A name in an address stays
in the browser's history, a proxy's log and the Referer header of the next request (docs/access.md)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import unquote_plus

import pytest
from django.urls import reverse

from tests.test_access_matrix import (
    MATRIX,
    Fixture,
    built,  # noqa: F401  (the module-wide world matrix_fixture copies)
    login,
)
from tests.test_access_matrix import fixture as matrix_fixture  # noqa: F401  (the matrix's world, a fixture)
from vsoko.records.models import Student

pytestmark = pytest.mark.django_db
SEARCHED = "Зюзякина"  # nobody's name: typed into each search, it must reach no address


class _Links(HTMLParser):
    """The page's links and its <title>: a browser's history keeps the title beside the address."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        target = attributes.get("action") if tag == "form" else attributes.get("href")
        if target:
            self.links.append(target)
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.links.append(f"<title>{data}")


def links_of(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links


def forbidden_words() -> re.Pattern:
    """Every pupil's surname and personal code (a code leads to the pupil as the name does), the searched text."""
    words = {w for row in Student.objects.values_list("last_name", "student_id") for w in row if w}
    return re.compile("|".join(rf"(?<![\w-]){re.escape(w)}(?![\w-])" for w in sorted({*words, SEARCHED})),
                      re.IGNORECASE)


def test_no_link_on_the_deputys_pages_carries_a_pupils_surname_or_a_searched_text(client, request):
    fixture: Fixture = request.getfixturevalue("matrix_fixture")
    director = login(client, fixture, "director")  # the audit log's filter is the director's, not the deputy's
    audit = director.post(reverse("audit:log"), {"user": SEARCHED})["Location"]
    audit_links = links_of(director.get(audit).content.decode())
    deputy = login(client, fixture, "deputy")
    found_pages = [deputy.post(reverse(name), {"q": text})["Location"] for name, text in (
        ("web:student_list", SEARCHED), ("web:student_list", "Иванов"), ("web:staff_list", SEARCHED))]
    urls = [(reverse(name, kwargs=page.kwargs(fixture)), page.query(fixture)) for name, page in sorted(MATRIX.items())
            if page.get["deputy"] == 200]
    words = forbidden_words()
    seen, leaks = 0, [f"{audit}: {link}" for link in audit_links if words.search(unquote_plus(link))]
    for url, query in [*urls, *((location, {}) for location in found_pages)]:
        response = deputy.get(url, query)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        seen += 1
        leaks += [f"{url}: {link}" for link in links_of(response.content.decode()) if words.search(unquote_plus(link))]

    assert seen > 100, seen  # the pages were read, not refused
    assert leaks == [], "\n".join(leaks)
    # The check itself can fail: a surname or the searched text, however encoded, is found, in a title too.
    assert links_of("<html><head><title>Иванов Иван — vsoko</title></head></html>") == ["<title>Иванов Иван — vsoko"]
    assert words.search(unquote_plus("/students/?q=%D0%B8%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2+5"))
    assert words.search(unquote_plus(f"/audit/?user={SEARCHED.upper()}"))
    assert words.search("/students/?code=S-001") and not words.search("/students/?code=S-0012")
