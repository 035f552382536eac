"""500 members answer an open round (four statements, htmx) while 20 browse results and events.

Sessions were made in advance by setup.py. Production settings mark cookies Secure; this
client talks plain HTTP on loopback, so it sends the cookies itself, as a TLS proxy would.
"""

import itertools
import json
import os
import random

from locust import HttpUser, between, task

DATA = json.load(open(os.environ["LOAD_SESSIONS"]))  # noqa: SIM115
MEMBER_SESSIONS = itertools.cycle(DATA["members"])
BROWSER_SESSIONS = itertools.cycle(DATA["browsers"])
ROUND, STATEMENTS = DATA["round"], DATA["statements"]


class _SignedIn(HttpUser):
    abstract = True
    sessions = None

    def on_start(self):
        self.cookies = {"sessionid": next(self.sessions)}

    def _headers(self, **extra):
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        return {"Cookie": cookie, **extra}

    def get(self, path, name=None):
        response = self.client.get(path, headers=self._headers(), name=name)
        if token := response.cookies.get("csrftoken"):
            self.cookies["csrftoken"] = token
        return response


class Member(_SignedIn):
    """Logs in (session), opens the round, answers four statements, then is done."""

    weight = 500
    wait_time = between(1, 3)
    sessions = MEMBER_SESSIONS

    @task
    def answer_the_round(self):
        self.get("/", name="home")
        self.get(f"/preferendum/{ROUND}/", name="round")
        for statement in STATEMENTS:
            self.client.post(
                f"/preferendum/{ROUND}/stelling/{statement}/",
                data={f"s{statement}-value": random.randint(1, 5)},
                headers=self._headers(
                    **{"HX-Request": "true", "X-CSRFToken": self.cookies.get("csrftoken", "")}
                ),
                name="answer (htmx)",
            )
        self.stop()


class Browser(_SignedIn):
    """Reads results and events for as long as the test runs."""

    weight = 20
    fixed_count = 20
    wait_time = between(1, 3)
    sessions = BROWSER_SESSIONS

    @task(2)
    def results(self):
        self.get(f"/preferendum/{DATA['closed_round']}/uitslag/", name="results")

    @task(1)
    def events(self):
        self.get("/activiteiten/", name="events")
