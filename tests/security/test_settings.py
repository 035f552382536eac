"""Production settings: check --deploy is clean, cookies are secure, the CSP is strict."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from ledendemocratie.settings import DEVELOPMENT_SECRET_KEY

PRODUCTION_ENV = {
    "DEBUG": "False",
    "SECRET_KEY": "security-test-secret-key-that-is-long-and-random-0123456789abcdefghij",
    "ALLOWED_HOSTS": "ledendemocratie.example.org",
    "SITE_URL": "https://ledendemocratie.example.org",
}


def _run(*command, env=PRODUCTION_ENV):
    environment = {**os.environ, **env, "DJANGO_SETTINGS_MODULE": "ledendemocratie.settings"}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    return subprocess.run(
        [sys.executable, *command],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_with_production_settings():
    result = _run("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_the_development_secret_key():
    result = _run(
        "manage.py", "check", env={**PRODUCTION_ENV, "SECRET_KEY": DEVELOPMENT_SECRET_KEY}
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_cookies_are_secure_and_https_is_enforced():
    names = [
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
    ]
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))"
    )
    result = _run("-c", code)
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SESSION_COOKIE_HTTPONLY"] and values["SECURE_SSL_REDIRECT"]
    assert values["SECURE_HSTS_SECONDS"] >= 31536000


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/activiteiten/", "/terugkoppeling/"])
def test_pages_send_a_content_security_policy_without_inline_scripts_or_styles(client, path):
    policy = client.get(path)["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
    )
    assert "'unsafe-inline'" not in directives.get("script-src", directives["default-src"])
    assert "'unsafe-inline'" not in directives.get("style-src", directives["default-src"])
    assert "'unsafe-eval'" not in policy
    assert directives["frame-ancestors"] == ["'none'"]


def test_production_caches_templates_and_reads_sessions_from_the_cache():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "from django.template import engines; "
        "loader = engines['django'].engine.template_loaders[0]; "  # template-partials' wrapper
        "print(type(loader.loaders[0]).__module__, s.SESSION_ENGINE)"
    )
    result = _run("-c", code)
    loader, sessions = result.stdout.split()[-2:]
    assert loader == "django.template.loaders.cached"
    assert sessions == "django.contrib.sessions.backends.cached_db"


def _database_options(env):
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps(s.DATABASES['default'].get('OPTIONS', {})))"
    )
    result = _run("-c", code, env={**PRODUCTION_ENV, **env})
    return json.loads(result.stdout.strip().splitlines()[-1])


POSTGRES = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/ledendemocratie"}


def test_postgresql_connections_prepare_the_queries_they_run_often():
    options = _database_options(POSTGRES)
    assert options == {"server_side_binding": True, "prepare_threshold": 5}


def test_prepared_statements_can_be_switched_off_for_a_pooler():
    options = _database_options({**POSTGRES, "DB_PREPARED_STATEMENTS": "False"})
    assert options["prepare_threshold"] is None
