"""The platform keeps working when parts fail: PostgreSQL restarts, Redis stops, a worker
is killed. Each test runs gunicorn and Celery against its own throwaway servers."""

import http.cookies
import signal
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from tests.faults.services import wait_for

SETUP_ROUND = """
from datetime import timedelta
from django.utils import timezone
from members.models import Branch, Member
from preferendum.models import Round, RoundState, Statement
from preferendum.tokens import answer_token
branch = Branch.objects.create(name="Fout", slug="fout", province="utrecht")
Member.objects.bulk_create(
    Member(email=f"f{{n}}@faults.example.org", member_number=f"F{{n}}", branch=branch,
           first_name="Lid", last_name=str(n))
    for n in range({members})
)
now = timezone.now()
round_ = Round.objects.create(title="Storing", state=RoundState.{state},
    opens_at=now - timedelta(minutes=1), closes_at=now + timedelta(days=7))
for position in range(1, 5):
    Statement.objects.create(round=round_, position=position, text=f"Stelling {{position}}")
member = Member.objects.order_by("pk").first()
print(round_.pk, answer_token(round_, member), round_.statements.order_by("pk").first().pk)
"""


class Browser:
    """A tiny HTTP client with cookies, enough to answer through a personal link.

    Production settings mark cookies Secure; over plain HTTP on loopback this client
    sends them anyway, as the TLS-terminating proxy would.
    """

    def __init__(self, base: str):
        self.base = base
        self.cookies = {}

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        request.add_header("X-CSRFToken", self.cookies.get("csrftoken", ""))
        try:
            with urllib.request.urlopen(request, timeout=15) as response:
                self._keep(response.headers)
                return response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")
        except OSError as error:
            return 0, str(error)

    def _keep(self, headers) -> None:
        for header in headers.get_all("Set-Cookie") or []:
            cookie = http.cookies.SimpleCookie(header)
            self.cookies |= {name: morsel.value for name, morsel in cookie.items()}


def _set_up_round(platform, *, members: int, state: str) -> tuple[str, str, str]:
    output = platform.python(SETUP_ROUND.format(members=members, state=state))
    return tuple(output.split()[-3:])


def test_postgres_restart_under_traffic_shows_a_clean_error_and_recovers(platform, cluster):
    platform.start_web()
    round_id, token, statement_id = _set_up_round(platform, members=1, state="OPEN")
    page = f"/preferendum/{round_id}/link/{token}/"
    browser = Browser(platform.url)
    assert browser.request(page)[0] == 200
    seen, stop = [], threading.Event()

    def traffic():
        while not stop.is_set():
            seen.append((time.monotonic(), *browser.request(page)))
            time.sleep(0.05)

    worker = threading.Thread(target=traffic)
    worker.start()
    time.sleep(1)
    cluster.stop()
    time.sleep(2)
    cluster.start()
    restarted = time.monotonic()
    time.sleep(4)
    stop.set()
    worker.join()

    statuses = {status for _, status, _ in seen}
    assert statuses <= {200, 500}, statuses
    errors = [body for _, status, body in seen if status == 500]
    assert errors, "no request met the stopped database"
    assert all("Er ging iets mis" in body and "Traceback" not in body for body in errors)
    assert all(status == 200 for at, status, _ in seen if at > restarted + 2)
    saved = browser.request(f"{page}stelling/{statement_id}/", {f"s{statement_id}-value": "4"})
    assert saved[0] in {200, 302}
    assert _answers(platform) == "1", "the answer after recovery was not saved exactly once"


def test_redis_down_while_a_round_opens_then_every_invitation_arrives_once(platform, redis):
    platform.start_web()
    redis.stop()
    round_id, token, statement_id = _set_up_round(platform, members=30, state="SCHEDULED")
    platform.python(
        f"from preferendum.models import Round; from preferendum.services import round_open;"
        f"print(round_open(round_=Round.objects.get(pk={round_id})))"
    )
    browser = Browser(platform.url)
    page = f"/preferendum/{round_id}/link/{token}/"
    assert browser.request(page)[0] == 200
    status, _ = browser.request(f"{page}stelling/{statement_id}/", {f"s{statement_id}-value": "5"})
    assert status in {200, 302}
    assert browser.request("/")[0] == 200
    answers = platform.python(
        "from preferendum.models import Answer; print(Answer.objects.count())"
    )
    assert answers.split()[-1] == "1", "the answer given while Redis was down was lost"

    redis.start()
    platform.start_worker()
    platform.python(
        "from datetime import timedelta; from django.utils import timezone;"
        "from members.models import Mailing;"
        "Mailing.objects.update(created_at=timezone.now() - timedelta(minutes=3));"
        "from members.tasks import sweep_outbox; from ledendemocratie.tasks import sweep_mailings;"
        "sweep_mailings.delay(); sweep_outbox.delay()"
    )
    delivered = wait_for(lambda: _all_sent(platform, 30), 20) or platform.delivered()
    stored = platform.python(
        "from members.models import OutboxMessage as M; "
        "print(M.objects.filter(kind='round_invitation').count())"
    ).split()[-1]
    assert len(delivered) == 30, f"{len(delivered)} delivered, {stored} invitations stored"
    assert set(delivered.values()) == {1}


def test_worker_killed_mid_batch_then_every_recipient_gets_exactly_one_message(platform):
    platform.python(
        """
from members.models import Branch, MailKind, Member
from members.services.outbox import outbox_enqueue_many
branch = Branch.objects.create(name="Batch", slug="batch")
Member.objects.bulk_create(
    Member(email=f"b{n}@faults.example.org", member_number=f"B{n}", branch=branch)
    for n in range(5000)
)
outbox_enqueue_many(kind=MailKind.IMPORT_REPORT, key="batch",
    template="members/email/import_report", recipients=Member.objects.all(),
    context_for=lambda m: {"report": {}})
"""
    )
    worker = platform.start_worker()
    assert wait_for(lambda: len(platform.delivered()) >= 500, 120), "the worker sent nothing"
    platform.kill(worker, signal.SIGKILL)
    interrupted = len(platform.delivered())
    assert interrupted < 5000, "the batch finished before the worker was killed"

    platform.start_worker()
    platform.python(
        "from datetime import timedelta; from django.utils import timezone;"
        "from members.services.outbox import outbox_release_stale;"
        "outbox_release_stale(now=timezone.now() + timedelta(hours=1));"
        "from members.tasks import sweep_outbox; sweep_outbox.delay()"
    )
    delivered = wait_for(
        lambda: sum(platform.delivered().values()) >= 5000 and platform.delivered(), 240
    )
    assert len(delivered) == 5000
    duplicates = {address: n for address, n in delivered.items() if n > 1}
    assert not duplicates, f"sent twice after the kill: {duplicates}"


def _all_sent(platform, total: int) -> dict | None:
    delivered = platform.delivered()
    return delivered if sum(delivered.values()) >= total else None


def _answers(platform) -> str:
    code = "from preferendum.models import Answer; print(Answer.objects.count())"
    return platform.python(code).split()[-1]
