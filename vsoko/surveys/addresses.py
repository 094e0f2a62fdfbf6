"""The address a respondent opens: the site's public address when one is set, else the one the page was asked by.

A deputy usually opens the survey page on the school's server as http://127.0.0.1:8000 or by the
server's local name; a link or QR code built from that address leads a parent's phone nowhere.
VSOKO_PUBLIC_URL (e.g. https://vsoko.school12.ru) names the address parents can reach.
"""

from __future__ import annotations

from django.conf import settings
from django.http.request import split_domain_port
from django.urls import reverse

from vsoko.surveys.models import SurveyLink

LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "0.0.0.0"}


def answer_url(request, link: SurveyLink) -> str:
    path = reverse("survey_form:respond", args=[link.token])
    if settings.VSOKO_PUBLIC_URL:
        return settings.VSOKO_PUBLIC_URL.rstrip("/") + path
    return request.build_absolute_uri(path)


def unreachable_address_warning(request) -> str:
    """Why the links shown will not open on a respondent's phone, or "" when they may."""
    if settings.VSOKO_PUBLIC_URL:
        return ""
    host = split_domain_port(request.get_host())[0]
    if host not in LOCAL_HOSTS and not host.startswith("127."):
        return ""
    return (f"Ссылки ведут на адрес {host}, то есть на этот компьютер: с телефона родителя или ученика они не "
            "откроются. Откройте сайт по адресу, доступному респондентам, или попросите администратора указать "
            "его в настройке VSOKO_PUBLIC_URL (например, https://vsoko.school.ru).")
