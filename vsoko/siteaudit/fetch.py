"""The HTTP client of «Проверить сайт автоматически» (the standard library's urllib): a redirect is followed only
within the same host, the requests name the product, a failure is said in Russian."""

from __future__ import annotations

import socket
import urllib.error
import urllib.parse
import urllib.request

TIMEOUT = 4.0  # seconds per network operation (connect, each read)
USER_AGENT = "vsoko-siteaudit/1 (official site audit)"  # ASCII: a header is latin-1


class _SameHost(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        old, new = urllib.parse.urlsplit(req.full_url), urllib.parse.urlsplit(newurl)
        if (new.hostname or "").lower() != (old.hostname or "").lower():
            raise urllib.error.URLError(f"перенаправление на другой сайт ({new.hostname})")
        request = super().redirect_request(req, fp, code, msg, headers, newurl)
        if request is not None and req.get_method() == "HEAD":  # urllib would turn a HEAD into a GET
            request.method = "HEAD"
        return request


OPENER = urllib.request.build_opener(_SameHost)


def same_host(url: str, other: str) -> bool:
    return (urllib.parse.urlsplit(url).hostname or "").lower() == (urllib.parse.urlsplit(other).hostname or "").lower()


def request(url: str, *, method: str = "GET", headers: dict[str, str] | None = None) -> urllib.request.Request:
    return urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, **(headers or {})})


def reason(reason) -> str:
    """Why a request failed, in Russian."""
    if isinstance(reason, str):
        return reason
    if isinstance(reason, TimeoutError):
        return "сайт не ответил вовремя"
    if isinstance(reason, socket.gaierror):
        return "адрес сайта не найден (DNS)"
    if isinstance(reason, ConnectionRefusedError):
        return "соединение отклонено"
    if isinstance(reason, ConnectionResetError):
        return "соединение разорвано"
    if "CERTIFICATE" in str(reason).upper() or "SSL" in type(reason).__name__.upper():
        return "ошибка сертификата HTTPS"
    return str(reason) or type(reason).__name__
