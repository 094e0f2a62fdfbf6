"""Searching people by name or id, the same way on SQLite and PostgreSQL; the searched text kept out of addresses.

A name typed in a search is personal data (a pupil's, mostly: a minor's). In an address (`?q=Иванов`) it would stay
in the browser's history, in a proxy's log and in the Referer header of the next request. So a search form is
POSTed (`show_search`), the text is kept in the session under a random token, and the page is shown at its address
with that token and the filters that are not personal only (`/students/?class=7&search=Xq3…`): Post/Redirect/Get,
so neither a refresh nor «Назад» resubmits the form. Each search has its own token, so «Назад» and a second tab keep
showing their own results; the token means nothing outside the session that made it (`search_forgotten`).
"""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.db.models import F, Q, Value
from django.db.models.functions import Replace
from django.db.models.lookups import IContains
from django.http import HttpResponseRedirect, QueryDict
from django.shortcuts import redirect

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


SEARCH_PARAMETER = "search"
SESSION_KEY = "people_searches"
KEPT_SEARCHES = 20  # a session's latest searches; an older token is told to search again
KEPT_LENGTH = 200  # the forms refuse more than 100 or 150 characters; a session never keeps a longer text


def remember_search(session, text: str) -> str:
    """The token of the text in this session (the same text keeps its token)."""
    searches: dict[str, str] = session.get(SESSION_KEY, {})
    token = next((t for t, kept in searches.items() if kept == text), None) or secrets.token_urlsafe(8)
    searches.pop(token, None)
    searches[token] = text
    session[SESSION_KEY] = dict(list(searches.items())[-KEPT_SEARCHES:])
    return token


def remembered_search(session, token: str) -> str | None:
    """The text behind a token of this session; None for a token it does not know."""
    return session.get(SESSION_KEY, {}).get(token)


def show_search(request, *, field: str = "q", filters: tuple[str, ...] = ()) -> HttpResponseRedirect:
    """The answer to a POSTed search form: its text `field` kept in the session, a redirect to the page's address
    with the text's token and the form's `filters` that are not personal (a class, a date)."""
    params = QueryDict(mutable=True)
    for name in filters:
        if request.POST.get(name):
            params[name] = request.POST[name]
    text = request.POST.get(field, "").strip()[:KEPT_LENGTH]
    if text:
        params[SEARCH_PARAMETER] = remember_search(request.session, text)
    return _to(request.path, params)


def searched_text(request) -> str | None:
    """The text searched at this address: "" without a search, None for a token this session does not know."""
    token = request.GET.get(SEARCH_PARAMETER)
    return remembered_search(request.session, token) if token else ""


def search_forgotten(request, page: str = "") -> HttpResponseRedirect:
    """An address with another session's search (a shared link, a new login): the page without it, and why.
    `page`: where to show it when the address was a download's (a download without the search would hold more)."""
    messages.warning(request, "Поиск по этой ссылке больше не действует (его помнит только сеанс, в котором искали): "
                              "введите его снова.")
    params = request.GET.copy()
    for name in (SEARCH_PARAMETER, "page", "format"):
        params.pop(name, None)
    return _to(page or request.path, params)


def filters_with_search(request, text: str, *, field: str = "q") -> QueryDict | None:
    """A filter form's data: the address's filters and the searched text; None (an unbound form) on the plain page."""
    if not request.GET:
        return None
    data = request.GET.copy()
    data[field] = text
    return data


def _to(path: str, params: QueryDict) -> HttpResponseRedirect:
    return redirect(f"{path}?{params.urlencode()}" if params else path)
