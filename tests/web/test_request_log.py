"""The server's request log keeps the page and drops the query string, which may hold a searched name."""

import logging

from vsoko.web.request_log import WithoutQueryStrings


class Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(record.getMessage())


def test_a_request_line_of_the_server_log_has_no_query_string():
    logger = logging.getLogger("django.server")
    lines = Lines()
    logger.addHandler(lines)
    try:
        # As django.core.servers.basehttp.WSGIRequestHandler.log_message writes it.
        logger.info('"%s" %s %s', "GET /students/?q=%D0%98%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2%D0%B0&page=2 HTTP/1.1",
                    "200", "7794")
        logger.info('"%s" %s %s', "GET /students/412/ HTTP/1.1", "200", "5120")
    finally:
        logger.removeHandler(lines)

    assert lines.lines == ['"GET /students/?… HTTP/1.1" 200 7794', '"GET /students/412/ HTTP/1.1" 200 5120']
    assert any(isinstance(f, WithoutQueryStrings) for f in logger.filters)
