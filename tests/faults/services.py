"""Throwaway Redis and PostgreSQL servers, and the platform run against them.

Fault tests break these, never the machine's shared services: each server gets a free
port and a temporary directory. PostgreSQL refuses to run as root, so as root the
cluster belongs to the ``postgres`` system user.
"""

import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings

PG_BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
SECRET = "fault-tests-secret-key-that-is-long-enough-0123456789abcdefghijklmnopq"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, seconds: float = 30, every: float = 0.2):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(every)
    return check()


def missing_binaries() -> str | None:
    if not shutil.which("redis-server"):
        return "redis-server is not installed"
    if not PG_BIN or not Path(PG_BIN[-1], "initdb").exists():
        return "PostgreSQL server binaries (initdb) are not installed"
    if os.geteuid() == 0 and subprocess.run(["id", "postgres"], capture_output=True).returncode:
        return "running as root without a postgres system user"
    return None


class Redis:
    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        assert wait_for(self._answers), "throwaway Redis did not start"

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False


class Postgres:
    def __init__(self):
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="ld-faults-pg-", dir="/tmp"))
        self.data = self.root / "data"
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def _run(self, tool: str, *args, check=True):
        command = [str(Path(PG_BIN[-1], tool)), *map(str, args)]
        if os.geteuid() == 0:
            command = ["su", "postgres", "-s", "/bin/sh", "-c", subprocess.list2cmdline(command)]
        return subprocess.run(command, capture_output=True, text=True, check=check, timeout=120)

    def init(self):
        self._run("initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "--no-sync")
        self.start()

    def start(self):
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", self.data, "-o", options, "-l", self.root / "log", "-w", "start")

    def stop(self):
        self._run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop", check=False)

    def create_database(self, name: str, template: str | None = None):
        extra = ["-T", template] if template else []
        self._run("createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres", *extra, name)

    def destroy(self):
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


class Platform:
    """The platform's processes (gunicorn, Celery) with their own database, broker, mail."""

    def __init__(self, database_url: str, broker_url: str, var_dir: Path):
        self.var_dir = var_dir
        self.port = free_port()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "ledendemocratie.settings",
            "DATABASE_URL": database_url,
            "CELERY_BROKER_URL": broker_url,
            "VAR_DIR": str(var_dir),
            "DEBUG": "False",
            "SECRET_KEY": SECRET,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": f"http://127.0.0.1:{self.port}",
            "SECURE_SSL_REDIRECT": "False",
            "CONN_MAX_AGE": "60",
            "EMAIL_HOST": "",
            "LOG_LEVEL": "WARNING",
        }
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.processes = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def manage_command(self) -> list[str]:
        return [sys.executable, "manage.py"]

    def manage(self, *args, timeout=300) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def python(self, code: str) -> str:
        """Run Django code in a separate process against this platform's database."""
        return self.manage("shell", "-c", code)

    def _spawn(self, command: list[str]) -> subprocess.Popen:
        process = subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=self.env,
            stdout=open(self.var_dir / "process.log", "ab"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def start_web(self):
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        command = [gunicorn, "ledendemocratie.wsgi", "-b", f"127.0.0.1:{self.port}", "-w", "2"]
        self._spawn([*command, "--timeout", "30"])
        assert wait_for(self._serves), "gunicorn did not start"

    def start_worker(self) -> subprocess.Popen:
        celery = str(Path(sys.executable).with_name("celery"))
        command = [celery, "-A", "ledendemocratie", "worker", "-P", "solo", "-l", "WARNING"]
        return self._spawn([*command, "--without-mingle", "--without-gossip"])

    def _serves(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return True
        except OSError:
            return False

    def kill(self, process: subprocess.Popen, sig=signal.SIGTERM):
        if process.poll() is None:
            os.killpg(process.pid, sig)
            process.wait(30)

    def stop(self):
        for process in self.processes:
            self.kill(process)

    def delivered(self) -> dict[str, int]:
        """How many e-mails each address holds: one .eml file per Message-ID, as in a mailbox."""
        counts = {}
        for path in (self.var_dir / "mail").glob("*.eml"):
            for line in path.read_text(errors="replace").splitlines():
                if line.startswith("To: "):
                    address = line[4:].strip()
                    counts[address] = counts.get(address, 0) + 1
                    break
        return counts


class SmtpSink:
    """A slow SMTP server on loopback: accepts every message after ``delay`` seconds.

    It counts what it accepted per Message-ID, as a relay would deliver it: a message
    handed over twice is two mails in someone's inbox.
    """

    def __init__(self, delay: float = 0.0):
        import collections
        import socketserver
        import threading

        sink = self
        self.delay = delay
        self.accepted = collections.Counter()
        self.lock = threading.Lock()

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                self.wfile.write(b"220 sink ESMTP\r\n")
                while line := self.rfile.readline():
                    verb = line[:4].upper()
                    if verb == b"DATA":
                        self.wfile.write(b"354 go ahead\r\n")
                        sink._accept(self._message())
                        self.wfile.write(b"250 accepted\r\n")
                    elif verb == b"QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:
                        self.wfile.write(b"250 ok\r\n")

            def _message(self) -> list[bytes]:
                lines = []
                while (line := self.rfile.readline()) not in (b".\r\n", b""):
                    lines.append(line)
                return lines

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _accept(self, lines: list[bytes]) -> None:
        time.sleep(self.delay)
        ids = [line for line in lines if line.lower().startswith(b"message-id:")]
        with self.lock:
            self.accepted[ids[0].split(b":", 1)[1].strip().decode() if ids else ""] += 1

    def start(self):
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
