"""«Проверить сайт автоматически» against a real local web site (conftest.site), not a mock."""

import os
import subprocess
import sys
import time

import pytest

from vsoko.siteaudit import probe
from vsoko.siteaudit.checklist import sections
from vsoko.siteaudit.enums import ItemStatus
from vsoko.siteaudit.probe import SiteAddressError, base_address, probe_site


def by_section(probes):
    return {p.section: p for p in probes}


def test_pages_with_text_are_placed_absent_and_empty_ones_are_not(site):
    got = by_section(probe_site(site, timeout=3, allow_internal=True))

    assert got["common"].status == ItemStatus.PLACED  # /sveden/common → 301 to /sveden/common/ (same host)
    assert got["document"].status == ItemStatus.PLACED
    assert got["struct"].status == ItemStatus.MISSING
    assert got["struct"].message == f"{site}sveden/struct: страница пустая."
    assert got["managers"].status == ItemStatus.MISSING
    assert got["managers"].message == f"{site}sveden/managers: страницы нет (ответ 404)."
    assert len(got) == 14


def test_a_redirect_to_another_host_a_server_error_and_a_timeout_suggest_nothing(site):
    got = by_section(probe_site(site, timeout=1.2, allow_internal=True))

    assert got["budget"].status is None
    assert got["budget"].message == (f"Не удалось открыть {site}sveden/budget: перенаправление на другой сайт "
                                     "(127.0.0.2).")
    assert got["paid_edu"].status is None
    assert got["paid_edu"].message == f"{site}sveden/paid_edu: сайт ответил ошибкой 500 — проверьте вручную."
    assert got["vacant"].status is None
    assert got["vacant"].message.startswith(f"Не удалось открыть {site}sveden/vacant: ")
    assert "не ответил" in got["vacant"].message


def test_a_page_trickled_byte_by_byte_is_cut_off_by_the_total_time(site):
    section = next(s for s in sections() if s.code == "grants")
    start = time.monotonic()
    got = probe.probe_page(section, site, timeout=3, total=0.5)
    assert time.monotonic() - start < 1.2  # not the 2 s the site trickles for: a read waited for 64 KB
    assert got.message == f"Не удалось открыть {site}sveden/grants: страница не загрузилась за 0.5 с."

    got = by_section(probe_site(site, timeout=3, total=0.5, allow_internal=True))
    assert got["grants"].status is None
    assert got["grants"].message == f"Не удалось открыть {site}sveden/grants: страница не загрузилась за 0.5 с."


def test_a_site_that_refuses_connections_is_named_with_the_reason(site):
    # A port nobody listens on: the fixture site's port once it is closed is not reliable, so port 9 (discard).
    got = by_section(probe_site("http://127.0.0.1:9/", timeout=2, allow_internal=True))

    assert got["common"].status is None
    assert got["common"].message == "Не удалось открыть http://127.0.0.1:9/sveden/common: соединение отклонено."


def test_the_size_cap_reads_only_the_start_of_a_page(site, monkeypatch):
    monkeypatch.setattr(probe, "SIZE_CAP", 6)  # «<html>» — markup only: no text read
    got = by_section(probe_site(site, timeout=3, allow_internal=True))
    assert got["common"].status == ItemStatus.MISSING


@pytest.mark.parametrize(("typed", "base"), [
    ("school.ru", "https://school.ru/"),
    ("http://school.ru/sveden/common", "http://school.ru/"),
    ("https://edu.ru/s12", "https://edu.ru/s12/"),
    ("https://школа.рф:8443/", "https://xn--80atdl2c.xn--p1ai:8443/"),
])
def test_the_base_address(typed, base):
    assert base_address(typed) == base


def test_not_a_site_address():
    with pytest.raises(SiteAddressError, match="«ftp://school.ru» — не адрес сайта"):
        base_address("ftp://school.ru")


@pytest.mark.parametrize("address", ["http://127.0.0.1:8000/", "http://10.0.0.5/", "http://169.254.169.254/",
                                     "http://[::1]/"])
def test_an_address_of_the_server_s_own_network_is_refused(address):
    with pytest.raises(SiteAddressError, match="адрес во внутренней сети"):
        probe_site(address)


def test_the_page_refuses_an_internal_address_unless_allowed(client, world, settings):
    settings.VSOKO_SITEAUDIT_ALLOW_INTERNAL = False
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    client.force_login(world.users["deputy"])

    html = client.post("/siteaudit/new/?school=s1", {"site_url": "http://127.0.0.1:9/", "action": "check"},
                       follow=True).content.decode()
    assert "«127.0.0.1» — адрес во внутренней сети (127.0.0.1): автоматически проверяются только сайты в интернете." \
        in html


@pytest.mark.parametrize(("value", "allowed"), [(None, "False"), ("True", "True"), ("0", "False")])
def test_internal_addresses_are_allowed_only_by_the_environment(value, allowed):
    env = {k: v for k, v in os.environ.items() if k != "VSOKO_SITEAUDIT_ALLOW_INTERNAL"}
    if value is not None:
        env["VSOKO_SITEAUDIT_ALLOW_INTERNAL"] = value
    out = subprocess.run([sys.executable, "-c", "from vsoko import settings; print(settings.VSOKO_SITEAUDIT_ALLOW_INTERNAL)"],
                         env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == allowed
