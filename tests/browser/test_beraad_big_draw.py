"""A pool of 10,000 respondents, 200 seats and 7 categories is drawn from the browser: the
request only queues the job, a worker (a thread here) draws, the page shows the progress
and then the outcome, and the report lists 200 panel members."""

import random
import re
import secrets
import threading
from datetime import timedelta

import pytest
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from playwright.sync_api import expect

from beraad.models import CategoryKind, Invitation, PanelCategory, PanelQuota, PanelState
from beraad.services.jobs import draw_job_run
from beraad.services.procedure import panel_close_registration, panel_fix_seed
from members.models import Member
from tests.beraad import scenario
from tests.beraad.factories import PanelFactory
from tests.members.factories import TraitCategoryFactory

POOL, SEATS = 10_000, 200


@pytest.fixture(autouse=True)
def _postgres_only():
    """The job writes while the page polls: SQLite locks the whole table for that."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite locks the table the polling page reads")


CATEGORIES = {
    CategoryKind.GENDER: ["vrouw", "man"],
    CategoryKind.AGE_BAND: ["16-29", "30-44", "45-64", "65+"],
    CategoryKind.MEMBERSHIP: ["0-1", "2-4", "5-9", "10+"],
}
TRAITS = {
    "opleiding": ["mbo", "hbo", "wo"],
    "woonplaats": ["stad", "dorp"],
    "werk": list("abc"),
    "regio": ["noord", "oost", "zuid", "west"],
}


def _categories(panel) -> dict[str, list[str]]:
    values = {}
    for kind, options in CATEGORIES.items():
        values[PanelCategory.objects.create(panel=panel, kind=kind).key] = options
    for slug, options in TRAITS.items():
        trait = TraitCategoryFactory(slug=slug, name=slug, options=options)
        category = PanelCategory.objects.create(panel=panel, kind=CategoryKind.TRAIT, trait=trait)
        values[category.key] = options
    for category in panel.categories.all():
        options = values[category.key]
        share = SEATS / len(options)
        for value in options:
            PanelQuota.objects.create(
                category=category, value=value, min=int(share * 0.7), max=int(share * 1.3) + 1
            )
    return values


def _pool(panel, values) -> None:
    rng = random.Random(7)
    password = make_password(None)
    members = Member.objects.bulk_create(
        Member(email=f"pool{n}@example.org", member_number=f"9{n:07d}", password=password)
        for n in range(POOL)
    )
    now = timezone.now()
    Invitation.objects.bulk_create(
        Invitation(
            panel=panel,
            member=member,
            token=secrets.token_urlsafe(24),
            pseudonym=f"x{n:06d}",
            category_values={key: rng.choice(options) for key, options in values.items()},
            status=Invitation.Status.ACCEPTED,
            consent_at=now,
        )
        for n, member in enumerate(members)
    )


def _worker(monkeypatch) -> list[threading.Thread]:
    """Jobs go to a thread after commit, as to a Celery worker: the request returns first."""
    threads = []

    def run(job_id):
        def work():
            try:
                draw_job_run(job_id=job_id)
            finally:
                connection.close()

        thread = threading.Thread(target=work, daemon=True)
        transaction.on_commit(thread.start)
        threads.append(thread)

    monkeypatch.setattr("beraad.tasks.run_draw_job.delay_on_commit", run)
    return threads


def test_a_pool_of_ten_thousand_is_drawn_in_a_background_job_from_the_browser(
    journey, admin_member, monkeypatch
):
    event = timezone.now() + timedelta(hours=1)
    panel = PanelFactory(
        panel_size=SEATS,
        invitation_count=POOL,
        reserve_size=10,
        state=PanelState.INVITATIONS_SENT,
        draw_date=timezone.localdate(event),
        public_source="Lotto-trekking",
        public_event_at=event,
        draw_announced_at=timezone.now(),
    )
    _pool(panel, _categories(panel))
    panel = scenario.event_passed(panel_close_registration(panel=panel, actor=admin_member))
    panel_fix_seed(panel=panel, actor=admin_member, public_value="5 11 17 23 29 31")
    threads = _worker(monkeypatch)

    journey.sign_in_as(admin_member)
    journey.go(f"/beraad/{panel.pk}/stap/panel-loten/")
    page = journey.page
    page.get_by_label(re.compile("Ik heb dit gecontroleerd")).check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/loting/\d+/$"))
    expect(page.locator("#draw-progress")).to_contain_text("De loting is klaar", timeout=240_000)
    for thread in threads:
        thread.join(timeout=5)
    panel.refresh_from_db()
    assert panel.state == PanelState.PANEL_SELECTED
    page.get_by_role("link", name="Verslag van de loting").click()
    page.wait_for_url(re.compile(r"/verslag/$"))
    expect(page.locator("main")).to_contain_text("10000")
    assert len(panel.selection["result"]["panel"]) == SEATS
    journey.screenshot("beraad-big-draw")
