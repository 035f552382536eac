"""An organiser creates a dialogue; a member and a guest register; a third person waits and is
promoted when the guest cancels; the organiser divides the tables with a moderator."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

from django.utils import timezone
from playwright.sync_api import expect

from events.models import Event, Registration, RegistrationStatus
from members.models import MailKind, OutboxMessage
from tests.browser.conftest import sent_bodies

LINK = re.compile(r"https?://\S+")


def _link_in_mail(to_email: str, path_part: str) -> str:
    for body in sent_bodies(to_email):
        for url in LINK.findall(body):
            if path_part in url:
                return urlsplit(url).path
    raise AssertionError(f"no mail to {to_email} with a link to {path_part}")


def _create_event(journey, branch) -> Event:
    page = journey.page
    journey.go("/activiteiten/nieuw/")
    starts = timezone.localtime() + timedelta(days=5)
    page.get_by_label("Afdeling").select_option(str(branch.pk))
    page.get_by_label("Titel").fill("Gesprek over de buurt")
    page.get_by_label("Soort").select_option("dialoog")
    page.get_by_label("Beschrijving").fill("Samen praten over wat de buurt nodig heeft.")
    page.get_by_label("Begint").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Eindigt").fill((starts + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Adres").fill("Buurthuis De Linde")
    page.get_by_label("Aantal plaatsen").fill("2")
    page.get_by_label("Voor wie").select_option("open")
    page.locator("main form button[type=submit]").last.click()
    page.get_by_role("button", name="Publiceren").click()
    return Event.objects.get(title="Gesprek over de buurt")


def _register_member(journey_factory, member, event, *, moderate=False):
    journey = journey_factory()
    journey.sign_in_as(member)
    journey.go(f"/activiteiten/{event.pk}/")
    if moderate:
        journey.page.get_by_label(re.compile("gespreksleider")).check()
    journey.page.locator("#registration-box button[type=submit]").click()
    expect(journey.page.locator("#registration-status")).to_be_visible()
    return journey


def test_dialogue_fills_up_promotes_from_the_waiting_list_and_gets_tables(
    journey_factory, member_factory, branch
):
    organiser = journey_factory()
    organiser.sign_in_as(member_factory(organises=branch, branch=branch))
    event = _create_event(organiser, branch)

    first = member_factory(branch=branch)
    _register_member(journey_factory, first, event, moderate=True)

    guest = journey_factory()
    guest.go(f"/activiteiten/{event.pk}/")
    guest.page.get_by_role("link", name="Aanmelden als gast").click()
    guest.page.get_by_label("Naam").fill("Gast Gastmans")
    guest.page.get_by_label("E-mailadres").fill("gast@example.net")
    guest.page.wait_for_timeout(3200)  # people take a few seconds; bots do not
    guest.page.locator("main form button[type=submit]").click()
    guest.go(_link_in_mail("gast@example.net", "/gast/bevestigen/"))
    guest.page.get_by_role("button", name="Ja, ik meld me aan").click()
    expect(guest.page.locator("main")).to_contain_text("bevestigd")

    waiting = member_factory(branch=branch)
    third = _register_member(journey_factory, waiting, event)
    expect(third.page.locator("#registration-box")).to_contain_text("wachtlijst")

    guest.go(_link_in_mail("gast@example.net", "/aanmelding/"))
    guest.page.get_by_role("button", name="Ik kan niet: meld me af").click()
    promoted = Registration.objects.get(event=event, member=waiting)
    assert promoted.status == RegistrationStatus.CONFIRMED
    assert OutboxMessage.objects.filter(to_email=waiting.email).exists()

    organiser.go(f"/activiteiten/{event.pk}/tafels/")
    organiser.page.get_by_role("button", name="Automatisch indelen").click()
    organiser.page.get_by_role("button", name=re.compile("Indeling publiceren")).click()
    event.refresh_from_db()
    assert event.table_plan_published_at is not None
    assert event.tables.filter(moderator=first).exists()
    assert OutboxMessage.objects.filter(kind=MailKind.MODERATOR_BRIEF, to_email=first.email)
    organiser.go(f"/activiteiten/{event.pk}/")
    organiser.screenshot("events-tables")
