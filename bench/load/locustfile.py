"""500 members log in, answer an open round (four statements, htmx); 20 browse meanwhile.

A member logs in as people do: asks for a code by e-mail, reads it in their mailbox (the
outbox table, read by mailbox.py) and types it in. The 20 browsers' sessions were made in
advance by setup.py. Production settings mark cookies Secure; this client talks plain
HTTP on loopback, so it sends the cookies itself, and each member comes from their own
address in X-Forwarded-For, as behind the TLS proxy (TRUSTED_PROXY_COUNT=1). The people's
pace (arrivals, reading time) is in pace.py and stated in the report.
"""

import itertools
import json
import os
import random
import sys

import gevent
import gevent.event
from locust import HttpUser, between, task

sys.path.insert(0, os.path.dirname(__file__))
import mailbox  # noqa: E402

import pace  # noqa: E402

DATA = json.load(open(os.environ["LOAD_SESSIONS"]))  # noqa: SIM115
MEMBER_EMAILS = iter(enumerate(DATA["members"]))  # one each: every member answers once
BROWSER_SESSIONS = itertools.cycle(DATA["browsers"])
ROUND, STATEMENTS = DATA["round"], DATA["statements"]
IDLE = gevent.event.Event()  # never set: what a member waits on once they are done


def pause(seconds: tuple[float, float]) -> None:
    gevent.sleep(random.uniform(*seconds))


class _SignedIn(HttpUser):
    abstract = True
    sessions = None

    address = "127.0.0.1"

    def on_start(self):
        self.cookies = {"sessionid": next(self.sessions)}

    def _headers(self, **extra):
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        return {"Cookie": cookie, "X-Forwarded-For": self.address, **extra}

    def _keep_cookies(self, response):
        for name in ("sessionid", "csrftoken"):
            if value := response.cookies.get(name):
                self.cookies[name] = value
        return response

    def get(self, path, name=None):
        return self._keep_cookies(self.client.get(path, headers=self._headers(), name=name))

    def post(self, path, data, name, expect=200, **headers):
        """POST without following a redirect; a status other than `expect` is an error."""
        csrf = {"X-CSRFToken": self.cookies.get("csrftoken", "")}
        with self.client.post(
            path,
            data=data,
            headers=self._headers(**csrf, **headers),
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != expect:
                response.failure(f"{response.status_code} instead of {expect}")
            return self._keep_cookies(response)


class Member(_SignedIn):
    """Logs in by code, opens the round, reads and answers four statements, then is done.

    Each of the MEMBERS does this once and then stays idle until the end: a member that
    finished would otherwise leave, and locust, still ramping up, would start another one.
    """

    weight = pace.MEMBERS
    answered = False

    def on_start(self):
        number, self.email = next(MEMBER_EMAILS)
        self.address = f"10.0.{number // 250}.{number % 250 + 1}"
        self.cookies = {}
        # locust starts the members in batches, about 8 at once every second; each waits a
        # random part of that second, so they arrive one by one as people do.
        pause((0, 1))

    @task
    def answer_the_round(self):
        if not self.answered:  # once, even if locust reran the task after an error
            self.answered = True
            self._journey()
        IDLE.wait()  # done: idle (and signed in) until the run ends

    def _journey(self):
        self._log_in()
        self.get("/", name="home")
        pause(pace.TO_ROUND_SECONDS)
        self.get(f"/preferendum/{ROUND}/", name="round")
        for statement in STATEMENTS:
            pause(pace.READ_STATEMENT_SECONDS)
            self.post(
                f"/preferendum/{ROUND}/stelling/{statement}/",
                {f"s{statement}-value": random.randint(1, 5)},
                name="answer (htmx)",
                **{"HX-Request": "true"},
            )

    def _log_in(self):
        self.get("/accounts/login/code/", name="login: page")
        ask = {"email": self.email}
        self.post("/accounts/login/code/", ask, name="login: ask for a code", expect=302)
        pause(pace.READ_MAIL_SECONDS)
        code = {"code": mailbox.login_code(self.email)}
        self.post("/accounts/login/code/confirm/", code, name="login: code", expect=302)


class Browser(_SignedIn):
    """Reads results and events for as long as the test runs."""

    weight = pace.BROWSERS
    fixed_count = pace.BROWSERS
    wait_time = between(*pace.BROWSE_SECONDS)
    sessions = BROWSER_SESSIONS

    @task(2)
    def results(self):
        self.get(f"/preferendum/{DATA['closed_round']}/uitslag/", name="results")

    @task(1)
    def events(self):
        self.get("/activiteiten/", name="events")
