"""The web server's request log without query strings.

`vsoko serve` logs each request line («GET /students/?q=Иванова HTTP/1.1» 200). A query string may carry what a user
typed into a search — a pupil's or a teacher's name — and the log is an ordinary file or console nobody audits: the
path stays (which page, which record number), the query is cut to «?…». Who searched for whom is in the audit log
(vsoko.audit), which only the administrator and the director read.
"""

from __future__ import annotations

import logging
import re

QUERY = re.compile(r"\?[^ ]*")


class WithoutQueryStrings(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args and isinstance(record.args[0], str):
            record.args = (QUERY.sub("?…", record.args[0], count=1), *record.args[1:])
        if isinstance(record.msg, str) and not record.args:
            record.msg = QUERY.sub("?…", record.msg, count=1)
        return True
