"""A document off the site is read (vsoko.siteaudit.contents) in a child process under limits: a crafted or merely
pathological PDF — a content stream of millions of tiny text operators, a few kilobytes compressed — keeps pypdf
busy for minutes and can take gigabytes, and a thread of the task worker cannot be stopped. The child gets
`Limits.cpu_seconds` of CPU (RLIMIT_CPU: the kernel stops it), `Limits.memory_mb` of address space (RLIMIT_AS) and is
killed at `Limits.wall_seconds` (a child waiting on nothing would never reach its CPU limit). A document stopped
so is Unreadable with `overran`, the reason in Russian: «разбор занял больше 5 с».

A fresh interpreter (not a fork: the worker checks the pages in threads, and a fork copies their locks) reads the
file from its stdin and writes what it found as JSON to its stdout. At most PARALLEL documents are read at once —
the reading is CPU-bound and the web server shares the cores."""

from __future__ import annotations

import datetime
import json
import os
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from vsoko.siteaudit.contents import Contents, Unreadable, read

PARALLEL = max(1, (os.cpu_count() or 2) // 2)
_SLOTS = threading.BoundedSemaphore(PARALLEL)
_SOURCE = str(Path(__file__).resolve().parents[2])  # where the package `vsoko` is, for the child's import
_CHILD = "from vsoko.siteaudit.parsing import child; child()"
_OVER_CPU = (-signal.SIGXCPU, -signal.SIGKILL)  # RLIMIT_CPU's soft limit sends SIGXCPU, its hard one SIGKILL


class Overran(Unreadable):
    """The reading was stopped at a limit of time or memory."""


@dataclass(frozen=True)
class Limits:
    cpu_seconds: int
    memory_mb: int
    wall_seconds: float


def limits() -> Limits:
    """The limits the settings give (VSOKO_SITEAUDIT_PARSE_SECONDS, VSOKO_SITEAUDIT_PARSE_MEMORY_MB); the wall time
    is twice the CPU time and two seconds more: the machine may be busy, and the interpreter starts."""
    from django.conf import settings

    seconds = settings.VSOKO_SITEAUDIT_PARSE_SECONDS
    return Limits(seconds, settings.VSOKO_SITEAUDIT_PARSE_MEMORY_MB, 2 * seconds + 2)


def read_limited(body: bytes, suffix: str, limit: Limits, *, wait: float | None = None) -> Contents:
    """The contents of a PDF or DOCX, read in a child process under `limit`. Unreadable as `read` raises it; Overran
    when a limit stopped it. `wait`: seconds to wait for a free slot, else Unreadable «не хватило времени»."""
    if not _SLOTS.acquire(timeout=wait):
        raise Unreadable("не хватило времени на чтение документов страницы")
    try:
        done = subprocess.run([sys.executable, "-c", _CHILD, str(limit.cpu_seconds), str(limit.memory_mb), suffix],
                              input=body, capture_output=True, timeout=limit.wall_seconds, env=_child_environment(),
                              check=False)
    except subprocess.TimeoutExpired as error:  # run() has killed the child
        raise Overran(f"разбор занял больше {limit.wall_seconds:g} с") from error
    finally:
        _SLOTS.release()
    if done.returncode in _OVER_CPU:
        raise Overran(f"разбор занял больше {limit.cpu_seconds} с")
    try:
        said = json.loads(done.stdout)
    except ValueError as error:
        raise Unreadable(f"разбор файла прервался (код {done.returncode})") from error
    if said.get("memory"):
        raise Overran(f"разбор потребовал больше {limit.memory_mb} МБ памяти")
    if "unreadable" in said:
        raise Unreadable(said["unreadable"])
    found = said["contents"]
    return Contents(found["calendar_year"], found["school_year"],
                    datetime.date.fromisoformat(found["approved"]) if found["approved"] else None, found["signature"])


def _child_environment() -> dict[str, str]:
    path = os.pathsep.join(filter(None, [_SOURCE, os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path}


def child() -> None:
    """The child's side: limits first, then the file from stdin; what was found, as JSON, to stdout."""
    import resource

    cpu_seconds, memory_mb, suffix = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 1024 * 1024,) * 2)
    body = sys.stdin.buffer.read()
    try:
        found = read(body, suffix)
        said = {"contents": {"calendar_year": found.calendar_year, "school_year": found.school_year,
                             "approved": found.approved.isoformat() if found.approved else None,
                             "signature": found.signature}}
    except MemoryError:
        said = {"memory": True}
    except Unreadable as error:  # `read` turns any failure of the parser into Unreadable, MemoryError too
        said = {"memory": True} if isinstance(error.__cause__, MemoryError) else {"unreadable": str(error)}
    sys.stdout.buffer.write(json.dumps(said).encode("ascii"))
