"""Printed letters as Chromium prints them: one A4 page per letter, the address in the window
of a standard Dutch window envelope (DL/C5-6, window left: 20 mm from the left edge, 50 mm
from the top, 85 x 40 mm)."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from members.models import Member
from tests.beraad import scenario

WINDOW_MM = {"left": 20, "top": 50, "right": 20 + 85, "bottom": 50 + 40}
PX_PER_MM = 96 / 25.4
PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


@pytest.fixture
def print_page(browser, live_server, admin_member):
    context = browser.new_context(locale="nl-NL")
    client = Client()
    client.force_login(admin_member)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page = context.new_page()
    yield lambda path: (page.goto(live_server.url + path), page)[1]
    context.close()


@pytest.fixture
def sent_panel(member_factory, admin_member, chair):
    panel = scenario.sent(member_factory, admin_member, chair)
    for n, invitation in enumerate(panel.invitations.order_by("pk")):
        Member.objects.filter(pk=invitation.member_id).update(
            street="Burgemeester van Roijensingel-Noordzijde",
            house_number=str(100 + n),
            house_number_addition="bis",
            postcode="8011CK",
            city="Zwolle",
        )
    return panel


def _address_boxes_mm(page) -> list[dict]:
    """Each address line's box in mm from the top-left corner of its letter (its page)."""
    page.emulate_media(media="print")
    return page.evaluate(
        """mm => [...document.querySelectorAll('.printed-letter')].flatMap(letter => {
            const origin = letter.getBoundingClientRect();
            return [...letter.querySelectorAll('.address span')].map(line => {
                const box = line.getBoundingClientRect();
                return {text: line.textContent, left: (box.left - origin.left) / mm,
                        top: (box.top - origin.top) / mm, right: (box.right - origin.left) / mm,
                        bottom: (box.bottom - origin.top) / mm};
            });
        })""",
        PX_PER_MM,
    )


def test_each_letter_prints_on_one_a4_page(print_page, sent_panel):
    page = print_page(reverse("beraad:letters-print", args=[sent_panel.pk]))
    pdf = page.pdf(prefer_css_page_size=True)
    assert len(PAGE.findall(pdf)) == sent_panel.invitations.count()


def test_first_letter_starts_at_the_top_of_the_paper(print_page, sent_panel):
    page = print_page(reverse("beraad:letters-print", args=[sent_panel.pk]))
    page.emulate_media(media="print")
    top = page.evaluate(
        "() => document.querySelector('.printed-letter').getBoundingClientRect().top"
    )
    assert top == 0


def test_every_address_line_falls_inside_the_envelope_window(print_page, sent_panel):
    page = print_page(reverse("beraad:letters-print", args=[sent_panel.pk]))
    boxes = _address_boxes_mm(page)
    assert len(boxes) == 3 * sent_panel.invitations.count()
    outside = [
        box
        for box in boxes
        if box["left"] < WINDOW_MM["left"]
        or box["top"] < WINDOW_MM["top"]
        or box["right"] > WINDOW_MM["right"]
        or box["bottom"] > WINDOW_MM["bottom"]
    ]
    assert outside == []


def test_address_block_is_dutch_name_street_and_postcode_with_town(print_page, sent_panel):
    page = print_page(reverse("beraad:letters-print", args=[sent_panel.pk]))
    lines = [box["text"] for box in _address_boxes_mm(page)][:3]
    members = {
        i.member.full_name: i.member for i in sent_panel.invitations.select_related("member")
    }
    member = members[lines[0]]
    assert lines == [
        member.full_name,
        f"Burgemeester van Roijensingel-Noordzijde {member.house_number} bis",
        "8011 CK  ZWOLLE",
    ]
