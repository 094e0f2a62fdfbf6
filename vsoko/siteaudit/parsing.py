"""A document off the site is read (vsoko.siteaudit.contents) in a child process under limits: a crafted or merely
pathological PDF — a content stream of millions of tiny text operators, a few kilobytes compressed — keeps pypdf
busy for minutes and can take gigabytes, and a thread of the task worker cannot be stopped. The child gets
`Limits.cpu_seconds` of CPU (RLIMIT_CPU: the kernel stops it), `Limits.memory_mb` of address space (RLIMIT_AS) and is
killed at `Limits.wall_seconds` (a child waiting on nothing would never reach its CPU limit). A document stopped
so is Overran (an Unreadable), the reason in Russian: «разбор занял больше 5 с».

Each child is forked by multiprocessing's fork server — a process started once, with the parser imported, that
runs no threads (a fork of the worker itself would copy the locks its threads hold: the pages are checked side by
side): a child is ready in milliseconds; a fresh interpreter importing pypdf took 0.3 s (1.9 s under load) a
document. At most PARALLEL documents are read at once — the reading is CPU-bound and the web server shares the cores."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from dataclasses import dataclass

from vsoko.siteaudit.contents import Contents, Unreadable, read

PARALLEL = max(1, (os.cpu_count() or 2) // 2)
_SLOTS = threading.BoundedSemaphore(PARALLEL)
_CONTEXT = multiprocessing.get_context("forkserver")
# «__main__»: the server imports the program's script (`vsoko`, `pytest`) once, so that a child need not; Python 3.12.1
# ignores it and runs the script again in every child (5 ms for `vsoko`'s, which imports no Django)
_CONTEXT.set_forkserver_preload(["__main__", "vsoko.siteaudit.parsing"])
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
    is twice the CPU time and two seconds more: the machine may be busy."""
    from django.conf import settings

    seconds = settings.VSOKO_SITEAUDIT_PARSE_SECONDS
    return Limits(seconds, settings.VSOKO_SITEAUDIT_PARSE_MEMORY_MB, 2 * seconds + 2)


def read_limited(body: bytes, suffix: str, limit: Limits, *, wait: float | None = None) -> Contents:
    """The contents of a PDF or DOCX, read in a child process under `limit`. Unreadable as `read` raises it; Overran
    when a limit stopped it. `wait`: seconds to wait for a free slot, else Unreadable «не хватило времени»."""
    if not _SLOTS.acquire(timeout=wait):
        raise Unreadable("не хватило времени на чтение документов страницы")
    try:
        said, exitcode = _run_child(body, suffix, limit)
    finally:
        _SLOTS.release()
    if said is None and (exitcode is None or exitcode in _OVER_CPU):
        # The same words whichever limit stopped it: on a busy machine the wall time may end first
        raise Overran(f"разбор занял больше {min(limit.cpu_seconds, limit.wall_seconds):g} с")
    if said is None:
        raise Unreadable(f"разбор файла прервался (код {exitcode})")
    if "memory" in said:
        raise Overran(f"разбор потребовал больше {limit.memory_mb} МБ памяти")
    if "unreadable" in said:
        raise Unreadable(said["unreadable"])
    return said["contents"]


def _run_child(body: bytes, suffix: str, limit: Limits) -> tuple[dict | None, int | None]:
    """(what the child said or None, its exit code or None if it was killed at the wall time)."""
    receiving, sending = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(target=_read_in_child, args=(sending, body, suffix, limit.cpu_seconds, limit.memory_mb),
                             daemon=True)
    child.start()
    sending.close()  # the child's end: once the child is gone, the pipe reads as closed
    try:
        said = receiving.recv() if receiving.poll(limit.wall_seconds) else None
    except EOFError:  # the child died without a word: a limit's signal
        said = None
    finally:
        receiving.close()
    if said is None:
        child.join(0.1)  # it may be just exiting
        if child.is_alive():  # the wall time is over
            child.kill()
            child.join()
            return None, None
    child.join()
    return said, child.exitcode


def _read_in_child(sending, body: bytes, suffix: str, cpu_seconds: int, memory_mb: int) -> None:
    """The child's side: the limits first, then the file; what was found is sent back."""
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 1024 * 1024,) * 2)
    try:
        said = {"contents": read(body, suffix)}
    except MemoryError:
        said = {"memory": True}
    except Unreadable as error:  # `read` turns any failure of the parser into Unreadable, MemoryError too
        said = {"memory": True} if isinstance(error.__cause__, MemoryError) else {"unreadable": str(error)}
    sending.send(said)
    sending.close()
