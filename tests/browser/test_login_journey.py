"""A member logs in with the code from the e-mail and lands on the home page."""

import re

from playwright.sync_api import expect


def test_member_logs_in_with_the_emailed_code_and_sees_the_home_page(journey, member_factory):
    member = member_factory(first_name="Fatima")
    journey.go("/")
    journey.page.get_by_role("link", name=re.compile("Inloggen")).first.click()
    journey.log_in(member)
    expect(journey.page.locator("h1")).to_be_visible()
    expect(journey.page.get_by_role("button", name="Uitloggen")).to_be_visible()
    journey.screenshot("login-home")
