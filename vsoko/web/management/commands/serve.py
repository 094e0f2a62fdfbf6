import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Запускает веб-приложение и обработчик фоновых задач (импорт, пересчёт)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="порт (по умолчанию 8000)")
        parser.add_argument("--host", default="127.0.0.1", help="адрес (по умолчанию 127.0.0.1)")
        parser.add_argument("--no-worker", action="store_true", help="не запускать обработчик задач")

    def handle(self, *args, port, host, no_worker, **options):
        call_command("migrate", verbosity=0, interactive=False)
        worker = None
        if not no_worker:
            # The database task queue's worker runs beside the web server, so a user
            # who started `vsoko serve` gets imports and recomputation with progress.
            worker = subprocess.Popen([sys.executable, "-m", "vsoko", "db_worker", "--no-reload", "--interval", "0.5"])
        self.stdout.write(f"vsoko: откройте http://{host}:{port}/ в браузере (Ctrl+C — остановить).")
        try:
            call_command("runserver", f"{host}:{port}", use_reloader=False, skip_checks=True)
        finally:
            if worker:
                worker.terminate()
                worker.wait(timeout=10)
