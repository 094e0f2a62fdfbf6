"""The shell around every section: login, the year choice, placeholder pages, error pages."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.contrib.auth import views as auth_views
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from vsoko.web.forms import LoginForm, YearForm
from vsoko.web.navigation import SECTIONS_BY_KEY
from vsoko.web.school_year import choose_year


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@require_POST
def set_year(request):
    form = YearForm(request.POST)
    target = "/"
    if form.is_valid():
        candidate = form.cleaned_data["next"]
        if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
            target = without_year(candidate)
        choose_year(request, form.cleaned_data["year"])
    return redirect(target)


def without_year(url: str) -> str:
    """The page to return to, without its own `year` parameter: that would win over the year just chosen."""
    parts = urlsplit(url)
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key != "year"]
    return urlunsplit(parts._replace(query=urlencode(query)))


def placeholder(request, key: str):
    """A section whose app has not routed its path yet: say honestly what will be there."""
    section = SECTIONS_BY_KEY.get(key)
    if section is None or not section.visible(request.user):
        raise Http404
    return render(request, "web/placeholder.html", {"section": section})
