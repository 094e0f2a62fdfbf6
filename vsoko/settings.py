"""All configuration comes from environment variables; nothing needs to be set for a laptop.

With no variables at all vsoko keeps a SQLite file in ./var (WAL mode), so a fresh
checkout runs. Production sets DATABASE_URL (PostgreSQL), SECRET_KEY, DEBUG=False
and ALLOWED_HOSTS.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent


def envbool(name: str, default: bool) -> bool:
    raw = os.getenv(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"Unexpected value {name}={raw}, use True or False")


def envint(name: str, default: int) -> int:
    raw = os.getenv(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"Unexpected value {name}={raw}, expected an integer") from exc


def database_from_url(url: str, data_dir: Path) -> dict:
    """Translate DATABASE_URL (sqlite:///path or postgres://user:pw@host:port/name) to Django's dict."""
    if not url:
        return sqlite_database(data_dir / "vsoko.sqlite3")
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path)
        if path.startswith("//"):  # sqlite:////abs/path
            path = path[1:]
        elif path.startswith("/"):
            path = path[1:] or "vsoko.sqlite3"
        return sqlite_database(Path(path))
    if parsed.scheme in ("postgres", "postgresql", "pgsql"):
        options = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
            "TEST": {"NAME": os.getenv("VSOKO_TEST_DB_NAME") or None},
        }
    raise ImproperlyConfigured(f"DATABASE_URL: unsupported scheme {parsed.scheme!r}")


def sqlite_database(path: Path) -> dict:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        # WAL lets the web server read while an import or the task worker writes;
        # IMMEDIATE transactions avoid "database is locked" on upgrade from read to write.
        "OPTIONS": {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
        },
    }


def load_secret_key(data_dir: Path) -> str:
    """SECRET_KEY from the environment, else one generated once into the data folder."""
    if key := os.getenv("SECRET_KEY"):
        return key
    path = data_dir / ".secret"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key


DATA_DIR = Path(os.getenv("VSOKO_DATA_DIR", "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
UPLOAD_DIR = DATA_DIR / "uploads"

DEBUG = envbool("DEBUG", True)
SECRET_KEY = load_secret_key(DATA_DIR)
ALLOWED_HOSTS = [h.strip() for h in os.getenv("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.getenv("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

DATABASES = {"default": database_from_url(os.getenv("DATABASE_URL", ""), DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Pages keep what they derive from a school's data under its data generation (vsoko.datavalues.generation): each
# process in its own memory, never stale. Django's default of 300 entries is six looks at «Сравнение школ» of 50
# schools; an entry is a few kilobytes.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}},
    # The open surveys' answer counts per address (vsoko.surveys.answer_limit) must be one count for every web
    # server process: a table of the database (created by the surveys' migration 0002).
    "survey_limits": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "vsoko_survey_limits",
                      "OPTIONS": {"MAX_ENTRIES": 20000}},
}

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks_db",
    "vsoko.records",
    "vsoko.accounts",
    "vsoko.audit",
    "vsoko.imports",
    "vsoko.datavalues",
    "vsoko.indicators",
    "vsoko.assessments",
    "vsoko.web",
    "vsoko.analysis",
    "vsoko.reports",
    "vsoko.surveys",
    "vsoko.plan",
    "vsoko.decisions",
    "vsoko.schedule",
    "vsoko.observations",
    "vsoko.comparison",
    "vsoko.progress",
    "vsoko.support",
    "vsoko.diagnostics",
    "vsoko.rating",
    "vsoko.oversight",
    "vsoko.preschool",
    "vsoko.teaching",
    "vsoko.inquiries",
    "vsoko.siteaudit",
    "vsoko.attendance",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a login except those marked @login_not_required (the login page).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "vsoko.urls"
WSGI_APPLICATION = "vsoko.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vsoko.web.context_processors.shell",
            ],
        },
    }
]

TASKS = {
    "default": {
        # The database-backed queue: `vsoko serve` starts its worker beside the web server.
        "BACKEND": os.getenv("VSOKO_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

LANGUAGE_CODE = "ru"
TIME_ZONE = os.getenv("TIME_ZONE", "Europe/Moscow")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from the apps, so `vsoko serve` needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

AUTHENTICATION_BACKENDS = ["vsoko.audit.login_throttle.ThrottledModelBackend"]
VSOKO_LOGIN_MAX_FAILURES = envint("VSOKO_LOGIN_MAX_FAILURES", 5)
VSOKO_LOGIN_WINDOW_MINUTES = envint("VSOKO_LOGIN_WINDOW_MINUTES", 15)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/login/"

# Uploads: an XLSX of a 1,000-student school for three years is about 15 MB.
VSOKO_MAX_UPLOAD_MB = envint("VSOKO_MAX_UPLOAD_MB", 100)
# A file confirming a manually entered value; kept in the database (indicators.Evidence).
VSOKO_MAX_EVIDENCE_MB = envint("VSOKO_MAX_EVIDENCE_MB", 20)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Groups smaller than this are hidden in anything published (152-FZ).
VSOKO_MIN_GROUP_SIZE = envint("VSOKO_MIN_GROUP_SIZE", 5)
# The site's address as respondents reach it (survey links and QR codes); empty: the address the page was opened by.
VSOKO_PUBLIC_URL = os.getenv("VSOKO_PUBLIC_URL", "").strip().rstrip("/")
# An open survey stores at most this many answers per clock hour from one address through one link (0 — no limit).
# A class answering in the computer room shares the school's address: 60 is two classes within an hour.
VSOKO_SURVEY_ANSWERS_PER_HOUR = envint("VSOKO_SURVEY_ANSWERS_PER_HOUR", 60)
# Reverse proxies in front of the server (e.g. 127.0.0.1 for nginx on the same machine): behind them the sender's
# address is the last one of X-Forwarded-For, not the proxy's.
VSOKO_TRUSTED_PROXIES = [a.strip() for a in os.getenv("VSOKO_TRUSTED_PROXIES", "").split(",") if a.strip()]
# The schedule of assessment procedures (vsoko.schedule.load): works per class a day, the school's own works
# of a subject as a percentage of its yearly hours, works per class a week before a warning.
VSOKO_SCHEDULE_MAX_PER_DAY = envint("VSOKO_SCHEDULE_MAX_PER_DAY", 1)
VSOKO_SCHEDULE_MAX_SHARE_PERCENT = envint("VSOKO_SCHEDULE_MAX_SHARE_PERCENT", 10)
VSOKO_SCHEDULE_MAX_PER_WEEK = envint("VSOKO_SCHEDULE_MAX_PER_WEEK", 3)
# Students who left more than this many school years ago may be anonymised (`vsoko anonymise`).
VSOKO_RETENTION_YEARS = envint("VSOKO_RETENTION_YEARS", 5)
# Entries of the audit log older than this many years may be deleted (`vsoko journal prune`).
VSOKO_AUDIT_YEARS = envint("VSOKO_AUDIT_YEARS", 3)
# «Проверить сайт автоматически» may open addresses of the server's own network (127.0.0.1, 10.…): only for a
# test or a demo site on this machine — otherwise the check could be used to look into the municipality's network.
VSOKO_SITEAUDIT_ALLOW_INTERNAL = envbool("VSOKO_SITEAUDIT_ALLOW_INTERNAL", False)
# The check reads a document's text in a child process (vsoko.siteaudit.parsing) with at most this many seconds of
# CPU and megabytes of memory: a pathological PDF could keep the parser busy for minutes.
VSOKO_SITEAUDIT_PARSE_SECONDS = envint("VSOKO_SITEAUDIT_PARSE_SECONDS", 5)
VSOKO_SITEAUDIT_PARSE_MEMORY_MB = envint("VSOKO_SITEAUDIT_PARSE_MEMORY_MB", 512)

if not DEBUG:
    SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", True)
    # Behind a school's reverse proxy TLS usually ends at the proxy; set this to True there.
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
# No inline scripts anywhere: templates load JS files from /static/. Inline style
# attributes stay allowed (progress bars, chart colours) — they cannot run code.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
}
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The server's request lines without query strings: a search's query may be a pupil's name (vsoko.web.request_log).
    "filters": {"without_query": {"()": "vsoko.web.request_log.WithoutQueryStrings"}},
    "formatters": {"django.server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}",
                                     "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler"},
                 "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"}},
    "loggers": {"django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False,
                                  "filters": ["without_query"]}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "WARNING")},
}
