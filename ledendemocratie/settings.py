"""Settings for ledendemocratie, read from the environment.

The defaults run on a fresh machine without any services: SQLite, Celery tasks run
eagerly, e-mail is written to files under var/mail/. Set DATABASE_URL,
CELERY_BROKER_URL and the EMAIL_* variables for production.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from beraad.schedule import BEAT_SCHEDULE as BERAAD_SCHEDULE
from events.schedule import BEAT_SCHEDULE as EVENTS_SCHEDULE
from forum.schedule import BEAT_SCHEDULE as FORUM_SCHEDULE
from ledendemocratie.feedback.schedule import BEAT_SCHEDULE as FEEDBACK_SCHEDULE
from ledendemocratie.public.schedule import BEAT_SCHEDULE as PUBLIC_SCHEDULE
from members.schedule import BEAT_SCHEDULE as MEMBERS_SCHEDULE
from preferendum.schedule import BEAT_SCHEDULE as PREFERENDUM_SCHEDULE
from shared.links import RedactLinksFilter
from votes.schedule import BEAT_SCHEDULE as VOTES_SCHEDULE

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEVELOPMENT_SECRET_KEY = "development-only-secret-key-never-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
# Off unless asked for: a deployment that forgets the variable shows no tracebacks, accepts
# no demo password and serves neither /dev/mail/ nor media. `make run` and the tests set it.
DEBUG = env_bool("DEBUG", False)
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "Set SECRET_KEY: the development key is refused when DEBUG=False "
        "(for development on your own machine, set DEBUG=True as `make run` does)."
    )

SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", SITE_URL)

INSTALLED_APPS = [
    "members.admin_apps.MembersAdminConfig",  # django.contrib.admin; login via allauth
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "django_htmx",
    "template_partials",
    "csp",
    "members",
    "preferendum",
    "beraad",
    "events",
    "votes",
    "forum",
    "ledendemocratie.feedback",
    "ledendemocratie.public",
    "ledendemocratie",
]

# Widgets render with the project's templates first, so templates/admin/widgets/ can label
# the admin's date and time inputs.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "ledendemocratie.urls"
WSGI_APPLICATION = "ledendemocratie.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ledendemocratie.context_processors.navigation",
            ],
        },
    },
]

# SQLite by default so that `make run` needs no database server.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters bound by the server let psycopg prepare a query that a connection runs
    # often (from its fifth run): the answer hot path's read is planned once, not on
    # every request. DB_PREPARED_STATEMENTS=False behind a pooler that cannot keep them.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True,
        prepare_threshold=5 if env_bool("DB_PREPARED_STATEMENTS", True) else None,
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis when CACHE_URL is set (several processes share it); otherwise per process, so
# development and tests need no Redis.
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "ledendemocratie.cache.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Sessions are read from the cache and written through to the database: a signed-in
# request costs no session query, and a cache flush logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_USER_MODEL = "members.Member"
AUTHENTICATION_BACKENDS = [
    "members.backends.MemberBackend",
    "members.backends.MemberAccountBackend",
]
if DEBUG:
    AUTHENTICATION_BACKENDS.append("members.backends.DemoPasswordBackend")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# Key of the HMAC kept of erased members' numbers (the import skips those rows). Set it
# apart from SECRET_KEY so that rotating that key does not forget who was erased.
ERASED_MEMBER_NUMBER_KEY = os.environ.get("ERASED_MEMBER_NUMBER_KEY", SECRET_KEY)
# A full member import that would make more than this share of current members former
# members is refused unless confirmed (--confirm-retire, or the button on the report).
MEMBER_IMPORT_MAX_RETIRE_SHARE = float(os.environ.get("MEMBER_IMPORT_MAX_RETIRE_SHARE", "0.05"))

# django-allauth: e-mail is the login; members log in with an e-mailed code.
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1"]  # the password is optional: members log in by code
ACCOUNT_SIGNUP_FORM_CLASS = "members.forms.SupporterSignupForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# Sensitive steps (a chair signing a letter) ask for a fresh e-mailed code, never a password;
# the confirmation counts for ACCOUNT_REAUTHENTICATION_TIMEOUT (allauth's default, 300 s).
ACCOUNT_REAUTHENTICATION_METHODS = ("code",)
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Ledendemocratie: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
# Members come from the member administration; only supporters may sign up themselves.
SUPPORTER_SIGNUP_ENABLED = env_bool("SUPPORTER_SIGNUP_ENABLED", True)
DEMO_ACCOUNTS = {
    "lid@example.org",
    "organisator@example.org",
    "voorzitter@example.org",
    "voorzitter2@example.org",
    "admin@example.org",
    "deskundige@example.org",  # an invited expert of the forum demo (not a member)
}

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Background documents members share (forum): the largest file accepted.
DOCUMENT_MAX_BYTES = env_int("DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# E-mail: SMTP when EMAIL_HOST is set, otherwise one .eml file per message in var/mail/.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    # Django's SMTP backend, which sends the outbox's prepared mailing bytes as they are.
    EMAIL_BACKEND = "members.mail_backends.OutboxSmtpBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", EMAIL_PORT == 587)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
else:
    EMAIL_BACKEND = "members.mail_backends.EmlFileBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Ledendemocratie <noreply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: eager (in-process) unless a broker is configured.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY = False
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    **MEMBERS_SCHEDULE,
    **PREFERENDUM_SCHEDULE,
    **BERAAD_SCHEDULE,
    **EVENTS_SCHEDULE,
    **FEEDBACK_SCHEDULE,
    **PUBLIC_SCHEDULE,
    **VOTES_SCHEDULE,
    **FORUM_SCHEDULE,
    "mailings-sweep": {"task": "ledendemocratie.tasks.sweep_mailings", "schedule": 60.0},
}

# Security. Production (DEBUG=False) runs behind a TLS-terminating proxy.
# How many proxies in front of gunicorn append to X-Forwarded-For (1 for one TLS proxy).
# Limits per address (logins, guest registrations) then count each visitor, not the proxy.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# X-Forwarded-Proto is believed only when a proxy is declared: without one, any client could
# send the header and pass for an HTTPS request.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if ALLAUTH_TRUSTED_PROXY_COUNT > 0 else None
)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_links": {"()": RedactLinksFilter}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_links"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Domain settings.
ANSWER_ANONYMISE_AFTER_DAYS = env_int("ANSWER_ANONYMISE_AFTER_DAYS", 365)
FEEDBACK_DEBT_WEEKS = env_int("FEEDBACK_DEBT_WEEKS", 6)
# Forum: contributions per person per day (replies under one's own contribution are free).
FORUM_DAILY_CONTRIBUTIONS = env_int("FORUM_DAILY_CONTRIBUTIONS", 3)
OUTBOX_BATCH_SIZE = env_int("OUTBOX_BATCH_SIZE", 500)
# A sender renews its claim on a message before handing it to SMTP; a claim not renewed
# for this long belongs to a dead worker and the sweep puts the message back in the queue.
OUTBOX_LEASE_SECONDS = env_int("OUTBOX_LEASE_SECONDS", 300)
# Sent and failed mail is emptied after this many days, keeping only a keyed hash for dedup.
OUTBOX_RETENTION_DAYS = env_int("OUTBOX_RETENTION_DAYS", 30)
