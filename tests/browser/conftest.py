"""Browser journeys: Playwright (sync API) drives Debian's chromium against a live server.

Every journey runs on a desktop and on a phone-sized viewport (390×844) and leaves a
screenshot of its final page in var/screenshots/. A journey fails when the page logs a
JavaScript error or a Content-Security-Policy violation.
"""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
# in a thread with an event loop unless told that it is safe (it is: nothing is async).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
DEVICES = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
}
SCREENSHOTS = Path(settings.VAR_DIR) / "screenshots"
LOGIN_CODE = re.compile(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", re.M)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("needs /usr/bin/chromium (scripts/test-deps.sh installs it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# The innermost elements whose right edge passes the screen's, to say what to fix.
WIDE_ELEMENTS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.body.querySelectorAll("*")].filter(
    (el) => el.getBoundingClientRect().right > width + 1
  );
  return wide
    .filter((el) => !wide.some((other) => other !== el && el.contains(other)))
    .slice(0, 5)
    .map((el) => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}`
      + `${el.className ? "." + String(el.className).split(" ").join(".") : ""}`
      + ` "${(el.textContent || "").trim().slice(0, 40)}"`);
}"""


@dataclass
class Journey:
    """One browser context on one device, with the problems its pages reported."""

    page: object
    device: str
    base_url: str
    problems: list = field(default_factory=list)

    def go(self, path: str):
        response = self.page.goto(self.base_url + path)
        assert response.status < 400, f"{path} answered {response.status}"
        return response

    def screenshot(self, name: str) -> Path:
        """Keep the final page for people to look at; it must fit the screen's width."""
        self.page.wait_for_load_state("load")  # measured without the style sheets, a page is wide
        overflow = self.page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            wide = self.page.evaluate(WIDE_ELEMENTS)
            self.problems.append(
                f"{name}: the page is {overflow}px wider than the screen; sticking out: {wide}"
            )
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}-{self.device}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def log_in(self, member) -> None:
        """Log in the way a member does: ask for a code by e-mail and type it in."""
        self.go("/accounts/login/code/")
        form = self.page.locator("form:has(input[name=email])")
        form.locator("input[name=email]").fill(member.email)
        form.locator("[type=submit]:not([form])").first.click()
        self.page.wait_for_url(re.compile(r"/accounts/login/code/confirm/"))
        form = self.page.locator("form:has(input[name=code])")
        form.locator("input[name=code]").fill(login_code_for(member.email))
        form.locator("[type=submit]:not([form])").first.click()
        self.page.wait_for_url(lambda url: "/accounts/" not in url)

    def sign_in_as(self, member) -> None:
        """A shortcut for journeys about something else: a session made by the test client."""
        client = Client()
        client.force_login(member)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        self.page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": self.base_url}]
        )

    def use_language(self, language: str) -> None:
        self.page.context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": self.base_url}]
        )


def sent_bodies(to_email: str) -> list[str]:
    """The text of every mail sent to this address, newest first (what the member reads).

    The outbox keeps no body once a mail is sent, so the journeys read the mailbox: the
    test settings' in-memory mail backend, shared with the live server's thread.
    """
    return [m.body for m in reversed(mail.outbox) if to_email in m.to]


def login_code_for(email: str) -> str:
    """The code from the newest login mail sent to this address."""
    for body in sent_bodies(email):
        if found := LOGIN_CODE.search(body):
            return found.group(1)
    raise AssertionError(f"no login mail for {email}")


def _watch(page, problems: list) -> None:
    page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))

    def console(message):
        # Failed loads are reported with their address by response() below.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(f"console error: {message.text}")

    def response(response):
        request = response.request
        # axe-core reads style sheets again by XHR and resolves their @import against the
        # page (Django admin's forms.css imports widgets.css): not a request of the page.
        by_axe = request.resource_type == "xhr" and request.url.endswith(".css")
        if response.status >= 400 and request.resource_type != "document" and not by_axe:
            problems.append(f"{response.status} for {request.resource_type} {request.url}")

    page.on("console", console)
    page.on("response", response)


@pytest.fixture(params=list(DEVICES))
def device(request):
    return request.param


def _new_journey(browser, live_server, device, **options):
    context = browser.new_context(
        locale="nl-NL", timezone_id="Europe/Amsterdam", **DEVICES[device], **options
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    journey = Journey(page=page, device=device, base_url=live_server.url)
    _watch(page, journey.problems)
    return context, journey


@pytest.fixture
def journey_factory(browser, live_server, device, settings):
    """Opens a fresh browser (its own cookies) per person taking part in a journey."""
    settings.SITE_URL = live_server.url
    contexts, journeys = [], []

    def open_journey(**options) -> Journey:
        context, journey = _new_journey(browser, live_server, device, **options)
        contexts.append(context)
        journeys.append(journey)
        return journey

    yield open_journey
    for context in contexts:
        context.close()
    problems = [problem for journey in journeys for problem in journey.problems]
    assert not problems, "the pages reported problems:\n" + "\n".join(problems)


@pytest.fixture
def journey(journey_factory) -> Journey:
    return journey_factory()


AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[str]:
    """Serious and critical WCAG 2.1 AA violations axe-core finds on the current page."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:5])
        for violation in result["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


@pytest.fixture
def axe_journey(journey_factory):
    """A journey whose pages accept injected scripts (axe-core); the CSP is bypassed."""
    if not AXE_SCRIPT.exists():
        pytest.skip("needs node_modules/axe-core (scripts/test-deps.sh runs npm ci)")
    return journey_factory(bypass_csp=True)
