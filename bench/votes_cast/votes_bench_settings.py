"""Benchmark settings: production-like (DEBUG off) over plain HTTP on 127.0.0.1."""

import os

os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-not-for-production-use")
os.environ["DEBUG"] = "0"
os.environ.setdefault("DATABASE_URL", os.environ.get("BENCH_VOTES_DATABASE_URL", ""))
# As in production: sessions and cache in Redis, shared by the gunicorn workers.
os.environ.setdefault("CACHE_URL", "redis://127.0.0.1:6379/5")

from ledendemocratie.settings import *  # noqa: E402, F403

ROOT_URLCONF = "votes_bench_urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": True}
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
