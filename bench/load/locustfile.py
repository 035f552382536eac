"""500 members answer an open round (four statements, htmx) while 20 browse results and events.

Sessions were made in advance by setup.py. Production settings mark cookies Secure; this
client talks plain HTTP on loopback, so it sends the cookies itself, as a TLS proxy would.
The people's pace (arrivals, reading time) is in pace.py and stated in the report.
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
import pace  # noqa: E402

DATA = json.load(open(os.environ["LOAD_SESSIONS"]))  # noqa: SIM115
MEMBER_SESSIONS = iter(DATA["members"])  # one each: every member answers once
BROWSER_SESSIONS = itertools.cycle(DATA["browsers"])
ROUND, STATEMENTS = DATA["round"], DATA["statements"]
IDLE = gevent.event.Event()  # never set: what a member waits on once they are done


def pause(seconds: tuple[float, float]) -> None:
    gevent.sleep(random.uniform(*seconds))


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
    """Logs in (session), opens the round, reads and answers four statements, then is done.

    Each of the MEMBERS does this once and then stays idle until the end: a member that
    finished would otherwise leave, and locust, still ramping up, would start another one.
    """

    weight = pace.MEMBERS
    sessions = MEMBER_SESSIONS
    answered = False

    def on_start(self):
        super().on_start()
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
        self.get("/", name="home")
        pause(pace.TO_ROUND_SECONDS)
        self.get(f"/preferendum/{ROUND}/", name="round")
        for statement in STATEMENTS:
            pause(pace.READ_STATEMENT_SECONDS)
            self.client.post(
                f"/preferendum/{ROUND}/stelling/{statement}/",
                data={f"s{statement}-value": random.randint(1, 5)},
                headers=self._headers(
                    **{"HX-Request": "true", "X-CSRFToken": self.cookies.get("csrftoken", "")}
                ),
                name="answer (htmx)",
            )


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
