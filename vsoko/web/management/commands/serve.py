import argparse
import ctypes
import gc
import signal
import subprocess
import sys
from importlib import import_module

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


class Command(BaseCommand):
    help = "Запускает веб-приложение и обработчик фоновых задач (импорт, пересчёт)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=port_number, default=8000, help="порт, 1–65535 (по умолчанию 8000)")
        parser.add_argument("--host", default="127.0.0.1", help="адрес (по умолчанию 127.0.0.1)")
        parser.add_argument("--no-worker", action="store_true", help="не запускать обработчик задач")

    def handle(self, *args, port, host, no_worker, **options):
        call_command("migrate", verbosity=0, interactive=False)
        if warning := network_debug_warning(host):
            self.stderr.write(warning)
        worker = None
        # A service manager or `kill` stops the server with SIGTERM: end as Ctrl+C does, so the worker stops too
        # (without this the process ended at once and left the worker running, orphaned).
        signal.signal(signal.SIGTERM, stop_on_signal)
        if not no_worker:
            # The database task queue's worker runs beside the web server, so a user
            # who started `vsoko serve` gets imports and recomputation with progress.
            worker = subprocess.Popen([sys.executable, "-m", "vsoko", "db_worker", "--no-reload", "--interval", "0.5"],
                                      preexec_fn=end_with_parent if sys.platform == "linux" else None)
        self.stdout.write(f"vsoko: {address_to_open(host, port)} (Ctrl+C — остановить).")
        try:
            freeze_loaded_code()
            call_command("runserver", f"{host}:{port}", use_reloader=False, skip_checks=True)
        finally:
            if worker:
                worker.terminate()
                worker.wait(timeout=10)


def stop_on_signal(signum, frame):
    raise SystemExit(0)


PR_SET_PDEATHSIG = 1


def end_with_parent() -> None:
    """In the worker, before it starts (Linux): when the server process ends in a way no `finally` sees (killed,
    crashed), the kernel sends the worker SIGTERM, so no orphaned worker keeps the database busy."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def port_number(text: str) -> int:
    """A TCP port; anything else is a bad argument (exit 2), refused before the database is touched."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"порт — целое число от 1 до 65535 (указано «{text}»)")
    return value


def freeze_loaded_code() -> None:
    """Load the views, then keep everything loaded so far out of the garbage collector's passes: the modules,
    catalogs and templates live as long as the process, and scanning them was a tenth of every request's time."""
    import_module(settings.ROOT_URLCONF)
    gc.freeze()


# Listening on every address of the computer: no browser opens these; this computer reaches itself at 127.0.0.1.
ALL_ADDRESSES = {"0.0.0.0", "::", "[::]"}


def address_to_open(host: str, port: int) -> str:
    if host in ALL_ADDRESSES:
        return (f"откройте http://127.0.0.1:{port}/ на этом компьютере, с других — http://<адрес этого "
                f"компьютера в сети>:{port}/")
    return f"откройте http://{host}:{port}/ в браузере"


def network_debug_warning(host: str) -> str:
    """Served beyond this computer in debug mode, other people (a parent's phone answering a survey) would
    see Django's debug pages with the data of the request: say so when the server starts."""
    if not settings.DEBUG or host in LOOPBACK:
        return ""
    return (f"Внимание: сайт открыт для сети ({host}) в режиме отладки (DEBUG=True) — при ошибке посетитель "
            "увидит технические подробности. Для работы в сети задайте DEBUG=False и адрес сайта в "
            "ALLOWED_HOSTS (README, «Настройки»).")
