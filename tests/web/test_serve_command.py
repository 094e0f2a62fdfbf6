"""`vsoko serve` runs the web server and the task worker beside it; stopping it stops both."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vsoko.web.management.commands.serve import address_to_open

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def command_line(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return b""


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status  # a zombie has ended


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads child processes from Linux /proc")
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
def test_stopping_the_server_stops_its_worker(tmp_path, stop):
    """SIGTERM: the server ends as on Ctrl+C and stops the worker; SIGKILL: no code of the server runs, the kernel
    tells the worker its parent is gone."""
    env = {**os.environ, "VSOKO_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)  # its own SQLite database: the server migrates it
    server = subprocess.Popen([sys.executable, "-m", "vsoko", "serve", "--port", str(free_port())], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    workers = []
    try:
        deadline = time.monotonic() + 120
        while not workers and time.monotonic() < deadline and server.poll() is None:
            time.sleep(0.2)
            workers = children(server.pid)
        assert workers, "the worker did not start"
        time.sleep(1)  # the server past its start-up, serving

        server.send_signal(stop)
        server.wait(timeout=30)

        deadline = time.monotonic() + 30
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(alive(pid) for pid in workers), "the worker outlived the server"
    finally:
        if server.poll() is None:
            server.kill()
        for pid in workers:  # a failed test leaves nothing running
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_the_address_to_open_is_one_a_browser_opens():
    assert address_to_open("127.0.0.1", 8000) == "откройте http://127.0.0.1:8000/ в браузере"
    # «откройте http://0.0.0.0:8000/» was printed for --host 0.0.0.0, which is no address to open
    assert "http://127.0.0.1:8317/" in address_to_open("0.0.0.0", 8317)
    assert "0.0.0.0" not in address_to_open("0.0.0.0", 8317)
