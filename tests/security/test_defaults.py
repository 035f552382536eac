"""Fail safe by default: a deployment that forgets DEBUG gets production behaviour, and
docker-compose publishes nothing but to this host."""

import json
import os
import re
import subprocess
import sys

from django.conf import settings

# A deployment that set a secret key and forgot DEBUG (and everything else).
FORGOTTEN = {"SECRET_KEY": "a-real-secret-key-that-is-long-and-random-0123456789abcdefghij"}


def _python(code: str, env: dict) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    environment.pop("TRUSTED_PROXY_COUNT", None)
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    environment |= {"DJANGO_SETTINGS_MODULE": "ledendemocratie.settings", **env}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _settings(names: list[str], env: dict) -> dict:
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))"
    )
    result = _python(code, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_debug_is_off_when_the_variable_is_missing():
    assert _settings(["DEBUG"], FORGOTTEN)["DEBUG"] is False


def test_without_debug_nor_a_secret_key_the_settings_refuse_to_start():
    result = _python("import django; django.setup()", {})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY" in result.stderr


def test_a_forgotten_debug_accepts_no_demo_password():
    backends = _settings(["AUTHENTICATION_BACKENDS"], FORGOTTEN)["AUTHENTICATION_BACKENDS"]
    assert "members.backends.DemoPasswordBackend" not in backends


REQUESTS = """
import django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings

plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # no collectstatic
with override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}):
    client = Client(raise_request_exception=False)
    responses = [client.get(p, secure=True) for p in ("/dev/mail/", "/media/x.png", "/nergens/")]
print([r.status_code for r in responses])
print(any(b"Traceback" in r.content or b"URLconf" in r.content for r in responses))
"""


def test_a_forgotten_debug_serves_no_dev_mail_no_media_and_no_traceback():
    result = _python(REQUESTS, FORGOTTEN)
    assert result.returncode == 0, result.stderr
    statuses, leaked = result.stdout.strip().splitlines()[-2:]
    assert statuses == "[404, 404, 404]"
    assert leaked == "False"


def test_the_forwarded_proto_header_is_ignored_without_a_trusted_proxy():
    values = _settings(["SECURE_PROXY_SSL_HEADER"], FORGOTTEN)
    assert values["SECURE_PROXY_SSL_HEADER"] is None


def test_the_forwarded_proto_header_is_believed_behind_a_trusted_proxy():
    values = _settings(["SECURE_PROXY_SSL_HEADER"], {**FORGOTTEN, "TRUSTED_PROXY_COUNT": "1"})
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def _published_ports() -> list[str]:
    text = (settings.BASE_DIR / "docker-compose.yml").read_text()
    return re.findall(r'^\s+- "([^"]+)"\s*(?:#.*)?$', text.split("\nvolumes:\n")[0], re.M)


def test_docker_compose_publishes_ports_to_this_host_only():
    ports = [p for p in _published_ports() if re.fullmatch(r"[\w.:]*\d+:\d+", p)]
    assert ports, "no published ports found: the test no longer reads the file"
    assert all(port.startswith("127.0.0.1:") for port in ports), ports


FAILING_LINK = """
import django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings
from shared.links import link_token

token = link_token(purpose="answer", member_id=12345, key="k", obj=1)
plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
with override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}):
    client = Client(enforce_csrf_checks=True)
    client.post(f"/preferendum/1/link/{token}/stelling/1/", secure=True)  # no CSRF token
print(token)
"""


def test_the_path_of_a_failing_request_is_logged_without_its_link_token():
    result = _python(FAILING_LINK, FORGOTTEN)
    token = result.stdout.strip().splitlines()[-1]
    assert "/preferendum/1/link/" in result.stderr, result.stderr
    assert token.rsplit(":", 1)[1] not in result.stderr
