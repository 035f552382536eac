"""Members answer a round statement by statement (htmx), opt in, and read the results."""

from urllib.parse import urlsplit

from playwright.sync_api import expect

from preferendum import tokens
from preferendum.models import Answer, FollowUpOptIn
from preferendum.services import round_close
from tests.preferendum.factories import RoundFactory
from tests.preferendum.helpers import bulk_answers

CHOICES = ["helemaal eens", "eens", "neutraal", "oneens"]


def _answer_every_statement(page, round_) -> None:
    """Choose an answer per statement and wait until the page says it is saved."""
    for statement, choice in zip(round_.statements.order_by("position"), CHOICES, strict=False):
        fieldset = page.locator(f"#statement-{statement.pk}")
        fieldset.get_by_label(choice, exact=True).check()
        expect(page.locator(f"#statement-{statement.pk} .saved")).to_be_visible()
    expect(page.locator("body")).to_contain_text("4 van 4")


def _count_page_loads(page) -> list:
    loads = []
    page.on("framenavigated", lambda frame: frame == page.main_frame and loads.append(frame.url))
    return loads


def test_member_answers_with_htmx_opts_in_and_reads_the_results(journey, member_factory, branch):
    member = member_factory(branch=branch)
    round_ = RoundFactory(title="Wonen en klimaat")
    journey.log_in(member)
    journey.go("/preferendum/")
    journey.page.get_by_role("link", name="Wonen en klimaat").first.click()
    loads = _count_page_loads(journey.page)
    _answer_every_statement(journey.page, round_)
    journey.page.locator("#id_follow_up").check()
    expect(journey.page.locator("#follow-up")).to_contain_text("Opgeslagen")
    assert loads == [], "answering reloaded the page instead of saving with htmx"
    assert Answer.objects.filter(round=round_, member=member).count() == 4
    assert FollowUpOptIn.objects.filter(round=round_, member=member).exists()

    for statement in round_.statements.all():
        bulk_answers(statement, 12, branch_id=branch.pk)
    round_close(round_=round_)
    journey.go(f"/preferendum/{round_.pk}/uitslag/")
    expect(journey.page.locator("svg.bar").first).to_be_visible()
    expect(journey.page.locator("table").first).to_be_visible()
    journey.screenshot("answering-results")


def test_member_answers_through_the_one_click_link_without_logging_in(journey, member_factory):
    member = member_factory()
    round_ = RoundFactory(title="Onderwijs")
    journey.go(urlsplit(tokens.answer_url(round_, member)).path)
    expect(journey.page.get_by_role("heading", name="Onderwijs")).to_be_visible()
    _answer_every_statement(journey.page, round_)
    assert Answer.objects.filter(round=round_, member=member).count() == 4
    expect(journey.page.get_by_role("link", name="Inloggen")).to_be_visible()
    journey.screenshot("answering-one-click")


def test_member_completes_a_round_with_the_keyboard_only(journey, member_factory):
    """Tab to each statement's answers, Space to choose, then Space on the opt-in."""
    member = member_factory()
    round_ = RoundFactory(title="Zorg")
    journey.sign_in_as(member)
    journey.go(f"/preferendum/{round_.pk}/")
    page, answered = journey.page, set()
    for _ in range(150):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => [document.activeElement.type, document.activeElement.name]")
        if focused[0] == "radio" and focused[1] not in answered:
            page.keyboard.press("Space")
            answered.add(focused[1])
            statement_pk = focused[1].removeprefix("s").removesuffix("-value")
            expect(page.locator(f"#statement-{statement_pk} .saved")).to_be_visible()
        elif focused[1] == "follow_up" and len(answered) == 4:
            page.keyboard.press("Space")
            expect(page.locator("#follow-up")).to_contain_text("Opgeslagen")
            break
    assert Answer.objects.filter(round=round_, member=member).count() == 4
    assert FollowUpOptIn.objects.filter(round=round_, member=member).exists()
    expect(page.locator("body")).to_contain_text("4 van 4")
    journey.screenshot("answering-keyboard")


def test_comment_before_an_answer_asks_for_one_then_the_choice_is_saved(journey, member_factory):
    """Only the statement's status is swapped: typed text and focus stay as they were."""
    member = member_factory()
    round_ = RoundFactory(title="Verkeer")
    journey.sign_in_as(member)
    journey.go(f"/preferendum/{round_.pk}/")
    statement = round_.statements.order_by("position").first()
    fieldset = journey.page.locator(f"#statement-{statement.pk}")
    comment = fieldset.locator("textarea")
    comment.fill("Meer fietspaden")
    comment.blur()  # the change event saves
    expect(fieldset.locator(".answer-status")).to_contain_text("Kies een antwoord.")
    fieldset.get_by_label("eens", exact=True).check()
    expect(fieldset.locator(".answer-status .saved")).to_be_visible()
    expect(fieldset.locator(".answer-status")).not_to_contain_text("Kies een antwoord.")
    expect(comment).to_have_value("Meer fietspaden")
    assert Answer.objects.get(member=member, statement=statement).comment == "Meer fietspaden"
